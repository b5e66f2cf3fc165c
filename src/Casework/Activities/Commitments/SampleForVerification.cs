using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Common;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Commitments;

/// <summary>
/// Draws whether the commitment is verified and by whom (双随机：随机抽取核查对象、随机选派核查人员). The seed is drawn
/// from a cryptographic generator when the decision is taken, not read from the input, and is recorded with the draw
/// in a staff-only entry of the case and in the audit log so that the draw can be re-checked. The person who accepted the case is never
/// the verifier; the verifier drawn gets the verifier relation, and with it the case and its instances.
/// </summary>
[Activity("Justice", "SampleForVerification", Category = "告知承诺", DisplayName = "随机抽查", Description = "按比例随机抽取核查对象并随机选派核查人员；随机种子在抽查时生成，仅记入工作人员可见的案件记录。")]
[Outcomes("Sampled", "NotSampled")]
public sealed class SampleForVerification : CaseActivity
{
    [Input(DisplayName = "抽查比例", Description = "0–1；空时用规则中的比例。", UIHint = "number")]
    public Input<double?>? Rate { get; set; }

    [Input(DisplayName = "核查人员名单", UIHint = "json")]
    public Input<string[]>? Verifiers { get; set; }

    [Output(DisplayName = "抽查结果", Description = "{sampled, verifier}")]
    public Output<object>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var record = await CaseAsync(context);
        var planner = context.GetRequiredService<PeriodPlanner>();
        var seeds = context.GetService<SamplingSeeds>() ?? new SamplingSeeds();
        var rules = planner.RulesOf(record, planner.Calendar.Today(context.Now));
        var rate = await context.EvaluateAsync(Rate) ?? (rules.Json["sampling"]?["rate"] is { } r ? (double)Justice.Workflows.Expressions.ValueConverter.Number(r) : 0.2);
        var handlers = (await session.MembersAsync(record.Id)).Select(m => m.UserEmail).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pool = VerificationSampler.Eligible((await context.EvaluateAsync(Verifiers) ?? []).Where(v => !handlers.Contains(v.Trim())));
        var seed = seeds.Next();
        var draw = VerificationSampler.Run(seed, rate, pool);
        if (draw.Sampled && draw.Verifier is null)
            throw new WorkflowFaultException("no-verifier", "抽中核查，但核查人员名单中没有可选派的人员。");
        var audit = new JsonObject
        {
            ["seed"] = seed, ["value"] = draw.Value, ["rate"] = rate, ["pool"] = new JsonArray([.. pool.Select(p => (JsonNode)p)]),
            ["sampled"] = draw.Sampled, ["verifier"] = draw.Verifier,
        };
        if (context.GetService<IAuditTrail>() is IAuditTrail trail)
            await trail.RecordAsync(Actor(context), "sampling.draw", record.Number ?? record.Id,
                audit.ToJsonString(WorkflowJson.Compact), context.CancellationToken);
        var verifierName = draw.Verifier is { } picked ? await session.PersonNameAsync(picked, cancellationToken: context.CancellationToken) : null;
        session.Log(record.Id, CaseEntryKinds.Sampling, draw.Sampled ? $"随机抽查：抽中，核查人员 {verifierName}（种子 {seed}）" : $"随机抽查：未抽中（种子 {seed}）",
            Actor(context), audit);
        if (draw.Verifier is { } verifier)
        {
            await session.AddMemberAsync(new CaseMember
            {
                Id = Ulid.NewId(context.Now), CaseId = record.Id, UserEmail = verifier, DisplayName = verifierName, Relation = CaseRelations.Verifier, Note = "随机选派",
            });
        }
        context.JournalData["sampled"] = draw.Sampled;
        context.SetOutput(Result, "result", new JsonObject { ["sampled"] = draw.Sampled, ["verifier"] = draw.Verifier });
        context.Complete(draw.Sampled ? "Sampled" : "NotSampled");
    }
}
