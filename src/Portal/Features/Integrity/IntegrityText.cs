using Justice.Casework.Integrity;

namespace Justice.Portal.Features.Integrity;

/// <summary>
/// The integrity report's words, Chinese with English: the page shows the Chinese through the localizer (English from
/// the resource files), the command prints both.
/// </summary>
public static class IntegrityText
{
    public static readonly IReadOnlyDictionary<string, (string Chinese, string English)> Kinds = new Dictionary<string, (string, string)>
    {
        ["journal"] = ("流程日志", "Engine journal"),
        ["timeline"] = ("案件时间线", "Case timeline"),
        ["audit"] = ("审计日志", "Audit log"),
        ["documents"] = ("签发文书、签章文件与电子卷宗", "Issued documents, signed PDFs and case files"),
    };

    /// <summary>What a chain's id names, by kind.</summary>
    public static readonly IReadOnlyDictionary<string, (string Chinese, string English)> ChainNames = new Dictionary<string, (string, string)>
    {
        ["journal"] = ("实例", "instance"),
        ["timeline"] = ("案件", "case"),
        ["audit"] = ("日志", "log"),
        ["documents"] = ("案件", "case"),
    };

    public static readonly IReadOnlyDictionary<string, (string Chinese, string English)> Problems = new Dictionary<string, (string, string)>
    {
        [ProblemCodes.HashMismatch] = ("内容与哈希不符", "content does not match its hash"),
        [ProblemCodes.PreviousHashMismatch] = ("前序哈希不符", "does not link to the entry before it"),
        [ProblemCodes.MissingSequence] = ("序号缺失", "sequence number missing"),
        [ProblemCodes.HeadMismatch] = ("链头不符", "chain head does not match its last entry"),
        [ProblemCodes.Unchained] = ("未入链", "not chained"),
        [ProblemCodes.SealMismatch] = ("日封存不符", "day seal does not match the chain heads"),
        [ProblemCodes.SealSignatureInvalid] = ("日封存签名无效", "day seal signature invalid"),
        [ProblemCodes.SealMissing] = ("缺少日封存", "day seal missing"),
        ["signature-invalid"] = ("签章无效", "signature invalid"),
        ["signer-mismatch"] = ("签章证书与记录不符", "signed by another certificate than recorded"),
        ["manifest-mismatch"] = ("卷宗文件与签章清单不符", "package does not match its sealed manifest"),
    };

    public static readonly IReadOnlyDictionary<string, (string Chinese, string English)> SealNotes = new Dictionary<string, (string, string)>
    {
        [Casework.Integrity.SealNotes.NoKey] = ("每日链头未封存（未配置签名密钥）", "day heads not sealed (no signing key configured)"),
        [Casework.Integrity.SealNotes.SignaturesUnverified] = ("每日封存的签名未验证（未配置签名密钥）", "day seal signatures not verified (no signing key configured)"),
        [Casework.Integrity.SealNotes.NoneSealedYet] = ("尚无封存的日期", "no day sealed yet"),
    };

    public static (string Chinese, string English) Kind(string kind) => Kinds.GetValueOrDefault(kind, (kind, kind));

    public static (string Chinese, string English) ChainName(string kind) => ChainNames.GetValueOrDefault(kind, ("链", "chain"));

    public static (string Chinese, string English) Problem(string code) => Problems.GetValueOrDefault(code, (code, code));

    public static (string Chinese, string English) Note(string note) => SealNotes.GetValueOrDefault(note, (note, note));
}
