using Justice.Portal.Features.Inbox;
using Justice.Casework.Calendar;
using Justice.Casework.Tasks;
using Justice.Workflows.Persistence;
using Justice.Workflows.Runtime.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Inbox;

/// <summary>The inbox's deadlines: a deadline counted through a year without the State Council's notice is provisional.</summary>
public sealed class InboxTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task List_DeadlineCountedThroughAYearWithoutOfficialData_IsProvisional()
    {
        var calendar = factory.Services.GetRequiredService<StatutoryCalendar>();
        const string role = "inbox-provisional-test";
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            db.HumanTasks.AddRange(
                Task("t-2027", "跨年任务", role, created: new DateOnly(2026, 12, 31), expires: calendar.ExpiresAt(new DateOnly(2027, 1, 4))),
                Task("t-2026", "年内任务", role, created: new DateOnly(2026, 12, 1), expires: calendar.ExpiresAt(new DateOnly(2026, 12, 10))));
            await db.SaveChangesAsync();
        }

        using var scope = factory.Services.CreateScope();
        var page = await scope.ServiceProvider.GetRequiredService<InboxService>().ListAsync(new TaskUser("someone@inbox.test", [role]));

        Assert.True(page.Items.Single(i => i.Task.Id == "t-2027").Provisional);
        Assert.False(page.Items.Single(i => i.Task.Id == "t-2026").Provisional);
    }

    static HumanTaskRecord Task(string id, string title, string role, DateOnly created, DateTimeOffset expires) => new()
    {
        Id = id,
        InstanceId = "inbox-test-instance",
        DefinitionId = "inbox-test",
        ActivityId = id,
        Title = title,
        Role = role,
        DueAt = expires,
        CreatedAt = new DateTimeOffset(created.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)),
    };
}
