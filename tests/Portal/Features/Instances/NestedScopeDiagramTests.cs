using System.Text.Json.Nodes;
using Justice.Casework.Activities;
using Justice.Portal.Features.Instances;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Tests.Features.Instances;

/// <summary>Containers in the viewer: a structured root, a ParallelForEach opened on its iterations, an iteration opened on its path.</summary>
public sealed class NestedScopeDiagramTests
{
    static JsonObject Definition() => JsonNode.Parse("""
        {
          "root": { "id": "s", "type": "Elsa.Sequence", "name": "送达", "activities": [
            { "id": "hello", "type": "Elsa.WriteLine", "name": "开始送达" },
            { "id": "each", "type": "Elsa.ParallelForEach", "name": "逐一送达",
              "body": { "id": "serve", "type": "Elsa.Sequence", "name": "送达一方", "activities": [
                { "id": "wait", "type": "Elsa.Event", "name": "等待回证" },
                { "id": "log", "type": "Elsa.WriteLine", "name": "记录回证" } ] } },
            { "id": "check", "type": "Elsa.If", "name": "是否全部送达",
              "then": { "id": "yes", "type": "Elsa.WriteLine", "name": "全部送达" } } ] }
        }
        """)!.AsObject();

    static WorkflowState State()
    {
        var state = new WorkflowState { Expansions = [new Expansion("each", 2)] };
        state.Activity("hello").Status = ActivityState.Completed;
        state.Activity("each").Status = ActivityState.Running;
        state.Activity("serve#0").Status = ActivityState.Completed;
        state.Activity("wait#0").Status = ActivityState.Completed;
        state.Activity("log#0").Status = ActivityState.Completed;
        state.Activity("serve#1").Status = ActivityState.Running;
        state.Activity("wait#1").Status = ActivityState.Waiting;
        return state;
    }

    [Fact]
    public void AStructuredRoot_IsDrawnAsItsChildren_ASequenceChained_ContainersOpenable()
    {
        var diagram = FlowDiagram.FromInstance(Definition(), CaseworkActivities.CreateRegistry(), State(), []);

        Assert.Equal(["hello", "each", "check"], diagram.Nodes.Select(n => n.Id));
        Assert.Equal([("hello", "each"), ("each", "check")], diagram.Edges.Select(e => (e.Source, e.Target)));
        Assert.Equal([false, true, true], diagram.Nodes.Select(n => n.Opens));
        Assert.Empty(diagram.Trail);
    }

    [Fact]
    public void AParallelForEach_OpensOnItsIterations_EachWithItsState()
    {
        var diagram = FlowDiagram.FromInstance(Definition(), CaseworkActivities.CreateRegistry(), State(), [], scope: "each");

        Assert.Equal(["serve#0", "serve#1"], diagram.Nodes.Select(n => n.Id));
        Assert.Equal([ActivityState.Completed, ActivityState.Running], diagram.Nodes.Select(n => n.State));
        Assert.Equal([1, 2], diagram.Nodes.Select(n => n.Iteration));
        Assert.Equal([("each", "逐一送达")], diagram.Trail);
    }

    [Fact]
    public void AnIteration_OpensOnItsOwnPath()
    {
        var diagram = FlowDiagram.FromInstance(Definition(), CaseworkActivities.CreateRegistry(), State(), [], scope: "serve#1");

        Assert.Equal(["wait#1", "log#1"], diagram.Nodes.Select(n => n.Id));
        Assert.Equal([ActivityState.Waiting, "not-run"], diagram.Nodes.Select(n => n.State));
        Assert.Equal([("each", "逐一送达"), ("serve#1", "送达一方 #1")], diagram.Trail);
    }

    [Fact]
    public void AnIf_ShowsItsBranchWithTheSlot_AndTheJournalNamesNestedActivities()
    {
        var diagram = FlowDiagram.FromInstance(Definition(), CaseworkActivities.CreateRegistry(), State(), [], scope: "check");
        var names = FlowDiagram.NamesOf(Definition(), CaseworkActivities.CreateRegistry());

        Assert.Equal("then", diagram.Nodes.Single().Slot?.Key);
        Assert.Equal("等待回证 #1", FlowDiagram.NameIn(names, "wait#1"));
        Assert.Equal("全部送达", FlowDiagram.NameIn(names, "yes"));
    }
}
