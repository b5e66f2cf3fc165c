using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Justice.Workflows.Expressions.CSharp;

/// <summary>
/// What a C# script may touch, checked on the semantic model: every name, member access, object creation and call
/// must resolve to a type of <see cref="AllowedTypes"/> (or to the engine's globals), and a few constructs are refused
/// outright. Loops are rewritten to call <c>__Tick()</c> so that the limits are enforced while a script runs.
/// </summary>
public static class CSharpSandbox
{
    /// <summary>The types a script may use (their generic arguments must be allowed too).</summary>
    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Object", "System.String", "System.Char", "System.Boolean", "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
        "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.Decimal",
        "System.Void", "System.Math", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.DayOfWeek", "System.Guid", "System.Convert", "System.Nullable`1", "System.StringComparison", "System.MidpointRounding",
        "System.Exception", "System.InvalidOperationException", "System.ArgumentException", "System.FormatException",
        "System.Array", "System.Index", "System.Range",
        "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4", "System.ValueTuple`5",
        "System.Func`1", "System.Func`2", "System.Func`3", "System.Func`4", "System.Action`1",
        "System.Linq.Enumerable", "System.Linq.IOrderedEnumerable`1", "System.Linq.IGrouping`2", "System.Linq.ILookup`2",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IEnumerator`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1", "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.KeyValuePair`2",
        "System.Collections.Generic.List`1", "System.Collections.Generic.List`1+Enumerator", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.Dictionary`2+Enumerator", "System.Collections.Generic.Dictionary`2+KeyCollection",
        "System.Collections.Generic.Dictionary`2+ValueCollection", "System.Collections.Generic.HashSet`1",
        "System.Text.Json.Nodes.JsonNode", "System.Text.Json.Nodes.JsonObject", "System.Text.Json.Nodes.JsonArray",
        "System.Text.Json.Nodes.JsonValue", "System.Text.Json.JsonValueKind",
        "Justice.Workflows.Expressions.CSharp.CSharpGlobals", "Justice.Workflows.Expressions.CSharp.CSharpExecutionContext",
        "Justice.Workflows.Expressions.CSharp.CSharpOutput", "Justice.Workflows.Expressions.CSharp.CSharpOutcome",
    };

    /// <summary>Members refused even on an allowed type.</summary>
    static readonly HashSet<string> ForbiddenMembers = new(StringComparer.Ordinal) { "GetType", "MemberwiseClone" };

    /// <summary>Inserts <c>__Tick();</c> at the start of every loop body; refuses nothing (see <see cref="Check"/>).</summary>
    public static SyntaxNode AddTicks(SyntaxNode root) => new TickRewriter().Visit(root);

    /// <summary>
    /// Makes every lambda tick too (LINQ runs them once per element): a block body starts with <c>__Tick();</c>, an
    /// expression body <c>e</c> becomes <c>__Tick(e)</c>, or <c>{ __Tick(); e; }</c> when the lambda returns nothing
    /// (which only the semantic model of <paramref name="compilation"/> tells).
    /// </summary>
    public static SyntaxNode AddLambdaTicks(Compilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        var voids = new HashSet<TextSpan>();
        var known = new HashSet<TextSpan>();
        foreach (var lambda in tree.GetRoot().DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>())
        {
            if (model.GetSymbolInfo(lambda).Symbol is IMethodSymbol method)
            {
                known.Add(lambda.Span);
                if (method.ReturnsVoid)
                    voids.Add(lambda.Span);
            }
        }
        return new LambdaTickRewriter(known, voids).Visit(tree.GetRoot());
    }

    /// <summary>The forbidden things a script (the last syntax tree of <paramref name="compilation"/>) uses, as readable names.</summary>
    public static IReadOnlyList<string> Check(Compilation compilation, SyntaxTree tree)
    {
        var found = new List<string>();
        void Refuse(string what)
        {
            if (!found.Contains(what))
                found.Add(what);
        }

        var root = tree.GetRoot();
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia) || trivia.IsKind(SyntaxKind.LoadDirectiveTrivia))
                Refuse(trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia) ? "#r" : "#load");
        }

        var model = compilation.GetSemanticModel(tree);
        foreach (var node in root.DescendantNodesAndSelf())
        {
            if (RefusedSyntax(node) is { } construct)
            {
                Refuse(construct);
                continue;
            }
            if (node is not ExpressionSyntax expression)
                continue;
            var info = model.GetSymbolInfo(expression);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is { } symbol && CheckSymbol(symbol) is { } forbidden)
                Refuse(forbidden);
            var type = model.GetTypeInfo(expression);
            if (CheckType(type.Type) is { } t)
                Refuse(t);
            if (CheckType(type.ConvertedType) is { } c)
                Refuse(c);
        }
        return found;
    }

    static string? RefusedSyntax(SyntaxNode node) => node switch
    {
        GotoStatementSyntax => "goto",
        UnsafeStatementSyntax => "unsafe",
        FixedStatementSyntax => "fixed",
        LockStatementSyntax => "lock",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc",
        PointerTypeSyntax or FunctionPointerTypeSyntax => "指针",
        TypeOfExpressionSyntax => "typeof",
        AwaitExpressionSyntax => "await",
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax => "__makeref/__reftype/__refvalue",
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => "类型声明",
        MethodDeclarationSyntax or LocalFunctionStatementSyntax => "方法声明",
        ExternAliasDirectiveSyntax => "extern alias",
        _ when node.IsKind(SyntaxKind.ArgListExpression) => "__arglist",
        _ => null,
    };

    static string? CheckSymbol(ISymbol symbol)
    {
        switch (symbol)
        {
            case INamespaceSymbol or ILabelSymbol or IDiscardSymbol:
                return null;
            case ITypeSymbol type:
                return CheckType(type);
            case IAliasSymbol alias:
                return CheckSymbol(alias.Target);
            case IMethodSymbol method:
                if (method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LambdaMethod)
                    return null;
                if (method.MethodKind == MethodKind.DelegateInvoke)
                    return $"{method.ContainingType.ToDisplayString()}.Invoke（委托调用）";
                var owner = method.ReducedFrom?.ContainingType ?? method.ContainingType;
                if (ForbiddenMembers.Contains(method.Name))
                    return $"{owner.ToDisplayString()}.{method.Name}";
                return CheckType(owner) ?? CheckType(method.ReturnType) ?? method.TypeArguments.Select(CheckType).FirstOrDefault(t => t is not null);
            case IPropertySymbol property:
                return CheckType(property.ContainingType) ?? CheckType(property.Type);
            case IFieldSymbol field:
                return CheckType(field.ContainingType) ?? CheckType(field.Type);
            case IEventSymbol e:
                return CheckType(e.ContainingType) ?? CheckType(e.Type);
            case ILocalSymbol local:
                return CheckType(local.Type);
            case IParameterSymbol parameter:
                return CheckType(parameter.Type);
            case IRangeVariableSymbol:
                return null;
            default:
                return symbol.ToDisplayString();
        }
    }

    static string? CheckType(ITypeSymbol? type)
    {
        switch (type)
        {
            case null or IErrorTypeSymbol or ITypeParameterSymbol:
                return null;
            case IDynamicTypeSymbol:
                return "dynamic";
            case IArrayTypeSymbol array:
                return CheckType(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return type.ToDisplayString();
            case INamedTypeSymbol named:
                if (named.IsAnonymousType)
                    return named.GetMembers().OfType<IPropertySymbol>().Select(p => CheckType(p.Type)).FirstOrDefault(t => t is not null);
                if (IsScriptType(named))
                    return null;
                if (named.IsTupleType)
                    return named.TupleElements.Select(e => CheckType(e.Type)).FirstOrDefault(t => t is not null);
                var original = named.OriginalDefinition;
                if (!AllowedTypes.Contains(MetadataName(original)))
                    return original.ToDisplayString();
                return named.TypeArguments.Select(CheckType).FirstOrDefault(t => t is not null);
            default:
                return type.ToDisplayString();
        }
    }

    /// <summary>The script's own classes (the submission and the engine's generated Variables/Inputs proxies).</summary>
    static bool IsScriptType(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsScriptClass)
                return true;
        }
        return false;
    }

    static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        return ns + name;
    }

    sealed class LambdaTickRewriter(HashSet<TextSpan> known, HashSet<TextSpan> voids) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
            Tick(node, (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
            Tick(node, (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
        {
            var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
            return visited.WithBlock(visited.Block.WithStatements(visited.Block.Statements.Insert(0, SyntaxFactory.ParseStatement("__Tick();"))));
        }

        SyntaxNode Tick(AnonymousFunctionExpressionSyntax original, LambdaExpressionSyntax visited)
        {
            if (visited.Block is { } block)
                return visited.WithBlock(block.WithStatements(block.Statements.Insert(0, SyntaxFactory.ParseStatement("__Tick();"))));
            if (visited.ExpressionBody is not { } body || body is ThrowExpressionSyntax || !known.Contains(original.Span))
                return visited;
            if (voids.Contains(original.Span))
                return visited.WithExpressionBody(null).WithArrowToken(visited.ArrowToken)
                    .WithBlock(SyntaxFactory.Block(SyntaxFactory.ParseStatement("__Tick();"), SyntaxFactory.ExpressionStatement(body.WithoutTrivia())));
            return visited.WithExpressionBody(SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName("__Tick"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(body.WithoutTrivia())))));
        }
    }

    sealed class TickRewriter : CSharpSyntaxRewriter
    {
        static StatementSyntax Tick() => SyntaxFactory.ParseStatement("__Tick();");

        static StatementSyntax WithTick(StatementSyntax body) =>
            body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Tick())) : SyntaxFactory.Block(Tick(), body);

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
        {
            var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
            return visited.WithStatement(WithTick(visited.Statement));
        }

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
        {
            var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
            return visited.WithStatement(WithTick(visited.Statement));
        }

        public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
        {
            var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
            return visited.WithStatement(WithTick(visited.Statement));
        }

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
        {
            var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return visited.WithStatement(WithTick(visited.Statement));
        }

        public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
        {
            var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
            return visited.WithStatement(WithTick(visited.Statement));
        }
    }
}
