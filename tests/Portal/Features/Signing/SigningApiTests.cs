using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Justice.Portal.Data;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Justice.Portal.Tests.Features.Signing;

/// <summary>
/// Administrators import an office's own certificate (PKCS#12) and rotate keys; the replaced key is retired, a wrong
/// password or a file that is no PKCS#12 is refused in Chinese, nobody else may, and every change is audited.
/// </summary>
public sealed class SigningApiTests : IAsyncLifetime
{
    readonly PortalFactory _factory = new();

    public async Task InitializeAsync() => await _factory.ClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>An RSA key with a certificate in the office's name, as its CA would issue it, in a PKCS#12 file.</summary>
    static byte[] OfficePkcs12(string office, string password)
    {
        var random = new SecureRandom();
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, 2048, 80));
        var pair = generator.GenerateKeyPair();
        var name = new X509Name($"C=CN,O={office},CN={office}");
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ValueOf(42));
        builder.SetIssuerDN(new X509Name("C=CN,O=Test CA,CN=Test CA"));
        builder.SetSubjectDN(name);
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddYears(2));
        builder.SetPublicKey(pair.Public);
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHRSA", pair.Private, random));
        var store = new Pkcs12StoreBuilder().Build();
        store.SetKeyEntry("office", new AsymmetricKeyEntry(pair.Private), [new X509CertificateEntry(certificate)]);
        using var buffer = new MemoryStream();
        store.Save(buffer, password.ToCharArray(), random);
        return buffer.ToArray();
    }

    static MultipartFormDataContent Form(string office, byte[] file, string password) => new()
    {
        { new StringContent(office), "office" },
        { new StringContent(password), "password" },
        { new ByteArrayContent(file), "file", "office.p12" },
    };

    [Fact]
    public async Task NewInstallation_HasASealKeyAndAPdfKey_ForEveryIssuingOffice_FromItsFirstStart()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);

        var list = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/signing"))!.Select(n => n!.AsObject()).ToList();

        foreach (var office in new[] { "衡阳仲裁委员会", "衡阳市法律援助中心", "衡阳市司法局" })
        {
            Assert.Single(list, c => c["office"]!.GetValue<string>() == office && c["purpose"]!.GetValue<string>() == "seal" && c["current"]!.GetValue<bool>()
                && c["algorithm"]!.GetValue<string>().Equals("SM3WITHSM2", StringComparison.OrdinalIgnoreCase));
            Assert.Single(list, c => c["office"]!.GetValue<string>() == office && c["purpose"]!.GetValue<string>() == "pdf" && c["current"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Administrator_ImportsTheOfficesCertificate_TheOldKeyIsRetired_AndItIsAudited()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/admin/signing/rotate", new { office = "衡阳仲裁委员会", purpose = "pdf" })).StatusCode);

        var imported = await admin.PostAsync("/api/admin/signing/import", Form("衡阳仲裁委员会", OfficePkcs12("衡阳仲裁委员会", "口令 2026"), "口令 2026"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var certificate = (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pdf", certificate["purpose"]!.GetValue<string>());
        Assert.True(certificate["imported"]!.GetValue<bool>());

        var list = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/signing"))!.Select(n => n!.AsObject())
            .Where(c => c["office"]!.GetValue<string>() == "衡阳仲裁委员会" && c["purpose"]!.GetValue<string>() == "pdf").ToList();
        Assert.Single(list, c => c["current"]!.GetValue<bool>() && c["imported"]!.GetValue<bool>());
        // Retired, not deleted: the key made at the first start and the one the rotation made.
        Assert.Equal(2, list.Count(c => !c["current"]!.GetValue<bool>()));

        var audit = await admin.GetStringAsync("/api/audit");
        Assert.Contains("signing.rotate", audit);
        Assert.Contains("signing.import", audit);
    }

    [Fact]
    public async Task WrongPassword_OrNotAPkcs12_OrAnUnknownOffice_IsRefusedWithTheReason_AndOnlyAdministratorsMayAct()
    {
        var admin = await _factory.ClientAsync(PortalRoles.Admin);
        var file = OfficePkcs12("衡阳仲裁委员会", "right");

        var wrong = await admin.PostAsync("/api/admin/signing/import", Form("衡阳仲裁委员会", file, "wrong"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("口令不正确", await wrong.Content.ReadAsStringAsync());

        var garbage = await admin.PostAsync("/api/admin/signing/import", Form("衡阳仲裁委员会", "not a certificate"u8.ToArray(), "x"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var unknown = await admin.PostAsJsonAsync("/api/admin/signing/rotate", new { office = "某某公司", purpose = "seal" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("未知的签发机构", await unknown.Content.ReadAsStringAsync());

        foreach (var role in new[] { PortalRoles.Director, PortalRoles.NotaryHead, PortalRoles.Auditor })
        {
            var client = await _factory.ClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/admin/signing/rotate", new { office = "衡阳仲裁委员会", purpose = "seal" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/signing")).StatusCode);
        }
    }
}
