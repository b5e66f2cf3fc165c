using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Justice.Workflows.Runtime;

/// <summary>Sortable unique ids (ULID text: 48-bit time, 80 random bits, Crockford base 32), e.g. <c>01JD...</c>.</summary>
public static class Ulid
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewId() => NewId(DateTimeOffset.UtcNow);

    public static string NewId(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)time.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }
        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[26];
        var value = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
