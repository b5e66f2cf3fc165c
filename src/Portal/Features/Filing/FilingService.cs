using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Records;
using Justice.Casework.Rules;
using Justice.Casework.Cases;
using Justice.Casework.Intake;
using Justice.Portal.Data;
using Justice.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Features.Filing;

/// <summary>The applicant as the filing form collects them (a person; companies file through their representative's account).</summary>
public sealed class FilingPerson
{
    [Required(ErrorMessage = "请填写姓名。"), StringLength(50)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "请填写身份证号码。")]
    public string IdNumber { get; set; } = "";

    [Required(ErrorMessage = "请填写住址。"), StringLength(200)]
    public string Address { get; set; } = "";

    [Required(ErrorMessage = "请填写联系电话。"), RegularExpression(@"^[0-9\-+ ]{7,20}$", ErrorMessage = "联系电话格式不正确。")]
    public string Phone { get; set; } = "";
}

public sealed class ArbitrationFiling
{
    public FilingPerson Claimant { get; set; } = new();

    /// <summary><c>person</c> or <c>organization</c>.</summary>
    public string RespondentKind { get; set; } = "organization";

    [Required(ErrorMessage = "请填写被申请人名称或姓名。"), StringLength(100)]
    public string RespondentName { get; set; } = "";

    /// <summary>ID number of a person, unified social credit code of an organization.</summary>
    [Required(ErrorMessage = "请填写被申请人的身份证号码或统一社会信用代码。")]
    public string RespondentCode { get; set; } = "";

    public string? RespondentRepresentative { get; set; }

    [Required(ErrorMessage = "请填写被申请人住所。"), StringLength(200)]
    public string RespondentAddress { get; set; } = "";

    [Required(ErrorMessage = "请选择纠纷类型。")]
    public string DisputeType { get; set; } = "";

    [Required(ErrorMessage = "请填写仲裁请求。"), StringLength(4000)]
    public string Claims { get; set; } = "";

    [Required(ErrorMessage = "请填写事实与理由。"), StringLength(8000)]
    public string Facts { get; set; } = "";

    [Range(typeof(decimal), "1", "100000000000", ErrorMessage = "请求金额应大于 0。")]
    public decimal? Amount { get; set; }
}

public sealed class NotaryFiling
{
    public FilingPerson Applicant { get; set; } = new();

    [Required(ErrorMessage = "请选择公证事项。")]
    public string Matter { get; set; } = "";

    [Required(ErrorMessage = "请填写用途。"), StringLength(100)]
    public string Purpose { get; set; } = "";

    public bool CommitmentRoute { get; set; }
}

public sealed class LegalAidFiling
{
    public FilingPerson Applicant { get; set; } = new();

    [Required(ErrorMessage = "请填写申请援助的事项。"), StringLength(200)]
    public string Matter { get; set; } = "";

    public string Category { get; set; } = "民事";

    public string Form { get; set; } = "民事诉讼代理";

    /// <summary>Exempt from the means test (Legal Aid Law Art. 42), or an economic-hardship commitment.</summary>
    public bool Exempt { get; set; }
}

/// <summary>An uploaded file, checked and held in memory until the case it belongs to exists.</summary>
public sealed record Upload(string FileName, string ContentType, byte[] Content, string Label);

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFiles { get; set; } = 5;

    public string[] Extensions { get; set; } = [".pdf", ".jpg", ".jpeg", ".png"];
}

/// <summary>
/// Online filing by applicants: checks the form and the files, starts the kind's published process with the applicant as party,
/// assigns the least-loaded staff member, and keeps the uploads with the case (an attachment entry on its timeline, written
/// with the case by <see cref="CaseFiling"/>).
/// </summary>
public sealed class FilingService(CaseFiling filing, IntakeQueries intake, UserManager<ApplicationUser> users,
    RuleSetProvider rules, StatutoryCalendar calendar, TimeProvider clock, Microsoft.Extensions.Options.IOptions<UploadOptions> uploadOptions,
    IConfiguration configuration, IWebHostEnvironment environment)
{
    public static readonly string[] DisputeTypes = ["买卖合同", "民间借贷", "建设工程施工合同", "房屋租赁合同", "服务合同", "物业服务合同", "股权转让", "其他合同纠纷"];

    public UploadOptions Uploads => uploadOptions.Value;

    /// <summary>The notarial matters offered, from the rule set in force (its fee list).</summary>
    public IReadOnlyList<string> NotaryMatters()
    {
        var set = rules.InForce(CaseKinds.Notary, Today);
        return (set.Json["fees"]?["items"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
    }

    DateOnly Today => calendar.Today(clock.GetUtcNow());

    /// <summary>Whether the commitment route may be offered: a listed matter and no false-commitment record in force.</summary>
    public async Task<(bool Eligible, string? Reason)> CommitmentEligibilityAsync(string matter, string idNumber, CancellationToken cancellationToken = default)
    {
        var set = rules.InForce(CaseKinds.Notary, Today);
        var matters = (set.Json["commitmentMatters"] as JsonArray)?.Select(m => m?.GetValue<string>()).ToList() ?? [];
        if (!matters.Contains(matter))
            return (false, "该公证事项不适用告知承诺制，请按要求提交证明材料。");
        if (await intake.HasDishonestyAsync(idNumber, Today, cancellationToken))
            return (false, "您有尚未修复的虚假承诺记录，暂不能选择告知承诺方式。");
        return (true, null);
    }

    /// <summary>Problems of an uploaded file, or null when it may be kept.</summary>
    public string? CheckUpload(string fileName, long size, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Uploads.Extensions.Contains(extension))
            return $"“{fileName}”的类型不允许：只接受 {string.Join("、", Uploads.Extensions)} 文件。";
        if (size > Uploads.MaxBytes)
            return $"“{fileName}”超过 {Uploads.MaxBytes / 1024 / 1024} MB 的大小限制。";
        if (size == 0)
            return $"“{fileName}”是空文件。";
        var magicOk = extension switch
        {
            ".pdf" => head.StartsWith("%PDF"u8),
            ".png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]),
            ".jpg" or ".jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            _ => true,
        };
        return magicOk ? null : $"“{fileName}”的内容与其扩展名不符，请上传真实的 {extension.TrimStart('.').ToUpperInvariant()} 文件。";
    }

    public static IReadOnlyList<string> CheckPerson(FilingPerson person, string label)
    {
        var problems = new List<string>();
        if (!ChineseIdentity.IsValidResidentId(person.IdNumber.Trim().ToUpperInvariant()))
            problems.Add($"{label}的身份证号码无效（18 位，末位校验码需正确）。");
        return problems;
    }

    public async Task<string> FileArbitrationAsync(string userEmail, ArbitrationFiling form, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken = default)
    {
        var problems = CheckPerson(form.Claimant, "申请人").ToList();
        var code = form.RespondentCode.Trim().ToUpperInvariant();
        if (form.RespondentKind == "person" ? !ChineseIdentity.IsValidResidentId(code) : !ChineseIdentity.IsValidCreditCode(code))
            problems.Add(form.RespondentKind == "person" ? "被申请人的身份证号码无效。" : "被申请人的统一社会信用代码无效（18 位，末位校验码需正确）。");
        ThrowIfAny(problems);
        var claimant = Person(form.Claimant, userEmail);
        claimant["side"] = PartySides.Claimant;
        var respondent = form.RespondentKind == "person"
            ? new JsonObject { ["name"] = form.RespondentName.Trim(), ["idNumber"] = code, ["address"] = form.RespondentAddress.Trim() }
            : new JsonObject { ["partyKind"] = "organization", ["name"] = form.RespondentName.Trim(), ["creditCode"] = code, ["representative"] = form.RespondentRepresentative?.Trim(), ["address"] = form.RespondentAddress.Trim() };
        respondent["side"] = PartySides.Respondent;
        var (secretary, secretaryName) = await LeastLoadedAsync(PortalRoles.Secretary, CaseRelations.Secretary, cancellationToken);
        var input = new JsonObject
        {
            ["Title"] = $"{claimant["name"]}与{respondent["name"]}{form.DisputeType}纠纷",
            ["DisputeType"] = form.DisputeType,
            ["Claims"] = form.Claims.Trim(),
            ["Facts"] = form.Facts.Trim(),
            ["Amount"] = form.Amount ?? 0,
            ["FiledOn"] = Today.ToString("yyyy-MM-dd"),
            ["Secretary"] = secretary,
            ["SecretaryName"] = secretaryName,
            ["ReviewerPool"] = new JsonArray([.. (await EmailsInRoleAsync(PortalRoles.Reviewer)).Select(r => (JsonNode)r!)]),
            ["Parties"] = new JsonArray(claimant, respondent),
        };
        return await StartAsync("arbitration-case", input, userEmail, uploads, cancellationToken);
    }

    public async Task<string> FileNotaryAsync(string userEmail, NotaryFiling form, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken = default)
    {
        ThrowIfAny(CheckPerson(form.Applicant, "申请人"));
        if (!NotaryMatters().Contains(form.Matter))
            ThrowIfAny([$"公证事项“{form.Matter}”不在本处受理范围内。"]);
        if (form.CommitmentRoute && await CommitmentEligibilityAsync(form.Matter, form.Applicant.IdNumber, cancellationToken) is (false, var reason))
            ThrowIfAny([reason!]);
        var (notary, notaryName) = await LeastLoadedAsync(PortalRoles.Notary, CaseRelations.Notary, cancellationToken);
        var input = new JsonObject
        {
            ["Applicant"] = Person(form.Applicant, userEmail),
            ["Matter"] = form.Matter,
            ["Purpose"] = form.Purpose.Trim(),
            ["Channel"] = "online",
            ["FiledOn"] = Today.ToString("yyyy-MM-dd"),
            ["Notary"] = notary,
            ["NotaryName"] = notaryName,
            ["CommitmentRoute"] = form.CommitmentRoute,
            ["Verifiers"] = new JsonArray([.. (await EmailsInRoleAsync(PortalRoles.Verifier)).Select(v => (JsonNode)v!)]),
        };
        return await StartAsync("notary-application", input, userEmail, uploads, cancellationToken);
    }

    public async Task<string> FileLegalAidAsync(string userEmail, LegalAidFiling form, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken = default)
    {
        ThrowIfAny(CheckPerson(form.Applicant, "申请人"));
        // A false-commitment record bars only the commitment route (Legal Aid Law Art. 41): the process refuses that route
        // and asks for proof of hardship, so the application itself is still received.
        var input = new JsonObject
        {
            ["Applicant"] = Person(form.Applicant, userEmail),
            ["Matter"] = form.Matter.Trim(),
            ["Category"] = form.Category,
            ["Form"] = form.Form,
            ["Exempt"] = form.Exempt,
            ["FiledOn"] = Today.ToString("yyyy-MM-dd"),
            ["Verifiers"] = new JsonArray([.. (await EmailsInRoleAsync(PortalRoles.Verifier)).Select(v => (JsonNode)v!)]),
        };
        return await StartAsync("legal-aid-application", input, userEmail, uploads, cancellationToken);
    }

    static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
            throw new FilingException(problems);
    }

    static JsonObject Person(FilingPerson person, string userEmail)
    {
        var id = person.IdNumber.Trim().ToUpperInvariant();
        return new JsonObject
        {
            ["name"] = person.Name.Trim(),
            // The 17th digit of a resident ID is odd for men, even for women.
            ["gender"] = (id[16] - '0') % 2 == 1 ? "男" : "女",
            ["birthDate"] = $"{id[6..10]}-{id[10..12]}-{id[12..14]}",
            ["idNumber"] = id,
            ["address"] = person.Address.Trim(),
            ["phone"] = person.Phone.Trim(),
            ["userEmail"] = userEmail.ToLowerInvariant(),
        };
    }

    async Task<string> StartAsync(string definitionId, JsonObject input, string userEmail, IReadOnlyList<Upload> uploads, CancellationToken cancellationToken)
    {
        if (uploads.Count > Uploads.MaxFiles)
            ThrowIfAny([$"最多上传 {Uploads.MaxFiles} 个文件。"]);
        // The uploads are written with the case, in the burst that opens it.
        var attachments = uploads.Select(u => new FiledAttachment(u.FileName, u.Content, u.Label)).ToList();
        var instance = await filing.StartAsync(definitionId, input, userEmail, attachments, UploadFolder, cancellationToken)
            ?? throw new FilingException(["该业务暂未开放在线申请（流程尚未发布），请联系管理员。"]);
        if (instance.SubStatus == WorkflowSubStatus.Faulted || instance.CorrelationId is null)
            throw new FilingException(["申请未能提交：流程出错，工作人员会尽快处理。请稍后再试。"]);
        return instance.CorrelationId;
    }

    /// <summary>The media type of a checked upload, from its extension — never what the browser claimed.</summary>
    public static string ContentTypeOf(string fileName) => FiledAttachment.ContentTypeOf(fileName);

    public string UploadFolder => Path.Combine(PortalPaths.DataFolder(configuration, environment.ContentRootPath), "uploads");

    async Task<List<string>> EmailsInRoleAsync(string role) =>
        (await users.GetUsersInRoleAsync(role)).Select(u => u.Email!.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();

    /// <summary>The holder of <paramref name="role"/> with the fewest active cases in <paramref name="relation"/>.</summary>
    async Task<(string Email, string Name)> LeastLoadedAsync(string role, string relation, CancellationToken cancellationToken)
    {
        var candidates = (await users.GetUsersInRoleAsync(role)).Where(u => u.Email is not null && (u.LockoutEnd is null || u.LockoutEnd < clock.GetUtcNow())).ToList();
        if (candidates.Count == 0)
            throw new FilingException([$"暂无可以承办的工作人员（{role}），请联系管理员。"]);
        var load = await intake.ActiveCaseLoadAsync(relation, cancellationToken);
        var chosen = candidates.OrderBy(u => load.GetValueOrDefault(u.Email!.ToLowerInvariant())).ThenBy(u => u.Email, StringComparer.Ordinal).First();
        // Named as a person: the account's full name (the engine looks it up again when it records the member).
        return (chosen.Email!.ToLowerInvariant(), string.IsNullOrWhiteSpace(chosen.FullName) ? chosen.Email!.ToLowerInvariant() : chosen.FullName.Trim());
    }
}

/// <summary>What is wrong with a filing, in words the applicant can act on.</summary>
public sealed class FilingException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
