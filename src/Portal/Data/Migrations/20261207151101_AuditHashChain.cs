using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Portal.Data.Migrations
{
    /// <summary>
    /// The audit log becomes one hash chain. Entries already written are numbered here in the order they were inserted
    /// (rowid); their hashes are computed at start-up (<c>ApplicationDbContext.LinkUnchainedAuditAsync</c>: hashing is
    /// not SQL), before anything new is written.
    /// </summary>
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditLog",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("""
                UPDATE "AuditLog" SET "Sequence" = "r"."n"
                FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "rowid") AS "n" FROM "AuditLog") AS "r"
                WHERE "r"."Id" = "AuditLog"."Id";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Sequence",
                table: "AuditLog",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Unchained",
                table: "AuditLog",
                column: "Sequence",
                filter: "\"Hash\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditLog_Sequence",
                table: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_Unchained",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditLog");
        }
    }
}
