using System.Security.Claims;
using Justice.Portal.Api;
using Justice.Portal.Data;

namespace Justice.Portal.Features.Signing;

/// <summary>The offices' signing keys (administrators): list, import a PKCS#12, rotate.</summary>
public static class SigningApi
{
    public sealed record RotateRequest(string? Office, string? Purpose);

    public static IEndpointRouteBuilder MapSigningApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/signing").WithTags("电子印章与签名密钥").RequireAuthorization(PortalRoles.Admin);
        group.MapGet("/", (SigningService signing) => Results.Ok(signing.Certificates())).WithSummary("各签发机构的证书（在用与已停用）");
        group.MapPost("/import", async (HttpRequest request, ClaimsPrincipal actor, SigningService signing, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                return ApiProblems.BadRequest("请以表单上传：office（签发机构）、password（证书口令）、file（PKCS#12 文件）。");
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file || file.Length is 0 or > SigningService.MaxPkcs12Bytes)
                return ApiProblems.BadRequest("请上传不超过 64 KB 的 PKCS#12（.p12 / .pfx）证书文件。");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var (certificate, problem) = await signing.ImportAsync(actor, form["office"].ToString(), buffer.ToArray(), form["password"].ToString(), ct);
            return certificate is null ? ApiProblems.BadRequest(problem!) : Results.Ok(certificate);
        }).WithSummary("导入签发机构的证书和私钥（PKCS#12；SM2 密钥为电子印章，RSA/ECDSA 密钥为 PDF 签名），原密钥停用");
        group.MapPost("/rotate", async (RotateRequest body, ClaimsPrincipal actor, SigningService signing, CancellationToken ct) =>
        {
            var (certificate, problem) = await signing.RotateAsync(actor, body.Office ?? "", body.Purpose ?? "", ct);
            return certificate is null ? ApiProblems.BadRequest(problem!) : Results.Ok(certificate);
        }).WithSummary("为签发机构生成新密钥（seal 或 pdf），原密钥停用");
        return app;
    }
}
