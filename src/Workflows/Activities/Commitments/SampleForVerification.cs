using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Justice.Workflows.Activities.Cases;
using Justice.Workflows.Cases;
using Justice.Workflows.Runtime;

namespace Justice.Workflows.Activities.Commitments;

/// <summary>
/// Draws whether the commitment is verified and by whom (双随机：随机抽取核查对象、随机选派核查人员), from a seed
/// that is recorded on the case so the draw can be reproduced. The person who accepted the case is never the verifier.
/// </summary>
[Activity("Justice", "SampleForVerification", Category = "告知承诺", DisplayName = "随机抽查", Description = "按比例随机抽取核查对象并随机选派核查人员，记录随机种子。")]
[Outcomes("Sampled", "NotSampled")]
public sealed class SampleForVerification : CaseActivity
{
    [Input(DisplayName = "抽查比例", Description = "0–1；空时用规则中的比例。", UIHint = "number")]
    public Input<double?>? Rate { get; set; }

    [Input(DisplayName = "核查人员名单", UIHint = "json")]
    public Input<string[]>? Verifiers { get; set; }

    [Input(DisplayName = "随机种子", Description = "空时随机生成并记录。", UIHint = "number")]
    public Input<int?>? Seed { get; set; }

    [Output(DisplayName = "抽查结果", Description = "{seed, value, sampled, verifier, rate}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var planner = (PeriodPlanner)context.Services.GetService(typeof(PeriodPlanner))!;
        var rules = planner.RulesOf(record, planner.Calendar.Today(context.Now));
        var rate = await context.EvaluateAsync(Rate) ?? (rules.Json["sampling"]?["rate"] is { } r ? (double)Expressions.ValueConverter.Number(r) : 0.2);
        var seed = await context.EvaluateAsync(Seed) ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var handlers = (await session.MembersAsync(record.Id)).Select(m => m.UserEmail).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pool = (await context.EvaluateAsync(Verifiers) ?? []).Where(v => !handlers.Contains(v.Trim()));
        var draw = VerificationSampler.Run(seed, rate, pool);
        if (draw.Sampled && draw.Verifier is null)
            throw new WorkflowFaultException("no-verifier", "抽中核查，但核查人员名单中没有可选派的人员。");
        var result = new JsonObject { ["seed"] = seed, ["value"] = draw.Value, ["sampled"] = draw.Sampled, ["verifier"] = draw.Verifier, ["rate"] = rate };
        var fields = JsonNode.Parse(record.FieldsJson) as JsonObject ?? [];
        fields["sampling"] = result.DeepClone();
        record.FieldsJson = fields.ToJsonString(Justice.Workflows.Definitions.DefinitionJson.CompactOptions);
        session.Update(record);
        session.Log(record.Id, "decision", draw.Sampled ? $"随机抽查：抽中，核查人员 {draw.Verifier}（种子 {seed}）" : $"随机抽查：未抽中（种子 {seed}）", Actor(context), result.DeepClone().AsObject());
        context.JournalData["seed"] = seed;
        context.JournalData["sampled"] = draw.Sampled;
        context.SetOutput(Result, "result", result);
        context.Complete(draw.Sampled ? "Sampled" : "NotSampled");
    }
}
