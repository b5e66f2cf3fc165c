using System.Text.Json.Nodes;
using Justice.Portal.Features.Designer;

namespace Justice.Portal.Tests.Features.Designer;

/// <summary>The input typed in when an instance is started from the designer.</summary>
public sealed class WorkflowInputTests
{
    [Fact]
    public void Template_HasEveryDeclaredInput_WithAnEmptyValueOfItsType()
    {
        var inputs = JsonNode.Parse("""
            [ { "name": "Subject", "type": "String" }, { "name": "Amount", "type": "Decimal" }, { "name": "Urgent", "type": "Boolean" },
              { "name": "Parties", "type": "String", "isArray": true }, { "name": "Due", "type": "DateTime" }, { "name": "Amount", "type": "Int32" }, { "type": "String" } ]
            """);

        var template = JsonNode.Parse(WorkflowInput.Template(inputs))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "Subject": "", "Amount": 0, "Urgent": false, "Parties": [], "Due": null }"""), template), template.ToJsonString());
    }

    [Fact]
    public void Template_WithoutDeclaredInputs_IsAnEmptyObject() =>
        Assert.Equal("{}", WorkflowInput.Template(null));

    [Fact]
    public void Parse_AnObject_GivesIt()
    {
        var input = WorkflowInput.Parse("""{ "Amount": 5000, "Subject": "购房" }""", out var error);

        Assert.Null(error);
        Assert.Equal(5000, input!["Amount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Parse_Nothing_IsNoInput(string text)
    {
        var input = WorkflowInput.Parse(text, out var error);

        Assert.Null(error);
        Assert.Empty(input!);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Parse_JsonThatIsNotAnObject_IsRefused(string text)
    {
        Assert.Null(WorkflowInput.Parse(text, out var error));
        Assert.Equal(WorkflowInputError.Kinds.NotAnObject, error!.Kind);
    }

    [Fact]
    public void Parse_BrokenJson_SaysWhere()
    {
        Assert.Null(WorkflowInput.Parse("{\n  \"Amount\": 50 00\n}", out var error));

        Assert.Equal(WorkflowInputError.Kinds.NotJson, error!.Kind);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Parse_AKeyTwice_IsRefused()
    {
        Assert.Null(WorkflowInput.Parse("""{ "Amount": 1, "Amount": 2 }""", out var error));

        Assert.Equal(WorkflowInputError.Kinds.DuplicateKey, error!.Kind);
    }
}
