using System.Text.Json.Nodes;
using Justice.Casework.Cases;
using Justice.Casework.Tasks;
using Justice.Workflows.Runtime.Stores;

namespace Justice.Portal.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>A staff member's name as the filing gives it: the demo account's name (the invented one only for an unknown address).</summary>
    static string StaffName(string invented, string email) => DemoStaff.For(email)?.FullName ?? invented;

    static JsonObject Serve(string today) => new() { ["method"] = "electronic", ["receivedOn"] = today };

    List<Scenario> Scenarios()
    {
        var list = new List<Scenario>();
        int[] days = [0, 0, 1, 1, 1, 3, 8, 8, 13, 13, 20, 20, 23, 33, 53];
        void Arb(string name, bool open, int upTo, string variant = "award", string? grade = null) =>
            list.Add(new Scenario("arbitration/" + name, open, (c, ct) => ArbitrationAsync(c, upTo, variant, grade, ct), days[upTo]));
        Arb("filed", true, 0);
        Arb("accepted", true, 2);
        Arb("defence", true, 5);
        Arb("formed", true, 6);
        Arb("hearing-scheduled", true, 9);
        Arb("awarded", true, 11);
        Arb("closed", true, 12);
        Arb("archived", true, 13);
        foreach (var grade in new[] { "优秀", "合格", "基本合格", "不合格" })
            Arb("reviewed-" + grade, false, 14, grade: grade);
        Arb("conciliated", true, 10, "conciliation");
        Arb("ordinary-formed", true, 6, "ordinary");
        list.Add(new Scenario("arbitration/correction", true, (c, ct) => ArbitrationBranchAsync(c, "correction", ct), 1));
        list.Add(new Scenario("arbitration/not-accepted", false, (c, ct) => ArbitrationBranchAsync(c, "not-accepted", ct)));
        list.Add(new Scenario("arbitration/fee-overdue", false, (c, ct) => ArbitrationBranchAsync(c, "fee-overdue", ct)));
        list.Add(new Scenario("arbitration/director-appoints", true, (c, ct) => ArbitrationBranchAsync(c, "director-appoints", ct), 13));
        list.Add(new Scenario("arbitration/challenge-pending", true, (c, ct) => ArbitrationBranchAsync(c, "challenge-pending", ct), 11));
        list.Add(new Scenario("arbitration/challenge-upheld", true, (c, ct) => ArbitrationBranchAsync(c, "challenge-upheld", ct), 11));
        list.Add(new Scenario("arbitration/suspended", true, (c, ct) => ArbitrationBranchAsync(c, "suspended", ct), 11));
        list.Add(new Scenario("arbitration/withdrawn-before", false, (c, ct) => ArbitrationBranchAsync(c, "withdrawn-before", ct)));
        list.Add(new Scenario("arbitration/withdrawn-after", false, (c, ct) => ArbitrationBranchAsync(c, "withdrawn-after", ct)));
        list.Add(new Scenario("arbitration/correction-issued", true, (c, ct) => ArbitrationBranchAsync(c, "correction-issued", ct), 16));
        var notaryDays = new Dictionary<string, int> { ["applied"] = 0, ["accepted"] = 1, ["commitment"] = 1, ["supplementing"] = 3, ["verifying"] = 3, ["approved"] = 5, ["issued"] = 5, ["review-requested"] = 35 };
        foreach (var (stage, d) in notaryDays)
            list.Add(new Scenario("notary/" + stage, true, (c, ct) => NotaryAsync(c, stage, ct), d));
        foreach (var stage in new[] { "not-accepted", "refused", "terminated", "revoked", "partly-revoked", "false-commitment" })
            list.Add(new Scenario("notary/" + stage, false, (c, ct) => NotaryAsync(c, stage, ct)));
        var aidDays = new Dictionary<string, int> { ["applied"] = 0, ["commitment"] = 0, ["granted"] = 2, ["objection-pending"] = 2, ["objection-upheld"] = 4, ["sampled-verified"] = 7 };
        foreach (var (stage, d) in aidDays)
            list.Add(new Scenario("legal-aid/" + stage, true, (c, ct) => LegalAidAsync(c, stage, ct), d));
        foreach (var stage in new[] { "closed", "refused", "false-commitment", "route-refused" })
            list.Add(new Scenario("legal-aid/" + stage, false, (c, ct) => LegalAidAsync(c, stage, ct)));
        return list;
    }
}
