using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace Justice.Casework.Signing;

/// <summary>What a key is for: the electronic seal (SM2 with SM3, GB/T 38540) or the standard PDF signature (ECDSA or RSA).</summary>
public enum KeyPurpose { Seal, Pdf }

/// <summary>An office's private key with its certificate.</summary>
public sealed record OfficeKey(string Office, KeyPurpose Purpose, AsymmetricKeyParameter PrivateKey, X509Certificate Certificate, bool Imported)
{
    public string Thumbprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Certificate.GetEncoded())).ToLowerInvariant();

    /// <summary>The signature algorithm for the key: SM3withSM2 for an SM2 key, SHA-256 with ECDSA or RSA otherwise.</summary>
    public string Algorithm => PrivateKey switch
    {
        ECPrivateKeyParameters ec when IsSm2(ec.Parameters) => "SM3WITHSM2",
        ECPrivateKeyParameters => "SHA256WITHECDSA",
        _ => "SHA256WITHRSA",
    };

    public static bool IsSm2(ECDomainParameters parameters) =>
        parameters is ECNamedDomainParameters named ? named.Name.Equals(GMObjectIdentifiers.sm2p256v1)
            : parameters.Curve.Equals(GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1).Curve);
}
