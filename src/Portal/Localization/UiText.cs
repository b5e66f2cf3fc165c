using System.Globalization;
using Microsoft.Extensions.Localization;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Localization;

/// <summary>
/// How the portal writes for people: Chinese is the source text and the default; pages write <c>T["…"]</c> with
/// <c>T</c> an <see cref="IStringLocalizer{SharedResource}"/>, and the English comes from <c>SharedResource.en.resx</c>
/// once the culture cookie says <c>en</c>. Dates, amounts and the names of kinds, roles and relations are here.
/// </summary>
public static class UiText
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the reader's language with its placeholders filled (<c>T.Format("…{0}…", n)</c>).</summary>
    public static string Format(this IStringLocalizer localizer, string chinese, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, localizer[chinese], args);

    /// <summary>The name of a case kind (arbitration, notary, …) in the reader's language.</summary>
    public static string Kind(this IStringLocalizer localizer, string kind) => localizer[KindNames.GetValueOrDefault(kind, kind)];

    /// <summary>A date as people read it: 2026年11月26日 in Chinese, ISO in English.</summary>
    public static string Date(DateOnly? date) => date is not { } d ? "—" : IsEnglish ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{d.Year}年{d.Month}月{d.Day}日";

    public static string Money(decimal? amount) => amount is not { } a ? "—" : "¥" + a.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        ["arbitration"] = "仲裁",
        ["notary"] = "公证",
        ["commitment"] = "告知承诺",
        ["legal-aid"] = "法律援助",
    };

    public static readonly IReadOnlyDictionary<string, string> RoleNames = new Dictionary<string, string>
    {
        ["applicant"] = "申请人/当事人",
        ["secretary"] = "仲裁秘书",
        ["arbitrator"] = "仲裁员",
        ["director"] = "仲裁委主任",
        ["notary"] = "公证员",
        ["notary-assistant"] = "公证员助理",
        ["notary-head"] = "公证机构负责人",
        ["legalaid-officer"] = "法律援助工作人员",
        ["legalaid-head"] = "法律援助机构负责人",
        ["legalaid-provider"] = "法律援助人员（律师）",
        ["verifier"] = "核查人员",
        ["credit-officer"] = "信用管理人员",
        ["reviewer"] = "案件质量评查人员",
        ["supervisor"] = "司法局监督人员",
        ["admin"] = "系统管理员",
        ["auditor"] = "审计人员",
    };

    public static readonly IReadOnlyDictionary<string, string> RelationNames = new Dictionary<string, string>
    {
        ["secretary"] = "仲裁秘书",
        ["arbitrator"] = "仲裁员",
        ["presiding-arbitrator"] = "首席仲裁员",
        ["director"] = "仲裁委主任",
        ["reviewer"] = "案件质量评查人员",
        ["notary"] = "公证员",
        ["provider"] = "法律援助人员（律师）",
        ["verifier"] = "核查人员",
    };
}
