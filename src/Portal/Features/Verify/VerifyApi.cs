using System.Threading.RateLimiting;
using Justice.Portal.Api;
using Justice.Casework.Cases;

namespace Justice.Portal.Features.Verify;

/// <summary>Public verification of notarial certificates: no login, rate-limited, nothing personal.</summary>
public static class VerifyApi
{
    /// <summary>The answer; <c>Effect</c> says what the status means in law: a revoked certificate is void from the beginning (自始无效).</summary>
    public sealed record VerifyResponse(string Status, string Number, string? Matter, string? IssuedOn, string? Office, string? Effect = null,
        string? Title = null, string? Reason = null, string? SignedAt = null);

    /// <summary>Notary Law Art. 39 / Notary Procedure Rules Art. 63: a revoked certificate is void from the beginning.</summary>
    public const string RevokedEffect = "自始无效";

    public const string PartlyRevokedEffect = "被撤销的部分自始无效，其余部分继续有效";

    public const string CorrectedEffect = "以更正后的内容为准";

    static VerifyResponse Answer(Justice.Casework.Issuing.DocumentVerification v) =>
        new(v.Status, v.Number ?? "", v.Matter, v.IssuedOn?.ToString("yyyy-MM-dd"), v.Office,
            v.Status switch { "revoked" => RevokedEffect, "partially-revoked" => PartlyRevokedEffect, "corrected" => CorrectedEffect, _ => null },
            v.Title, v.Reason, v.SignedAt?.ToString("O"));

    static IResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "文件过大", $"文件不能超过 {VerificationService.MaxPdfBytes / 1024 / 1024} MB。");

    /// <summary>The uploaded PDF: the body itself (<c>application/pdf</c>) or the form field <c>file</c>, at most <see cref="VerificationService.MaxPdfBytes"/>.</summary>
    static async Task<IResult> VerifyPdfAsync(HttpContext context, VerificationService verification, CancellationToken ct)
    {
        if (!verification.TryAcquire(context))
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "请求过于频繁", "查询过于频繁，请一分钟后再试。");
        var request = context.Request;
        if (request.ContentLength > VerificationService.MaxPdfBytes)
            return TooLarge();
        byte[]? pdf = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is { } file)
            {
                if (file.Length > VerificationService.MaxPdfBytes)
                    return TooLarge();
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                pdf = buffer.ToArray();
            }
        }
        else if (request.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > VerificationService.MaxPdfBytes)
                    return TooLarge();
                buffer.Write(chunk, 0, read);
            }
            pdf = buffer.ToArray();
        }
        if (pdf is null || pdf.Length == 0)
            return ApiProblems.BadRequest("请上传要查验的文书 PDF 文件（application/pdf，或表单字段 file）。");
        if (pdf.AsSpan(0, Math.Min(pdf.Length, 1024)).IndexOf("%PDF-"u8) < 0)
            return ApiProblems.BadRequest("上传的文件不是 PDF 文件。");
        return Results.Ok(Answer(await verification.VerifyPdfAsync(pdf, ct)));
    }

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(new VerificationLimiter(configuration.GetValue("Verify:PermitPerMinute", 30)));

    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/verify/{number}", VerifyAsync).WithTags("公证书查验").AllowAnonymous()
            .WithSummary("查验公证书：valid（有效）、revoked（已撤销，自始无效）、partially-revoked（已部分撤销）、corrected（已更正）或 unknown（查无此证）；h=二维码中的验证码时查验该编号的任一文书，不符为 altered");
        app.MapPost("/api/verify", VerifyPdfAsync).WithTags("公证书查验").AllowAnonymous().DisableAntiforgery()
            .WithSummary("上传文书 PDF 查验（请求体为 application/pdf，或 multipart/form-data 的 file 字段）：valid / revoked（自始无效）/ altered（已被修改）/ unknown");
        return app;
    }

    static async Task<IResult> VerifyAsync(string number, string? h, HttpContext context, VerificationService verification, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 64 || h?.Length > 16)
            return ApiProblems.BadRequest("请输入公证书编号。");
        if (!verification.TryAcquire(context))
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "请求过于频繁", "查询过于频繁，请一分钟后再试。");
        if (!string.IsNullOrWhiteSpace(h))
            return Results.Ok(Answer(await verification.VerifyPaperAsync(number.Trim(), h.Trim(), ct)));
        var status = await verification.VerifyAsync(number.Trim(), ct);
        return Results.Ok(new VerifyResponse(status.Status, status.Number, status.Matter, status.IssuedOn?.ToString("yyyy-MM-dd"), status.Office,
            status.Status switch { "revoked" => RevokedEffect, "partially-revoked" => PartlyRevokedEffect, "corrected" => CorrectedEffect, _ => null }));
    }
}

/// <summary>One per-address budget for the public verification page and its API together.</summary>
public sealed class VerificationLimiter(int permitPerMinute) : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Takes one check from the caller's budget; when none is left, tells the caller when to try again (<c>Retry-After</c>).</summary>
    public bool TryAcquire(HttpContext? context)
    {
        using var lease = _limiter.AttemptAcquire(context?.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!lease.IsAcquired && context is not null)
        {
            var after = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
