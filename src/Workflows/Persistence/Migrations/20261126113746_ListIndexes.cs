using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_DefinitionVersionId",
                table: "WorkflowInstances");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_FiledOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Stage",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_Name",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_UserEmail",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_CaseId",
                table: "CaseMembers");

            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_UserEmail_Active",
                table: "CaseMembers");

            migrationBuilder.AddColumn<string>(
                name: "ParentKind",
                table: "Cases",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "CASE WHEN json_valid(\"FieldsJson\") THEN json_extract(\"FieldsJson\", '$.parentKind') END",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_DefinitionVersionId_Status",
                table: "WorkflowInstances",
                columns: new[] { "DefinitionVersionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Recipient_CreatedAt_Id",
                table: "Notifications",
                columns: new[] { "Recipient", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_CaseId_Status",
                table: "HumanTasks",
                columns: new[] { "CaseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_FiledOn_Id_Number_Title",
                table: "Cases",
                columns: new[] { "FiledOn", "Id", "Number", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_FiledOn_Id_Number_Title",
                table: "Cases",
                columns: new[] { "Kind", "FiledOn", "Id", "Number", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Number_Id",
                table: "Cases",
                columns: new[] { "Kind", "Number", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_ParentKind_Id",
                table: "Cases",
                columns: new[] { "Kind", "ParentKind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Stage_FiledOn_Id",
                table: "Cases",
                columns: new[] { "Kind", "Stage", "FiledOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Status_FiledOn_Id",
                table: "Cases",
                columns: new[] { "Kind", "Status", "FiledOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_UpdatedAt_Id",
                table: "Cases",
                columns: new[] { "Kind", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_AgentEmail_CaseId",
                table: "CaseParties",
                columns: new[] { "AgentEmail", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Name_CaseId",
                table: "CaseParties",
                columns: new[] { "Name", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_UserEmail_CaseId",
                table: "CaseParties",
                columns: new[] { "UserEmail", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_CaseId_UserEmail_Relation_Active",
                table: "CaseMembers",
                columns: new[] { "CaseId", "UserEmail", "Relation", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_UserEmail_Active_CaseId",
                table: "CaseMembers",
                columns: new[] { "UserEmail", "Active", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_DefinitionVersionId_Status",
                table: "WorkflowInstances");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Recipient_CreatedAt_Id",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_CaseId_Status",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_Cases_FiledOn_Id_Number_Title",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_FiledOn_Id_Number_Title",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Number_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_ParentKind_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Stage_FiledOn_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_Status_FiledOn_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Kind_UpdatedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_AgentEmail_CaseId",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_Name_CaseId",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_UserEmail_CaseId",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_CaseId_UserEmail_Relation_Active",
                table: "CaseMembers");

            migrationBuilder.DropIndex(
                name: "IX_CaseMembers_UserEmail_Active_CaseId",
                table: "CaseMembers");

            migrationBuilder.DropColumn(
                name: "ParentKind",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_DefinitionVersionId",
                table: "WorkflowInstances",
                column: "DefinitionVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_FiledOn",
                table: "Cases",
                columns: new[] { "Kind", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Kind_Stage",
                table: "Cases",
                columns: new[] { "Kind", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Name",
                table: "CaseParties",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_UserEmail",
                table: "CaseParties",
                column: "UserEmail");

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_CaseId",
                table: "CaseMembers",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_UserEmail_Active",
                table: "CaseMembers",
                columns: new[] { "UserEmail", "Active" });
        }
    }
}
