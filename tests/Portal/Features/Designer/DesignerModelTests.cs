using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;
using Justice.Casework.Activities;
using Justice.Workflows.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>The designer's model without a browser: exact round-trip, edits, undo and redo, ports, problems, layout.</summary>
public sealed class DesignerModelTests
{
    static readonly ActivityRegistry Registry = CaseworkActivities.CreateRegistry();
    static readonly DefinitionCompiler Compiler = new(Registry);

    public static string Repository { get; } = FindRepository();

    public static TheoryData<string> ShippedDefinitions() =>
        new(Directory.GetFiles(Path.Combine(Repository, "workflow-definitions"), "*.json").Select(Path.GetFileName).OfType<string>().Order());

    static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Justice.Workflow.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Justice.Workflow.sln not found above the test binaries.");
    }

    internal static string Shipped(string file) => File.ReadAllText(Path.Combine(Repository, "workflow-definitions", file));

    internal static DesignerModel Open(string text) => DesignerModel.Load(text, Registry, Compiler, out var problem) ?? throw new InvalidOperationException(problem?.Message);

    internal static JsonObject Parse(string text) => DefinitionJson.Parse(text, out _)!;

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Save_WithoutChange_GivesBackTheLoadedJson(string file)
    {
        var text = Shipped(file);
        var model = Open(text);

        var saved = model.ToJson();

        Assert.False(model.IsDirty);
        Assert.True(JsonNode.DeepEquals(Parse(text), JsonNode.Parse(saved)), $"{file}: the saved JSON differs from the file");
        // Key order too: the text is what the API's own writer gives for the file.
        Assert.Equal(DefinitionJson.Write(Parse(text)), saved);
    }

    /// <summary>
    /// Every definition of Elsa's own test suite kept as a fixture (tests/Workflows/Fixtures/Elsa3, at any depth) and
    /// every shipped one (workflow-definitions/), by its path in the repository.
    /// </summary>
    public static TheoryData<string> EveryDefinition() =>
        new(new[] { Path.Combine("tests", "Workflows", "Fixtures", "Elsa3"), "workflow-definitions" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Repository, folder), "*.json", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Repository, f).Replace('\\', '/')).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EveryDefinition))]
    public void Save_WithoutChange_AfterOpeningEveryNestedScope_GivesBackTheLoadedJson(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repository, file));
        var model = Open(text);

        var visited = VisitEveryScope(model);

        Assert.False(model.IsDirty, $"{file}: opening {visited} scopes changed it");
        Assert.Empty(model.Scope);
        Assert.True(JsonNode.DeepEquals(Parse(text), JsonNode.Parse(model.ToJson())), $"{file}: the saved JSON differs from the file");
        Assert.Equal(DefinitionJson.Write(Parse(text)), model.ToJson());
    }

    /// <summary>Opens every slot that holds something, at any depth, and comes back up; returns how many were opened.</summary>
    static int VisitEveryScope(DesignerModel model)
    {
        var count = 0;
        List<(string Owner, IReadOnlyList<DesignerSlot> Slots)> owners = model.IsContainerScope
            ? [(model.ScopeActivityId, model.ScopeSlots)]
            : [.. model.Nodes.Select(n => (n.Id, model.SlotsOf(n.Id)))];
        foreach (var (owner, slots) in owners)
        {
            foreach (var slot in slots.Where(s => s is { CanOpen: true, IsEmpty: false }))
            {
                var depth = model.Scope.Count;
                Assert.True(model.Open(owner, slot.Key));
                count += 1 + VisitEveryScope(model);
                model.GoTo(depth);
            }
        }
        return count;
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Edits_ThenUndoneEveryOne_GiveBackTheLoadedJson_AndRedoGivesTheEdits(string file)
    {
        var original = Parse(Shipped(file));
        var model = Open(Shipped(file));
        var first = model.Nodes[0];

        model.Move([first.Id], 40, 30);
        var task = model.AddActivity("Justice.UserTask", 100, 900);
        model.SetInput(task, "role", new InputValue("Literal", "secretary"));
        model.Connect(first.Id, first.Ports[0], task);
        model.Rename(first.Id, "改名");
        model.Selection.Select(model.Nodes[1].Id);
        model.DeleteSelection();
        var edited = model.Export();

        while (model.History.CanUndo)
            model.Undo();
        Assert.True(JsonNode.DeepEquals(original, model.Export()));
        Assert.False(model.IsDirty);

        while (model.History.CanRedo)
            model.Redo();
        Assert.True(JsonNode.DeepEquals(edited, model.Export()));
    }

    const string Unusual = """
        {
          "id": "v1", "definitionId": "unusual", "name": "不常见的定义", "version": 3, "tenantId": "t-9",
          "customProperties": { "Elsa:WorkflowContextProviderTypes": [] }, "futureKey": { "nested": [1, 2.50, "x"] },
          "variables": [ { "id": "v-x", "name": "X", "typeName": "Int32", "isArray": false, "value": "1", "storageDriverTypeName": "Memory" } ],
          "root": {
            "type": "Elsa.Flowchart", "id": "flow", "nodeId": "Workflow1:flow", "metadata": { "displayText": "Flowchart1" },
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1, "customProperties": { "canStartWorkflow": true }, "metadata": { "designer": { "position": { "x": 10.5, "y": 20 }, "size": { "width": 139.296875, "height": 50 } }, "note": "kept" } },
              { "id": "mystery", "type": "Acme.Unknown", "version": 2, "anything": { "deep": true }, "metadata": { "designer": { "position": { "x": 300, "y": 20 } } } },
              { "id": "log", "type": "Elsa.WriteLine", "version": 1, "text": "bare literal", "metadata": { "designer": { "position": { "x": 600, "y": 20 } } } }
            ],
            "connections": [
              { "source": "start", "sourcePort": "Done", "target": "mystery", "targetPort": "In" },
              { "source": { "activity": "mystery", "port": "Done" }, "target": { "activity": "log", "port": "In" }, "vertices": [ { "x": 1, "y": 2 } ] }
            ]
          }
        }
        """;

    [Fact]
    public void Save_AfterAnEdit_KeepsUnknownKeys_UnknownActivities_AndMetadata()
    {
        var model = Open(Unusual);
        var mystery = model.Find("mystery")!;
        Assert.False(mystery.IsKnownType);
        Assert.Contains(model.Problems, p => p.Code == DefinitionProblem.UnknownActivityType && model.ActivityOf(p) == "mystery");

        model.Move(["log"], 100, 0);
        var saved = JsonNode.Parse(model.ToJson())!.AsObject();

        Assert.Equal("t-9", saved["tenantId"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "nested": [1, 2.50, "x"] }"""), saved["futureKey"]));
        Assert.Equal("Memory", saved["variables"]![0]!["storageDriverTypeName"]!.GetValue<string>());
        var activities = saved["root"]!["activities"]!.AsArray();
        Assert.Equal("kept", activities[0]!["metadata"]!["note"]!.GetValue<string>());
        Assert.Equal(139.296875, activities[0]!["metadata"]!["designer"]!["size"]!["width"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "deep": true }"""), activities[1]!["anything"]));
        Assert.Equal("bare literal", activities[2]!["text"]!.GetValue<string>());
        Assert.Equal(700, activities[2]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
        // The old connection form is written in the new form; vertices are kept.
        Assert.Equal("start", saved["root"]!["connections"]![0]!["source"]!["activity"]!.GetValue<string>());
        Assert.Equal(2, saved["root"]!["connections"]![1]!["vertices"]![0]!["y"]!.GetValue<int>());
    }

    static string WithoutPositions(string text)
    {
        var document = Parse(text);
        foreach (var activity in document["root"]!["activities"]!.AsArray())
            activity!.AsObject().Remove("metadata");
        return DefinitionJson.Write(document);
    }

    [Fact]
    public void DefinitionWithoutPositions_IsLaidOutLeftToRight_AndSavedUnchangedUntilEdited()
    {
        var text = WithoutPositions(Shipped("general-approval.json"));
        var model = Open(text);

        Assert.True(model.IsAutoLaidOut);
        var x = model.Nodes.ToDictionary(n => n.Id, n => n.X);
        Assert.True(x["start"] < x["review"] && x["review"] < x["approved"] && x["approved"] < x["log"] && x["log"] < x["end"]);
        Assert.Equal(x["approved"], x["returned"]);
        var approved = model.Find("approved")!;
        var returned = model.Find("returned")!;
        Assert.True(approved.Bottom <= returned.Y || returned.Bottom <= approved.Y, "the two branches do not overlap");
        Assert.True(JsonNode.DeepEquals(Parse(text), JsonNode.Parse(model.ToJson())));

        model.Move(["end"], 20, 0);

        Assert.False(model.IsAutoLaidOut);
        var saved = JsonNode.Parse(model.ToJson())!;
        foreach (var activity in saved["root"]!["activities"]!.AsArray())
        {
            var designer = activity!["metadata"]!["designer"]!;
            Assert.NotNull(designer["position"]!["x"]);
            Assert.True(designer["size"]!["width"]!.GetValue<double>() > 0);
        }
        Assert.Equal(x["end"] + 20, model.Find("end")!.X);
        Assert.Equal(x["review"], model.Find("review")!.X);
    }

    [Fact]
    public void NewDefinition_BuiltOnTheCanvas_ValidatesAndRunsItsPortsFromTheActivities()
    {
        var model = DesignerModel.CreateNew("designed", "设计的流程", Registry, Compiler);
        Assert.Empty(model.Nodes);
        Assert.True(model.IsDirty);

        var start = model.AddActivity("Elsa.Start", 0, 0);
        var task = model.AddActivity("Justice.UserTask", 260, 0);
        Assert.Equal(["Done", "Overdue"], model.Find(task)!.Ports);
        Assert.Contains(model.ProblemsOf(task), p => p.Code == DefinitionProblem.InvalidInput);

        model.SetInput(task, "role", new InputValue("Literal", "secretary"));
        model.SetInput(task, "outcomes", new InputValue("Literal", new JsonArray("同意", "不同意")));
        Assert.Equal(["同意", "不同意", "Overdue"], model.Find(task)!.Ports);
        Assert.Empty(model.ProblemsOf(task));

        var yes = model.AddActivity("Elsa.WriteLine", 520, -80);
        var no = model.AddActivity("Elsa.WriteLine", 520, 80);
        Assert.Equal("输出文本 2", model.Find(no)!.Name);
        Assert.True(model.Connect(start, "Done", task));
        Assert.True(model.Connect(task, "同意", yes));
        Assert.True(model.Connect(task, "不同意", no));
        Assert.False(model.Connect(task, "同意", yes));
        Assert.False(model.Connect(yes, "Done", yes));

        Assert.True(model.IsValid, string.Join("; ", model.Problems.Select(p => p.Message)));
        var saved = JsonNode.Parse(model.ToJson())!;
        var taskJson = saved["root"]!["activities"]![1]!;
        Assert.Equal("String", taskJson["role"]!["typeName"]!.GetValue<string>());
        Assert.Equal("String[]", taskJson["outcomes"]!["typeName"]!.GetValue<string>());
        Assert.Equal(260, taskJson["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
        Assert.Equal(NodeGeometry.HeightFor(2), taskJson["metadata"]!["designer"]!["size"]!["height"]!.GetValue<double>());
        var model2 = Compiler.Compile(saved.AsObject());
        Assert.True(model2.IsValid);
    }

    [Fact]
    public void DeleteSelection_RemovesTheActivitiesAndEveryConnectionTouchingThem()
    {
        var model = Open(Shipped("general-approval.json"));
        model.Selection.Select("approved");
        model.Selection.Select("log", toggle: true);

        model.DeleteSelection();

        Assert.DoesNotContain(model.Nodes, n => n.Id is "approved" or "log");
        Assert.Equal([("start", "review"), ("review", "returned")], model.Edges.Select(e => (e.Source, e.Target)));
        Assert.True(model.Selection.IsEmpty);
    }

    [Fact]
    public void SelectedConnection_IsDeletedAlone()
    {
        var model = Open(Shipped("general-approval.json"));
        var edge = model.Edges.Single(e => e.Source == "review" && e.Port == "退回");
        model.Selection.SelectConnection(edge.Index);

        model.DeleteSelection();

        Assert.Equal(5, model.Edges.Count);
        Assert.Equal(6, model.Nodes.Count);
        Assert.DoesNotContain(model.Edges, e => e.Port == "退回");
    }

    [Fact]
    public void SelectArea_SelectsWhatLiesInside()
    {
        var model = Open(Shipped("general-approval.json"));
        var approved = model.Find("approved")!;
        var returned = model.Find("returned")!;

        model.SelectArea(approved.X - 5, approved.Y - 5, returned.Right + 5, returned.Bottom + 5, add: false);

        Assert.Equal(["approved", "returned"], model.Selection.Activities.Order());
    }

    [Fact]
    public void SetInput_KeepsTheWrapperAndItsTypeName_AndABareLiteralBare()
    {
        var model = Open(Unusual);

        model.SetInput("log", "text", new InputValue("Literal", "changed"));
        Assert.Equal("changed", model.Find("log")!.Json["text"]!.GetValue<string>());

        model.SetInput("log", "text", new InputValue("Liquid", "X = {{ Variables.X }}"));
        var wrapper = model.Find("log")!.Json["text"]!;
        Assert.Equal("String", wrapper["typeName"]!.GetValue<string>());
        Assert.Equal("Liquid", wrapper["expression"]!["type"]!.GetValue<string>());

        model.SetInput("log", "text", null);
        Assert.False(model.Find("log")!.Json.ContainsKey("text"));
    }

    [Fact]
    public void ObjectExpression_IsEditedAsAConstant_AndKeepsItsType()
    {
        var model = Open(Shipped("general-approval.json"));
        var outcomes = InputValue.Read(model.Find("review")!.Json, "outcomes")!;
        Assert.Equal("Object", outcomes.ExpressionType);
        Assert.Equal(["同意", "退回"], outcomes.Constant!.AsArray().Select(o => o!.GetValue<string>()));

        model.SetInput("review", "outcomes", InputValue.FromConstant(outcomes, new JsonArray("同意", "退回", "转办")));

        var written = model.Find("review")!.Json["outcomes"]!["expression"]!;
        Assert.Equal("Object", written["type"]!.GetValue<string>());
        Assert.Equal("""["同意","退回","转办"]""", written["value"]!.GetValue<string>());
        Assert.Equal(["同意", "退回", "转办", "Overdue"], model.Find("review")!.Ports);
    }

    [Theory]
    [InlineData("JavaScript", "getInput('Amount') > 1", true)]
    [InlineData("JavaScript", "getInput('Amount' >", false)]
    [InlineData("Liquid", "案号 {{ Variables.CaseNumber }}", true)]
    [InlineData("Liquid", "案号 {{ Variables.CaseNumber ", false)]
    [InlineData("CSharp", "Variables.Counter + 1", true)]
    [InlineData("CSharp", "var x = ;", false)]
    public void CheckSyntax_UsesTheEnginesParsers(string type, string text, bool valid) =>
        Assert.Equal(valid, InputValue.CheckSyntax(type, text) is null);

    [Fact]
    public void Move_InOneStep_IsUndoneInOneStep_AndCoalescedNudgesAreOneStep()
    {
        var model = Open(Shipped("credit-repair.json"));
        var node = model.Nodes[1];

        model.Move([node.Id], 10, 0, coalesceKey: "nudge");
        model.Move([node.Id], 10, 0, coalesceKey: "nudge");
        model.Move([node.Id], 0, 10, coalesceKey: "nudge");
        Assert.Equal(node.X + 20, model.Find(node.Id)!.X);

        Assert.Equal($"移动“{node.Name}”", model.History.UndoLabel);
        model.Undo();

        Assert.Equal(node.X, model.Find(node.Id)!.X);
        Assert.False(model.History.CanUndo);
        Assert.Equal($"移动“{node.Name}”", model.History.RedoLabel);
    }
    [Fact]
    public void RootThatIsNotAFlowchart_IsKept_AndNothingCanBeAdded()
    {
        const string sequence = """{ "definitionId": "seq", "root": { "id": "s", "type": "Elsa.Sequence", "activities": [ { "id": "a", "type": "Elsa.WriteLine", "text": "x" } ] } }""";
        var model = Open(sequence);

        Assert.False(model.IsFlowchart);
        Assert.Equal("Elsa.Sequence", model.RootType);
        Assert.Throws<InvalidOperationException>(() => model.AddActivity("Elsa.Start", 0, 0));
        Assert.True(JsonNode.DeepEquals(Parse(sequence), JsonNode.Parse(model.ToJson())));
    }
}
