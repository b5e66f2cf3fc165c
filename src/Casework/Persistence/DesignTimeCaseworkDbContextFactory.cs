using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Justice.Casework.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context CaseworkDbContext</c> build the context without a host.</summary>
public sealed class DesignTimeCaseworkDbContextFactory : IDesignTimeDbContextFactory<CaseworkDbContext>
{
    public CaseworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CaseworkDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable(CaseworkDbContext.MigrationsHistoryTable))
            .Options);
}
