using System.Buffers.Binary;

namespace Justice.Casework.Documents.Pdf;

/// <summary>
/// One face of a TrueType collection (<c>.ttc</c>) repacked as a standalone TrueType font, because the PDF library reads
/// single fonts only. The tables are copied as they are (offsets rewritten, each table padded to four bytes).
/// </summary>
static class FontFace
{
    public static byte[] Extract(byte[] file, int index)
    {
        if (file.Length < 12 || file[0] != (byte)'t' || file[1] != (byte)'t' || file[2] != (byte)'c' || file[3] != (byte)'f')
            return file;
        var count = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8));
        if (index < 0 || index >= count)
            throw new InvalidOperationException($"字体集合中没有第 {index} 个字体（共 {count} 个）。");
        var start = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(12 + 4 * index));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(start + 4));
        var records = new (uint Tag, uint Checksum, int Offset, int Length)[tables];
        for (var i = 0; i < tables; i++)
        {
            var r = file.AsSpan(start + 12 + 16 * i);
            records[i] = (BinaryPrimitives.ReadUInt32BigEndian(r), BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                BinaryPrimitives.ReadInt32BigEndian(r[8..]), BinaryPrimitives.ReadInt32BigEndian(r[12..]));
        }
        var size = 12 + 16 * tables + records.Sum(r => (r.Length + 3) & ~3);
        var font = new byte[size];
        file.AsSpan(start, 12).CopyTo(font);
        var offset = 12 + 16 * tables;
        for (var i = 0; i < tables; i++)
        {
            var (tag, checksum, from, length) = records[i];
            var r = font.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(r, tag);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], checksum);
            BinaryPrimitives.WriteInt32BigEndian(r[8..], offset);
            BinaryPrimitives.WriteInt32BigEndian(r[12..], length);
            file.AsSpan(from, length).CopyTo(font.AsSpan(offset));
            offset += (length + 3) & ~3;
        }
        return font;
    }

    /// <summary>The characters a TrueType font maps (its Unicode cmap, formats 4 and 12), to fall back per character.</summary>
    public static HashSet<int> Coverage(byte[] font)
    {
        var covered = new HashSet<int>();
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var cmap = -1;
        for (var i = 0; i < tables; i++)
            if (BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + 16 * i)) == 0x636D6170) // 'cmap'
                cmap = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(12 + 16 * i + 8));
        if (cmap < 0)
            return covered;
        var subtables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(cmap + 2));
        for (var i = 0; i < subtables; i++)
        {
            var record = font.AsSpan(cmap + 4 + 8 * i);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
            if (!(platform == 3 && encoding is 1 or 10) && platform != 0)
                continue;
            var at = cmap + BinaryPrimitives.ReadInt32BigEndian(record[4..]);
            var format = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
            if (format == 4)
            {
                var segments = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 6)) / 2;
                for (var s = 0; s < segments; s++)
                {
                    var end = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 14 + 2 * s));
                    var begin = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 16 + 2 * segments + 2 * s));
                    for (var c = begin; c <= end && c != 0xFFFF; c++)
                        covered.Add(c);
                }
            }
            else if (format == 12)
            {
                var groups = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(at + 12));
                for (var g = 0; g < groups; g++)
                {
                    var begin = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(at + 16 + 12 * g));
                    var end = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(at + 20 + 12 * g));
                    for (var c = begin; c <= end; c++)
                        covered.Add(c);
                }
            }
        }
        return covered;
    }
}
