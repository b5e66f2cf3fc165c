using System.Net;
using Justice.Portal.Features.Documents;
using Justice.Workflows.Persistence;
using Justice.Casework.Persistence;
using Justice.Portal.Api;
using Justice.Portal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Documents;

/// <summary>An issued document is served under a policy that lets nothing in it run with the reader's rights.</summary>
public sealed class DocumentServingTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    [Fact]
    public async Task Document_IsServedSandboxed_ViewDownloadAndPrint()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var document = await db.CaseDocuments.AsNoTracking().Join(db.Cases.Where(c => c.Kind == "arbitration"), d => d.CaseId, c => c.Id, (d, c) => d).OrderBy(d => d.Id).FirstAsync();
        var client = await portal.Factory.ClientAsync("secretary");
        var url = $"/api/cases/{document.CaseId}/documents/{document.Id}";

        var view = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal(DocumentsApi.DocumentPolicy, string.Join(";", view.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox", DocumentsApi.DocumentPolicy);

        var download = await client.GetAsync(url + "?download=true");
        Assert.Equal(DocumentsApi.DocumentPolicy, string.Join(";", download.Headers.GetValues("Content-Security-Policy")));

        var print = await client.GetAsync(url + "?print=true");
        var policy = string.Join(";", print.Headers.GetValues("Content-Security-Policy"));
        var html = await print.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{nonce}\">", html);
        Assert.StartsWith("default-src 'none';", policy);
        Assert.EndsWith("sandbox allow-scripts allow-modals", policy);
        Assert.DoesNotContain("allow-same-origin", policy);
    }
}

/// <summary>A refusal says that access is refused, never what was refused.</summary>
public sealed class ForbiddenAnswerTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    [Fact]
    public async Task CaseRefusal_NamesNeitherTheCaseNorItsNumber()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var record = await db.Cases.AsNoTracking().Where(c => c.Kind == "legal-aid" && c.Number != null).OrderBy(c => c.Id).FirstAsync();
        var document = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == record.Id).Select(d => d.Id).FirstOrDefaultAsync() ?? "x";
        var secretary = await portal.Factory.ClientAsync("secretary");

        foreach (var url in new[] { $"/api/cases/{record.Id}", $"/api/cases/{record.Id}/documents/{document}" })
        {
            var answer = await secretary.GetAsync(url);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.DoesNotContain(record.Title, text);
            Assert.DoesNotContain(record.Number!, text);
            Assert.Contains("无权查看该案件", text);
        }
    }
}
