using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Casework.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "CaseArchives",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    Sm3 = table.Column<string>(type: "text", nullable: false),
                    BuiltAt = table.Column<long>(type: "bigint", nullable: false),
                    Files = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchives", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "CaseDocuments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: true),
                    Template = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<string>(type: "text", nullable: true),
                    Html = table.Column<string>(type: "text", nullable: false),
                    IssuedAt = table.Column<long>(type: "bigint", nullable: false),
                    IssuedBy = table.Column<string>(type: "text", nullable: true),
                    SupersedesId = table.Column<string>(type: "text", nullable: true),
                    Sha256 = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseEntries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "text", nullable: true),
                    Hash = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseMembers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    UserEmail = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    Relation = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Since = table.Column<long>(type: "bigint", nullable: false),
                    Until = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseParties",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    Side = table.Column<string>(type: "text", nullable: false),
                    PartyKind = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Gender = table.Column<string>(type: "text", nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    IdNumber = table.Column<string>(type: "text", nullable: true),
                    CreditCode = table.Column<string>(type: "text", nullable: true),
                    Representative = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "text", nullable: true),
                    Phone = table.Column<string>(type: "text", nullable: true),
                    UserEmail = table.Column<string>(type: "text", nullable: true),
                    AgentName = table.Column<string>(type: "text", nullable: true),
                    AgentEmail = table.Column<string>(type: "text", nullable: true),
                    Ordinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseParties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CasePeriods",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: true),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Label = table.Column<string>(type: "text", nullable: false),
                    Unit = table.Column<string>(type: "text", nullable: false),
                    Amount = table.Column<int>(type: "integer", nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    PausedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RemainingWhenPaused = table.Column<int>(type: "integer", nullable: true),
                    PauseReason = table.Column<string>(type: "text", nullable: true),
                    ResumedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LeftWhenResumed = table.Column<int>(type: "integer", nullable: true),
                    BookmarkId = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<string>(type: "text", nullable: true),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    Procedure = table.Column<string>(type: "text", nullable: true),
                    AmountInDispute = table.Column<decimal>(type: "numeric", nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RuleSetId = table.Column<string>(type: "text", nullable: true),
                    RuleSetJson = table.Column<string>(type: "text", nullable: true),
                    FieldsJson = table.Column<string>(type: "text", nullable: false),
                    ParentKind = table.Column<string>(type: "text", nullable: true, computedColumnSql: "(\"FieldsJson\"::jsonb ->> 'parentKind')", stored: true),
                    InstanceId = table.Column<string>(type: "text", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreditRecords",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    SubjectId = table.Column<string>(type: "text", nullable: false),
                    SubjectName = table.Column<string>(type: "text", nullable: false),
                    Act = table.Column<string>(type: "text", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: true),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    RepairedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepairNote = table.Column<string>(type: "text", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    CaseId = table.Column<string>(type: "text", nullable: true),
                    PushedAt = table.Column<long>(type: "bigint", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DaySeals",
                columns: table => new
                {
                    Day = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Chains = table.Column<int>(type: "integer", nullable: false),
                    Digest = table.Column<string>(type: "text", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    Algorithm = table.Column<string>(type: "text", nullable: false),
                    Signature = table.Column<string>(type: "text", nullable: false),
                    SealedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DaySeals", x => new { x.Kind, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "DocumentServices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    DocumentId = table.Column<string>(type: "text", nullable: false),
                    PartyId = table.Column<string>(type: "text", nullable: true),
                    Recipient = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<string>(type: "text", nullable: false),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentServices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IssuedPdfs",
                columns: table => new
                {
                    DocumentId = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    Sm3 = table.Column<string>(type: "text", nullable: false),
                    SignedAt = table.Column<long>(type: "bigint", nullable: false),
                    Office = table.Column<string>(type: "text", nullable: false),
                    PdfCertificate = table.Column<string>(type: "text", nullable: false),
                    SealCertificate = table.Column<string>(type: "text", nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedPdfs", x => x.DocumentId);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Recipient = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: true),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReadAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NumberSeries",
                columns: table => new
                {
                    Key = table.Column<string>(type: "text", nullable: false),
                    LastValue = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSeries", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    Recipient = table.Column<string>(type: "text", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_CaseId",
                table: "CaseDocuments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseDocuments_Number",
                table: "CaseDocuments",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_CaseId_At",
                table: "CaseEntries",
                columns: new[] { "CaseId", "At" });

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

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_CaseId_UserEmail_Relation_Active",
                table: "CaseMembers",
                columns: new[] { "CaseId", "UserEmail", "Relation", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseMembers_UserEmail_Active_CaseId",
                table: "CaseMembers",
                columns: new[] { "UserEmail", "Active", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_AgentEmail_CaseId",
                table: "CaseParties",
                columns: new[] { "AgentEmail", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_CaseId",
                table: "CaseParties",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Name_CaseId",
                table: "CaseParties",
                columns: new[] { "Name", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Name_Trigram",
                table: "CaseParties",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_UserEmail_CaseId",
                table: "CaseParties",
                columns: new[] { "UserEmail", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CasePeriods_BookmarkId",
                table: "CasePeriods",
                column: "BookmarkId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePeriods_CaseId_Code",
                table: "CasePeriods",
                columns: new[] { "CaseId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_CasePeriods_Status_DueOn",
                table: "CasePeriods",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_FiledOn_Id_Number_Title",
                table: "Cases",
                columns: new[] { "FiledOn", "Id", "Number", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InstanceId",
                table: "Cases",
                column: "InstanceId");

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
                name: "IX_Cases_Number",
                table: "Cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Number_Trigram",
                table: "Cases",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Title_Trigram",
                table: "Cases",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditRecords_CaseId",
                table: "CreditRecords",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditRecords_SubjectId",
                table: "CreditRecords",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentServices_CaseId",
                table: "DocumentServices",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentServices_DocumentId",
                table: "DocumentServices",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedPdfs_CaseId",
                table: "IssuedPdfs",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedPdfs_Sha256",
                table: "IssuedPdfs",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Recipient_CreatedAt_Id",
                table: "Notifications",
                columns: new[] { "Recipient", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Recipient_ReadAt",
                table: "Notifications",
                columns: new[] { "Recipient", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentAt",
                table: "Outbox",
                column: "SentAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseArchives");

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
                name: "DaySeals");

            migrationBuilder.DropTable(
                name: "DocumentServices");

            migrationBuilder.DropTable(
                name: "IssuedPdfs");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "NumberSeries");

            migrationBuilder.DropTable(
                name: "Outbox");
        }
    }
}
