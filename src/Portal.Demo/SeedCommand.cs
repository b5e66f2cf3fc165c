using Justice.Portal.Data;
using Justice.Workflows;

namespace Justice.Portal.Demo;

/// <summary><c>dotnet run --project src/Portal -- seed --cases 2000 [--concurrency 8]</c>: demo cases through the engine, with progress.</summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var count = Option(args, "--cases", 2000);
        var concurrency = Option(args, "--concurrency", Math.Max(2, Environment.ProcessorCount * 4));
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        Console.WriteLine($"生成 {count} 件演示案件（并发 {concurrency}），数据库：{app.Configuration.GetConnectionString("Justice") ?? PortalPaths.DefaultConnectionString}");
        var result = await seeder.SeedAsync(count, concurrency, report: p =>
            Console.WriteLine($"  {p.Done,7}/{p.Total}  {100.0 * p.Done / p.Total,5:0}%  {p.Elapsed.TotalSeconds,7:0.0} 秒  {p.Done / Math.Max(0.001, p.Elapsed.TotalSeconds),6:0} 件/秒{(p.Failed > 0 ? $"  失败 {p.Failed}" : "")}"));
        Console.WriteLine($"完成：{result.Done - result.Failed} 件，失败 {result.Failed} 件，用时 {result.Elapsed.TotalSeconds:0.0} 秒。");
        // The tables grew many times over: let SQLite measure them again for the case lists.
        await app.Services.RefreshDatabaseStatisticsAsync();
        return result.Failed == 0 ? 0 : 1;
    }

    static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
