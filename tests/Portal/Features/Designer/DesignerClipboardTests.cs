using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;
using Justice.Workflows.Runtime.Model;
using static Justice.Portal.Tests.Features.Designer.DesignerModelTests;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>Copy, cut and paste: new unique ids, the copied inputs and metadata, the connections among the copied, one undo step.</summary>
public sealed class DesignerClipboardTests
{
    static DesignerModel GeneralApproval() => Open(Shipped("general-approval.json"));

    static DesignerClip CopyOf(DesignerModel model, params string[] ids)
    {
        model.Selection.SelectMany(ids);
        return model.Copy()!;
    }

    static JsonObject WithoutIdNameAndPosition(JsonObject activity)
    {
        var copy = (JsonObject)activity.DeepClone();
        copy.Remove("id");
        copy.Remove("name");
        copy["metadata"]!["designer"]!.AsObject().Remove("position");
        return copy;
    }

    [Fact]
    public void Paste_GivesNewUniqueIds_KeepsInputsAndMetadata_OffsetsAndSelectsThePasted()
    {
        var model = GeneralApproval();
        var clip = CopyOf(model, "review", "approved");

        var pasted = model.Paste(clip);

        Assert.Equal(["review1", "approved1"], pasted);
        Assert.Equal(8, model.Nodes.Count);
        Assert.Equal(model.Nodes.Count, model.Nodes.Select(n => n.Id).Distinct().Count());
        Assert.Equal(["approved1", "review1"], model.Selection.Activities.Order());
        foreach (var (original, copy) in new[] { ("review", "review1"), ("approved", "approved1") })
        {
            var from = model.Find(original)!;
            var to = model.Find(copy)!;
            Assert.True(JsonNode.DeepEquals(WithoutIdNameAndPosition(from.Json), WithoutIdNameAndPosition(to.Json)), copy);
            Assert.Equal(from.X + DesignerModel.PasteOffset, to.X);
            Assert.Equal(from.Y + DesignerModel.PasteOffset, to.Y);
            Assert.Equal(from.Type, to.Type);
        }
        Assert.Equal("秘书审核 2", model.Find("review1")!.Name);
        Assert.DoesNotContain(model.Problems, p => p.Code == Justice.Workflows.Definitions.DefinitionProblem.DuplicateId);
    }

    [Fact]
    public void Paste_CopiesTheConnectionsAmongTheCopied_AndNotThoseToActivitiesLeftOut()
    {
        var model = GeneralApproval();
        var clip = CopyOf(model, "review", "approved");
        Assert.Equal(1, clip.ConnectionCount);

        model.Paste(clip);

        var pastedEdges = model.Edges.Where(e => e.Source is "review1" or "approved1" || e.Target is "review1" or "approved1").ToList();
        var edge = Assert.Single(pastedEdges);
        Assert.Equal(("review1", "同意", "approved1"), (edge.Source, edge.Port, edge.Target));
        Assert.Equal(7, model.Edges.Count);
        var json = model.Export()["root"]!["connections"]![edge.Index]!;
        Assert.Equal("In", json["target"]!["port"]!.GetValue<string>());
        Assert.NotNull(json["vertices"]);
    }

    [Fact]
    public void Copy_IsNoEdit_AndPasteIsOneUndoStep()
    {
        var model = GeneralApproval();
        var original = model.Export();
        var clip = CopyOf(model, "review", "approved", "log");
        Assert.False(model.History.CanUndo);
        Assert.False(model.IsDirty);

        model.Paste(clip);
        Assert.Equal("粘贴 3 个活动", model.History.UndoLabel);
        model.Undo();

        Assert.False(model.History.CanUndo);
        Assert.True(JsonNode.DeepEquals(original, model.Export()));
        Assert.False(model.IsDirty);
    }

    [Fact]
    public void Paste_Again_LandsFurtherAway_WithFreshIds()
    {
        var model = GeneralApproval();
        var clip = CopyOf(model, "log");
        var log = model.Find("log")!;

        model.Paste(clip);
        var second = model.Paste(clip);

        Assert.Equal(["log2"], second);
        Assert.Equal(log.X + 2 * DesignerModel.PasteOffset, model.Find("log2")!.X);
        Assert.Equal("记录结果 3", model.Find("log2")!.Name);
    }

    [Fact]
    public void Cut_RemovesTheSelectionAndItsConnectionsInOneStep_AndPasteBringsItBackUnderANewId()
    {
        var model = GeneralApproval();
        model.Selection.Select("log");

        var clip = model.Cut();

        Assert.NotNull(clip);
        Assert.Null(model.Find("log"));
        Assert.DoesNotContain(model.Edges, e => e.Source == "log" || e.Target == "log");
        Assert.Equal("剪切“记录结果”", model.History.UndoLabel);

        var pasted = model.Paste(clip);

        Assert.Equal(["log1"], pasted);
        Assert.Equal("记录结果", model.Find("log1")!.Name);
        Assert.DoesNotContain(model.Edges, e => e.Source == "log1" || e.Target == "log1");
        model.Undo();
        model.Undo();
        Assert.NotNull(model.Find("log"));
        Assert.Equal(6, model.Edges.Count);
    }

    [Fact]
    public void CopyAndCut_WithNoActivitySelected_GiveNothing_AndChangeNothing()
    {
        var model = GeneralApproval();
        model.Selection.SelectConnection(0);

        Assert.Null(model.Copy());
        Assert.Null(model.Cut());
        Assert.False(model.History.CanUndo);
        Assert.Equal(6, model.Edges.Count);
    }

    [Fact]
    public void Paste_IntoAnotherDefinition_KeepsItsIdsUnique_AndItValid()
    {
        var from = GeneralApproval();
        var clip = CopyOf(from, "approved", "returned", "log");
        var into = DesignerModel.CreateNew("other", "另一个流程", from.Registry, new Justice.Workflows.Runtime.Model.DefinitionCompiler(from.Registry));
        var start = into.AddActivity("Elsa.Start", 0, 0);

        var pasted = into.Paste(clip);

        Assert.Equal(["approved1", "returned1", "log1"], pasted);
        Assert.Equal(2, into.Edges.Count);
        Assert.True(into.Connect(start, "Done", "log1"));
        Assert.Equal(4, into.Nodes.Count);
    }

    [Fact]
    public void Copy_OfADefinitionShownWithAnAutomaticLayout_CarriesThePlacesSeen()
    {
        var document = Parse(Shipped("general-approval.json"));
        foreach (var activity in document["root"]!["activities"]!.AsArray())
            activity!.AsObject().Remove("metadata");
        var model = Open(Justice.Workflows.Definitions.DefinitionJson.Write(document));
        var review = model.Find("review")!;

        model.Paste(CopyOf(model, "review"));

        Assert.Equal(review.X + DesignerModel.PasteOffset, model.Find("review1")!.X);
        Assert.Equal(review.Y + DesignerModel.PasteOffset, model.Find("review1")!.Y);
    }

    [Fact]
    public void Paste_OfANestedFlowchart_RenamesItsInnerActivities_AndTheirConnectionsAndStartFollow()
    {
        const string nested = """
            { "definitionId": "nested", "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
                { "id": "inner", "type": "Elsa.Flowchart", "start": "a1", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } },
                  "activities": [ { "id": "a1", "type": "Elsa.WriteLine", "text": "1" }, { "id": "a2", "type": "Elsa.WriteLine", "text": "2" } ],
                  "connections": [ { "source": { "activity": "a1", "port": "Done" }, "target": { "activity": "a2", "port": "In" } } ] } ],
              "connections": [] } }
            """;
        var model = Open(nested);

        model.Paste(CopyOf(model, "inner"));

        var copy = model.Find("inner1")!.Json;
        Assert.Equal(["a3", "a4"], copy["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal("a3", copy["start"]!.GetValue<string>());
        Assert.Equal("a3", copy["connections"]![0]!["source"]!["activity"]!.GetValue<string>());
        Assert.Equal("a4", copy["connections"]![0]!["target"]!["activity"]!.GetValue<string>());
        Assert.DoesNotContain(model.Problems, p => p.Code == Justice.Workflows.Definitions.DefinitionProblem.DuplicateId);
    }

    [Fact]
    public void Clip_AsText_PastesAsTheClipItself()
    {
        var model = GeneralApproval();
        var clip = CopyOf(model, "review", "approved");

        var read = DesignerClip.FromJson(clip.ToJson());

        Assert.NotNull(read);
        Assert.Equal((2, 1), (read.ActivityCount, read.ConnectionCount));
        Assert.Equal(["review1", "approved1"], model.Paste(read));
        Assert.Single(model.Edges, e => e.Source == "review1" && e.Target == "approved1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{ "activities": [ { "id": "a", "type": "Elsa.WriteLine" } ] }""")]
    [InlineData("""{ "format": "justice-designer-clip/1", "activities": [] }""")]
    [InlineData("""{ "format": "justice-designer-clip/1", "activities": [ { "type": "Elsa.WriteLine" } ] }""")]
    [InlineData("""{ "format": "justice-designer-clip/1", "activities": [ { "id": "a", "type": "Elsa.WriteLine" }, 7 ] }""")]
    public void Clip_FromTextThatIsNoClip_IsNothing(string? text) =>
        Assert.Null(DesignerClip.FromJson(text));
}
