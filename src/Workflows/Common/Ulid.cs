using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Justice.Workflows.Common;

/// <summary>
/// Sortable unique ids (ULID text: 48-bit time, 80 random bits, Crockford base 32), e.g. <c>01JD...</c>.
/// Monotonic within a millisecond: ids made in the same millisecond sort in the order they were made, so rows
/// written by one burst (documents, timeline entries) keep their order.
/// </summary>
public static class Ulid
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    const int RememberedMilliseconds = 4096;
    static readonly Lock Gate = new();
    static readonly Dictionary<long, UInt128> Last = [];
    static readonly Queue<long> Order = new();

    public static string NewId() => NewId(DateTimeOffset.UtcNow);

    public static string NewId(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        UInt128 random;
        lock (Gate)
        {
            // Remembered per millisecond (the clock may be a test's or a demo flow's and move back and forth).
            if (Last.TryGetValue(ms, out var last) && last < (UInt128.One << 80) - 1)
            {
                random = last + 1;
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes[6..]);
                // Leave room above for the ids of the same millisecond that follow.
                bytes[6] &= 0x7F;
                random = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
                Order.Enqueue(ms);
                if (Order.Count > RememberedMilliseconds)
                    Last.Remove(Order.Dequeue());
            }
            Last[ms] = random;
        }
        var value = ((UInt128)(ulong)ms << 80) | random;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
