using System.Diagnostics;
using Justice.Casework.Documents.Pdf;
using Justice.Casework.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Benchmarks;

/// <summary>
/// The cost of issuing documents as signed PDFs: setting each golden document as a PDF, signing it (PAdES with the SM2
/// seal signature inside) and checking the signature, over <c>rounds</c> rounds of every golden document; medians per
/// document, and the sizes.
/// </summary>
static class DocumentBench
{
    public static int Run(int rounds)
    {
        var root = FindRepository();
        var goldens = Directory.GetFiles(Path.Combine(root, "tests", "Workflows"), "*.expected.html", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order().ToList();
        var fonts = DocumentFonts.Install(new PdfFontOptions());
        var composer = new PdfComposer(fonts);
        var keyFolder = Path.Combine(Path.GetTempPath(), "justice-bench-keys", Guid.NewGuid().ToString("N"));
        var ring = new OfficeKeyRing(Options.Create(new SigningOptions { KeyFolder = keyFolder, Passphrase = "bench" }), TimeProvider.System, NullLogger<OfficeKeyRing>.Instance);
        var pdfKey = ring.Current("衡阳仲裁委员会", KeyPurpose.Pdf);
        var sealKey = ring.Current("衡阳仲裁委员会", KeyPurpose.Seal);

        var compose = new List<double>();
        var sign = new List<double>();
        var check = new List<double>();
        var sizes = new List<int>();
        var pages = new List<int>();
        // One warm-up round (fonts read, code jitted) that is not counted.
        for (var round = -1; round < rounds; round++)
        {
            foreach (var file in goldens)
            {
                var html = File.ReadAllText(file);
                var watch = Stopwatch.StartNew();
                var composed = composer.Compose(html, Path.GetFileName(file), null, new SealStamp("衡阳仲裁委员会", "电子签章", "2026-12-07 10:00"),
                    new VerificationMark("https://sfj.hengyang.example/verify?number=X&h=0123ABCD", "扫描二维码查验本文书。", "验证码：0123ABCD"));
                var composedAt = watch.Elapsed.TotalMilliseconds;
                var pageCount = composed.Document.PageCount;
                var pdf = PdfSigner.Sign(composed.Document, composed.SealPage, composed.SealRect, pdfKey, sealKey, DateTimeOffset.UtcNow, "签发");
                var signedAt = watch.Elapsed.TotalMilliseconds;
                var report = PdfSignatureCheck.Check(pdf);
                var checkedAt = watch.Elapsed.TotalMilliseconds;
                if (report.State != PdfSignatureState.Intact)
                    throw new InvalidOperationException($"{file}: {report.Reason}");
                if (round < 0)
                    continue;
                compose.Add(composedAt);
                sign.Add(signedAt - composedAt);
                check.Add(checkedAt - signedAt);
                sizes.Add(pdf.Length);
                pages.Add(pageCount);
            }
        }
        Directory.Delete(keyFolder, true);
        Console.WriteLine($"Signed PDFs: {goldens.Count} golden documents × {rounds} rounds");
        Console.WriteLine($"{"",-28}{"median",10}{"p95",10}");
        Row("set as PDF (ms)", compose);
        Row("sign: PAdES + SM2 (ms)", sign);
        Row("check signature (ms)", check);
        Row("PDF size (KB)", sizes.Select(s => s / 1024.0).ToList());
        Row("pages", pages.Select(p => (double)p).ToList());
        return 0;
    }

    static void Row(string name, List<double> values)
    {
        values.Sort();
        Console.WriteLine($"{name,-28}{values[values.Count / 2],10:0.0}{values[(int)(values.Count * 0.95)],10:0.0}");
    }

    static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Justice.Workflow.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Run from inside the repository.");
    }
}
