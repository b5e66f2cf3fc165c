using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Justice.Portal.Data;

namespace Justice.Portal.Tests.Features.Definitions;

/// <summary>
/// Every definition of Elsa 3's own test folders kept in tests/Workflows/Fixtures/Elsa3 is imported, published and run
/// through the HTTP API of a real portal, one portal per Elsa scenario (as Elsa runs each scenario in its own host),
/// with the result stated in that folder's expected.jsonc; the engine's tests check the lines and outputs in detail.
/// </summary>
public sealed class Elsa3ConformanceApiTests
{
    static readonly string Folder = Path.Combine(RepositoryRoot(), "tests", "Workflows", "Fixtures", "Elsa3");

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Justice.Workflow.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (Justice.Workflow.sln) was not found.");
    }

    static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.jsonc")))!.AsObject();

    static IEnumerable<string> Files() => Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
        .Where(f => f != "expected.jsonc")
        .Order(StringComparer.Ordinal);

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in Files().Select(GroupOf).Distinct())
            data.Add(scenario);
        return data;
    }

    static string ScenarioOf(string file) => file.Contains('/') ? file[..file.IndexOf('/')] : "(top)";

    /// <summary>
    /// A scenario whose definitions become activity types (usable as activities) gets a portal of its own, as in Elsa,
    /// since scenarios reuse type names (Child, Sub…); the others share one.
    /// </summary>
    static string GroupOf(string file)
    {
        var scenario = ScenarioOf(file);
        return Files().Where(f => ScenarioOf(f) == scenario).Any(UsableAsActivity) ? scenario : "(shared)";
    }

    static bool UsableAsActivity(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!;
        return definition["options"]?["usableAsActivity"]?.GetValue<bool>() == true || definition["usableAsActivity"]?.GetValue<bool>() == true;
    }

    [Fact]
    public void EveryFixture_HasItsExpectedResult()
    {
        var expected = Expected();
        var unstated = Files().Where(f => !expected.ContainsKey(f)).ToList();
        var gone = expected.Select(e => e.Key).Where(k => !k.StartsWith('$') && !File.Exists(Path.Combine(Folder, k))).ToList();
        Assert.True(unstated.Count == 0, "expected.jsonc does not state: " + string.Join(", ", unstated));
        Assert.True(gone.Count == 0, "expected.jsonc names files that are not there: " + string.Join(", ", gone));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ElsaScenario_PublishesAndRuns_ThroughTheApi(string scenario)
    {
        var expected = Expected();
        await using var portal = new PortalFactory();
        var api = await portal.ClientAsync(PortalRoles.Admin);
        var failures = new List<string>();
        var files = Files().Where(f => GroupOf(f) == scenario).ToList();

        async Task<(HttpStatusCode Status, JsonObject Body)> ImportAsync(string file)
        {
            var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, file)))!.AsObject();
            if (expected[file]!["customProperties"] is JsonObject properties)
            {
                var custom = definition["customProperties"] as JsonObject ?? (JsonObject)(definition["customProperties"] = new JsonObject());
                foreach (var (key, value) in properties)
                    custom[key] = value?.DeepClone();
            }
            var response = await api.PostAsync("/api/workflow-definitions/import?publish=true",
                new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
        }

        // Imported in the folder's order; one refused for an activity type another file of the scenario provides is
        // imported again after the others (as Elsa's test host loads a folder), until nothing more publishes.
        var results = new Dictionary<string, (HttpStatusCode Status, JsonObject Body)>(StringComparer.Ordinal);
        var pending = files;
        while (pending.Count > 0)
        {
            var again = new List<string>();
            foreach (var file in pending)
            {
                results[file] = await ImportAsync(file);
                if (results[file].Status != HttpStatusCode.Created && results[file].Body.ToJsonString().Contains("unknown-activity-type", StringComparison.Ordinal))
                    again.Add(file);
            }
            if (again.Count == pending.Count)
                break;
            pending = again;
        }

        foreach (var file in files)
        {
            var rule = expected[file]!.AsObject();
            var (status, body) = results[file];
            var publish = rule["publish"]?.GetValue<bool>() ?? true;
            if (!publish)
            {
                var refused = rule["refused"]!.GetValue<string>();
                if (status != HttpStatusCode.BadRequest || !body.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Contains(refused, StringComparison.Ordinal))
                    failures.Add($"{file}: expected a refusal naming {refused}, got {(int)status} {body.ToJsonString()}");
                continue;
            }
            if (status != HttpStatusCode.Created)
            {
                failures.Add($"{file}: not published: {(int)status} {body.ToJsonString()}");
                continue;
            }
            if (rule["run"]?.GetValue<bool>() == false)
                continue;
            var definitionId = body["definitionId"]!.GetValue<string>();
            var run = await api.PostAsJsonAsync($"/api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/execute", new { });
            var instance = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
            var subStatus = rule["subStatus"]?.GetValue<string>() ?? "Finished";
            if (run.StatusCode != HttpStatusCode.OK || instance["subStatus"]?.GetValue<string>() != subStatus)
            {
                failures.Add($"{file}: expected {subStatus}, got {(int)run.StatusCode} {instance["subStatus"]} {instance["incidents"]?.ToJsonString()}");
                continue;
            }
            foreach (var (name, value) in rule["output"] as JsonObject ?? [])
            {
                if (!JsonNode.DeepEquals(instance["output"]?[name], value))
                    failures.Add($"{file}: output {name} = {instance["output"]?[name]?.ToJsonString()}, expected {value?.ToJsonString()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
