using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;
using Justice.Workflows.Runtime.Model;
using static Justice.Portal.Tests.Features.Designer.DesignerModelTests;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Renaming an activity's id: checked, and everything that names it follows.</summary>
public sealed class DesignerIdTests
{
    const string WithStart = """
        {
          "definitionId": "ids", "name": "标识",
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "start": "begin",
            "activities": [
              { "id": "begin", "type": "Elsa.WriteLine", "text": "开始", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "middle", "type": "Elsa.WriteLine", "text": "中间", "metadata": { "designer": { "position": { "x": 300, "y": 0 } } } },
              { "id": "last", "type": "Elsa.WriteLine", "text": "结束", "metadata": { "designer": { "position": { "x": 600, "y": 0 } } } },
              { "id": "box", "type": "Elsa.Flowchart", "activities": [ { "id": "inner", "type": "Elsa.WriteLine", "text": "里" } ], "connections": [],
                "metadata": { "designer": { "position": { "x": 0, "y": 300 } } } }
            ],
            "connections": [
              { "source": "begin", "sourcePort": "Done", "target": "middle", "targetPort": "In" },
              { "source": { "activity": "middle", "port": "Done" }, "target": { "activity": "last", "port": "In" }, "vertices": [] },
              { "source": { "activity": "last", "port": "Done" }, "target": { "activity": "middle", "port": "In" }, "vertices": [] }
            ]
          }
        }
        """;

    [Fact]
    public void ChangeId_ConnectionsInBothFormsAndTheStartFollow_InOneUndoStep()
    {
        var model = Open(WithStart);
        var original = model.Export();
        model.Selection.Select("middle");

        Assert.Null(model.ChangeId("begin", "  opening "));
        Assert.Null(model.ChangeId("middle", "centre"));

        var root = model.Export()["root"]!;
        Assert.Equal("opening", root["start"]!.GetValue<string>());
        Assert.Equal(["opening", "centre", "last", "box"], root["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal([("opening", "centre"), ("centre", "last"), ("last", "centre")], model.Edges.Select(e => (e.Source, e.Target)));
        Assert.Equal(["centre"], model.Selection.Activities);
        Assert.Equal("把标识“middle”改为“centre”", model.History.UndoLabel);
        Assert.True(model.IsValid, string.Join("; ", model.Problems.Select(p => p.Message)));

        model.Undo();
        Assert.Equal([("opening", "middle"), ("middle", "last"), ("last", "middle")], model.Edges.Select(e => (e.Source, e.Target)));
        model.Undo();
        Assert.True(JsonNode.DeepEquals(original, model.Export()));
    }

    [Theory]
    [InlineData("", ActivityIdProblem.Empty)]
    [InlineData("   ", ActivityIdProblem.Empty)]
    [InlineData("two words", ActivityIdProblem.Whitespace)]
    [InlineData("全角\u3000空格", ActivityIdProblem.Whitespace)]
    [InlineData("last", ActivityIdProblem.Taken)]
    [InlineData("flow", ActivityIdProblem.Taken)]   // the flowchart itself
    [InlineData("inner", ActivityIdProblem.Taken)]  // inside a nested flowchart
    public void ChangeId_ThatIsEmptyHasSpacesOrIsTaken_IsRefused_AndChangesNothing(string newId, ActivityIdProblem expected)
    {
        var model = Open(WithStart);

        Assert.Equal(expected, model.ChangeId("middle", newId));

        Assert.False(model.History.CanUndo);
        Assert.NotNull(model.Find("middle"));
        Assert.False(model.IsDirty);
    }

    [Fact]
    public void ChangeId_ToItself_IsNoStep()
    {
        var model = Open(WithStart);

        Assert.Null(model.ChangeId("middle", "middle"));

        Assert.False(model.History.CanUndo);
    }
}
