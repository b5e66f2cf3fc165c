using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <summary>
    /// The journal becomes a hash chain per instance: each entry's previous hash and hash, the instance's head. Entries
    /// already written are linked at start-up by <c>JournalChainBackfill</c> (hashing is not SQL), before any new burst.
    /// </summary>
    public partial class JournalHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JournalHead",
                table: "WorkflowInstances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "Journal",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "Journal",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JournalHead",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "Journal");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "Journal");
        }
    }
}
