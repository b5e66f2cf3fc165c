using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <summary>
    /// Moves the verification draws of existing cases where only the staff read them: the timeline line of a draw
    /// becomes a staff-only 'sampling' entry (its data holds seed, value, rate and verifier), the copy in the case
    /// fields and the seed in instance inputs are removed, and every verifier already drawn gets the verifier
    /// relation on the case so they can open it.
    /// </summary>
    public partial class SamplingRecordsForStaffOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "CaseEntries" SET "Kind" = 'sampling' WHERE "Kind" = 'decision' AND "Title" LIKE '随机抽查：%';
                """);
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "FieldsJson" = json_remove("FieldsJson", '$.sampling')
                WHERE json_valid("FieldsJson") AND json_type("FieldsJson", '$.sampling') IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "WorkflowInstances" SET "InputJson" = json_remove("InputJson", '$.Seed')
                WHERE json_valid("InputJson") AND json_type("InputJson", '$.Seed') IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseMembers" ("Id", "CaseId", "UserEmail", "DisplayName", "Relation", "Active", "Since", "Until", "Note")
                SELECT t."Id" || '-verifier', t."CaseId", lower(t."Assignee"), t."Assignee", 'verifier', 1, t."CreatedAt", NULL, '随机选派'
                FROM "HumanTasks" AS t
                WHERE t."DefinitionId" = 'commitment-verification' AND t."ActivityId" = 'verify' AND t."Assignee" IS NOT NULL AND t."CaseId" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "CaseMembers" AS m WHERE m."CaseId" = t."CaseId" AND m."UserEmail" = lower(t."Assignee") AND m."Relation" = 'verifier');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The removed seeds are kept in the staff-only entries; nothing is put back where parties read it.
        }
    }
}
