using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Casework.Persistence.Migrations
{
    /// <summary>
    /// The case timeline becomes a hash chain per case, and day seals get their table. Lines already written are
    /// numbered here per case in the order they were inserted (rowid); their hashes are computed at
    /// start-up (<c>TimelineChain.BackfillAsync</c>: hashing is not SQL), before anything new is written.
    /// </summary>
    public partial class TimelineHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "CaseEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "DaySeals",
                columns: table => new
                {
                    Day = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Chains = table.Column<int>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DaySeals", x => new { x.Kind, x.Day });
                });

            migrationBuilder.Sql("""
                UPDATE "CaseEntries" SET "Sequence" = "r"."n"
                FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "CaseId" ORDER BY "rowid") AS "n" FROM "CaseEntries") AS "r"
                WHERE "r"."Id" = "CaseEntries"."Id";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_CaseId_Sequence",
                table: "CaseEntries",
                columns: new[] { "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_Unchained",
                table: "CaseEntries",
                columns: new[] { "CaseId", "Sequence" },
                filter: "\"Hash\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DaySeals");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_CaseId_Sequence",
                table: "CaseEntries");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_Unchained",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "CaseEntries");
        }
    }
}
