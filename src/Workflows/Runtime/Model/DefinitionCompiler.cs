using System.Text.Json.Nodes;
using Justice.Workflows.Definitions;
using Justice.Workflows.Expressions;
using Justice.Workflows.Runtime.Model;

namespace Justice.Workflows.Runtime.Model;

/// <summary>
/// Turns definition JSON into a <see cref="WorkflowModel"/> and reports every problem at once, each with where
/// it is and what is wrong. A definition with problems still compiles (it can be saved as a draft).
/// </summary>
public sealed class DefinitionCompiler(ActivityRegistry registry)
{
    /// <summary>The activity types this compiler knows (built-in, and definitions usable as activities).</summary>
    public ActivityRegistry Registry => registry;

    public WorkflowModel Compile(JsonObject document)
    {
        var validation = new DefinitionValidationContext();
        var variables = ReadVariables(document, validation);
        validation.VariableExists = idOrName => variables.Any(v => v.Id == idOrName || v.Name == idOrName);
        var inputNames = (document["inputs"] as JsonArray)?.OfType<JsonObject>().Select(i => Text(i["name"])).OfType<string>().ToList() ?? [];
        validation.ScriptPrelude = CSharpEvaluator.PreludeOf(variables, inputNames);
        var outputNames = (document["outputs"] as JsonArray)?.OfType<JsonObject>().Select(o => Text(o["name"])).OfType<string>().ToList() ?? [];
        validation.OutputExists = outputNames.Contains;
        var activities = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var parents = new Dictionary<string, Activity>(StringComparer.Ordinal);
        var state = new CompileState(activities, parents, validation);
        var rootNode = document["root"] as JsonObject ?? new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root" };
        var root = CompileActivity(rootNode, "$.root", null, state);

        return new WorkflowModel
        {
            DefinitionId = Text(document["definitionId"]) ?? "",
            VersionId = Text(document["id"]) ?? "",
            Version = document["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1,
            Name = Text(document["name"]),
            Document = document,
            Variables = variables,
            InputNames = inputNames,
            OutputNames = outputNames,
            Root = root,
            Activities = activities,
            Owners = parents,
            Problems = validation.Problems,
            Compiler = this,
        };
    }

    /// <summary>
    /// Compiles a copy of an already compiled activity (the body of a ParallelForEach for one iteration): every
    /// activity id inside gets <paramref name="suffix"/>, connections and starts follow, and the copies join the
    /// given indexes with <paramref name="owner"/> as the copy's owner.
    /// </summary>
    internal Activity CompileCopy(JsonObject node, string suffix, Activity owner, Dictionary<string, Activity> activities, Dictionary<string, Activity> owners)
    {
        var copy = (JsonObject)node.DeepClone();
        Rename(copy, suffix);
        var validation = new DefinitionValidationContext { ChecksScripts = false };
        return CompileActivity(copy, "$", owner, new CompileState(activities, owners, validation));
    }

    static void Rename(JsonNode? node, string suffix)
    {
        switch (node)
        {
            case JsonObject obj:
                if (Text(obj["type"]) is not null && Text(obj["id"]) is { } id && obj.ContainsKey("type") && !obj.ContainsKey("value"))
                    obj["id"] = id + suffix;
                if (obj["connections"] is JsonArray connections)
                {
                    foreach (var c in connections.OfType<JsonObject>())
                    {
                        foreach (var end in new[] { "source", "target" })
                        {
                            if (c[end] is JsonObject e && Text(e["activity"]) is { } a)
                                e["activity"] = a + suffix;
                            else if (Text(c[end]) is { } flat)
                                c[end] = flat + suffix;
                        }
                    }
                }
                if (Text(obj["start"]) is { } start && obj["activities"] is JsonArray)
                    obj["start"] = start + suffix;
                foreach (var (key, value) in obj.ToList())
                {
                    if (key is not "connections")
                        Rename(value, suffix);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    Rename(item, suffix);
                break;
        }
    }

    sealed record CompileState(Dictionary<string, Activity> Activities, Dictionary<string, Activity> Parents, DefinitionValidationContext Validation)
    {
        public int Generated { get; set; }
    }

    Activity CompileActivity(JsonObject node, string path, Activity? parent, CompileState state)
    {
        var validation = state.Validation;
        var id = Text(node["id"]);
        if (string.IsNullOrEmpty(id))
        {
            id = $"activity-{++state.Generated}";
            validation.Add(DefinitionProblem.MissingId, path + ".id", null, "活动缺少 id。");
        }
        var type = Text(node["type"]) ?? "";
        // As Elsa reads a node: a built-in type, unless the node names a workflow version usable as an activity.
        var descriptor = registry.FindBuiltIn(type);
        var workflow = descriptor is null || node.ContainsKey("workflowDefinitionVersionId") ? registry.Workflows.Resolve(node) : null;
        descriptor = workflow?.Descriptor ?? descriptor;
        var activity = descriptor is null ? new UnknownActivity() : (Activity)Activator.CreateInstance(descriptor.ClrType)!;
        activity.Id = id;
        activity.Name = Text(node["name"]);
        activity.Type = type;
        activity.Node = node;
        activity.Descriptor = descriptor ?? UnknownActivity.DescriptorFor(type);

        if (!state.Activities.TryAdd(id, activity))
            validation.Add(DefinitionProblem.DuplicateId, path + ".id", id, $"活动 id“{id}”重复。");
        else
            validation.SetPath(id, path);
        if (parent is not null)
            state.Parents.TryAdd(id, parent);

        if (descriptor is null && Text(node["workflowDefinitionId"]) is { } missingDefinition)
            validation.Add(DefinitionProblem.UnknownActivityType, path + ".type", id,
                $"活动“{activity.Name ?? id}”引用的流程“{type}”（定义 {missingDefinition}）不存在或不能作为活动使用；请先导入并发布该流程（options.usableAsActivity）。");
        else if (descriptor is null)
            validation.Add(DefinitionProblem.UnknownActivityType, path + ".type", id, $"活动“{activity.Name ?? id}”的类型“{type}”未知。");
        else if (activity is WorkflowDefinitionActivity workflowActivity)
            BindWorkflowActivity(workflowActivity, workflow!, node, path, validation);
        else
            BindInputsAndOutputs(activity, descriptor, node, path, validation);
        ReportUnsupportedExpressions(activity, node, path, validation);

        if (activity is Flowchart flowchart)
        {
            var children = new List<Activity>();
            if (node["activities"] is JsonArray childNodes)
            {
                for (var i = 0; i < childNodes.Count; i++)
                {
                    if (childNodes[i] is JsonObject child)
                        children.Add(CompileActivity(child, $"{path}.activities[{i}]", flowchart, state));
                }
            }
            flowchart.Build(children, node["connections"] as JsonArray, validation);
        }
        else if (activity is CompositeActivity composite)
        {
            composite.Build((child, childPath) => CompileActivity(child, $"{path}.{childPath}", composite, state));
        }
        activity.Validate(validation);
        return activity;
    }

    static void BindInputsAndOutputs(Activity activity, ActivityDescriptor descriptor, JsonObject node, string path, DefinitionValidationContext validation)
    {
        foreach (var input in descriptor.Inputs)
        {
            var expression = Expression.FromInputNode(node[input.Name]);
            if (expression is null)
                continue;
            var where = $"{path}.{input.Name}";
            if (expression.IsSupported)
                CheckExpression(activity, input, expression, where, validation);
            var bound = Activator.CreateInstance(typeof(Input<>).MakeGenericType(input.ValueType), expression);
            input.Property?.SetValue(activity, bound);
        }
        foreach (var output in descriptor.Outputs)
        {
            if (node[output.Name] is not JsonObject wrapper || Text(wrapper["memoryReference"]?["id"]) is not { } reference)
                continue;
            if (!validation.HasVariable(reference) && !validation.OutputExists(reference))
                validation.Add(DefinitionProblem.UnknownVariable, $"{path}.{output.Name}.memoryReference", activity.Id,
                    $"活动“{activity.DisplayName}”的输出 {output.Name} 指向不存在的变量或流程输出“{reference}”。");
            output.Property?.SetValue(activity, Activator.CreateInstance(typeof(Output<>).MakeGenericType(output.ValueType), reference));
        }
    }

    static void BindWorkflowActivity(WorkflowDefinitionActivity activity, WorkflowActivityEntry workflow, JsonObject node, string path, DefinitionValidationContext validation)
    {
        activity.WorkflowDefinitionId = workflow.DefinitionId;
        activity.WorkflowDefinitionVersionId = workflow.VersionId;
        activity.WorkflowVersion = workflow.Version;
        foreach (var input in workflow.Descriptor.Inputs)
        {
            var expression = Expression.FromInputNode(node[input.Name]);
            if (expression is null)
                continue;
            if (expression.IsSupported)
                CheckExpression(activity, input, expression, $"{path}.{input.Name}", validation);
            activity.InputBindings.Add((workflow.InputNames[input.Name], (Input)Activator.CreateInstance(typeof(Input<>).MakeGenericType(input.ValueType), expression)!));
        }
        foreach (var output in workflow.Descriptor.Outputs)
        {
            Output? target = null;
            if (node[output.Name] is JsonObject wrapper && Text(wrapper["memoryReference"]?["id"]) is { } reference)
            {
                if (!validation.HasVariable(reference) && !validation.OutputExists(reference))
                    validation.Add(DefinitionProblem.UnknownVariable, $"{path}.{output.Name}.memoryReference", activity.Id,
                        $"活动“{activity.DisplayName}”的输出 {output.Name} 指向不存在的变量或流程输出“{reference}”。");
                target = new Output<object>(reference);
            }
            activity.OutputBindings.Add((workflow.OutputNames[output.Name], target));
        }
    }

    static void CheckExpression(Activity activity, InputDescriptor input, Expression expression, string where, DefinitionValidationContext validation)
    {
        switch (expression.Type)
        {
            case Expression.LiteralType or Expression.ObjectType or Expression.JsonType:
                try
                {
                    var json = expression.Type == Expression.LiteralType
                        ? expression.Value
                        : expression.Value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? JsonNode.Parse(text) : expression.Value;
                    ValueConverter.Convert(json, input.ValueType);
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                {
                    validation.Add(DefinitionProblem.InvalidInput, where, activity.Id, $"活动“{activity.DisplayName}”的输入 {input.Name}：{ex.Message}");
                }
                break;
            case Expression.JavaScriptType when JavaScriptEvaluator.CheckSyntax(expression.Text) is { } error:
                validation.Add(DefinitionProblem.InvalidInput, where, activity.Id, $"活动“{activity.DisplayName}”的输入 {input.Name} 脚本有语法错误：{error}");
                break;
            case Expression.JavaScriptType:
                foreach (var (function, type) in ElsaTestHostFunctions.CalledBy(expression.Text).DistinctBy(c => c.Function))
                    validation.Add(DefinitionProblem.InvalidInput, where, activity.Id,
                        $"活动“{activity.DisplayName}”的输入 {input.Name} 调用了函数 {function}()，它由 Elsa 测试项目的 C# 类 {type}提供，本系统没有这个类。");
                break;
            case Expression.CSharpType:
                validation.CheckCSharp(activity, input.Name, expression.Text);
                break;
            case Expression.LiquidType when LiquidEvaluator.CheckSyntax(expression.Text) is { } error:
                validation.Add(DefinitionProblem.InvalidInput, where, activity.Id, $"活动“{activity.DisplayName}”的输入 {input.Name} 模板有语法错误：{error}");
                break;
            case Expression.VariableType when ExpressionEvaluator.VariableReference(expression.Value) is { } reference && !validation.HasVariable(reference):
                validation.Add(DefinitionProblem.UnknownVariable, where, activity.Id, $"活动“{activity.DisplayName}”的输入 {input.Name} 引用了不存在的变量“{reference}”。");
                break;
        }
    }

    /// <summary>Any wrapped expression of the activity, declared input or not, must be of a type this engine evaluates.</summary>
    static void ReportUnsupportedExpressions(Activity activity, JsonObject node, string path, DefinitionValidationContext validation)
    {
        foreach (var (key, value) in node)
        {
            if (value is JsonObject wrapper && wrapper["expression"] is JsonObject expression &&
                Text(expression["type"]) is { } type && !Expression.SupportedTypes.Contains(type))
            {
                validation.Add(DefinitionProblem.UnsupportedExpression, $"{path}.{key}", activity.Id,
                    $"活动“{activity.Name ?? activity.Id}”的输入 {key} 使用了不支持的表达式类型“{type}”（支持：Literal、Object、Variable、JavaScript、Liquid、CSharp）。");
            }
        }
    }

    static List<VariableDefinition> ReadVariables(JsonObject document, DefinitionValidationContext validation)
    {
        var result = new List<VariableDefinition>();
        Read(document["variables"] as JsonArray, "$.variables");
        Read(document["root"]?["variables"] as JsonArray, "$.root.variables");
        return result;

        void Read(JsonArray? array, string path)
        {
            for (var i = 0; i < (array?.Count ?? 0); i++)
            {
                if (array![i] is not JsonObject v || Text(v["name"]) is not { } name)
                    continue;
                var id = Text(v["id"]) ?? name;
                var typeName = Text(v["typeName"]);
                var isArray = v["isArray"] is JsonValue a && a.TryGetValue<bool>(out var b) && b;
                JsonNode? value = null;
                if (v["value"] is { } raw)
                {
                    try
                    {
                        var type = TypeNames.Resolve(typeName, isArray);
                        var source = type != typeof(string) && raw is JsonValue s && s.TryGetValue<string>(out var text) && LooksLikeJson(text)
                            ? JsonNode.Parse(text)
                            : raw;
                        value = ValueConverter.ToJson(ValueConverter.Convert(source?.DeepClone(), type));
                    }
                    catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                    {
                        validation.Add(DefinitionProblem.InvalidInput, $"{path}[{i}].value", null, $"变量“{name}”的初始值：{ex.Message}");
                    }
                }
                if (result.Any(r => r.Name == name))
                    validation.Add(DefinitionProblem.DuplicateId, $"{path}[{i}].name", null, $"变量名“{name}”重复。");
                else
                    result.Add(new VariableDefinition(id, name, typeName ?? "Object", isArray, value));
            }
        }
    }

    static bool LooksLikeJson(string text)
    {
        var t = text.TrimStart();
        return t.StartsWith('{') || t.StartsWith('[');
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
