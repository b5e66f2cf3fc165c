using Justice.Portal.Demo;
using Justice.Portal.Features.Filing;
using Justice.Workflows.Persistence;
using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Filing;

/// <summary>Online filing: what is refused and why, what is kept, and the commitment route's eligibility.</summary>
public sealed class FilingTests : IAsyncLifetime
{
    readonly PortalFactory _factory = new();
    AsyncServiceScope _scope;
    FilingService _filing = default!;

    static readonly string ValidId = ChineseIdentity.ResidentId("430405", new DateOnly(1988, 6, 1), 57);

    public async Task InitializeAsync()
    {
        await _factory.ClientAsync();
        _scope = _factory.Services.CreateAsyncScope();
        _filing = _scope.ServiceProvider.GetRequiredService<FilingService>();
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _factory.DisposeAsync();
    }

    static FilingPerson Person(string id) => new() { Name = "罗建平", IdNumber = id, Address = "湖南省衡阳市珠晖区东风路1号", Phone = "13907340001" };

    [Theory]
    [InlineData("协议.pdf", "%PDF-1.7", null)]
    [InlineData("照片.JPG", "\xFF\xD8\xFF\xE0", null)]
    [InlineData("协议.docx", "PK", "类型不允许")]
    [InlineData("协议.pdf", "hello", "内容与其扩展名不符")]
    [InlineData("空.pdf", "", "空文件")]
    public void Uploads_AreCheckedByExtensionSizeAndContent(string name, string head, string? problem)
    {
        var bytes = head.Select(c => (byte)c).ToArray();
        var result = _filing.CheckUpload(name, bytes.Length, bytes);
        if (problem is null)
            Assert.Null(result);
        else
            Assert.Contains(problem, result);
    }

    [Fact]
    public void Uploads_OverTheLimit_AreRefusedWithTheLimitNamed()
    {
        var result = _filing.CheckUpload("大文件.pdf", _filing.Uploads.MaxBytes + 1, "%PDF"u8);
        Assert.Contains("10 MB", result);
    }

    [Fact]
    public async Task ArbitrationFiling_WithInvalidIdentifiers_IsRefusedWithEveryProblem()
    {
        var form = new ArbitrationFiling
        {
            Claimant = Person("430405198806010000"),
            RespondentKind = "organization", RespondentName = "衡阳市某某有限公司", RespondentCode = "91430400XXXXXXXX00", RespondentAddress = "衡阳市",
            DisputeType = "买卖合同", Claims = "支付货款", Facts = "未付款", Amount = 1000,
        };

        var error = await Assert.ThrowsAsync<FilingException>(() => _filing.FileArbitrationAsync("applicant@demo.justice.local", form, []));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("申请人的身份证号码无效"));
        Assert.Contains(error.Problems, p => p.Contains("统一社会信用代码无效"));
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Cases.AnyAsync(c => !c.IsDemo), "nothing is filed when the form is refused");
    }

    [Fact]
    public async Task ArbitrationFiling_StartsTheCase_WithTheApplicantAsClaimant_AndKeepsTheFiles()
    {
        var form = new ArbitrationFiling
        {
            Claimant = Person(ValidId),
            RespondentKind = "organization", RespondentName = "衡阳市湘江物流有限公司", RespondentCode = ChineseIdentity.CreditCode("430408", "MA4L0002"),
            RespondentRepresentative = "欧阳明", RespondentAddress = "湖南省衡阳市蒸湘区长丰大道3号",
            DisputeType = "服务合同", Claims = "1. 支付服务费5,000元", Facts = "被申请人未付服务费。", Amount = 5000,
        };
        var pdf = "%PDF-1.4 test"u8.ToArray();

        var caseId = await _filing.FileArbitrationAsync("Applicant@Demo.Justice.Local", form, [new Upload("合同.pdf", "application/pdf", pdf, "仲裁协议")]);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var record = await db.Cases.SingleAsync(c => c.Id == caseId);
        Assert.Equal(CaseKinds.Arbitration, record.Kind);
        var claimant = await db.CaseParties.SingleAsync(p => p.CaseId == caseId && p.Side == PartySides.Claimant);
        Assert.Equal("applicant@demo.justice.local", claimant.UserEmail);
        Assert.Equal("男", claimant.Gender);
        Assert.True(await db.CaseMembers.AnyAsync(m => m.CaseId == caseId && m.Relation == CaseRelations.Secretary && m.Active));
        var attachment = await db.CaseEntries.SingleAsync(e => e.CaseId == caseId && e.Kind == "attachment");
        var file = System.Text.Json.Nodes.JsonNode.Parse(attachment.DataJson)!["file"]!.GetValue<string>();
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(_filing.UploadFolder, caseId, file)));
    }

    [Fact]
    public async Task Upload_KeepsTheTypeOfItsCheckedExtension_NotWhatTheBrowserClaimed()
    {
        var form = new ArbitrationFiling
        {
            Claimant = Person(ValidId),
            RespondentKind = "organization", RespondentName = "衡阳市湘江物流有限公司", RespondentCode = ChineseIdentity.CreditCode("430408", "MA4L0002"),
            RespondentRepresentative = "欧阳明", RespondentAddress = "湖南省衡阳市蒸湘区长丰大道3号",
            DisputeType = "服务合同", Claims = "支付服务费", Facts = "未付。", Amount = 5000,
        };

        var caseId = await _filing.FileArbitrationAsync("applicant@demo.justice.local", form, [new Upload("合同.pdf", "text/html", "%PDF-1.4 <script>"u8.ToArray(), "仲裁协议")]);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var attachment = await db.CaseEntries.SingleAsync(e => e.CaseId == caseId && e.Kind == "attachment");
        Assert.Equal("application/pdf", System.Text.Json.Nodes.JsonNode.Parse(attachment.DataJson)!["contentType"]!.GetValue<string>());
        var applicant = await _factory.ClientAsync("applicant");
        var served = await applicant.GetAsync($"/api/cases/{caseId}/attachments/{attachment.Id}");
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task CommitmentRoute_IsOffered_OnlyForListedMatters_AndNotToSomeoneWithAFalseCommitmentOnRecord()
    {
        Assert.True((await _filing.CommitmentEligibilityAsync("出生公证", ValidId)).Eligible);
        var notListed = await _filing.CommitmentEligibilityAsync("委托书公证", ValidId);
        Assert.False(notListed.Eligible);
        Assert.Contains("不适用告知承诺制", notListed.Reason);

        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
        {
            db.CreditRecords.Add(new CreditRecord
            {
                Id = "credit-test", SubjectId = ValidId, SubjectName = "罗建平", Act = "虚假承诺", RecordedOn = new DateOnly(2026, 1, 5), ValidUntil = new DateOnly(2031, 1, 5),
            });
            await db.SaveChangesAsync();
        }

        var barred = await _filing.CommitmentEligibilityAsync("出生公证", ValidId);
        Assert.False(barred.Eligible);
        Assert.Contains("虚假承诺记录", barred.Reason);
        var filing = new NotaryFiling { Applicant = Person(ValidId), Matter = "出生公证", Purpose = "出国", CommitmentRoute = true };
        var error = await Assert.ThrowsAsync<FilingException>(() => _filing.FileNotaryAsync("applicant@demo.justice.local", filing, []));
        Assert.Contains("虚假承诺记录", error.Message);
    }

    [Fact]
    public async Task LegalAidFiling_WithAFalseCommitmentOnRecord_IsStillReceived_ByTheOrdinaryRoute()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
        {
            db.CreditRecords.Add(new CreditRecord
            {
                Id = "credit-aid", SubjectId = ValidId, SubjectName = "罗建平", Act = "虚假承诺", RecordedOn = new DateOnly(2026, 1, 5), ValidUntil = new DateOnly(2031, 1, 5),
            });
            await db.SaveChangesAsync();
        }

        var caseId = await _filing.FileLegalAidAsync("applicant@demo.justice.local", new LegalAidFiling { Applicant = Person(ValidId), Matter = "追索劳动报酬" }, []);

        var cases = _scope.ServiceProvider.GetRequiredService<ICaseStore>();
        var record = await cases.FindAsync(caseId);
        Assert.NotNull(record);
        Assert.Equal(CaseKinds.LegalAid, record.Kind);
        await using var check = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        Assert.Contains(await check.Cases.Where(c => c.Kind == CaseKinds.Commitment).ToListAsync(), c => c.Outcome == "不适用告知承诺");
    }
}
