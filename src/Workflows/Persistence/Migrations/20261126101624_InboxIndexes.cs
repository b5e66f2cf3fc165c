using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_CaseId",
                table: "CaseMembers");

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_CaseId_UserEmail_Relation_Active",
                table: "CaseMembers",
                columns: new[] { "CaseId", "UserEmail", "Relation", "Active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_CaseId_UserEmail_Relation_Active",
                table: "CaseMembers");

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_CaseId",
                table: "CaseMembers",
                column: "CaseId");
        }
    }
}
