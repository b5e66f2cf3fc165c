using Justice.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc;

namespace Justice.Portal.Api;

/// <summary>RFC 7807 answers with <c>errors: [{code, path, activityId, message}]</c> (docs/workflow-format.md §8).</summary>
public static class ApiProblems
{
    public static IResult Problem(int status, string title, string? detail = null, IEnumerable<DefinitionProblem>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}.{status % 100 + 1}",
        };
        if (errors is not null)
            problem.Extensions["errors"] = errors.Select(e => new ApiError(e.Code, e.Path, e.ActivityId, e.Message)).ToList();
        return Results.Problem(problem);
    }

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "未找到", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "冲突", detail);

    public static IResult BadRequest(string detail, IEnumerable<DefinitionProblem>? errors = null) =>
        Problem(StatusCodes.Status400BadRequest, "请求无效", detail, errors);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "无权操作", detail);
}

public sealed record ApiError(string Code, string? Path, string? ActivityId, string Message);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));
}
