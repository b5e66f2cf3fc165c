using System.Text.Json.Nodes;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Tests;

/// <summary>Builds small definitions in the Elsa 3 format for tests.</summary>
public static class Flow
{
    public static JsonObject Definition(string definitionId, IEnumerable<JsonObject> activities, IEnumerable<(string From, string Port, string To)> connections,
        IEnumerable<JsonObject>? variables = null, IEnumerable<string>? inputs = null) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["variables"] = new JsonArray([.. variables ?? []]),
        ["inputs"] = new JsonArray([.. (inputs ?? []).Select(i => (JsonNode)new JsonObject { ["name"] = i, ["type"] = "Object" })]),
        ["root"] = Flowchart("flowchart1", activities, connections),
    };

    public static JsonObject Flowchart(string id, IEnumerable<JsonObject> activities, IEnumerable<(string From, string Port, string To)> connections) => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["activities"] = new JsonArray([.. activities]),
        ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
            ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
        })]),
    };

    public static JsonObject Activity(string id, string type, params (string Key, JsonNode? Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (key, value) in inputs)
            activity[key] = value;
        return activity;
    }

    public static JsonObject Start(string id = "start") => Activity(id, "Elsa.Start");

    public static JsonObject End(string id = "end") => Activity(id, "Elsa.End");

    public static JsonObject WriteLine(string id, string text) => Activity(id, "Elsa.WriteLine", ("text", Literal(text, "String")));

    public static JsonObject Event(string id, string eventName) => Activity(id, "Elsa.Event", ("eventName", Literal(eventName, "String")));

    public static JsonObject Decision(string id, string script) => Activity(id, "Elsa.FlowDecision", ("condition", Js(script, "Boolean")));

    public static JsonObject Join(string id, string mode) => Activity(id, "Elsa.FlowJoin",
        ("mode", new JsonObject { ["typeName"] = "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = mode } }));

    public static JsonObject Literal(JsonNode? value, string typeName) => Expression("Literal", value, typeName);

    public static JsonObject Js(string script, string typeName = "Object") => Expression("JavaScript", script, typeName);

    public static JsonObject Liquid(string template) => Expression("Liquid", template, "String");

    public static JsonObject Expression(string type, JsonNode? value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    public static JsonObject Variable(string name, string typeName, JsonNode? value = null) => new()
    {
        ["id"] = name.ToLowerInvariant() + "-id",
        ["name"] = name,
        ["typeName"] = typeName,
        ["isArray"] = false,
        ["value"] = value,
    };
}
