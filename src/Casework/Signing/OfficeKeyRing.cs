using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Justice.Casework.Signing;

/// <summary>A certificate of the ring, current or retired (retired ones still verify what they signed).</summary>
public sealed record OfficeCertificate(string Office, KeyPurpose Purpose, string Subject, string Thumbprint, DateTime NotBefore, DateTime NotAfter,
    bool Current, bool Imported, X509Certificate Certificate);

/// <summary>
/// The offices' signing keys, kept on disk as PKCS#12 files encrypted with the <c>Signing:Passphrase</c>: one folder per
/// office (named by a hash of the office's name), holding <c>seal.p12</c> (SM2) and <c>pdf.p12</c> (ECDSA or RSA) and the
/// retired keys. Keys are made at first use by a new installation; an administrator imports the office's real
/// certificate and key (PKCS#12) or rotates to a new key, and the previous key is retired, never deleted.
/// </summary>
public sealed class OfficeKeyRing
{
    readonly SigningOptions _options;
    readonly TimeProvider _clock;
    readonly ILogger<OfficeKeyRing> _logger;
    readonly ConcurrentDictionary<(string, KeyPurpose), OfficeKey> _current = new();
    readonly Lazy<char[]> _passphrase;
    readonly object _gate = new();

    public OfficeKeyRing(IOptions<SigningOptions> options, TimeProvider clock, ILogger<OfficeKeyRing> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        Folder = Path.GetFullPath(_options.KeyFolder ?? Path.Combine(AppContext.BaseDirectory, "signing-keys"));
        _passphrase = new(LoadPassphrase);
    }

    public string Folder { get; }

    /// <summary>The office's key in use for the purpose, made now if the office has none yet.</summary>
    public OfficeKey Current(string office, KeyPurpose purpose) => _current.GetOrAdd((office, purpose), key =>
    {
        lock (_gate)
        {
            var path = PathOf(office, purpose);
            if (File.Exists(path))
                return Load(office, purpose, path);
            var made = KeyMaker.Make(office, purpose, _clock.GetUtcNow(), _options.CertificateYears);
            Save(made, path, createNew: true);
            _logger.LogInformation("Made the {Purpose} key of {Office} ({Thumbprint}).", purpose, office, made.Thumbprint);
            return File.Exists(path) ? Load(office, purpose, path) : made;
        }
    });

    /// <summary>Every certificate of the office (or of all offices), current and retired.</summary>
    public IReadOnlyList<OfficeCertificate> Certificates(string? office = null)
    {
        var list = new List<OfficeCertificate>();
        if (!Directory.Exists(Folder))
            return list;
        foreach (var dir in Directory.GetDirectories(Folder))
        {
            var nameFile = Path.Combine(dir, "office.txt");
            if (!File.Exists(nameFile))
                continue;
            var name = File.ReadAllText(nameFile, Encoding.UTF8).Trim();
            if (office is not null && name != office)
                continue;
            foreach (var file in Directory.GetFiles(dir, "*.p12").Order(StringComparer.Ordinal))
            {
                var purpose = Path.GetFileName(file).Contains("seal", StringComparison.Ordinal) ? KeyPurpose.Seal : KeyPurpose.Pdf;
                var key = Load(name, purpose, file);
                var cert = key.Certificate;
                list.Add(new OfficeCertificate(name, purpose, cert.SubjectDN.ToString(), key.Thumbprint, cert.NotBefore, cert.NotAfter,
                    !Path.GetFileName(file).StartsWith("retired", StringComparison.Ordinal), key.Imported, cert));
            }
        }
        return list;
    }

    /// <summary>
    /// Imports an office's certificate and private key from a PKCS#12 file: an SM2 key becomes its seal key, any other
    /// its PDF signing key. The key it replaces is retired.
    /// </summary>
    public OfficeCertificate Import(string office, byte[] pkcs12, string password)
    {
        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            store.Load(new MemoryStream(pkcs12), password.ToCharArray());
        }
        catch (Exception ex) when (ex is IOException or Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException or InvalidOperationException)
        {
            throw new SigningException("无法读取证书文件：文件不是 PKCS#12 格式，或口令不正确。");
        }
        var alias = store.Aliases.FirstOrDefault(store.IsKeyEntry) ?? throw new SigningException("证书文件中没有私钥。");
        var privateKey = store.GetKey(alias).Key;
        var certificate = store.GetCertificate(alias).Certificate;
        var purpose = privateKey is ECPrivateKeyParameters ec && OfficeKey.IsSm2(ec.Parameters) ? KeyPurpose.Seal : KeyPurpose.Pdf;
        if (certificate.NotAfter < _clock.GetUtcNow().UtcDateTime)
            throw new SigningException($"证书已于 {certificate.NotAfter:yyyy-MM-dd} 过期。");
        var key = new OfficeKey(office, purpose, privateKey, certificate, true);
        Replace(key);
        return Certificates(office).First(c => c.Current && c.Purpose == purpose);
    }

    /// <summary>Makes a new key for the office and retires the one in use.</summary>
    public OfficeCertificate Rotate(string office, KeyPurpose purpose)
    {
        Replace(KeyMaker.Make(office, purpose, _clock.GetUtcNow(), _options.CertificateYears));
        return Certificates(office).First(c => c.Current && c.Purpose == purpose);
    }

    void Replace(OfficeKey key)
    {
        lock (_gate)
        {
            var path = PathOf(key.Office, key.Purpose);
            if (File.Exists(path))
            {
                var retired = Path.Combine(Path.GetDirectoryName(path)!,
                    $"retired-{_clock.GetUtcNow():yyyyMMddHHmmssfff}-{Path.GetFileName(path)}");
                File.Move(path, retired);
            }
            Save(key, path, createNew: false);
            _current[(key.Office, key.Purpose)] = Load(key.Office, key.Purpose, path);
        }
    }

    string PathOf(string office, KeyPurpose purpose)
    {
        var dir = Path.Combine(Folder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(office)))[..16].ToLowerInvariant());
        Directory.CreateDirectory(dir);
        var nameFile = Path.Combine(dir, "office.txt");
        if (!File.Exists(nameFile))
            File.WriteAllText(nameFile, office, Encoding.UTF8);
        return Path.Combine(dir, purpose == KeyPurpose.Seal ? "seal.p12" : "pdf.p12");
    }

    void Save(OfficeKey key, string path, bool createNew)
    {
        var store = new Pkcs12StoreBuilder().Build();
        store.SetKeyEntry(key.Imported ? "imported" : "made", new AsymmetricKeyEntry(key.PrivateKey), [new X509CertificateEntry(key.Certificate)]);
        using var buffer = new MemoryStream();
        store.Save(buffer, _passphrase.Value, new SecureRandom());
        try
        {
            using var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None);
            file.Write(buffer.ToArray());
            file.Flush(true);
        }
        finally
        {
            Restrict(path + ".tmp");
        }
        if (createNew && File.Exists(path))
        {
            File.Delete(path + ".tmp"); // another process made it first: its key is the office's key
            return;
        }
        File.Move(path + ".tmp", path, overwrite: !createNew);
    }

    OfficeKey Load(string office, KeyPurpose purpose, string path)
    {
        var store = new Pkcs12StoreBuilder().Build();
        using (var file = File.OpenRead(path))
            store.Load(file, _passphrase.Value);
        var alias = store.Aliases.First(store.IsKeyEntry);
        return new OfficeKey(office, purpose, store.GetKey(alias).Key, store.GetCertificate(alias).Certificate, alias == "imported");
    }

    char[] LoadPassphrase()
    {
        if (!string.IsNullOrEmpty(_options.Passphrase))
            return _options.Passphrase.ToCharArray();
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "passphrase");
        if (!File.Exists(path))
        {
            _logger.LogWarning("Signing:Passphrase is not set: the signing keys are encrypted with a passphrase made now and kept in {Path}. Set Signing:Passphrase in Production.", path);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
            catch (IOException) when (File.Exists(path))
            {
                // made by another process at the same moment
            }
            Restrict(path);
        }
        return File.ReadAllText(path).Trim().ToCharArray();
    }

    static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

/// <summary>A signing step refused, with the reason in Chinese.</summary>
public sealed class SigningException(string message) : Exception(message);
