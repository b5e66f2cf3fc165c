using System.Text;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime.State;

namespace Justice.Workflows.Tests.Common;

/// <summary>The chain's link: SM3 as the standard has it, and a canonical form that does not move.</summary>
public sealed class HashChainTests
{
    static JournalRecord Entry(DateTimeOffset at) => new()
    {
        InstanceId = "01JEXAMPLE0000000000000000",
        Sequence = 2,
        Timestamp = at,
        ActivityId = "review",
        ActivityType = "Justice.UserTask",
        Event = "Completed",
        OutcomesJson = """["通过"]""",
        DataJson = """{"comment":"同意<b>"}""",
    };

    [Fact]
    public void Sm3_OfAbc_IsTheStandardsTestVector()
    {
        // GB/T 32905-2016, example 1.
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(HashChain.Sm3("abc"u8)));
    }

    [Fact]
    public void Canonical_JournalEntry_IsFixedFieldOrderUtcMillisecondsAndAsciiEscapes()
    {
        var canonical = Encoding.ASCII.GetString(HashChain.Canonical(Entry(new DateTimeOffset(2026, 12, 4, 15, 30, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567)), JournalRecord.WriteCanonical));

        Assert.Equal(
            """{"instanceId":"01JEXAMPLE0000000000000000","sequence":2,"timestamp":"2026-12-04T07:30:00.123Z","activityId":"review","activityType":"Justice.UserTask","event":"Completed","outcomes":"[\u0022\u901A\u8FC7\u0022]","data":"{\u0022comment\u0022:\u0022\u540C\u610F\u003Cb\u003E\u0022}"}""",
            canonical);
    }

    [Fact]
    public void Link_IsSm3OfThePreviousHashAndTheCanonicalJson_AndDoesNotMove()
    {
        var entry = Entry(new DateTimeOffset(2026, 12, 4, 7, 30, 0, 123, TimeSpan.Zero));
        var canonical = HashChain.Canonical(entry, JournalRecord.WriteCanonical);

        var hash = entry.Link(HashChain.Genesis);

        Assert.Equal(Convert.ToHexStringLower(HashChain.Sm3([.. new byte[32], .. canonical])), hash);
        // Pinned (and computed apart with OpenSSL's SM3): a change to the canonical form breaks every chain already written.
        Assert.Equal("c976118edd1523a494a9725b30626f05d0c82a5c980998839775692345965a3e", hash);
        Assert.Equal((HashChain.Genesis, hash), (entry.PreviousHash, entry.Hash));
    }

    [Fact]
    public void Canonical_TimeWithAnOffsetAndTicks_EqualsTheTimeAsTheDatabaseGivesItBack()
    {
        var inMemory = new DateTimeOffset(2026, 12, 4, 15, 30, 0, 123, TimeSpan.FromHours(8)).AddTicks(9999);
        var stored = DateTimeOffset.FromUnixTimeMilliseconds(inMemory.ToUnixTimeMilliseconds());

        Assert.Equal(HashChain.Canonical(Entry(inMemory), JournalRecord.WriteCanonical), HashChain.Canonical(Entry(stored), JournalRecord.WriteCanonical));
    }

    [Fact]
    public void Canonical_LoneSurrogate_IsWrittenAsTheReplacementCharacter_AsTheDatabaseStoresIt()
    {
        CaseEntry Line(string title) => new() { Id = "e1", CaseId = "c1", Kind = "note", Title = title, Sequence = 1 };

        var broken = HashChain.Canonical(Line("备注\uD800"), CaseEntry.WriteCanonical);
        var stored = HashChain.Canonical(Line(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("备注\uD800"))), CaseEntry.WriteCanonical);

        Assert.Equal(stored, broken);
        Assert.Contains("\\uFFFD", Encoding.ASCII.GetString(broken));
    }

    [Fact]
    public void Canonical_NullAndEmpty_AreDifferent()
    {
        CaseEntry Line(string? actor) => new() { Id = "e1", CaseId = "c1", Kind = "note", Title = "t", Actor = actor, Sequence = 1 };

        Assert.NotEqual(HashChain.Canonical(Line(null), CaseEntry.WriteCanonical), HashChain.Canonical(Line(""), CaseEntry.WriteCanonical));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("A56436F91EF95FE3E97C9B0B6BEBD7E13E9CC6C3AC02E7F8FD8CD2F3F3EA40A2", false)]
    [InlineData("a56436f91ef95fe3e97c9b0b6bebd7e13e9cc6c3ac02e7f8fd8cd2f3f3ea40a", false)]
    public void IsHash_AcceptsOnly64LowerCaseHexDigits(string value, bool expected) => Assert.Equal(expected, HashChain.IsHash(value));
}
