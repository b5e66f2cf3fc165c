using Justice.Casework.Calendar;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Justice.Portal.Tests.EndToEnd;

/// <summary>Completes a case's tasks the way staff do: in the inbox, through the task dialog, one field at a time.</summary>
public sealed class InboxDriver(BrowserPortal portal, string caseId)
{
    readonly Dictionary<string, IPage> _pages = [];

    public string Today
    {
        get
        {
            var services = portal.Factory.Services;
            return services.GetRequiredService<StatutoryCalendar>().Today(services.GetRequiredService<TimeProvider>().GetUtcNow()).ToString("yyyy-MM-dd");
        }
    }

    public async Task<HumanTaskRecord> OpenTaskAsync(string activityId)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.HumanTasks.AsNoTracking().SingleAsync(t => t.CaseId == caseId && t.ActivityId == activityId && t.Status == HumanTaskRecord.Open);
    }

    /// <summary>As <paramref name="email"/>: opens the inbox, handles the task of <paramref name="activityId"/> with the outcome and the field values (by label).</summary>
    public async Task CompleteAsync(string email, string activityId, string outcome, params (string Label, string Value)[] fields)
    {
        var task = await OpenTaskAsync(activityId);
        if (!_pages.TryGetValue(email, out var page))
            _pages[email] = page = await portal.LoginAsEmailAsync(email);
        await page.GotoAsync($"inbox?case={Uri.EscapeDataString(caseId)}");
        await BrowserPortal.WaitForCircuitAsync(page);
        await page.Locator($"tr:has([data-task-id='{task.Id}'])").GetByRole(AriaRole.Button, new() { Name = "办理" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        await dialog.GetByText(outcome, new() { Exact = true }).ClickAsync();
        foreach (var (label, value) in fields)
        {
            if (await dialog.Locator($".mud-input-control.mud-select:has(label:text-is('{label}'))").CountAsync() > 0)
            {
                await BrowserPortal.ChooseAsync(page, dialog, label, value);
                continue;
            }
            var input = dialog.GetByLabel(label, new() { Exact = true });
            await input.FillAsync(value);
            await input.PressAsync("Tab");
        }
        await dialog.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        try
        {
            await page.Locator($"[data-task-id='{task.Id}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        catch (TimeoutException)
        {
            await BrowserPortal.ShotAsync(page, $"failed-{activityId}");
            throw;
        }

        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var done = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal(HumanTaskRecord.Completed, done.Status);
        Assert.Equal(outcome, done.Outcome);
        Assert.Equal(email, done.CompletedBy);
    }

    public async Task CloseAsync()
    {
        foreach (var page in _pages.Values)
            await page.Context.CloseAsync();
    }
}
