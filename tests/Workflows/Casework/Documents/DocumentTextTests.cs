using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Casework.Documents;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>
/// The text of issued documents where template text meets data: words the data may or may not already end with
/// (公证, 纠纷, 号) or start with (因, 由) are written once; article numbers come from the case's rule set; amounts,
/// identity numbers, signatures and letterheads as formal documents write them.
/// </summary>
public sealed class DocumentTextTests
{
    static readonly string Models = Path.Combine(AppContext.BaseDirectory, "Casework", "Documents", "Templates");
    static readonly string TemplateFolder = Path.Combine(AppContext.BaseDirectory, "templates");
    static readonly string RuleSetFolder = Path.Combine(AppContext.BaseDirectory, "rule-sets");

    static readonly DocumentRenderer Renderer = new(Options.Create(new DocumentOptions { TemplateFolder = TemplateFolder }));

    static JsonObject Model(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Models, $"{name}.model.json")))!;

    static JsonObject RuleSet(string id) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RuleSetFolder, $"{id}.json")))!;

    static Task<string> RenderAsync(string name, Action<JsonObject> change)
    {
        var model = Model(name);
        change(model);
        return Renderer.RenderAsync(name, model);
    }

    static IEnumerable<string> TemplateNames() => Renderer.List();

    /// <summary>A word written twice in a row where template text meets data that already holds it (由, 公证, 号, an opening bracket).</summary>
    static void AssertNoWordTwice(string html, string word) =>
        Assert.False(html.Contains(word + word, StringComparison.Ordinal), $"「{word}」 is written twice in a row");

    public static TheoryData<string> ArbitrationTemplates() => new(TemplateNames().Where(n => n.StartsWith("arbitration/", StringComparison.Ordinal)));

    public static TheoryData<string> AllTemplates() => new(TemplateNames());

    [Theory]
    [InlineData("由独任仲裁员赵仲裁员")]
    [InlineData("独任仲裁员赵仲裁员")]
    public async Task AwardAndConciliationStatement_SayWhoFormedTheTribunalWithOneYou(string tribunalNames)
    {
        foreach (var name in new[] { "arbitration/award", "arbitration/conciliation-statement" })
        {
            var html = await RenderAsync(name, m => m["tribunal_names"] = tribunalNames);

            Assert.Contains("由独任仲裁员赵仲裁员组成仲裁庭", html);
            AssertNoWordTwice(html, "由");
        }
    }

    [Theory]
    [InlineData("（2026）衡仲字第0001号")]
    [InlineData("（2026）衡仲字第0001")]
    public async Task RecusalDecision_WritesTheCaseNumberWithOneHao(string number)
    {
        var html = await RenderAsync("arbitration/recusal-decision", m => m["record"]!["number"] = number);

        Assert.Contains("（2026）衡仲字第0001号买卖合同纠纷一案中", html);
        AssertNoWordTwice(html, "号");
    }

    [Theory]
    [InlineData("学历公证", "notary/refusal-notice")]
    [InlineData("学历", "notary/refusal-notice")]
    [InlineData("学历公证", "notary/termination-notice")]
    [InlineData("学历", "notary/termination-notice")]
    public async Task NotaryNotices_NameTheMatterWithOneGongzheng(string matter, string name)
    {
        var html = await RenderAsync(name, m => m["data"]!["matter"] = matter);

        Assert.Contains("学历公证", html);
        AssertNoWordTwice(html, "公证");
    }

    [Theory]
    [InlineData("因当事人原因致使该公证事项在六个月内不能办结")]
    [InlineData("当事人原因致使该公证事项在六个月内不能办结")]
    public async Task TerminationNotice_GivesTheReasonWithOneYin(string reason)
    {
        var html = await RenderAsync("notary/termination-notice", m => m["data"]!["reason"] = reason);

        Assert.Contains("，因当事人原因致使该公证事项在六个月内不能办结，", html);
        AssertNoWordTwice(html, "因");
    }

    [Theory]
    [MemberData(nameof(ArbitrationTemplates))]
    public async Task ArbitrationDocuments_NameTheDisputeTypeWithOneJiufen(string name)
    {
        foreach (var type in new[] { "其他合同纠纷", "其他合同" })
        {
            var html = await RenderAsync(name, m => m["record"]!["disputeType"] = type);

            AssertNoWordTwice(html, "纠纷");
            if (html.Contains("其他合同", StringComparison.Ordinal))
                Assert.Contains("其他合同纠纷", html);
        }
    }

    [Theory]
    [InlineData("notary/refusal-notice", "person", "你于2026年11月20日向本处申请办理")]
    [InlineData("notary/refusal-notice", "organization", "你单位于2026年11月20日向本处申请办理")]
    [InlineData("notary/termination-notice", "person", "你申请办理的学历公证")]
    [InlineData("notary/termination-notice", "organization", "你单位申请办理的学历公证")]
    public async Task NotaryNotices_AddressAPersonAsYouAndAnOrganisationAsYourUnit(string name, string partyKind, string expected)
    {
        var html = await RenderAsync(name, m =>
        {
            foreach (var p in m["claimants"]!.AsArray())
                p!["partyKind"] = partyKind;
        });

        Assert.Contains("<p>" + expected, html); // addressed as the party is, not the form's placeholder for either
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task NoDocument_PutsTheCaseNumberInASecondPairOfBrackets(string name)
    {
        var html = await Renderer.RenderAsync(name, Model(name));

        AssertNoWordTwice(html, "（");
        AssertNoWordTwice(html, "号");
    }

    [Fact]
    public async Task Award_NamesThePartysFullIdNumber_AsTheEnforcementTitle()
    {
        var award = await Renderer.RenderAsync("arbitration/award", Model("arbitration/award"));
        var withdrawal = await Renderer.RenderAsync("arbitration/withdrawal-decision", Model("arbitration/withdrawal-decision"));

        Assert.Contains("公民身份号码：430405198506011234", award);
        Assert.Contains("公民身份号码：4304**********1234", withdrawal);
    }

    [Fact]
    public async Task Award_IsSignedByTheArbitrationSecretary()
    {
        var html = await Renderer.RenderAsync("arbitration/award", Model("arbitration/award"));

        Assert.Contains("<div class=\"signature\">独任仲裁员：赵仲裁员<br>仲裁秘书：王秘书</div>", html);
    }

    [Theory]
    [InlineData("arbitration/acceptance-notice", "预交仲裁费用人民币7,107.50元（人民币柒仟壹佰零柒元伍角整），其中案件受理费人民币6,525元，案件处理费人民币1,957.50元")]
    [InlineData("arbitration/withdrawal-decision", "申请人已预交的案件受理费人民币6,525元，退还人民币6,525元（人民币陆仟伍佰贰拾伍元整）")]
    [InlineData("arbitration/award", "本案仲裁费用人民币8,482.50元（人民币捌仟肆佰捌拾贰元伍角整）")]
    [InlineData("notary/termination-notice", "已收取的公证费人民币200元退还其中的人民币100元。")]
    public async Task Documents_WriteAmountsAsRenminbiYuan(string name, string expected)
    {
        var html = await Renderer.RenderAsync(name, Model(name));

        Assert.Contains(expected, html);
        Assert.DoesNotContain('\u00A5', html); // the yen sign is the portal's, not a formal document's
    }

    [Fact]
    public async Task Commitment_StatesWhatTheApplicantCommitsToOnce()
    {
        var html = await Renderer.RenderAsync("commitment/commitment", Model("commitment/commitment"));

        Assert.Contains("<li>本人及共同生活的家庭成员", html);
        Assert.DoesNotContain("本人符合本人", html);
    }

    [Theory]
    [InlineData("legal-aid", "依照《中华人民共和国法律援助法》第六十四条的规定")]
    [InlineData("notary", "依照《中华人民共和国公证法》第四十四条的规定")]
    public async Task CommitmentNotice_NamesTheLiabilityProvisionsOfTheMatter(string parentKind, string expected)
    {
        var html = await RenderAsync("commitment/notice", m => m["record"]!["parentKind"] = parentKind);

        Assert.Contains(expected, html);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void NoTemplate_HardCodesAnArticleNumber(string name)
    {
        var text = File.ReadAllText(Path.Combine(TemplateFolder, name + ".html"));

        Assert.DoesNotMatch(new Regex("第[一二三四五六七八九十百零〇]+条"), text);
    }

    [Fact]
    public void EveryCitationATemplateUses_IsInEveryRuleSetOfItsKind()
    {
        var uses = TemplateNames()
            .SelectMany(n => Regex.Matches(File.ReadAllText(Path.Combine(TemplateFolder, n + ".html")), @"rules\.citations\.(\w+)")
                .Select(m => (Kind: n[..n.IndexOf('/')], Key: m.Groups[1].Value)))
            .Distinct().ToList();
        Assert.NotEmpty(uses);

        foreach (var file in Directory.GetFiles(RuleSetFolder, "*.json"))
        {
            var rules = (JsonObject)JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var (_, key) in uses.Where(u => u.Kind == rules["kind"]!.GetValue<string>()))
                Assert.True(rules["citations"]?[key] is not null, $"{Path.GetFileName(file)} has no citation '{key}'");
        }
    }

    [Fact]
    public void GoldenModels_CarryTheCitationsOfTheirRuleSet()
    {
        foreach (var name in Directory.GetFiles(Models, "*.model.json", SearchOption.AllDirectories))
        {
            var model = (JsonObject)JsonNode.Parse(File.ReadAllText(name))!;
            var rules = RuleSet(model["rules"]!["id"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(rules["citations"], model["rules"]!["citations"]), $"{Path.GetFileName(name)}: citations differ from the rule set");
        }
    }

    [Theory]
    [InlineData("hengyang-arbitration-2017")]
    [InlineData("hengyang-arbitration-2026")]
    public async Task ArbitrationDocuments_CiteTheArticlesOfTheCasesRuleSet(string ruleSetId)
    {
        var citations = RuleSet(ruleSetId)["citations"]!.AsObject();

        var award = await RenderAsync("arbitration/award", m => m["rules"]!["citations"] = citations.DeepClone());
        var acceptance = await RenderAsync("arbitration/acceptance-notice", m => m["rules"]!["citations"] = citations.DeepClone());
        var changed = await RenderAsync("arbitration/acceptance-notice", m => m["rules"]!["citations"]!["acceptanceConditions"] = "《仲裁法（测试版）》第九十九条");

        Assert.Contains($"应当依照{citations["delayedPerformanceInterest"]}的规定", award);
        Assert.Contains($"经审查符合{citations["acceptanceConditions"]}规定的受理条件", acceptance);
        Assert.Contains("经审查符合《仲裁法（测试版）》第九十九条规定的受理条件", changed);
    }
}
