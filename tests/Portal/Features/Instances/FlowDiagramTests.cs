using Justice.Casework.Activities;
using Justice.Workflows.Activities;
using System.Text.Json.Nodes;
using Justice.Portal.Features.Instances;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Tests.Features.Instances;

/// <summary>Diagram layout and state: designer positions kept, left-to-right layout when there are none, loops, the path taken.</summary>
public sealed class FlowDiagramTests
{
    static JsonObject Definition(bool positions, bool shortConnections = false)
    {
        string[] ids = ["start", "task", "yes", "no", "end"];
        var activities = new JsonArray(ids.Select((id, i) =>
        {
            var a = new JsonObject { ["id"] = id, ["type"] = id == "task" ? "Justice.UserTask" : "Elsa.WriteLine", ["name"] = $"活动{id}" };
            if (positions)
                a["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 100 + i * 300, ["y"] = 50 } } };
            return (JsonNode)a;
        }).ToArray());
        (string From, string Port, string To)[] links = [("start", "Done", "task"), ("task", "同意", "yes"), ("task", "退回", "no"), ("no", "Done", "task"), ("yes", "Done", "end")];
        var connections = new JsonArray(links.Select(l => (JsonNode)(shortConnections
            ? new JsonObject { ["source"] = l.From, ["sourcePort"] = l.Port, ["target"] = l.To, ["targetPort"] = "In" }
            : new JsonObject { ["source"] = new JsonObject { ["activity"] = l.From, ["port"] = l.Port }, ["target"] = new JsonObject { ["activity"] = l.To, ["port"] = "In" } })).ToArray());
        return new JsonObject { ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections } };
    }

    [Fact]
    public void DesignerPositions_AreKept_RelativeToTheCanvasMargin()
    {
        var diagram = FlowDiagram.FromDefinition(Definition(positions: true), CaseworkActivities.CreateRegistry());
        var start = diagram.Nodes.Single(n => n.Id == "start");
        var task = diagram.Nodes.Single(n => n.Id == "task");
        Assert.Equal(FlowDiagram.Margin, start.X);
        Assert.Equal(300, task.X - start.X);
        Assert.All(diagram.Nodes, n => Assert.Equal("not-run", n.State));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithoutPositions_LaysOutLeftToRight_IgnoringTheLoopBack(bool shortConnections)
    {
        var diagram = FlowDiagram.FromDefinition(Definition(positions: false, shortConnections), CaseworkActivities.CreateRegistry());
        double X(string id) => diagram.Nodes.Single(n => n.Id == id).X;

        Assert.True(X("start") < X("task"));
        Assert.True(X("task") < X("yes"));
        Assert.Equal(X("yes"), X("no"));
        Assert.True(X("yes") < X("end"));
        Assert.NotEqual(diagram.Nodes.Single(n => n.Id == "yes").Y, diagram.Nodes.Single(n => n.Id == "no").Y);
        Assert.Equal(5, diagram.Edges.Count);
    }

    [Fact]
    public void Instance_MarksStates_AndThePathTaken()
    {
        var state = new WorkflowState();
        state.Activities["start"] = new ActivityState { Status = ActivityState.Completed, Executions = 1 };
        state.Activities["task"] = new ActivityState { Status = ActivityState.Completed, Executions = 2 };
        state.Activities["no"] = new ActivityState { Status = ActivityState.Completed, Executions = 1 };
        state.Activities["yes"] = new ActivityState { Status = ActivityState.Waiting, Executions = 0 };
        JournalRecord Done(int sequence, string id, params string[] outcomes) => new()
        {
            InstanceId = "i", Sequence = sequence, ActivityId = id, ActivityType = "x", Event = JournalEvent.Completed,
            OutcomesJson = new JsonArray(outcomes.Select(o => (JsonNode)o!).ToArray()).ToJsonString(),
        };
        var journal = new[] { Done(1, "start", "Done"), Done(2, "task", "退回"), Done(3, "no", "Done"), Done(4, "task", "同意") };

        var diagram = FlowDiagram.FromInstance(Definition(positions: true), CaseworkActivities.CreateRegistry(), state, journal);

        Assert.Equal(2, diagram.Nodes.Single(n => n.Id == "task").Executions);
        Assert.Equal("waiting", diagram.Nodes.Single(n => n.Id == "yes").State);
        Assert.Equal("not-run", diagram.Nodes.Single(n => n.Id == "end").State);
        var taken = diagram.Edges.Where(e => e.Taken).Select(e => $"{e.Source}-{e.Port}-{e.Target}").Order().ToList();
        Assert.Equal(["no-Done-task", "start-Done-task", "task-同意-yes", "task-退回-no"], taken);
    }
}
