using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Justice.Casework.Signing;

/// <summary>
/// Makes an office's keys for a new installation: an SM2 key (curve sm2p256v1) for the seal and an ECDSA P-256 key for
/// the PDF signature, each with a self-signed certificate in the office's name. An office replaces them with the
/// certificates of its real CA by importing a PKCS#12 file.
/// </summary>
static class KeyMaker
{
    public static OfficeKey Make(string office, KeyPurpose purpose, DateTimeOffset now, int years)
    {
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(purpose == KeyPurpose.Seal ? GMObjectIdentifiers.sm2p256v1 : SecObjectIdentifiers.SecP256r1, random));
        var pair = generator.GenerateKeyPair();

        var name = new X509Name(
            new List<DerObjectIdentifier> { X509Name.C, X509Name.O, X509Name.CN },
            new List<string> { "CN", office, purpose == KeyPurpose.Seal ? $"{office} 电子印章" : $"{office} 文书签名" });
        var certificate = new X509V3CertificateGenerator();
        certificate.SetSerialNumber(new BigInteger(128, random).Add(BigInteger.One));
        certificate.SetIssuerDN(name);
        certificate.SetSubjectDN(name);
        certificate.SetNotBefore(now.AddMinutes(-5).UtcDateTime);
        certificate.SetNotAfter(now.AddYears(years).UtcDateTime);
        certificate.SetPublicKey(pair.Public);
        certificate.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        certificate.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        var algorithm = purpose == KeyPurpose.Seal ? "SM3WITHSM2" : "SHA256WITHECDSA";
        return new OfficeKey(office, purpose, pair.Private, certificate.Generate(new Asn1SignatureFactory(algorithm, pair.Private, random)), false);
    }
}
