using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Justice.Casework.Signing;

/// <summary>
/// The electronic seal signature of GB/T 38540-2020 (version 4): the seal (<c>SES_Seal</c>: the office's name, its
/// validity, its picture, signed by the seal maker) and the signature over a document (<c>SES_Signature</c>: the SM3 hash of
/// the signed bytes, the time, signed with SM2/SM3 by the office). Here the office makes its own seal; the picture is
/// the vector drawing of the seal (SVG).
/// </summary>
public static class ElectronicSeal
{
    static readonly DerObjectIdentifier Sm3WithSm2 = GMObjectIdentifiers.sm2sign_with_sm3;

    /// <summary>The DER of an <c>SES_Signature</c> over <paramref name="dataHash"/> (SM3 of the signed bytes).</summary>
    public static byte[] Sign(OfficeKey key, byte[] dataHash, DateTimeOffset time, string propertyInfo)
    {
        var cert = key.Certificate.GetEncoded();
        var sealInfo = new DerSequence(
            new DerSequence(new DerIA5String("ES"), DerInteger.ValueOf(4), new DerIA5String("Justice.Workflow")),
            new DerIA5String(key.Thumbprint[..32]),
            new DerSequence(
                DerInteger.ValueOf(1), // 单位印章
                new DerUtf8String(key.Office),
                DerInteger.ValueOf(1),
                new DerSequence(new DerOctetString(cert)),
                new DerGeneralizedTime(key.Certificate.NotBefore),
                new DerGeneralizedTime(key.Certificate.NotBefore),
                new DerGeneralizedTime(key.Certificate.NotAfter)),
            new DerSequence(new DerIA5String("svg"), new DerOctetString(Encoding.UTF8.GetBytes(SealSvg(key.Office))), DerInteger.ValueOf(42), DerInteger.ValueOf(42)));
        var seal = new DerSequence(sealInfo, new DerOctetString(cert), Sm3WithSm2, new DerBitString(Sm2Sign(key, sealInfo.GetEncoded())));
        var toSign = new DerSequence(DerInteger.ValueOf(4), seal, new DerGeneralizedTime(time.UtcDateTime), new DerBitString(dataHash), new DerIA5String(propertyInfo));
        return new DerSequence(toSign, new DerOctetString(cert), Sm3WithSm2, new DerBitString(Sm2Sign(key, toSign.GetEncoded()))).GetEncoded();
    }

    /// <summary>What a seal signature says, and whether its signatures hold.</summary>
    public sealed record Reading(string Office, DateTime Time, byte[] DataHash, X509Certificate Certificate, bool SignatureValid, bool SealValid);

    public static Reading Read(byte[] der)
    {
        var signature = Asn1Sequence.GetInstance(der);
        var toSign = Asn1Sequence.GetInstance(signature[0]);
        var cert = new X509CertificateParser().ReadCertificate(Asn1OctetString.GetInstance(signature[1]).GetOctets());
        var value = DerBitString.GetInstance(signature[3]).GetBytes();
        var seal = Asn1Sequence.GetInstance(toSign[1]);
        var sealInfo = Asn1Sequence.GetInstance(seal[0]);
        var sealCert = new X509CertificateParser().ReadCertificate(Asn1OctetString.GetInstance(seal[1]).GetOctets());
        var office = DerUtf8String.GetInstance(Asn1Sequence.GetInstance(sealInfo[2])[1]).GetString();
        var time = Asn1GeneralizedTime.GetInstance(toSign[2]).ToDateTime();
        var hash = DerBitString.GetInstance(toSign[3]).GetBytes();
        return new Reading(office, time, hash, cert,
            Sm2Verify(cert, toSign.GetEncoded(), value),
            Sm2Verify(sealCert, sealInfo.GetEncoded(), DerBitString.GetInstance(seal[3]).GetBytes()));
    }

    /// <summary>SM2 with SM3 (the default user id), DER-encoded: the signature of the seal, of a document, of a day's records.</summary>
    public static byte[] Sm2Sign(OfficeKey key, byte[] data)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(key.PrivateKey, new SecureRandom()));
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    public static bool Sm2Verify(X509Certificate certificate, byte[] data, byte[] signature)
    {
        try
        {
            var signer = new SM2Signer();
            signer.Init(false, certificate.GetPublicKey());
            signer.BlockUpdate(data, 0, data.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The seal as an SVG picture (ring, star, name along the arc) for the seal's picture field.</summary>
    static string SealSvg(string office)
    {
        var text = System.Security.SecurityElement.Escape(office);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\" width=\"42mm\" height=\"42mm\">"
            + "<defs><path id=\"a\" d=\"M 18 62 A 34 34 0 1 1 82 62\"/></defs>"
            + "<circle cx=\"50\" cy=\"50\" r=\"47\" fill=\"none\" stroke=\"#e01010\" stroke-width=\"3\"/>"
            + "<polygon fill=\"#e01010\" points=\"50,36 53.3,45.4 63.3,45.7 55.3,51.8 58.2,61.3 50,55.6 41.8,61.3 44.7,51.8 36.7,45.7 46.7,45.4\"/>"
            + $"<text font-size=\"11\" fill=\"#e01010\" text-anchor=\"middle\"><textPath href=\"#a\" startOffset=\"50%\">{text}</textPath></text></svg>";
    }
}
