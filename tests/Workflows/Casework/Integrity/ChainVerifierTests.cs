using Justice.Casework.Integrity;
using Justice.Casework.Records;
using Justice.Workflows.Common;

namespace Justice.Workflows.Tests.Casework.Integrity;

/// <summary>The check of one kind of chain: where a changed, removed or reordered entry is reported.</summary>
public sealed class ChainVerifierTests
{
    static List<CaseEntry> Timeline(string caseId, int count)
    {
        var lines = new List<CaseEntry>();
        var hash = HashChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var line = new CaseEntry
            {
                Id = $"{caseId}-e{i}", CaseId = caseId, At = new DateTimeOffset(2026, 12, 1, 8, i, 0, TimeSpan.Zero), Actor = "secretary@bureau.test",
                Kind = "decision", Title = $"第{i}项决定", DataJson = $$"""{"n":{{i}}}""",
            };
            hash = line.Link(i, hash);
            lines.Add(line);
        }
        return lines;
    }

    static ChainLink Link(CaseEntry e, string? recordedHead = null) =>
        new(e.CaseId, e.Sequence, e.Id, e.At, e.PreviousHash, e.Hash, HashChain.Canonical(e, CaseEntry.WriteCanonical), recordedHead);

    static IntegrityResult Verify(IEnumerable<ChainLink> links)
    {
        var verifier = new ChainVerifier("timeline", "CaseEntries");
        foreach (var link in links)
            verifier.Add(link);
        verifier.Finish();
        return verifier.Result();
    }

    [Fact]
    public void ChainOfThree_Verifies()
    {
        var result = Verify(Timeline("c1", 3).Select(e => Link(e)));

        Assert.True(result.IsIntact);
        Assert.Equal((1L, 3L), (result.Chains, result.Entries));
    }

    [Fact]
    public void SecondEntryEdited_ReportsTheSecondEntry_NotTheThird()
    {
        var lines = Timeline("c1", 3);
        lines[1].DataJson = """{"n":20}""";

        var problem = Assert.Single(Verify(lines.Select(e => Link(e))).Problems);

        Assert.Equal(("c1", 2L, "c1-e2", ProblemCodes.HashMismatch), (problem.ChainId, problem.Sequence, problem.EntryId, problem.Code));
        Assert.Equal(lines[1].Hash, problem.Expected);
    }

    [Fact]
    public void SecondEntryDeleted_ReportsTheGapAtTheEntryAfterIt()
    {
        var lines = Timeline("c1", 3);
        lines.RemoveAt(1);

        var problem = Assert.Single(Verify(lines.Select(e => Link(e))).Problems);

        Assert.Equal((3L, ProblemCodes.MissingSequence, "2", "3"), (problem.Sequence, problem.Code, problem.Expected, problem.Found));
    }

    [Fact]
    public void EntriesSwappedAndRenumbered_AreDetectedAtTheFirstMovedEntry()
    {
        var lines = Timeline("c1", 3);
        (lines[1].Sequence, lines[2].Sequence) = (3, 2);

        var problem = Assert.Single(Verify(lines.OrderBy(e => e.Sequence).Select(e => Link(e))).Problems);

        Assert.Equal((2L, "c1-e3", ProblemCodes.PreviousHashMismatch), (problem.Sequence, problem.EntryId, problem.Code));
    }

    [Fact]
    public void EntryRehashedAfterAnEdit_BreaksTheLinkOfTheNextEntry()
    {
        var lines = Timeline("c1", 3);
        lines[1].Title = "改过的决定";
        lines[1].Link(2, lines[0].Hash!);

        var problem = Assert.Single(Verify(lines.Select(e => Link(e))).Problems);

        Assert.Equal((3L, ProblemCodes.PreviousHashMismatch), (problem.Sequence, problem.Code));
    }

    [Fact]
    public void LastEntryCutOff_IsReportedAgainstTheHeadKeptBesideTheChain()
    {
        var lines = Timeline("c1", 3);
        var head = lines[^1].Hash;

        var problem = Assert.Single(Verify(lines.Take(2).Select(e => Link(e, head))).Problems);

        Assert.Equal((2L, ProblemCodes.HeadMismatch, lines[1].Hash, head), (problem.Sequence, problem.Code, problem.Expected, problem.Found));
    }

    [Fact]
    public void ChainWithoutEntriesButAHead_IsReported()
    {
        var result = Verify([new ChainLink("i1", 0, null, default, null, null, null, Timeline("x", 1)[0].Hash)]);

        Assert.Equal(ProblemCodes.HeadMismatch, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void ManyChains_OnlyTheBrokenOneIsReported_WithItsFirstBrokenEntry()
    {
        var first = Timeline("c1", 4);
        var second = Timeline("c2", 4);
        var third = Timeline("c3", 4);
        second[1].Title = "改";
        second[2].Title = "也改";

        var result = Verify(first.Concat(second).Concat(third).Select(e => Link(e)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("c2", 2L), (problem.ChainId, problem.Sequence));
        Assert.Equal((3L, 12L, 1L), (result.Chains, result.Entries, result.BrokenChains));
    }

    [Fact]
    public void EntryWithoutHash_IsReportedAsUnchained()
    {
        var lines = Timeline("c1", 2);
        lines[1].Hash = null;

        Assert.Equal(ProblemCodes.Unchained, Assert.Single(Verify(lines.Select(e => Link(e))).Problems).Code);
    }
}
