using System.Text.Json.Nodes;
using Justice.Casework.Activities.Cases;
using Justice.Casework.Cases;
using Justice.Casework.Records;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.Model;

namespace Justice.Casework.Activities.Arbitration;

/// <summary>
/// Conflict check of an arbitrator before appointment (Arb. Law Art. 34): the arbitrator must not be a party or
/// an agent, nor already hold another role in the case, nor have declared a relation to a party.
/// </summary>
[Activity("Justice", "CheckConflict", Category = "仲裁", DisplayName = "利益冲突审查", Description = "审查仲裁员与当事人、代理人和本案其他人员的关系。")]
[Outcomes("Clear", "Conflict")]
public sealed class CheckConflict : CaseActivity
{
    [Input(DisplayName = "仲裁员（邮箱）", Description = "一名或多名。", UIHint = "json")]
    public Input<string[]>? Arbitrators { get; set; }

    [Input(DisplayName = "披露的关系", Description = "仲裁员声明/披露书中列出的当事人或代理人名称。", UIHint = "json")]
    public Input<string[]>? Declared { get; set; }

    [Output(DisplayName = "冲突原因")]
    public Output<string>? Result { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var session = context.Cases();
        var caseId = await CaseIdAsync(context);
        var arbitrators = (await context.EvaluateAsync(Arbitrators) ?? []).Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).ToList();
        var declared = await context.EvaluateAsync(Declared) ?? [];
        var parties = await session.PartiesAsync(caseId);
        var members = await session.MembersAsync(caseId);
        var reasons = new List<string>();
        var names = new Dictionary<string, string>();
        foreach (var arbitrator in arbitrators)
            names[arbitrator] = await session.PersonNameAsync(arbitrator, cancellationToken: context.CancellationToken);
        foreach (var arbitrator in arbitrators)
        {
            var name = names[arbitrator];
            foreach (var party in parties)
            {
                if (Same(arbitrator, party.UserEmail) || Same(arbitrator, party.AgentEmail))
                    reasons.Add($"{name} 是本案当事人或代理人（{party.Name}）");
            }
            if (members.Any(m => m.Active && m.UserEmail == arbitrator && !CaseRelations.IsTribunal(m.Relation)))
                reasons.Add($"{name} 在本案中担任其他职务");
        }
        foreach (var party in parties)
        {
            if (declared.Any(d => d.Contains(party.Name, StringComparison.Ordinal) || (party.AgentName is { } agent && d.Contains(agent, StringComparison.Ordinal))))
                reasons.Add($"披露与{party.Name}有关系");
        }
        var conflict = string.Join("；", reasons.Distinct());
        session.Log(caseId, "decision", reasons.Count == 0 ? $"利益冲突审查：{string.Join("、", arbitrators.Select(a => names[a]))} 无冲突" : $"利益冲突审查：{conflict}", Actor(context),
            new JsonObject { ["arbitrators"] = string.Join(",", arbitrators), ["conflict"] = conflict });
        context.SetOutput(Result, "result", conflict);
        context.Complete(reasons.Count == 0 ? "Clear" : "Conflict");
    }

    static bool Same(string a, string? b) => b is not null && a.Length > 0 && string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);
}
