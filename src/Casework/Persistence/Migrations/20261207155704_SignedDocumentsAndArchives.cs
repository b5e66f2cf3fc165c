using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Casework.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SignedDocumentsAndArchives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseArchives",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Sm3 = table.Column<string>(type: "TEXT", nullable: false),
                    BuiltAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Files = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchives", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "IssuedPdfs",
                columns: table => new
                {
                    DocumentId = table.Column<string>(type: "TEXT", nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Sm3 = table.Column<string>(type: "TEXT", nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Office = table.Column<string>(type: "TEXT", nullable: false),
                    PdfCertificate = table.Column<string>(type: "TEXT", nullable: false),
                    SealCertificate = table.Column<string>(type: "TEXT", nullable: false),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedPdfs", x => x.DocumentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedPdfs_CaseId",
                table: "IssuedPdfs",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedPdfs_Sha256",
                table: "IssuedPdfs",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseArchives");

            migrationBuilder.DropTable(
                name: "IssuedPdfs");
        }
    }
}
