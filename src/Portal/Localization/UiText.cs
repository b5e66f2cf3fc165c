using System.Globalization;

namespace Justice.Portal.Localization;

/// <summary>
/// The portal's words. Chinese is the source text and the default; English is looked up from it,
/// so a page written in Chinese reads completely in English once the culture cookie says <c>en</c>.
/// </summary>
public sealed class UiText
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string chinese] => IsEnglish && English.TryGetValue(chinese, out var english) ? english : chinese;

    public string Format(string chinese, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[chinese], args);

    /// <summary>A date as people read it: 2026年11月26日 in Chinese, ISO in English.</summary>
    public static string Date(DateOnly? date) => date is not { } d ? "—" : IsEnglish ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{d.Year}年{d.Month}月{d.Day}日";

    public static string Money(decimal? amount) => amount is not { } a ? "—" : "¥" + a.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public string Kind(string kind) => this[KindNames.GetValueOrDefault(kind, kind)];

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

    static readonly Dictionary<string, string> English = new()
    {
        ["本案{0}"] = "This case's {0}",
        ["衡阳市司法局 · 业务平台"] = "Hengyang Justice Bureau · Casework",
        ["仲裁 · 公证 · 证明事项告知承诺 · 法律援助"] = "Arbitration · Notarization · Commitment-based certification · Legal aid",
        ["首页"] = "Home",
        ["我的待办"] = "My tasks",
        ["我的案件"] = "My cases",
        ["案件"] = "Cases",
        ["仲裁"] = "Arbitration",
        ["公证"] = "Notarization",
        ["告知承诺"] = "Commitments",
        ["法律援助"] = "Legal aid",
        ["仲裁案件"] = "Arbitration cases",
        ["公证案件"] = "Notary cases",
        ["告知承诺案件"] = "Commitment cases",
        ["法律援助案件"] = "Legal-aid cases",
        ["公证书查验"] = "Verify a certificate",
        ["工作概况"] = "Dashboard",
        ["接口文档"] = "API reference",
        ["注销"] = "Log out",
        ["注册"] = "Register",
        ["登录"] = "Log in",
        ["语言"] = "Language",
        ["通知"] = "Notifications",
        ["角色"] = "Roles",
        ["申请人/当事人"] = "Applicant / party",
        ["仲裁秘书"] = "Case secretary",
        ["仲裁员"] = "Arbitrator",
        ["仲裁委主任"] = "Commission director",
        ["公证员"] = "Notary",
        ["公证员助理"] = "Notary assistant",
        ["公证机构负责人"] = "Notary office head",
        ["法律援助工作人员"] = "Legal-aid officer",
        ["法律援助机构负责人"] = "Legal-aid head",
        ["法律援助人员（律师）"] = "Legal-aid provider (lawyer)",
        ["核查人员"] = "Verifier",
        ["信用管理人员"] = "Credit officer",
        ["案件质量评查人员"] = "Case-quality reviewer",
        ["司法局监督人员"] = "Bureau supervisor",
        ["系统管理员"] = "Administrator",
        ["审计人员"] = "Auditor",
        // Deadlines
        ["剩余 {0} 个工作日"] = "{0} working days left",
        ["剩余 {0} 日"] = "{0} days left",
        ["今日届满"] = "Due today",
        ["逾期 {0} 个工作日"] = "{0} working days overdue",
        ["逾期 {0} 日"] = "{0} days overdue",
        ["已逾期"] = "Overdue",
        ["已中止"] = "Paused",
        ["已中止：{0}"] = "Paused: {0}",
        ["无期限"] = "No deadline",
        ["届满日"] = "Last day",
        // Inbox
        ["期限"] = "Deadline",
        ["任务"] = "Task",
        ["案号"] = "Case number",
        ["类别"] = "Kind",
        ["阶段"] = "Stage",
        ["处理人"] = "Assigned to",
        ["操作"] = "Actions",
        ["办理"] = "Handle",
        ["认领"] = "Claim",
        ["退回"] = "Release",
        ["改派"] = "Reassign",
        ["暂无待办任务。案件进入需要您处理的环节时，任务会出现在这里。"] = "No tasks. When a case reaches a step that needs you, the task appears here.",
        ["共 {0} 项，逾期 {1} 项"] = "{0} tasks, {1} overdue",
        ["角色任务：{0}"] = "Role task: {0}",
        ["未立案"] = "Not yet filed",
        ["处理结果"] = "Decision",
        ["意见"] = "Comment",
        ["提交"] = "Submit",
        ["取消"] = "Cancel",
        ["已完成：{0}"] = "Done: {0}",
        ["请选择处理结果。"] = "Choose a decision.",
        ["改派给（邮箱）"] = "Reassign to (email)",
        ["说明"] = "Instructions",
        ["是"] = "Yes",
        ["否"] = "No",
        // Cases
        ["检索"] = "Search",
        ["案号、当事人或案由"] = "Number, party or matter",
        ["立案日期自"] = "Filed from",
        ["至"] = "to",
        ["状态"] = "Status",
        ["全部"] = "All",
        ["办理中"] = "Open",
        ["已结案"] = "Closed",
        ["当事人"] = "Parties",
        ["案由/事项"] = "Matter",
        ["立案日期"] = "Filed on",
        ["下一期限"] = "Next deadline",
        ["没有符合条件的案件。调整检索条件，或在“在线申请”中提交新的申请。"] = "No matching cases. Change the search, or file a new application.",
        ["每页"] = "Per page",
        // Workspace
        ["案卷"] = "Case file",
        ["当事人信息"] = "Parties",
        ["承办人员"] = "Case team",
        ["进行中的期间"] = "Running periods",
        ["待办"] = "Open tasks",
        ["时间线"] = "Timeline",
        ["文书"] = "Documents",
        ["查看"] = "View",
        ["打印"] = "Print",
        ["下载"] = "Download",
        ["备注"] = "Notes",
        ["添加备注"] = "Add note",
        ["备注内容"] = "Note",
        ["流程"] = "Workflow",
        ["流程实例"] = "Workflow instances",
        ["送达"] = "Service",
        ["暂无文书。"] = "No documents yet.",
        ["暂无进行中的期间。"] = "No running periods.",
        ["暂无待办。"] = "No open tasks.",
        ["暂无记录。"] = "Nothing recorded yet.",
        ["案件不存在，或您无权查看。"] = "The case does not exist or you may not see it.",
        ["标的额"] = "Amount in dispute",
        ["程序"] = "Procedure",
        ["受理日期"] = "Accepted on",
        ["结案日期"] = "Closed on",
        ["结果"] = "Outcome",
        ["申请人"] = "Applicant",
        ["被申请人"] = "Respondent",
        ["第三人"] = "Third party",
        ["代理人"] = "Agent",
        ["编号"] = "Number",
        ["签发时间"] = "Issued",
        ["更正"] = "Corrects",
        // Verify
        ["公证书编号"] = "Certificate number",
        ["查验"] = "Verify",
        ["有效"] = "Valid",
        ["已撤销"] = "Revoked",
        ["查无此证"] = "Unknown",
        ["公证事项"] = "Matter",
        ["出证日期"] = "Issued on",
        ["公证机构"] = "Notary office",
        ["输入公证书上的编号，例如（2026）湘衡证字第0001号，或扫描公证书上的二维码。"] = "Enter the number printed on the certificate, e.g. （2026）湘衡证字第0001号, or scan its QR code.",
        ["该公证书有效。"] = "This certificate is valid.",
        ["该公证书已被撤销，不再具有效力。"] = "This certificate has been revoked and is no longer in force.",
        ["未查到该编号的公证书。请核对编号，或联系出证的公证机构。"] = "No certificate with this number. Check the number or contact the notary office.",
        ["查询过于频繁，请稍后再试。"] = "Too many checks; try again in a minute.",
        // Dashboard
        ["各阶段案件数"] = "Cases per stage",
        ["逾期任务"] = "Overdue tasks",
        ["每月结案数"] = "Cases closed per month",
        ["已出具公证书"] = "Certificates issued",
        ["已核查承诺"] = "Commitments verified",
        ["虚假承诺"] = "False commitments",
        ["办理中案件"] = "Open cases",
        // Accounts
        ["使用本平台账号登录。"] = "Log in with your account.",
        ["邮箱"] = "Email",
        ["密码"] = "Password",
        ["记住我"] = "Remember me",
        ["或"] = "or",
        ["使用通行密钥登录"] = "Log in with a passkey",
        ["忘记密码？"] = "Forgot your password?",
        ["注册新账号"] = "Register a new account",
        ["重新发送确认邮件"] = "Resend the confirmation email",
        ["使用其他服务登录。"] = "Log in with another service.",
        ["错误："] = "Error: ",
        ["错误：邮箱或密码不正确。"] = "Error: wrong email or password.",
        ["账号已锁定"] = "Account locked",
        ["连续登录失败次数过多，账号已暂时锁定，请 15 分钟后再试，或联系管理员。"] = "Too many failed logins: the account is locked for 15 minutes. Try again later or contact the administrator.",
        ["案件类别“{0}”无效。"] = "Unknown case kind “{0}”.",
        ["首席仲裁员"] = "Presiding arbitrator",
    };
}
