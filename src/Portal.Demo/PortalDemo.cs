using Justice.Portal.Data;
using Justice.Casework.Cases;

namespace Justice.Portal.Demo;

/// <summary>What the demo adds to the portal: its clock and draws, the first demo cases, the test clock API, the seed command.</summary>
public sealed class PortalDemo : IPortalDemo
{
    public void AddServices(WebApplicationBuilder builder)
    {
        // Demo flows give their cases realistic dates and choose their draws; everyone else sees real time and real draws.
        builder.Services.AddSingleton<TimeProvider, DemoClock>();
        builder.Services.AddSingleton<SamplingSeeds, DemoSamplingSeeds>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<IDemoStaffNames, DemoStaffNames>();
    }

    public void MapEndpoints(WebApplication app) => app.MapDevClockApi(app.Environment);

    /// <summary>Development (or Seed:Demo) starts with demo cases, once; the seed command fills as many as asked.</summary>
    public async Task SeedAsync(WebApplication app, IServiceProvider services)
    {
        var seeder = services.GetService<DemoSeeder>();
        var count = app.Configuration.GetValue("Seed:Cases", 200);
        if (seeder is not null && app.Configuration["seed-command"] != "true" && count > 0 && !await seeder.HasDemoDataAsync())
        {
            var logger = services.GetRequiredService<ILogger<DemoSeeder>>();
            logger.LogInformation("正在通过流程引擎生成 {Count} 件演示案件……", count);
            var result = await seeder.SeedAsync(count, report: p => logger.LogInformation("演示数据：{Done}/{Total}（{Seconds:0.0} 秒）", p.Done, p.Total, p.Elapsed.TotalSeconds));
            logger.LogInformation("演示数据已生成：{Done} 件，失败 {Failed} 件，用时 {Seconds:0.0} 秒", result.Done - result.Failed, result.Failed, result.Elapsed.TotalSeconds);
        }
    }

    public Task<int> RunSeedCommandAsync(WebApplication app, string[] args) => SeedCommand.RunAsync(app, args);
}
