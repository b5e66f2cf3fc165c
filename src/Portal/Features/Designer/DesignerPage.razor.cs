using System.Security.Claims;
using Justice.Portal.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// The designer of a definition (<c>/designer/{definitionId}</c>), or of a new one (<c>/designer/new</c>): toolbox,
/// canvas, property panel and the validator's problems; saves drafts and publishes through the definitions service.
/// </summary>
public sealed partial class DesignerPage
{
    [Parameter] public string? DefinitionId { get; set; }

    [CascadingParameter] Task<AuthenticationState>? AuthState { get; set; }

    sealed class NewDefinition
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
    }

    DesignerModel? model;
    readonly DesignerViewport viewport = new();
    DesignerCanvas? canvas;
    DesignerLists lists = DesignerLists.Empty;
    readonly NewDefinition draft = new();
    string? newIdError;
    bool loading = true, busy;
    int panel;

    protected override async Task OnParametersSetAsync()
    {
        // After the first save of a new definition the address changes to its own; the open model stays.
        if (model is not null && model.DefinitionId == DefinitionId)
            return;
        loading = true;
        Detach();
        model = DefinitionId is null ? null : await Designer.OpenAsync(DefinitionId);
        Attach();
        lists = new DesignerLists(Designer.Templates(), Designer.Periods(), await Designer.DefinitionsAsync());
        loading = false;
    }

    void Attach()
    {
        if (model is not null)
            model.Changed += OnModelChanged;
    }

    void Detach()
    {
        if (model is not null)
            model.Changed -= OnModelChanged;
    }

    void OnModelChanged() => _ = InvokeAsync(StateHasChanged);

    async Task<ClaimsPrincipal> UserAsync() => AuthState is null ? new ClaimsPrincipal() : (await AuthState).User;

    async Task CreateAsync()
    {
        newIdError = await Designer.CheckNewIdAsync(draft.Id?.Trim());
        if (newIdError is not null)
            return;
        Detach();
        model = Designer.New(draft.Id!.Trim(), draft.Name!.Trim());
        Attach();
        panel = 0;
    }

    void AddAtCentre(string type)
    {
        if (model is null)
            return;
        var (x, y) = viewport.ToCanvas(viewport.Width / 2, viewport.Height / 2);
        // Step aside from whatever is already there, so that repeated adds do not stack up.
        while (model.Nodes.Any(n => Math.Abs(n.X - (x - NodeGeometry.DefaultWidth / 2)) < 20 && Math.Abs(n.Y - (y - NodeGeometry.DefaultHeight / 2)) < 20))
            (x, y) = (x + 30, y + 30);
        model.AddActivity(type, x - NodeGeometry.DefaultWidth / 2, y - NodeGeometry.DefaultHeight / 2);
        panel = 0;
    }

    void AutoLayout()
    {
        model?.AutoLayout();
        canvas?.Fit();
    }

    async Task RevealAsync(string activityId)
    {
        panel = 0;
        // A nested activity: open the flowchart (or structured activity) it is in first.
        if (model?.Find(activityId) is null && model?.Reveal(activityId) == true)
        {
            StateHasChanged();
            await Task.Yield();
        }
        if (canvas is not null)
            await canvas.RevealAsync(activityId);
    }

    async Task SaveAsync()
    {
        if (model is null)
            return;
        busy = true;
        try
        {
            var wasNew = model.IsNew;
            var result = await Designer.SaveAsync(await UserAsync(), model);
            if (result.Unreadable)
            {
                Snackbar.Add(T["保存失败：定义无法读取。"], Severity.Error);
                return;
            }
            if (result.Conflict is not null)
            {
                Snackbar.Add(result.Conflict, Severity.Error, o => o.RequireInteraction = true);
                return;
            }
            Snackbar.Add(result.Errors.Count == 0
                ? T.Format("已保存为草稿（版本 {0}）。", result.Version)
                : T.Format("已保存为草稿（版本 {0}），有 {1} 个问题，修正后才能发布。", result.Version, result.Errors.Count), result.Errors.Count == 0 ? Severity.Success : Severity.Warning);
            if (wasNew)
                Navigation.NavigateTo($"designer/{model.DefinitionId}", replace: true);
        }
        finally
        {
            busy = false;
        }
    }

    async Task PublishAsync()
    {
        if (model is null)
            return;
        if (!model.IsValid)
        {
            Snackbar.Add(T.Format("有 {0} 个问题，修正后才能发布。", model.Problems.Count), Severity.Error);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["发布流程定义"],
            T["发布后，新启动的实例将使用这个版本，正在运行的实例仍按原来的版本运行。已发布的版本不再修改：之后保存会建立新的版本。确定发布？"],
            yesText: T["发布"], cancelText: T["取消"]);
        if (confirmed != true)
            return;
        busy = true;
        try
        {
            var wasNew = model.IsNew;
            var (version, errors) = await Designer.PublishAsync(await UserAsync(), model);
            if (errors.FirstOrDefault(e => e.Code == Justice.Workflows.Definitions.DefinitionProblem.VersionChanged) is { } changed)
            {
                Snackbar.Add(changed.Message, Severity.Error, o => o.RequireInteraction = true);
                return;
            }
            if (errors.Count > 0)
            {
                Snackbar.Add(T.Format("未能发布：有 {0} 个问题。", errors.Count), Severity.Error);
                return;
            }
            Snackbar.Add(T.Format("已发布版本 {0}。", version), Severity.Success);
            if (wasNew)
                Navigation.NavigateTo($"designer/{model.DefinitionId}", replace: true);
        }
        finally
        {
            busy = false;
        }
    }

    async Task StartAsync()
    {
        if (model is null)
            return;
        var dialog = await Dialogs.ShowAsync<StartInstanceDialog>(T["启动实例"], new DialogParameters<StartInstanceDialog> { { d => d.DefinitionName, model.Name }, { d => d.Inputs, model["inputs"]?.DeepClone() } });
        if (await dialog.Result is not { Canceled: false, Data: StartInstanceDialog.Request request })
            return;
        busy = true;
        try
        {
            var instance = await Designer.StartAsync(await UserAsync(), model.DefinitionId, request.CorrelationId, request.Input);
            if (instance is null)
            {
                Snackbar.Add(T["这个流程还没有已发布的版本：请先发布。"], Severity.Warning);
                return;
            }
            Navigation.NavigateTo($"instances/{instance.Id}");
        }
        finally
        {
            busy = false;
        }
    }

    async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (model is not { IsDirty: true } || context.TargetLocation.Contains($"designer/{model.DefinitionId}", StringComparison.Ordinal))
            return;
        var leave = await Dialogs.ShowMessageBoxAsync(T["离开设计器"], T["有未保存的修改，离开后将丢失。确定离开？"], yesText: T["离开"], cancelText: T["留下"]);
        if (leave != true)
            context.PreventNavigation();
    }

    // The canvas keeps the clip in the browser too, so the toolbar goes through it.
    Task CopyAsync() => canvas?.CopyAsync() ?? Task.CompletedTask;

    Task CutAsync() => canvas?.CutAsync() ?? Task.CompletedTask;

    Task PasteAsync() => canvas?.PasteAsync() ?? Task.CompletedTask;

    string PasteTitle() => Clipboard.Content is { } clip
        ? T.Format("粘贴 {0} 个活动、{1} 条连线 (Ctrl+V)", clip.ActivityCount, clip.ConnectionCount)
        : T["粘贴活动 (Ctrl+V)"];

    /// <summary>The undo and redo buttons name the step in Chinese, where the model's step names are written.</summary>
    static string HistoryTitle(string action, string? step) => step is null || UiText.IsEnglish ? action : $"{action}：{step}";

    public void Dispose() => Detach();
}
