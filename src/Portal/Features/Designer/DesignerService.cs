using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Justice.Portal.Features.Definitions;
using Justice.Portal.Features.Instances;
using Justice.Casework.Documents;
using Justice.Casework.Rules;
using Justice.Workflows.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Management;
using Justice.Workflows.Runtime.Model;
using Justice.Workflows.Runtime.State;
using Justice.Workflows.Runtime;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// What the designer page needs from the rest of the system: definitions to open, to save and publish (through
/// <see cref="DefinitionAdministration"/>, audited as the API and the definitions pages are), and the lists its pickers offer.
/// </summary>
public sealed partial class DesignerService(
    WorkflowDefinitionService definitions, DefinitionAdministration administration, ActivityRegistry registry, DefinitionCompiler compiler,
    InstanceService instances, DocumentRenderer documents, RuleSetProvider ruleSets)
{
    /// <summary>The activities the toolbox offers.</summary>
    public IReadOnlyCollection<ActivityDescriptor> Activities => registry.Descriptors;

    /// <summary>The latest version of a definition, opened for editing; null when there is none.</summary>
    public async Task<DesignerModel?> OpenAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await definitions.EnsureActivityCatalogAsync(cancellationToken);
        var record = await definitions.FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
        return record is null ? null : new DesignerModel(WorkflowDefinitionService.Export(record), registry, compiler) { BasedOn = new VersionStamp(record.Id, record.UpdatedAt) };
    }

    /// <summary>Why a new definition id cannot be used (its form, or it is taken), as a text to format with the id; null when it can.</summary>
    public async Task<string?> CheckNewIdAsync(string? definitionId, CancellationToken cancellationToken = default)
    {
        await definitions.EnsureActivityCatalogAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(definitionId) || !IdPattern().IsMatch(definitionId))
            return "标识只能由小写字母、数字和连字符组成，并以字母开头（例如 leave-approval）。";
        if (definitionId == "new")
            return "“new”不能用作标识。";
        return (await definitions.ListVersionsAsync(definitionId, cancellationToken)).Count > 0
            ? "流程定义“{0}”已存在。"
            : null;
    }

    public DesignerModel New(string definitionId, string name)
    {
        var model = DesignerModel.CreateNew(definitionId, name, registry, compiler);
        model.BasedOn = new VersionStamp(null, null);
        return model;
    }

    /// <summary>Saves the definition as a draft (a new version when the latest is published), as the import API does.</summary>
    public async Task<ImportResult> SaveAsync(ClaimsPrincipal actor, DesignerModel model, CancellationToken cancellationToken = default)
    {
        var result = await administration.SaveAsync(actor, model.ToJson(), publish: false, cancellationToken, model.BasedOn);
        if (result.Unreadable || result.Conflict is not null || result.DefinitionId is null)
            return result;
        await RefreshAsync(model, result.DefinitionId, cancellationToken);
        return result;
    }

    /// <summary>Saves unsaved changes, then publishes the latest version; the problems when it does not validate.</summary>
    public async Task<(int Version, IReadOnlyList<DefinitionProblem> Errors)> PublishAsync(ClaimsPrincipal actor, DesignerModel model, CancellationToken cancellationToken = default)
    {
        if (model.IsDirty)
        {
            var saved = await SaveAsync(actor, model, cancellationToken);
            if (saved.Unreadable)
                return (0, saved.Errors);
            if (saved.Conflict is not null)
                return (0, [new DefinitionProblem(DefinitionProblem.VersionChanged, "$", null, saved.Conflict)]);
        }
        var (version, errors) = await administration.PublishAsync(actor, model.DefinitionId, cancellationToken: cancellationToken);
        if (version is null || errors.Count > 0)
            return (version?.Version ?? 0, errors);
        await RefreshAsync(model, model.DefinitionId, cancellationToken);
        return (version.Version, []);
    }

    /// <summary>Starts an instance of the published version with <paramref name="input"/> and runs it until it waits or ends (audited as a manual start); null when nothing is published.</summary>
    public async Task<WorkflowInstanceRecord?> StartAsync(ClaimsPrincipal actor, string definitionId, string? correlationId, JsonObject? input = null, CancellationToken cancellationToken = default) =>
        await instances.StartAsync(actor, definitionId, input, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim(), cancellationToken);

    /// <summary>Document templates under <c>templates/</c>, e.g. <c>arbitration/acceptance-notice</c>.</summary>
    public IReadOnlyList<string> Templates() => documents.List();

    /// <summary>Statutory periods of the rule sets in force and past: code and label (e.g. ARB-04 答辩期).</summary>
    public IReadOnlyList<(string Code, string Label)> Periods() => ruleSets.All
        .SelectMany(set => (set.Json["periods"] as JsonObject ?? []).Select(p => (Code: p.Key, Label: p.Value?["label"]?.GetValue<string>() ?? p.Key)))
        .DistinctBy(p => p.Code).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();

    /// <summary>Other definitions, for sub-process pickers.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> DefinitionsAsync(CancellationToken cancellationToken = default)
    {
        var (items, _) = await definitions.ListAsync(1, 500, cancellationToken);
        return items.Select(i => (i.Latest.DefinitionId, i.Latest.Name ?? i.Latest.DefinitionId)).ToList();
    }

    async Task RefreshAsync(DesignerModel model, string definitionId, CancellationToken cancellationToken)
    {
        if (await definitions.FindAsync(definitionId, VersionSelector.Latest, cancellationToken) is { } record)
        {
            model.MarkSaved(WorkflowDefinitionService.Export(record));
            model.BasedOn = new VersionStamp(record.Id, record.UpdatedAt);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    private static partial Regex IdPattern();
}
