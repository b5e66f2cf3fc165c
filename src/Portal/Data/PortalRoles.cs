namespace Justice.Portal.Data;

/// <summary>The bureau's roles (docs/domain/roles.md §1) as role names, with the Chinese name users see.</summary>
public static class PortalRoles
{
    public const string Applicant = "applicant";
    public const string Secretary = "secretary";
    public const string Arbitrator = "arbitrator";
    public const string Director = "director";
    public const string Notary = "notary";
    public const string NotaryAssistant = "notary-assistant";
    public const string NotaryHead = "notary-head";
    public const string LegalAidOfficer = "legalaid-officer";
    public const string LegalAidHead = "legalaid-head";
    public const string LegalAidProvider = "legalaid-provider";
    public const string Verifier = "verifier";
    public const string CreditOfficer = "credit-officer";
    public const string Reviewer = "reviewer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        [Applicant] = "申请人/当事人",
        [Secretary] = "仲裁秘书",
        [Arbitrator] = "仲裁员",
        [Director] = "仲裁委主任",
        [Notary] = "公证员",
        [NotaryAssistant] = "公证员助理",
        [NotaryHead] = "公证处负责人",
        [LegalAidOfficer] = "法律援助工作人员",
        [LegalAidHead] = "法律援助机构负责人",
        [LegalAidProvider] = "法律援助人员（律师）",
        [Verifier] = "核查人员",
        [CreditOfficer] = "信用管理人员",
        [Reviewer] = "案件质量评查人员",
        [Supervisor] = "司法局监督人员",
        [Admin] = "系统管理员",
        [Auditor] = "审计人员",
    };

    public static IEnumerable<string> All => DisplayNames.Keys;
}
