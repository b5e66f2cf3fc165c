using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Casework.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCasework : Migration
    {
        /// <summary>
        /// The case tables as the engine's migrations 20261126074916_Cases … 20261204171957_PeriodResumptions left them.
        /// Databases made before the casework had its own context already hold them; only what is missing is created.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "Cases" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY,
                    "Kind" TEXT NOT NULL,
                    "Number" TEXT NULL,
                    "Title" TEXT NOT NULL,
                    "Stage" TEXT NOT NULL,
                    "Status" TEXT NOT NULL,
                    "Outcome" TEXT NULL,
                    "Procedure" TEXT NULL,
                    "AmountInDispute" TEXT NULL,
                    "FiledOn" TEXT NULL,
                    "AcceptedOn" TEXT NULL,
                    "ClosedOn" TEXT NULL,
                    "RuleSetId" TEXT NULL,
                    "RuleSetJson" TEXT NULL,
                    "FieldsJson" TEXT NOT NULL,
                    "InstanceId" TEXT NULL,
                    "IsDemo" INTEGER NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "UpdatedAt" INTEGER NOT NULL,
                    "Revision" INTEGER NOT NULL
                , "ParentKind" AS (CASE WHEN json_valid("FieldsJson") THEN json_extract("FieldsJson", '$.parentKind') END))
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_FiledOn_Id_Number_Title" ON "Cases" ("FiledOn", "Id", "Number", "Title")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_InstanceId" ON "Cases" ("InstanceId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_FiledOn_Id_Number_Title" ON "Cases" ("Kind", "FiledOn", "Id", "Number", "Title")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_Number_Id" ON "Cases" ("Kind", "Number", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_ParentKind_Id" ON "Cases" ("Kind", "ParentKind", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_Stage_FiledOn_Id" ON "Cases" ("Kind", "Stage", "FiledOn", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_Status_FiledOn_Id" ON "Cases" ("Kind", "Status", "FiledOn", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Cases_Kind_UpdatedAt_Id" ON "Cases" ("Kind", "UpdatedAt", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX IF NOT EXISTS "IX_Cases_Number" ON "Cases" ("Number")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CaseParties" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseParties" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "Side" TEXT NOT NULL,
                    "PartyKind" TEXT NOT NULL,
                    "Name" TEXT NOT NULL,
                    "Gender" TEXT NULL,
                    "BirthDate" TEXT NULL,
                    "IdNumber" TEXT NULL,
                    "CreditCode" TEXT NULL,
                    "Representative" TEXT NULL,
                    "Address" TEXT NULL,
                    "Phone" TEXT NULL,
                    "UserEmail" TEXT NULL,
                    "AgentName" TEXT NULL,
                    "AgentEmail" TEXT NULL,
                    "Ordinal" INTEGER NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseParties_AgentEmail_CaseId" ON "CaseParties" ("AgentEmail", "CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseParties_CaseId" ON "CaseParties" ("CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseParties_Name_CaseId" ON "CaseParties" ("Name", "CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseParties_UserEmail_CaseId" ON "CaseParties" ("UserEmail", "CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CaseMembers" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseMembers" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "UserEmail" TEXT NOT NULL,
                    "DisplayName" TEXT NULL,
                    "Relation" TEXT NOT NULL,
                    "Active" INTEGER NOT NULL,
                    "Since" INTEGER NOT NULL,
                    "Until" INTEGER NULL,
                    "Note" TEXT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseMembers_CaseId_UserEmail_Relation_Active" ON "CaseMembers" ("CaseId", "UserEmail", "Relation", "Active")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseMembers_UserEmail_Active_CaseId" ON "CaseMembers" ("UserEmail", "Active", "CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CaseDocuments" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseDocuments" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "InstanceId" TEXT NULL,
                    "Template" TEXT NOT NULL,
                    "Title" TEXT NOT NULL,
                    "Number" TEXT NULL,
                    "Html" TEXT NOT NULL,
                    "IssuedAt" INTEGER NOT NULL,
                    "IssuedBy" TEXT NULL,
                    "SupersedesId" TEXT NULL,
                    "Sha256" TEXT NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseDocuments_CaseId" ON "CaseDocuments" ("CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseDocuments_Number" ON "CaseDocuments" ("Number")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "DocumentServices" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_DocumentServices" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "DocumentId" TEXT NOT NULL,
                    "PartyId" TEXT NULL,
                    "Recipient" TEXT NOT NULL,
                    "Method" TEXT NOT NULL,
                    "ServedOn" TEXT NOT NULL,
                    "ReceivedOn" TEXT NULL,
                    "RecordedBy" TEXT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_DocumentServices_CaseId" ON "DocumentServices" ("CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_DocumentServices_DocumentId" ON "DocumentServices" ("DocumentId")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CasePeriods" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CasePeriods" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "InstanceId" TEXT NULL,
                    "Code" TEXT NOT NULL,
                    "Label" TEXT NOT NULL,
                    "Unit" TEXT NOT NULL,
                    "Amount" INTEGER NOT NULL,
                    "StartOn" TEXT NOT NULL,
                    "DueOn" TEXT NOT NULL,
                    "Status" TEXT NOT NULL,
                    "PausedOn" TEXT NULL,
                    "RemainingWhenPaused" INTEGER NULL,
                    "PauseReason" TEXT NULL,
                    "BookmarkId" TEXT NULL,
                    "UpdatedAt" INTEGER NOT NULL
                , "LeftWhenResumed" INTEGER NULL, "ResumedOn" TEXT NULL)
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CasePeriods_BookmarkId" ON "CasePeriods" ("BookmarkId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CasePeriods_CaseId_Code" ON "CasePeriods" ("CaseId", "Code")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CasePeriods_Status_DueOn" ON "CasePeriods" ("Status", "DueOn")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CaseEntries" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseEntries" PRIMARY KEY,
                    "CaseId" TEXT NOT NULL,
                    "At" INTEGER NOT NULL,
                    "Actor" TEXT NULL,
                    "Kind" TEXT NOT NULL,
                    "Title" TEXT NOT NULL,
                    "DataJson" TEXT NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CaseEntries_CaseId_At" ON "CaseEntries" ("CaseId", "At")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "Notifications" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
                    "Recipient" TEXT NOT NULL,
                    "CaseId" TEXT NULL,
                    "Title" TEXT NOT NULL,
                    "Body" TEXT NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "ReadAt" INTEGER NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Notifications_Recipient_CreatedAt_Id" ON "Notifications" ("Recipient", "CreatedAt", "Id")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Notifications_Recipient_ReadAt" ON "Notifications" ("Recipient", "ReadAt")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "Outbox" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY,
                    "Channel" TEXT NOT NULL,
                    "Recipient" TEXT NOT NULL,
                    "Subject" TEXT NOT NULL,
                    "Body" TEXT NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "SentAt" INTEGER NULL,
                    "Attempts" INTEGER NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_Outbox_SentAt" ON "Outbox" ("SentAt")
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "NumberSeries" (
                    "Key" TEXT NOT NULL CONSTRAINT "PK_NumberSeries" PRIMARY KEY,
                    "LastValue" INTEGER NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "CreditRecords" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_CreditRecords" PRIMARY KEY,
                    "SubjectId" TEXT NOT NULL,
                    "SubjectName" TEXT NOT NULL,
                    "Act" TEXT NOT NULL,
                    "Evidence" TEXT NULL,
                    "RecordedOn" TEXT NOT NULL,
                    "ValidUntil" TEXT NOT NULL,
                    "RepairedOn" TEXT NULL,
                    "RepairNote" TEXT NULL,
                    "DecidedBy" TEXT NULL,
                    "CaseId" TEXT NULL,
                    "PushedAt" INTEGER NULL,
                    "IsDemo" INTEGER NOT NULL
                )
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CreditRecords_CaseId" ON "CreditRecords" ("CaseId")
                """);
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS "IX_CreditRecords_SubjectId" ON "CreditRecords" ("SubjectId")
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseDocuments");

            migrationBuilder.DropTable(
                name: "CaseEntries");

            migrationBuilder.DropTable(
                name: "CaseMembers");

            migrationBuilder.DropTable(
                name: "CaseParties");

            migrationBuilder.DropTable(
                name: "CasePeriods");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "CreditRecords");

            migrationBuilder.DropTable(
                name: "DocumentServices");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "NumberSeries");

            migrationBuilder.DropTable(
                name: "Outbox");
        }
    }
}
