using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Justice.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TasksAndPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Timers",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CaseRelation",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExcludedRelationsJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOverdue",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PeriodId",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeriodUnit",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Timers");

            migrationBuilder.DropColumn(
                name: "CaseRelation",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ExcludedRelationsJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "FormJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "IsOverdue",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "PeriodId",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "PeriodUnit",
                table: "HumanTasks");
        }
    }
}
