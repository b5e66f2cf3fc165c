using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;

namespace Justice.Portal.Features.Designer;

/// <summary>The edits: each one changes the JSON in place and is one undo step.</summary>
public sealed partial class DesignerModel
{
    /// <summary>Positions snap to this grid, as on Elsa Studio's canvas.</summary>
    public const double Grid = 10;

    /// <summary>Adds an activity of <paramref name="type"/> with its top-left corner at (x, y), selects it and returns its id.</summary>
    public string AddActivity(string type, double x, double y)
    {
        var descriptor = _registry.Find(type) ?? throw new ArgumentException($"活动类型“{type}”未知。", nameof(type));
        if (!IsFlowchart)
            throw new InvalidOperationException($"“{ScopeType}”不是流程图，不能在设计器中添加活动。");
        var id = NewId(type);
        var name = NewName(descriptor.DisplayName);
        var activity = descriptor.Workflow is { } workflow
            ? new JsonObject
            {
                // A definition used as an activity: pinned to the version the toolbox offers (its published version), as Elsa Studio writes it.
                ["workflowDefinitionId"] = workflow.DefinitionId,
                ["workflowDefinitionVersionId"] = workflow.VersionId,
                ["latestAvailablePublishedVersion"] = workflow.Version,
                ["latestAvailablePublishedVersionId"] = workflow.VersionId,
                ["id"] = id,
                ["type"] = type,
                ["version"] = workflow.Version,
                ["name"] = name,
            }
            : new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = name };
        var height = NodeGeometry.HeightFor(PortsOfNew(activity).Count, DesignerSlots.Of(activity).Count);
        activity["metadata"] = new JsonObject { ["designer"] = DesignerMetadata(Snap(x), Snap(y), NodeGeometry.DefaultWidth, height) };
        Change($"添加“{name}”", () =>
        {
            if (Root["activities"] is not JsonArray activities)
                Root["activities"] = activities = [];
            activities.Add(activity);
        }, compile: true);
        Selection.Select(id);
        return id;
    }

    /// <summary>Moves activities by (dx, dy), snapped to the grid.</summary>
    public void Move(IReadOnlyCollection<string> ids, double dx, double dy, string? coalesceKey = null)
    {
        var moving = Nodes.Where(n => ids.Contains(n.Id)).ToList();
        if (moving.Count == 0 || (dx == 0 && dy == 0))
            return;
        Change(moving.Count == 1 ? $"移动“{moving[0].Name}”" : $"移动 {moving.Count} 个活动", () =>
        {
            foreach (var node in moving)
                SetDesigner(node.Json, Snap(node.X + dx), Snap(node.Y + dy), node.Width, node.Height);
        }, compile: false, coalesceKey);
    }

    /// <summary>Lays the flowchart out left to right and stores the positions.</summary>
    public void AutoLayout()
    {
        var layout = FlowLayout.Arrange(Nodes.Select(n => new FlowLayout.Box(n.Id, n.Width, n.Height)).DistinctBy(b => b.Id).ToList(), Edges.Select(e => (e.Source, e.Target)));
        Change("自动布局", () =>
        {
            foreach (var node in Nodes)
            {
                var (x, y) = layout.GetValueOrDefault(node.Id);
                SetDesigner(node.Json, x, y, node.Width, node.Height);
            }
        }, compile: false);
    }

    /// <summary>Connects <paramref name="port"/> of <paramref name="source"/> to <paramref name="target"/>; false when it would connect an activity to itself, repeat a connection, or name an activity that is not there.</summary>
    public bool Connect(string source, string port, string target)
    {
        var from = Find(source);
        var to = Find(target);
        if (from is null || to is null || source == target || string.IsNullOrEmpty(port)
            || Edges.Any(e => e.Source == source && e.Port == port && e.Target == target))
            return false;
        var connection = new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        };
        Change($"连接“{from.Name}”的“{port}”到“{to.Name}”", () =>
        {
            if (Root["connections"] is not JsonArray connections)
                Root["connections"] = connections = [];
            connections.Add(connection);
        }, compile: true);
        return true;
    }

    /// <summary>
    /// Moves the target end of connection <paramref name="index"/> onto <paramref name="target"/>, keeping its source,
    /// port and everything else it has; false when the target is unchanged, missing, its own source, or already connected from that port.
    /// </summary>
    public bool Reconnect(int index, string target)
    {
        var edge = Edges.FirstOrDefault(e => e.Index == index);
        var to = Find(target);
        if (edge is null || to is null || target == edge.Target || target == edge.Source
            || Edges.Any(e => e.Source == edge.Source && e.Port == edge.Port && e.Target == target)
            || Root["connections"] is not JsonArray connections || connections[index]?["target"] is not JsonObject end)
            return false;
        Change($"把“{Find(edge.Source)?.Name ?? edge.Source}”的“{edge.Port}”改连到“{to.Name}”", () => end["activity"] = target, compile: true);
        Selection.SelectConnection(index);
        return true;
    }

    /// <summary>Deletes the selected activities (with their connections) and the selected connections.</summary>
    public void DeleteSelection() => RemoveSelection("删除");

    /// <summary>Removes the selection as one undo step named by <paramref name="verb"/> (删除, 剪切).</summary>
    void RemoveSelection(string verb)
    {
        var ids = Selection.Activities.ToHashSet(StringComparer.Ordinal);
        var connections = Edges.Where(e => Selection.Contains(e.Index) || ids.Contains(e.Source) || ids.Contains(e.Target)).Select(e => e.Index).ToHashSet();
        if (ids.Count == 0 && connections.Count == 0)
            return;
        var label = ids.Count switch
        {
            0 => $"{verb} {connections.Count} 条连线",
            1 => $"{verb}“{Find(ids.First())?.Name}”",
            _ => $"{verb} {ids.Count} 个活动",
        };
        Change(label, () =>
        {
            if (Root["connections"] is JsonArray connectionArray)
            {
                foreach (var index in connections.OrderDescending())
                    connectionArray.RemoveAt(index);
            }
            if (Root["activities"] is JsonArray activityArray)
            {
                for (var i = activityArray.Count - 1; i >= 0; i--)
                {
                    if (activityArray[i] is JsonObject a && Text(a["id"]) is { } id && ids.Contains(id))
                        activityArray.RemoveAt(i);
                }
            }
        }, compile: true);
        Selection.Clear();
    }

    /// <summary>Sets the activity's display name (<c>name</c>); empty removes it.</summary>
    public void Rename(string activityId, string? name) =>
        SetProperty(activityId, "name", string.IsNullOrWhiteSpace(name) ? null : JsonValue.Create(name.Trim()), "修改名称");

    /// <summary>Sets a declared input of the activity; null clears it.</summary>
    public void SetInput(string activityId, string inputName, InputValue? value)
    {
        var node = Find(activityId) ?? throw new ArgumentException($"活动“{activityId}”不存在。", nameof(activityId));
        var valueType = node.Descriptor?.Inputs.FirstOrDefault(i => i.Name == inputName)?.ValueType ?? typeof(object);
        SetProperty(activityId, inputName, value?.ToJson(node.Json[inputName], valueType), $"修改“{node.Name}”的输入");
    }

    /// <summary>Binds an output of the activity to a workflow variable (<c>memoryReference</c>); null unbinds it.</summary>
    public void SetOutput(string activityId, string outputName, string? variableId)
    {
        var node = Find(activityId) ?? throw new ArgumentException($"活动“{activityId}”不存在。", nameof(activityId));
        JsonNode? value = null;
        if (!string.IsNullOrEmpty(variableId))
        {
            var wrapper = node.Json[outputName] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject { ["typeName"] = "Object" };
            wrapper["memoryReference"] = new JsonObject { ["id"] = variableId };
            value = wrapper;
        }
        SetProperty(activityId, outputName, value, $"修改“{node.Name}”的输出");
    }

    /// <summary>Sets any property of an activity as JSON (special inputs such as a switch's cases or a variable reference); null removes it.</summary>
    public void SetProperty(string activityId, string key, JsonNode? value, string? label = null)
    {
        var node = Find(activityId) ?? throw new ArgumentException($"活动“{activityId}”不存在。", nameof(activityId));
        if (value is null ? !node.Json.ContainsKey(key) : JsonNode.DeepEquals(node.Json[key], value))
            return;
        Change(label ?? $"修改“{node.Name}”", () => Put(node.Json, key, value?.DeepClone()), compile: true);
    }

    /// <summary>Sets a top-level value of the definition (name, description, variables, inputs, outputs).</summary>
    public void SetDefinitionValue(string key, JsonNode? value, string label)
    {
        if (JsonNode.DeepEquals(_document[key], value))
            return;
        Change(label, () => Put(_document, key, value?.DeepClone()), compile: true);
    }

    public void Undo() => Restore(History.Undo(_current));

    public void Redo() => Restore(History.Redo(_current));

    public void SelectAll() => Selection.SelectMany(Nodes.Select(n => n.Id));

    /// <summary>Selects the activities that lie wholly inside a rectangle of the canvas (rubber band).</summary>
    public void SelectArea(double x1, double y1, double x2, double y2, bool add)
    {
        var (left, right) = (Math.Min(x1, x2), Math.Max(x1, x2));
        var (top, bottom) = (Math.Min(y1, y2), Math.Max(y1, y2));
        Selection.SelectMany(Nodes.Where(n => n.X >= left && n.Right <= right && n.Y >= top && n.Bottom <= bottom).Select(n => n.Id), add);
    }

    void Restore(string? snapshot)
    {
        if (snapshot is null)
            return;
        _document = (JsonObject)JsonNode.Parse(snapshot)!;
        _current = snapshot;
        TrimScope();
        Revision++;
        Refresh(compile: true);
        Changed?.Invoke();
    }

    /// <summary>
    /// Applies one edit as one undo step. A definition shown with an automatic layout gets that layout written into
    /// its activities first (inside the same step), so what was seen is what is saved.
    /// </summary>
    void Change(string label, Action apply, bool compile, string? coalesceKey = null)
    {
        var before = _current;
        if (IsAutoLaidOut)
        {
            foreach (var node in Nodes)
                SetDesigner(node.Json, node.X, node.Y, node.Width, node.Height);
        }
        apply();
        History.Record(before, label, coalesceKey);
        _current = Snapshot();
        Revision++;
        Refresh(compile || IsAutoLaidOut);
        Changed?.Invoke();
    }

    /// <summary>Sets a key, keeping its place when it exists; a new key goes before <c>metadata</c> (where Elsa writes inputs).</summary>
    static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
            return;
        }
        if (target.ContainsKey(key))
        {
            target[key] = value;
            return;
        }
        var metadata = target.IndexOf("metadata");
        if (metadata >= 0)
            target.Insert(metadata, key, value);
        else
            target[key] = value;
    }

    static void SetDesigner(JsonObject activity, double x, double y, double width, double height)
    {
        if (activity["metadata"] is not JsonObject metadata)
            activity["metadata"] = metadata = [];
        if (metadata["designer"] is not JsonObject designer)
        {
            metadata["designer"] = DesignerMetadata(x, y, width, height);
            return;
        }
        designer["position"] = new JsonObject { ["x"] = x, ["y"] = y };
        designer["size"] = new JsonObject { ["width"] = width, ["height"] = height };
    }

    static JsonObject DesignerMetadata(double x, double y, double width, double height) => new()
    {
        ["position"] = new JsonObject { ["x"] = x, ["y"] = y },
        ["size"] = new JsonObject { ["width"] = width, ["height"] = height },
    };

    internal static double Snap(double value) => Math.Round(value / Grid) * Grid;

    /// <summary>The ports a new activity starts with, as the engine gives them for an activity without inputs.</summary>
    IReadOnlyCollection<string> PortsOfNew(JsonObject activity)
    {
        var probe = new JsonObject { ["root"] = new JsonObject { ["id"] = "probe", ["type"] = FlowchartType, ["activities"] = new JsonArray(activity.DeepClone()) } };
        var id = Text(activity["id"])!;
        return _compiler.Compile(probe).Activities.GetValueOrDefault(id)?.GetPorts() ?? ["Done"];
    }

    /// <summary>True when the validator finds nothing: the definition can be published.</summary>
    public bool IsValid => Problems.Count == 0;
}
