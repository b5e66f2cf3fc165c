using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Digests;

namespace Justice.Workflows.Common;

/// <summary>
/// The link of a tamper-evident record chain (the engine's journal, a case's timeline, the audit log): an entry's hash
/// is SM3 over the previous entry's hash (32 bytes; <see cref="Genesis"/> for the first) followed by the entry's
/// canonical JSON in UTF-8. Changing an entry changes its hash, which no longer matches what it stores, and removing
/// or reordering entries leaves one whose previous hash is not its predecessor's (docs/engine.md §8).
/// </summary>
public static class HashChain
{
    /// <summary>The previous hash of a chain's first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Length of a hash as text (lower-case hex of SM3's 32 bytes).</summary>
    public const int HashLength = 64;

    const int DigestBytes = 32;

    [ThreadStatic]
    static CanonicalJsonWriter? _writer;

    [ThreadStatic]
    static SM3Digest? _digest;

    /// <summary>The hash of an entry: SM3(previous ‖ canonical JSON written by <paramref name="write"/>).</summary>
    public static string Link<T>(string previousHash, T entry, Action<CanonicalJsonWriter, T> write)
    {
        var writer = _writer ??= new CanonicalJsonWriter();
        writer.Begin();
        write(writer, entry);
        return Hash(previousHash, writer.End());
    }

    /// <summary>The canonical JSON of an entry in UTF-8, as <see cref="Link"/> hashes it (for checking later, away from the entry).</summary>
    public static byte[] Canonical<T>(T entry, Action<CanonicalJsonWriter, T> write)
    {
        var writer = _writer ??= new CanonicalJsonWriter();
        writer.Begin();
        write(writer, entry);
        return writer.End().ToArray();
    }

    /// <summary>SM3(previous hash's 32 bytes ‖ <paramref name="canonical"/>) as lower-case hex.</summary>
    public static string Hash(string previousHash, ReadOnlySpan<byte> canonical)
    {
        Span<byte> previous = stackalloc byte[DigestBytes];
        if (!IsHash(previousHash) || Convert.FromHexString(previousHash, previous, out _, out _) != OperationStatus.Done)
            throw new FormatException($"“{previousHash}” is not a hash of the chain (64 hex digits).");
        var digest = _digest ??= new SM3Digest();
        digest.Reset();
        digest.BlockUpdate(previous);
        digest.BlockUpdate(canonical);
        Span<byte> hash = stackalloc byte[DigestBytes];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SM3 of bytes (a digest over chain heads, for sealing).</summary>
    public static byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = _digest ??= new SM3Digest();
        digest.Reset();
        digest.BlockUpdate(data);
        var hash = new byte[DigestBytes];
        digest.DoFinal(hash);
        return hash;
    }

    /// <summary>An SM3 digest fed piece by piece (a day's chain heads, for sealing).</summary>
    public static Sm3Accumulator Accumulate() => new();

    /// <summary>Whether a stored value has the shape of a hash (64 lower-case hex digits).</summary>
    public static bool IsHash(string? value)
    {
        if (value is not { Length: HashLength })
            return false;
        foreach (var c in value)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
                return false;
        return true;
    }

    /// <summary>
    /// An instant as the chain writes it: UTC, milliseconds, <c>2026-12-04T07:30:00.123Z</c> — exactly what the
    /// database keeps (times are stored as UTC milliseconds), so a time hashes alike before and after a round trip.
    /// </summary>
    public static string FormatTime(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime
            .ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Writes one entry's fields as canonical JSON: one object, fields in the order the entry's type writes them, no
/// whitespace, every character outside printable ASCII (and the HTML-sensitive ones) escaped as <c>\uXXXX</c> — an
/// escaping that depends on no Unicode table, so the same text gives the same bytes on every runtime — numbers in
/// invariant form, times by <see cref="HashChain.FormatTime"/>.
/// </summary>
public sealed class CanonicalJsonWriter
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    readonly ArrayBufferWriter<byte> _buffer = new(1024);
    readonly Utf8JsonWriter _json;

    internal CanonicalJsonWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    internal void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
    }

    internal ReadOnlySpan<byte> End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>A text field; null is written as JSON null. A lone surrogate is written as U+FFFD, as the database stores it.</summary>
    public CanonicalJsonWriter String(string name, string? value)
    {
        if (value is null)
            _json.WriteNull(name);
        else
            _json.WriteString(name, WellFormed(value));
        return this;
    }

    public CanonicalJsonWriter Number(string name, long value)
    {
        _json.WriteNumber(name, value);
        return this;
    }

    public CanonicalJsonWriter Time(string name, DateTimeOffset value) => String(name, HashChain.FormatTime(value));

    static string WellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i]))
                continue;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            return Repair(value);
        }
        return value;
    }

    static string Repair(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsSurrogate(chars[i]))
                continue;
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++;
            else
                chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}

/// <summary>SM3 over text appended in UTF-8, piece by piece, without keeping it.</summary>
public sealed class Sm3Accumulator
{
    readonly SM3Digest _digest = new();

    internal Sm3Accumulator()
    {
    }

    public Sm3Accumulator Append(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        _digest.BlockUpdate(bytes);
        return this;
    }

    /// <summary>The digest (32 bytes); the accumulator starts afresh.</summary>
    public byte[] Finish()
    {
        var hash = new byte[32];
        _digest.DoFinal(hash);
        return hash;
    }
}
