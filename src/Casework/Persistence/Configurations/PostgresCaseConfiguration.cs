using Justice.Casework.Records;
using Microsoft.EntityFrameworkCore;

namespace Justice.Casework.Persistence.Configurations;

/// <summary>
/// What the case tables have only on PostgreSQL: the office a commitment case was used by as a stored column read with
/// PostgreSQL's JSON operators, and trigram indexes (<c>pg_trgm</c>) for the free-text search of numbers, titles and
/// party names, which SQLite checks inside its covering indexes instead.
/// </summary>
static class PostgresCaseConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<CaseRecord>(b =>
        {
            b.Property(c => c.ParentKind).HasComputedColumnSql("(\"FieldsJson\"::jsonb ->> 'parentKind')", stored: true);
            b.HasIndex(c => c.Number, "IX_Cases_Number_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            b.HasIndex(c => c.Title, "IX_Cases_Title_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        });
        modelBuilder.Entity<CaseParty>(b =>
            b.HasIndex(p => p.Name, "IX_CaseParties_Name_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops"));
    }
}
