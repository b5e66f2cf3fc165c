using System.Text.Json.Nodes;
using Justice.Workflows.Runtime;
using Justice.Workflows.Runtime.State;

namespace Justice.Casework.Cases;

/// <summary>The case's side of an instance's views.</summary>
public static class CaseInstanceView
{
    /// <summary>
    /// What a party of the case reads of an instance: its status and dates, and the stages and documents its case file
    /// shows them. No input, variables, output, journal, bookmarks or form data: those hold staff e-mail addresses,
    /// reviewer and verifier pools and working comments.
    /// </summary>
    public static JsonObject PartyView(this WorkflowInstanceView instances, WorkflowInstanceRecord record, CaseDetails file)
    {
        var view = instances.Summary(record);
        view["stages"] = new JsonArray([.. file.Timeline.Where(e => e.Kind == "stage").Select(e => (JsonNode)new JsonObject { ["at"] = instances.Time(e.At), ["title"] = e.Title })]);
        view["documents"] = new JsonArray([.. file.Documents.Select(d => (JsonNode)new JsonObject
        {
            ["id"] = d.Id,
            ["title"] = d.Title,
            ["number"] = d.Number,
            ["issuedAt"] = instances.Time(d.IssuedAt),
        })]);
        return view;
    }
}
