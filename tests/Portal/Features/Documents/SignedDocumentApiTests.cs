using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Casework.Persistence;
using Justice.Portal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Justice.Portal.Tests.Features.Documents;

/// <summary>
/// Issued documents as signed PDFs through the API: downloaded by whoever may see the case (<c>?format=pdf</c> or
/// <c>Accept: application/pdf</c>), verified by anyone by upload (body or form field), with a changed byte answered
/// "altered" and a revoked certificate 自始无效; the electronic case file for staff only.
/// </summary>
public sealed class SignedDocumentApiTests(SeededPortal portal) : IClassFixture<SeededPortal>
{
    async Task<(string CaseId, string DocumentId, string Number, bool Revoked)> CertificateAsync(bool revoked)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var certificates = await db.CaseDocuments.Where(d => d.Template == "notary/certificate").ToListAsync();
        var cases = await db.Cases.Where(c => c.Kind == "notary").ToDictionaryAsync(c => c.Id);
        var document = certificates.First(d => cases[d.CaseId].FieldsJson.Contains("\"revoked\":true") == revoked && !cases[d.CaseId].FieldsJson.Contains("\"corrected\":true") && !cases[d.CaseId].FieldsJson.Contains("\"partiallyRevoked\":true"));
        return (document.CaseId, document.Id, document.Number!, revoked);
    }

    async Task<byte[]> DownloadAsync(string caseId, string documentId)
    {
        var notary = await portal.Factory.ClientAsync("notary");
        var response = await notary.GetAsync($"/api/cases/{caseId}/documents/{documentId}?format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    static async Task<JsonObject> UploadAsync(HttpClient client, byte[] pdf)
    {
        var response = await client.PostAsync("/api/verify", new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Certificate_DownloadsAsTheSameSignedPdf_ByFormatOrAcceptHeader()
    {
        var (caseId, documentId, _, _) = await CertificateAsync(revoked: false);
        var first = await DownloadAsync(caseId, documentId);

        var notary = await portal.Factory.ClientAsync("notary");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}/documents/{documentId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var byAccept = await notary.SendAsync(request);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(first, 0, 5));
        Assert.Equal(first, await byAccept.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await portal.Factory.ClientAsync("legalaid-officer")).GetAsync($"/api/cases/{caseId}/documents/{documentId}?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task UploadedPdf_IsValid_AsBodyOrFormField_AlteredByAByte_AndNothingPersonalIsAnswered()
    {
        var (caseId, documentId, number, _) = await CertificateAsync(revoked: false);
        var pdf = await DownloadAsync(caseId, documentId);
        var anonymous = portal.Factory.CreateClient();

        var valid = await UploadAsync(anonymous, pdf);
        Assert.Equal("valid", valid["status"]!.GetValue<string>());
        Assert.Equal(number, valid["number"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(valid["office"]?.GetValue<string>()));
        Assert.DoesNotContain("@", valid.ToJsonString());
        Assert.DoesNotContain("idNumber", valid.ToJsonString());

        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", "certificate.pdf" } };
        var byForm = await (await anonymous.PostAsync("/api/verify", form)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("valid", byForm!["status"]!.GetValue<string>());

        var changed = (byte[])pdf.Clone();
        changed[changed.Length / 2] ^= 0x01;
        var altered = await UploadAsync(anonymous, changed);
        Assert.Equal("altered", altered["status"]!.GetValue<string>());

        var notAPdf = await anonymous.PostAsync("/api/verify", new ByteArrayContent("hello"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        Assert.Equal(HttpStatusCode.BadRequest, notAPdf.StatusCode);
    }

    [Fact]
    public async Task RevokedCertificate_UploadedAsIssued_IsVoidFromTheBeginning()
    {
        var (caseId, documentId, _, _) = await CertificateAsync(revoked: true);
        var pdf = await DownloadAsync(caseId, documentId);

        var answer = await UploadAsync(portal.Factory.CreateClient(), pdf);

        Assert.Equal(("revoked", "自始无效"), (answer["status"]!.GetValue<string>(), answer["effect"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CaseArchive_IsForStaffWhoMaySeeTheCase_AndOnlyOnceArchived()
    {
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<CaseworkDbContext>>().CreateDbContextAsync();
        var archived = await db.Cases.Where(c => c.Kind == "notary" && c.Stage == "归档").Select(c => c.Id).FirstAsync();
        var open = await db.Cases.Where(c => c.Kind == "notary" && c.Status == "open").Select(c => c.Id).FirstAsync();
        var notary = await portal.Factory.ClientAsync("notary");

        var response = await notary.GetAsync($"/api/cases/{archived}/archive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var package = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Justice.Casework.Issuing.CaseArchives.Check(package).Valid);
        Assert.Equal(package, await notary.GetByteArrayAsync($"/api/cases/{archived}/archive"));

        Assert.Equal(HttpStatusCode.Conflict, (await notary.GetAsync($"/api/cases/{open}/archive")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await portal.Factory.ClientAsync("applicant")).GetAsync($"/api/cases/{archived}/archive")).StatusCode);
    }
}
