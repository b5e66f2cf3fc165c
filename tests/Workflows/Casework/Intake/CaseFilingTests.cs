using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Intake;
using Justice.Casework.Persistence;
using Justice.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Casework.Intake;

/// <summary>
/// An application's files are recorded in the burst that opens its case: the case, its parties and the attachment
/// entries are committed together, and a burst that fails leaves none of them (and no file behind).
/// </summary>
public sealed class CaseFilingTests
{
    static readonly JsonObject Application = Definition("filing-test",
        [Activity("create", "Justice.CreateCase", ("title", Literal("甲与乙买卖合同纠纷", "String")),
            ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "claimant", ["name"] = "甲", ["userEmail"] = "applicant@filing.test" }), "Object")))],
        []);

    static readonly FiledAttachment[] Files =
    [
        new("合同.pdf", "%PDF-1.7 contract"u8.ToArray(), "证据"),
        new("收据.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], "证据"),
    ];

    static async Task<(WorkflowTestHost Host, string Uploads)> HostAsync()
    {
        var host = await WorkflowTestHost.CreateAsync();
        await host.PublishAsync(Application);
        return (host, Path.Combine(host.Folder, "uploads"));
    }

    [Fact]
    public async Task StartAsync_WithFiles_WritesTheirEntriesWithTheCase()
    {
        var (host, uploads) = await HostAsync();
        await using var _ = host;

        var instance = await host.Services.GetRequiredService<CaseFiling>().StartAsync("filing-test", [], "applicant@filing.test", Files, uploads);

        var caseId = instance!.CorrelationId!;
        var entries = await host.Services.GetRequiredService<ICaseStore>().GetEntriesAsync(caseId);
        Assert.Equal(["收到申请：甲与乙买卖合同纠纷", "上传证据：合同.pdf", "上传证据：收据.png"], entries.Select(e => e.Title));
        var attachment = entries[1];
        Assert.Equal(("attachment", "applicant@filing.test"), (attachment.Kind, attachment.Actor));
        var data = JsonNode.Parse(attachment.DataJson)!;
        Assert.Equal("application/pdf", data["contentType"]!.GetValue<string>());
        Assert.Equal(attachment.Id + ".pdf", data["file"]!.GetValue<string>());
        Assert.Equal(Files[0].Content, await File.ReadAllBytesAsync(Path.Combine(uploads, caseId, attachment.Id + ".pdf")));
    }

    [Fact]
    public async Task StartAsync_WhenTheBurstFailsToWrite_LeavesNeitherCaseNorEntries()
    {
        var (host, uploads) = await HostAsync();
        await using var _ = host;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync(host.IsPostgres
                ? """
                  CREATE FUNCTION refuse_attachments() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
                  CREATE TRIGGER refuse_attachments BEFORE INSERT ON "CaseEntries" FOR EACH ROW WHEN (NEW."Kind" = 'attachment') EXECUTE FUNCTION refuse_attachments();
                  """
                : "CREATE TRIGGER refuse_attachments BEFORE INSERT ON CaseEntries WHEN NEW.Kind = 'attachment' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        await Assert.ThrowsAnyAsync<Exception>(() => host.Services.GetRequiredService<CaseFiling>().StartAsync("filing-test", [], "applicant@filing.test", Files, uploads));

        await AssertNothingWrittenAsync(host, uploads);
    }

    [Fact]
    public async Task StartAsync_WhenTheFilesCannotBeKept_LeavesNeitherCaseNorEntries()
    {
        var (host, uploads) = await HostAsync();
        await using var _ = host;
        await File.WriteAllTextAsync(uploads, "a file where the uploads folder should be");

        await Assert.ThrowsAnyAsync<IOException>(() => host.Services.GetRequiredService<CaseFiling>().StartAsync("filing-test", [], "applicant@filing.test", Files, uploads));

        await AssertNothingWrittenAsync(host, uploads);
    }

    static async Task AssertNothingWrittenAsync(WorkflowTestHost host, string uploads)
    {
        await using var cases = await host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        Assert.Equal((0, 0, 0), (await cases.Cases.CountAsync(), await cases.CaseParties.CountAsync(), await cases.CaseEntries.CountAsync()));
        await using var engine = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await engine.Instances.CountAsync());
        Assert.Empty(Directory.Exists(uploads) ? Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories) : []);
    }
}
