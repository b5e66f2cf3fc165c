using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Persistence;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// A case keeps the copy of its rule set made on acceptance; a copy made before a citation was added to that version
/// lacks it, and its documents take it from the shipped file of the same version instead of printing an empty article.
/// </summary>
public sealed class RuleCitationFallbackTests : EngineTest
{
    static JsonObject AcceptThenCorrectTheAward => Definition("citation-fallback",
        [Activity("create", "Justice.CreateCase", ("kind", Literal("arbitration", "String")), ("title", Literal("引用回退测试", "String")),
             ("parties", Literal(new JsonArray(new JsonObject { ["side"] = "claimant", ["name"] = "甲" }, new JsonObject { ["side"] = "respondent", ["name"] = "乙" }), "Object"))),
         Activity("accept", "Justice.AcceptCase"),
         Activity("wait", "Justice.UserTask", ("title", Literal("制作补正裁决书", "String")), ("role", Literal("secretary", "String"))),
         Activity("correctionDoc", "Justice.IssueDocument", ("template", Literal("arbitration/award-correction", "String")), ("title", Literal("补正裁决书", "String")),
             ("data", Js("({ awardNumber: '（2026）衡仲裁字第0001号', awardDate: '2026-11-20', request: '', correction: '第三项中的“32,000元”应为“23,000元”' })")))],
        [("create", "Done", "accept"), ("accept", "Done", "wait"), ("wait", "Done", "correctionDoc")]);

    [Fact]
    public async Task StoredRuleCopyWithoutTheAwardCorrectionCitation_CitesTheShippedVersionsArticle()
    {
        var instance = await Host.RunAsync(AcceptThenCorrectTheAward);
        var caseId = instance.CorrelationId!;
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync())
        {
            var record = await db.Cases.SingleAsync(c => c.Id == caseId);
            var copy = JsonNode.Parse(record.RuleSetJson!)!.AsObject();
            Assert.True(copy["citations"]!.AsObject().Remove("awardCorrection")); // as kept by a case accepted before the key was added
            record.RuleSetJson = copy.ToJsonString();
            await db.SaveChangesAsync();
        }
        var task = Assert.Single((await Host.TaskStore.ListOpenTasksAsync(["secretary"], null, [caseId], 1, 10)).Items);

        Assert.IsType<TaskCompletion.Completed>(await Host.Services.GetRequiredService<TaskService>().CompleteAsync(task.Id, new TaskUser("s@x", ["secretary"]), "Done", null, null));

        var document = Assert.Single(await Host.Services.GetRequiredService<ICaseStore>().GetDocumentsAsync(caseId));
        Assert.Contains("依照《中华人民共和国仲裁法》第五十六条及《衡阳仲裁委员会仲裁规则》的规定", document.Html);
    }

    [Fact]
    public void CitationsTheCaseKept_StayAsKept_AndAnotherVersionLendsNone()
    {
        static Justice.Casework.Rules.RuleSet Rules(string id, JsonObject citations) => new(new JsonObject { ["id"] = id, ["citations"] = citations });
        var kept = Rules("v1", new JsonObject { ["rejection"] = "第二十四条（留存）" });

        kept.AddMissingCitations(Rules("v2", new JsonObject { ["awardCorrection"] = "第九十九条" }));
        kept.AddMissingCitations(Rules("v1", new JsonObject { ["rejection"] = "第二十四条", ["awardCorrection"] = "第五十六条" }));

        Assert.Equal(("第二十四条（留存）", "第五十六条"), (kept.Json["citations"]!["rejection"]!.GetValue<string>(), kept.Json["citations"]!["awardCorrection"]!.GetValue<string>()));
    }
}
