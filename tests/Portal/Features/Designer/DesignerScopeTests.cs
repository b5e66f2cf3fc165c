using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;
using Justice.Workflows.Definitions;
using static Justice.Portal.Tests.Features.Designer.DesignerModelTests;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Nested structures in the designer: opening a structured activity's slots, editing the flowchart inside, going back up.</summary>
public sealed class DesignerScopeTests
{
    /// <summary>A flowchart with a ForEach whose body is a flowchart of one activity, and an If with an empty else.</summary>
    internal const string Nested = """
        {
          "definitionId": "nested", "name": "送达", "version": 1,
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1, "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "each", "type": "Elsa.ForEach", "version": 1, "name": "逐项送达",
                "items": { "typeName": "Object", "expression": { "type": "Object", "value": "[\"甲\",\"乙\"]" } },
                "body": {
                  "id": "each-body", "type": "Elsa.Flowchart", "version": 1, "futureKey": "kept",
                  "activities": [
                    { "id": "send", "type": "Elsa.WriteLine", "version": 1, "name": "送达一方", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "送达" } },
                      "metadata": { "designer": { "position": { "x": 100, "y": 100 } } } }
                  ],
                  "connections": []
                },
                "metadata": { "designer": { "position": { "x": 300, "y": 0 } } } },
              { "id": "check", "type": "Elsa.If", "version": 1, "name": "是否公告",
                "condition": { "typeName": "Boolean", "expression": { "type": "Literal", "value": "true" } },
                "then": { "id": "notice", "type": "Elsa.WriteLine", "version": 1, "name": "公告送达", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "公告" } } },
                "else": null,
                "metadata": { "designer": { "position": { "x": 600, "y": 0 } } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "each", "port": "In" }, "vertices": [] },
              { "source": { "activity": "each", "port": "Done" }, "target": { "activity": "check", "port": "In" }, "vertices": [] }
            ]
          }
        }
        """;

    static JsonArray BodyActivities(JsonObject saved) => saved["root"]!["activities"]![1]!["body"]!["activities"]!.AsArray();

    [Fact]
    public void ForEach_IsDrawnWithItsBody_AndOpeningTheBodyShowsItsFlowchart()
    {
        var model = Open(Nested);

        var slots = model.SlotsOf("each");
        var body = Assert.Single(slots);
        Assert.Equal(("body", SlotKind.Body, true), (body.Key, body.Kind, body.HoldsFlowchart));
        Assert.Equal(["then", "else"], model.SlotsOf("check").Select(s => s.Key));
        Assert.True(model.Find("each")!.Height > model.Find("start")!.Height);

        Assert.True(model.Open("each", "body"));

        Assert.True(model.IsFlowchart);
        Assert.Equal([new DesignerScopeStep("each", "body")], model.Scope);
        Assert.Equal(["send"], model.Nodes.Select(n => n.Id));
        var crumb = Assert.Single(model.Breadcrumb);
        Assert.Equal(("逐项送达", SlotKind.Body), (crumb.OwnerName, crumb.Slot.Kind));
        Assert.False(model.IsDirty);
        Assert.Equal(DefinitionJson.Write(Parse(Nested)), model.ToJson());
    }

    [Fact]
    public void ActivityAddedInsideTheBody_IsSavedInBodyActivities_WithAnIdUniqueInTheWholeDefinition()
    {
        var model = Open(Nested);
        model.Open("each", "body");

        var added = model.AddActivity("Elsa.WriteLine", 400, 100);
        model.Connect("send", "Done", added);
        model.Move(["send"], 20, 0);
        model.GoTo(0);

        Assert.Empty(model.Scope);
        Assert.Equal(["start", "each", "check"], model.Nodes.Select(n => n.Id));
        var saved = JsonNode.Parse(model.ToJson())!.AsObject();
        var inBody = BodyActivities(saved);
        Assert.Equal(["send", added], inBody.Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal(120, inBody[0]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
        Assert.Equal(added, saved["root"]!["activities"]![1]!["body"]!["connections"]![0]!["target"]!["activity"]!.GetValue<string>());
        Assert.Equal("kept", saved["root"]!["activities"]![1]!["body"]!["futureKey"]!.GetValue<string>());
        Assert.Equal(3, saved["root"]!["activities"]!.AsArray().Count);
        Assert.Equal(2, saved["root"]!["connections"]!.AsArray().Count);
        Assert.Equal("writeLine1", added);
    }

    [Fact]
    public void UndoAndRedo_OfEditsInsideTheBody_WorkFromAnyScope()
    {
        var model = Open(Nested);
        model.Open("each", "body");
        var added = model.AddActivity("Elsa.WriteLine", 400, 100);
        model.GoTo(0);

        model.Undo();

        Assert.False(model.IsDirty);
        Assert.Single(BodyActivities(model.Export()));
        model.Redo();
        Assert.Equal(added, BodyActivities(model.Export())[1]!["id"]!.GetValue<string>());
        Assert.Empty(model.Scope);
    }

    [Fact]
    public void IdsAreUniqueAcrossNestedActivities_ForAddsAndRenames()
    {
        var model = Open(Nested);

        Assert.Equal(ActivityIdProblem.Taken, model.CheckId("start", "send"));
        Assert.Equal(ActivityIdProblem.Taken, model.CheckId("start", "notice"));
        model.Open("each", "body");
        Assert.Equal(ActivityIdProblem.Taken, model.CheckId("send", "check"));
    }

    [Fact]
    public void OpeningAnEmptySlot_PutsANewFlowchartThere_AsOneUndoStep()
    {
        var model = Open(Nested);

        Assert.True(model.Open("check", "else"));

        Assert.True(model.IsFlowchart);
        Assert.Empty(model.Nodes);
        var elseNode = model.Export()["root"]!["activities"]![2]!["else"]!.AsObject();
        Assert.Equal(DesignerModel.FlowchartType, elseNode["type"]!.GetValue<string>());
        Assert.Equal("check-else", elseNode["id"]!.GetValue<string>());
        Assert.True(model.IsDirty);
        var added = model.AddActivity("Elsa.WriteLine", 0, 0);
        Assert.Equal(added, model.Export()["root"]!["activities"]![2]!["else"]!["activities"]![0]!["id"]!.GetValue<string>());

        model.Undo();
        model.Undo();

        // The new flowchart is undone: the designer goes back to where the slot is.
        Assert.Empty(model.Scope);
        Assert.False(model.IsDirty);
        Assert.Null(model.Export()["root"]!["activities"]![2]!["else"]);
    }

    [Fact]
    public void SlotHoldingAPlainActivity_IsShownAsThatActivity_AndCannotBeOpened()
    {
        var model = Open(Nested);

        var then = model.SlotsOf("check")[0];

        Assert.False(then.CanOpen);
        Assert.Equal("notice", then.Child!["id"]!.GetValue<string>());
        Assert.False(model.Open("check", "then"));
        Assert.Empty(model.Scope);
    }

    internal const string SequenceRoot = """
        {
          "definitionId": "seq", "name": "顺序",
          "root": { "id": "s", "type": "Elsa.Sequence", "name": "依次办理", "activities": [
            { "id": "a", "type": "Elsa.WriteLine", "text": "x" },
            { "id": "inner", "type": "Elsa.Flowchart", "activities": [ { "id": "b", "type": "Elsa.WriteLine", "text": "y" } ], "connections": [] },
            { "id": "fork", "type": "Elsa.Fork", "branches": [ { "id": "c", "type": "Elsa.WriteLine", "text": "z" } ] }
          ] }
        }
        """;

    [Fact]
    public void StructuredRoot_OpensAtItsSlots_InOrder_AndItsFlowchartsCanBeEdited()
    {
        var model = Open(SequenceRoot);

        Assert.True(model.IsContainerScope);
        Assert.False(model.IsFlowchart);
        Assert.Empty(model.Nodes);
        Assert.Equal(["activities[0]", "activities[1]", "activities[2]"], model.ScopeSlots.Select(s => s.Key));
        Assert.Equal([false, true, true], model.ScopeSlots.Select(s => s.CanOpen));
        Assert.Equal([1, 2, 3], model.ScopeSlots.Select(s => s.Number));

        Assert.True(model.Open("s", "activities[2]"));
        Assert.True(model.IsContainerScope);
        Assert.Equal(SlotKind.Branch, Assert.Single(model.ScopeSlots).Kind);
        model.GoTo(0);
        Assert.True(model.Open("s", "activities[1]"));
        Assert.Equal(["b"], model.Nodes.Select(n => n.Id));
        model.AddActivity("Elsa.WriteLine", 0, 0);

        Assert.Equal(2, model.Export()["root"]!["activities"]![1]!["activities"]!.AsArray().Count);
    }

    [Fact]
    public void ProblemOfANestedActivity_IsListedWithIt_AndRevealOpensWhereItIs()
    {
        var text = Nested.Replace("\"type\": \"Elsa.WriteLine\", \"version\": 1, \"name\": \"送达一方\"", "\"type\": \"Acme.Unknown\", \"version\": 1, \"name\": \"送达一方\"");
        var model = Open(text);
        var problem = Assert.Single(model.Problems, p => p.Code == DefinitionProblem.UnknownActivityType);

        Assert.Equal("send", model.ActivityOf(problem));
        Assert.Equal("送达一方", model.NameOfActivity("send"));
        Assert.Null(model.Find("send"));

        Assert.True(model.Reveal("send"));

        Assert.Equal([new DesignerScopeStep("each", "body")], model.Scope);
        Assert.NotNull(model.Find("send"));
        Assert.Single(model.ProblemsOf("send"));
    }

    [Fact]
    public void PastingAStructuredActivity_GivesNewIdsToEverythingInside()
    {
        var model = Open(Nested);
        model.Selection.Select("each");
        var clip = model.Copy()!;

        var pasted = Assert.Single(model.Paste(clip));

        var copy = model.Find(pasted)!.Json;
        Assert.NotEqual("each-body", copy["body"]!["id"]!.GetValue<string>());
        Assert.NotEqual("send", copy["body"]!["activities"]![0]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(model.Problems, p => p.Code == DefinitionProblem.DuplicateId);
    }

    [Fact]
    public void SwitchCases_AreSlotsByTheirLabels_AndAnEmptyCaseGetsItsFlowchartInsideTheCase()
    {
        const string text = """
            { "definitionId": "sw", "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
              { "id": "sw", "type": "Elsa.Switch", "name": "按金额",
                "cases": [ { "label": "大额", "condition": { "type": "JavaScript", "value": "true" }, "activity": null },
                           { "label": "", "condition": { "type": "JavaScript", "value": "false" }, "activity": { "id": "w", "type": "Elsa.WriteLine", "text": "x" } } ],
                "default": null,
                "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } } ], "connections": [] } }
            """;
        var model = Open(text);

        var slots = model.SlotsOf("sw");
        Assert.Equal([("cases[0]", SlotKind.Case, "大额"), ("cases[1]", SlotKind.Case, "2"), ("default", SlotKind.Default, null)],
            slots.Select(s => (s.Key, s.Kind, s.Label)));

        Assert.True(model.Open("sw", "cases[0]"));
        model.AddActivity("Elsa.WriteLine", 0, 0);

        var @case = model.Export()["root"]!["activities"]![0]!["cases"]![0]!.AsObject();
        Assert.Equal(["label", "condition", "activity"], @case.Select(p => p.Key));
        Assert.Equal("sw-cases0", @case["activity"]!["id"]!.GetValue<string>());
        Assert.Single(@case["activity"]!["activities"]!.AsArray());
        Assert.Null(model.Export()["root"]!["activities"]![0]!["default"]);
    }
}
