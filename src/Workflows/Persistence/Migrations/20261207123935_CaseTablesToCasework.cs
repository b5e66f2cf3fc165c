using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <summary>
    /// The case tables leave this context for the casework's own (<c>CaseworkDbContext</c>, history table
    /// <c>__CaseworkMigrationsHistory</c>). Nothing changes in the database: the tables and their rows stay where the
    /// earlier migrations put them, and the casework's first migration only creates them where they are missing.
    /// </summary>
    public partial class CaseTablesToCasework : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
