using System.Text.Json.Nodes;
using static Justice.Portal.Tests.Features.Designer.DesignerModelTests;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Moving the target end of a connection to another activity.</summary>
public sealed class DesignerReconnectTests
{
    [Fact]
    public void Reconnect_MovesTheTargetEnd_KeepsTheRestOfTheConnection_InOneUndoStep()
    {
        var model = Open(Shipped("general-approval.json"));
        var original = model.Export();
        var edge = model.Edges.Single(e => e.Source == "returned" && e.Target == "log");

        Assert.True(model.Reconnect(edge.Index, "end"));

        Assert.Equal(("returned", "Done", "end"), (model.Edges[edge.Index].Source, model.Edges[edge.Index].Port, model.Edges[edge.Index].Target));
        Assert.Equal(6, model.Edges.Count);
        var json = model.Export()["root"]!["connections"]![edge.Index]!;
        Assert.Equal("In", json["target"]!["port"]!.GetValue<string>());
        Assert.NotNull(json["vertices"]);
        Assert.Equal([edge.Index], model.Selection.Connections);

        model.Undo();

        Assert.True(JsonNode.DeepEquals(original, model.Export()));
        Assert.False(model.History.CanUndo);
    }

    [Theory]
    [InlineData("log")]       // where it already goes
    [InlineData("returned")]  // its own source
    [InlineData("nowhere")]   // no such activity
    public void Reconnect_ToNoNewActivity_ChangesNothing(string target)
    {
        var model = Open(Shipped("general-approval.json"));
        var edge = model.Edges.Single(e => e.Source == "returned" && e.Target == "log");

        Assert.False(model.Reconnect(edge.Index, target));

        Assert.False(model.History.CanUndo);
        Assert.Equal("log", model.Edges[edge.Index].Target);
    }

    [Fact]
    public void Reconnect_OntoATargetThePortAlreadyReaches_ChangesNothing()
    {
        var model = Open(Shipped("general-approval.json"));
        Assert.True(model.Connect("review", "同意", "log"));
        var edge = model.Edges.Single(e => e.Source == "review" && e.Port == "同意" && e.Target == "approved");

        Assert.False(model.Reconnect(edge.Index, "log"));
        Assert.False(model.Reconnect(99, "log"));

        Assert.Equal("approved", model.Edges[edge.Index].Target);
    }
}
