using System.Text.Json.Nodes;
using Justice.Casework.Tasks;

namespace Justice.Workflows.Tests.Casework.Tasks;

/// <summary>Form values are bounded by their declared type and length.</summary>
public sealed class TaskFormLimitTests
{
    const string Form = """[{"name":"name","label":"姓名","type":"text"},{"name":"facts","label":"事实","type":"textarea"},{"name":"code","label":"代码","type":"text","maxLength":6}]""";

    [Theory]
    [InlineData("name", 500, false)]
    [InlineData("name", 501, true)]
    [InlineData("facts", 4000, false)]
    [InlineData("facts", 4001, true)]
    [InlineData("code", 6, false)]
    [InlineData("code", 7, true)]
    public void Field_LongerThanItsType_IsRefused(string field, int length, bool refused)
    {
        var problems = TaskForm.Validate(Form, new JsonObject { [field] = new string('字', length) }, "task");

        Assert.Equal(refused, problems.Any(p => p.Code == "too-long" && p.Path == $"$.data.{field}"));
    }
}
