using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Justice.Casework.Documents.Pdf;

/// <summary>
/// The fonts documents are set in: a Song (Ming) face for the text and a Hei face for titles and for the characters the
/// Song face lacks. Both are TrueType fonts whose licences allow embedding (AR PL UMing: Arphic Public License;
/// WenQuanYi Zen Hei: GPL with the font-embedding exception), installed from Debian's packages
/// <c>fonts-arphic-uming</c> and <c>fonts-wqy-zenhei</c>; only the glyphs used are embedded.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Song = "JusticeSong";
    public const string Hei = "JusticeHei";

    static readonly object Gate = new();
    static DocumentFonts? _installed;

    readonly Dictionary<string, (string Path, int Face)> _faces;
    readonly ConcurrentDictionary<string, byte[]> _data = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, HashSet<int>> _coverage = new(StringComparer.Ordinal);

    DocumentFonts(PdfFontOptions options)
    {
        _faces = new(StringComparer.Ordinal)
        {
            [Song] = (options.SongFile, options.SongFace),
            [Hei] = (options.HeiFile, options.HeiFace),
        };
    }

    /// <summary>
    /// The process-wide resolver (the PDF library accepts one for the life of the process): the first call installs it
    /// with its options, later calls get the same instance.
    /// </summary>
    public static DocumentFonts Install(PdfFontOptions options)
    {
        lock (Gate)
        {
            if (_installed is not null)
                return _installed;
            var fonts = new DocumentFonts(options);
            GlobalFontSettings.FontResolver = fonts;
            return _installed = fonts;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(_faces.ContainsKey(familyName) ? familyName : Song, bold ? XStyleSimulations.BoldSimulation : XStyleSimulations.None);

    public byte[]? GetFont(string faceName) => _data.GetOrAdd(faceName, name =>
    {
        var (path, face) = _faces[name];
        if (!File.Exists(path))
            throw new PdfUnavailableException($"找不到文书字体文件 {path}，暂时不能生成 PDF。请管理员安装 fonts-arphic-uming 和 fonts-wqy-zenhei，或在 Documents:Fonts 中指定字体文件。");
        return FontFace.Extract(File.ReadAllBytes(path), face);
    });

    /// <summary>Whether the face has a glyph for the character (else the text falls back to the Hei face).</summary>
    public bool Covers(string faceName, int codePoint) =>
        _coverage.GetOrAdd(faceName, name => FontFace.Coverage(GetFont(name)!)).Contains(codePoint);
}

/// <summary><c>Documents:Fonts</c>: the font files of the PDF documents.</summary>
public sealed class PdfFontOptions
{
    public string SongFile { get; set; } = "/usr/share/fonts/truetype/arphic/uming.ttc";
    public int SongFace { get; set; }
    public string HeiFile { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    public int HeiFace { get; set; }
}

/// <summary>The PDF of a document cannot be made on this machine (e.g. its fonts are missing); the message says why, in Chinese.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);
