using System.Text.Json.Nodes;
using Justice.Casework.Activities;
using Justice.Workflows.Definitions;
using Justice.Workflows.Runtime.Model;
using static Justice.Workflows.Tests.Flow;

namespace Justice.Workflows.Tests.Definitions;

public sealed class DefinitionValidationTests
{
    readonly DefinitionCompiler _compiler = new(CaseworkActivities.CreateRegistry());

    IReadOnlyList<DefinitionProblem> Validate(JsonObject definition) => _compiler.Compile(definition).Problems;

    static JsonObject Fixture(string name) =>
        DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Elsa3", name)), out _)!;

    [Fact]
    public void Validate_DuplicateIds_NamesTheId()
    {
        var problems = Validate(Definition("dup", [Start("a"), WriteLine("a", "x")], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.DuplicateId, problem.Code);
        Assert.Equal("a", problem.ActivityId);
        Assert.Equal("$.root.activities[1].id", problem.Path);
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_ReportsMissingTarget()
    {
        var problems = Validate(Definition("missing", [Start()], [("start", "Done", "ghost")]));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.MissingTarget, problem.Code);
        Assert.Equal("$.root.connections[0].target", problem.Path);
    }

    [Fact]
    public void Validate_ConnectionFromMissingPort_ReportsMissingPort()
    {
        var problems = Validate(Definition("port", [Decision("d", "true"), WriteLine("w", "x")], [("d", "Maybe", "w")]));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.MissingPort, problem.Code);
        Assert.Equal("d", problem.ActivityId);
        Assert.Contains("True", problem.Message);
    }

    [Fact]
    public void Validate_UnknownActivityType_NamesActivityAndType()
    {
        var problems = Validate(Definition("unknown", [Activity("x", "Acme.Magic")], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.UnknownActivityType, problem.Code);
        Assert.Contains("Acme.Magic", problem.Message);
        Assert.Equal("x", problem.ActivityId);
    }

    [Fact]
    public void Validate_UnsupportedExpressionType_NamesActivityAndType()
    {
        var problems = Validate(Definition("python", [Activity("w", "Elsa.WriteLine", ("text", Expression("Python", "1+1", "String")))], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.UnsupportedExpression, problem.Code);
        Assert.Equal("$.root.activities[0].text", problem.Path);
        Assert.Contains("Python", problem.Message);
    }

    [Fact]
    public void Validate_LiteralThatCannotConvert_ReportsInvalidInput()
    {
        var problems = Validate(Definition("convert", [Activity("d", "Elsa.FlowDecision", ("condition", Literal("perhaps", "Boolean")))], []));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.InvalidInput, problem.Code);
        Assert.Equal("$.root.activities[0].condition", problem.Path);
    }

    [Fact]
    public void Validate_ScriptWithSyntaxError_ReportsInvalidInput()
    {
        var problems = Validate(Definition("syntax", [Decision("d", "1 +* 2")], []));

        Assert.Equal(DefinitionProblem.InvalidInput, Assert.Single(problems).Code);
    }

    [Fact]
    public void Validate_BackwardConnectionBypassingItsTarget_IsReported()
    {
        // start → a → b, start → b, b → a : "b" is reachable without passing "a", so b → a is not a proper loop.
        var problems = Validate(Definition("bad-loop", [Start(), WriteLine("a", "a"), Decision("b", "false")],
            [("start", "Done", "a"), ("a", "Done", "b"), ("start", "Done", "b"), ("b", "True", "a")]));

        var problem = Assert.Single(problems);
        Assert.Equal(DefinitionProblem.InvalidBackwardConnection, problem.Code);
        Assert.Equal("$.root.connections[3]", problem.Path);
    }

    [Fact]
    public void Validate_ProperLoop_IsValid()
    {
        var problems = Validate(Definition("loop", [Start(), WriteLine("a", "a"), Decision("b", "false")],
            [("start", "Done", "a"), ("a", "Done", "b"), ("b", "True", "a")]));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var problems = Validate(Definition("many",
            [Start("a"), WriteLine("a", "dup"), Activity("u", "Acme.X"), Activity("c", "Elsa.WriteLine", ("text", Expression("Python", "x", "String")))],
            [("a", "Done", "ghost"), ("a", "Nope", "u")]));

        Assert.Equal(
            [DefinitionProblem.DuplicateId, DefinitionProblem.MissingPort, DefinitionProblem.MissingTarget, DefinitionProblem.UnknownActivityType, DefinitionProblem.UnsupportedExpression],
            problems.Select(p => p.Code).Order());
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.Path)));
    }

    [Fact]
    public void Validate_ConsumerFixture_ReportsTheUnknownTypeOnly()
    {
        var problems = Validate(Fixture("consumer.json"));

        Assert.DoesNotContain(problems, p => p.Code == DefinitionProblem.UnsupportedExpression);
        Assert.Contains(problems, p => p.Code == DefinitionProblem.UnknownActivityType && p.Message.Contains("Producer"));
    }

    [Fact]
    public void Validate_HttpFixture_IsValid_NowThatHttpEndpointIsSupported()
    {
        var problems = Validate(Fixture("http-workflow.json"));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("hello-world.json")]
    [InlineData("fork.json")]
    [InlineData("join.json")]
    [InlineData("join-all-1.json")]
    [InlineData("join-any-1.json")]
    [InlineData("decision-merge-join-none.json")]
    public void Validate_SupportedFixtures_AreValid(string fixture)
    {
        Assert.Empty(Validate(Fixture(fixture)));
    }
}
