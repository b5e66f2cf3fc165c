using System.Diagnostics;
using Justice.Casework.Integrity;
using Justice.Casework.Persistence;
using Justice.Portal.Data;
using Justice.Portal.Demo;
using Justice.Portal.Features.Audit;
using Justice.Portal.Features.Integrity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Integrity;

/// <summary>
/// The portal with demo cases made through the real engine, then one journal row, one timeline line and one audit entry
/// changed directly in SQLite: the check — and <c>verify-integrity</c>, in process and as a process — names exactly those.
/// </summary>
public sealed class IntegrityCommandTests : IAsyncLifetime
{
    // The command checks a database file as an operator names it: SQLite in every test run (the engine's check runs on PostgreSQL in its own tests).
    readonly PortalFactory _factory = PortalFactory.OnSqlite();

    string Database => Path.Combine(_factory.Folder, "justice.db");

    public async Task InitializeAsync()
    {
        await _factory.ClientAsync();
        var seeded = await _factory.Services.GetRequiredService<DemoSeeder>().SeedAsync(8, concurrency: 2, randomSeed: 7);
        Assert.Equal(0, seeded.Failed);
        await using var scope = _factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var target in new[] { "secretary@demo.justice.local", "notary@demo.justice.local", "reviewer@demo.justice.local" })
            await audit.RecordAsync("admin@demo.justice.local", "user.lock", target, "测试");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    static async Task ExecuteAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    async Task<(string Instance, int Sequence, string CaseId, long LineSequence, string LineId, long AuditSequence, string AuditId)> TamperAsync(string database)
    {
        await using var cases = await _factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var journal = await cases.Journal.AsNoTracking().OrderBy(j => j.InstanceId).ThenBy(j => j.Sequence).Skip(7).FirstAsync();
        var line = await cases.CaseEntries.AsNoTracking().Where(e => e.Sequence == 3).OrderBy(e => e.CaseId).FirstAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditLog.AsNoTracking().OrderByDescending(e => e.Sequence).Skip(1).FirstAsync();

        await ExecuteAsync(database, """UPDATE "Journal" SET "DataJson" = '{"comment":"改过"}' WHERE "InstanceId" = @i AND "Sequence" = @s""", ("@i", journal.InstanceId), ("@s", journal.Sequence));
        await ExecuteAsync(database, """UPDATE "CaseEntries" SET "Title" = "Title" || '（补）' WHERE "Id" = @id""", ("@id", line.Id));
        await ExecuteAsync(database, """UPDATE "AuditLog" SET "Details" = '无' WHERE "Id" = @id""", ("@id", audit.Id));
        return (journal.InstanceId, journal.Sequence, line.CaseId, line.Sequence, line.Id, audit.Sequence, audit.Id);
    }

    [Fact]
    public async Task Check_RowsEditedInSqlite_ReportsExactlyThoseEntries_AndTheCommandExitsOne()
    {
        var clean = new StringWriter();
        Assert.Equal(0, await IntegrityCommand.RunAsync(_factory.Services, clean));
        Assert.Contains("全部完好 / all intact", clean.ToString());

        var t = await TamperAsync(Database);
        var report = await _factory.Services.GetRequiredService<IntegrityCheck>().RunAsync();
        var output = new StringWriter();
        var exit = await IntegrityCommand.RunAsync(_factory.Services, output);

        Assert.Collection(report.Problems,
            p => Assert.Equal(("Journal", t.Instance, (long?)t.Sequence, ProblemCodes.HashMismatch), (p.Table, p.ChainId, p.Sequence, p.Code)),
            p => Assert.Equal(("CaseEntries", t.CaseId, (long?)t.LineSequence, t.LineId, ProblemCodes.HashMismatch), (p.Table, p.ChainId, p.Sequence, p.EntryId, p.Code)),
            p => Assert.Equal(("AuditLog", "audit", (long?)t.AuditSequence, t.AuditId, ProblemCodes.HashMismatch), (p.Table, p.ChainId, p.Sequence, p.EntryId, p.Code)));
        Assert.Equal(1, exit);
        var text = output.ToString();
        Assert.Contains($"Journal 实例 instance {t.Instance} 序号 sequence {t.Sequence}: 内容与哈希不符 / content does not match its hash", text);
        Assert.Contains($"CaseEntries 案件 case {t.CaseId} 序号 sequence {t.LineSequence} (id {t.LineId})", text);
        Assert.Contains($"AuditLog 日志 log audit 序号 sequence {t.AuditSequence} (id {t.AuditId})", text);
        Assert.Contains("发现 3 处损坏 / 3 broken", text);
        // The bureau's key is there, but no day has been sealed in this test (the sealing service does not run).
        Assert.Contains("尚无封存的日期 / no day sealed yet", text);
    }

    [Fact]
    public async Task VerifyIntegrity_RunAsAProcess_ExitsZeroOnACleanCopy_OneNamingTheEditedEntry_TwoWithoutTheFile()
    {
        var clean = Path.Combine(_factory.Folder, "copy-clean.db");
        var tampered = Path.Combine(_factory.Folder, "copy-tampered.db");
        await using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var copy = connection.CreateCommand();
            copy.CommandText = $"VACUUM INTO '{clean}'; VACUUM INTO '{tampered}';";
            await copy.ExecuteNonQueryAsync();
        }
        var t = await TamperAsync(tampered);

        var (cleanExit, cleanOutput) = await RunPortalAsync(clean);
        var (tamperedExit, tamperedOutput) = await RunPortalAsync(tampered);
        var missing = Path.Combine(_factory.Folder, "no-such.db");
        var (missingExit, missingOutput) = await RunPortalAsync(missing);

        Assert.True(cleanExit == 0, cleanOutput);
        Assert.Contains("全部完好 / all intact", cleanOutput);
        Assert.True(tamperedExit == 1, tamperedOutput);
        Assert.Contains($"CaseEntries 案件 case {t.CaseId} 序号 sequence {t.LineSequence} (id {t.LineId})", tamperedOutput);
        Assert.Contains("发现 3 处损坏 / 3 broken", tamperedOutput);
        // A mistyped path is not a new, empty database that verifies clean.
        Assert.Equal(2, missingExit);
        Assert.Contains("database file not found", missingOutput);
        Assert.False(File.Exists(missing));
    }

    /// <summary><c>dotnet Justice.Portal.dll verify-integrity --ConnectionStrings:Justice=…</c>, as an operator runs it.</summary>
    static async Task<(int Exit, string Output)> RunPortalAsync(string database)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(database)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Justice.Portal.dll"), IntegrityCommand.Verb, $"--ConnectionStrings:Justice=Data Source={database}" })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
