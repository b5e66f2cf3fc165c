using System.Globalization;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using Justice.Workflows.Common;

namespace Justice.Casework.Signing;

/// <summary>
/// Signs a PDF as PAdES baseline B: one signature field at the seal, a CAdES detached CMS (SHA-256 with the office's
/// ECDSA or RSA key; content type, message digest and signing-certificate-v2 signed; the time in the signature's
/// <c>/M</c>) over the whole file but the signature value. The office's GB/T 38540 seal signature (SM2/SM3 over the
/// SM3 hash of the same bytes) travels inside the CMS as an unsigned attribute, so that ordinary PDF readers show one
/// valid signature and the bureau's verifier checks both.
/// </summary>
public static class PdfSigner
{
    /// <summary>The unsigned CMS attribute that carries the <c>SES_Signature</c> (an OID under <c>2.25</c>, from a UUID).</summary>
    public static readonly DerObjectIdentifier SealAttribute = new("2.25.171787381174999174622133348172703025403");

    const int Reserved = 12_288;
    const string RangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    public static byte[] Sign(PdfDocument document, int pageIndex, XRect fieldRect, OfficeKey pdfKey, OfficeKey sealKey, DateTimeOffset time, string reason)
    {
        var signature = new PdfDictionary(document);
        signature.Elements["/Type"] = new PdfName("/Sig");
        signature.Elements["/Filter"] = new PdfName("/Adobe.PPKLite");
        signature.Elements["/SubFilter"] = new PdfName("/ETSI.CAdES.detached");
        signature.Elements["/ByteRange"] = new PdfLiteral(RangePlaceholder);
        signature.Elements["/Contents"] = new PdfLiteral("<" + new string('0', Reserved * 2) + ">");
        signature.Elements["/M"] = new PdfString(PdfDate(time));
        signature.Elements["/Name"] = new PdfString(pdfKey.Office, PdfStringEncoding.Unicode);
        signature.Elements["/Reason"] = new PdfString(reason, PdfStringEncoding.Unicode);
        document.Internals.AddObject(signature);

        var page = document.Pages[pageIndex];
        var widget = new PdfDictionary(document);
        widget.Elements["/Type"] = new PdfName("/Annot");
        widget.Elements["/Subtype"] = new PdfName("/Widget");
        widget.Elements["/FT"] = new PdfName("/Sig");
        widget.Elements["/T"] = new PdfString("电子签章", PdfStringEncoding.Unicode);
        widget.Elements["/V"] = signature.Reference;
        widget.Elements["/F"] = new PdfInteger(132);
        widget.Elements["/Rect"] = new PdfRectangle(fieldRect);
        widget.Elements["/P"] = page.Reference;
        document.Internals.AddObject(widget);
        var annotations = page.Elements.GetArray("/Annots");
        if (annotations is null)
        {
            annotations = new PdfArray(document);
            page.Elements["/Annots"] = annotations;
        }
        annotations.Elements.Add(widget.Reference!);
        var form = new PdfDictionary(document);
        form.Elements["/Fields"] = new PdfArray(document, widget.Reference!);
        form.Elements["/SigFlags"] = new PdfInteger(3);
        document.Internals.Catalog.Elements["/AcroForm"] = form;

        using var output = new MemoryStream();
        document.Save(output, false);
        var pdf = output.ToArray();

        var rangeAt = IndexOf(pdf, Encoding.ASCII.GetBytes(RangePlaceholder));
        var contentsAt = IndexOf(pdf, Encoding.ASCII.GetBytes("<" + new string('0', 64)));
        if (rangeAt < 0 || contentsAt < 0)
            throw new SigningException("签名占位符未写入文件。");
        var contentsEnd = contentsAt + Reserved * 2 + 2;
        var range = string.Create(CultureInfo.InvariantCulture, $"[0 {contentsAt} {contentsEnd} {pdf.Length - contentsEnd}]").PadRight(RangePlaceholder.Length);
        Encoding.ASCII.GetBytes(range).CopyTo(pdf, rangeAt);

        var signed = new byte[pdf.Length - (contentsEnd - contentsAt)];
        Buffer.BlockCopy(pdf, 0, signed, 0, contentsAt);
        Buffer.BlockCopy(pdf, contentsEnd, signed, contentsAt, pdf.Length - contentsEnd);

        var seal = ElectronicSeal.Sign(sealKey, HashChain.Sm3(signed), time, "PDF ByteRange; SM3");
        var cms = Cms(signed, pdfKey, seal);
        if (cms.Length > Reserved)
            throw new SigningException($"签名数据（{cms.Length} 字节）超出预留空间。");
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(pdf, contentsAt + 1);
        return pdf;
    }

    static byte[] Cms(byte[] data, OfficeKey key, byte[] seal)
    {
        var unsigned = new AttributeTable(new Asn1EncodableVector(new Attribute(SealAttribute, new DerSet(Asn1Object.FromByteArray(seal)))));
        var generator = new CmsSignedDataGenerator();
        generator.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new PadesAttributes(key.Certificate))
            .WithUnsignedAttributeGenerator(new SimpleAttributeTableGenerator(unsigned))
            .Build(new Asn1SignatureFactory(key.Algorithm, key.PrivateKey, new SecureRandom()), key.Certificate));
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { key.Certificate }));
        return generator.Generate(new CmsProcessableByteArray(data), false).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The signed attributes of PAdES baseline B: no signing time (it is the signature's <c>/M</c>).</summary>
    sealed class PadesAttributes(X509Certificate certificate) : CmsAttributeTableGenerator
    {
        public AttributeTable GetAttributes(IDictionary<CmsAttributeTableParameter, object> parameters)
        {
            var v = new Asn1EncodableVector
            {
                new Attribute(CmsAttributes.ContentType, new DerSet((DerObjectIdentifier)parameters[CmsAttributeTableParameter.ContentType])),
                new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString((byte[])parameters[CmsAttributeTableParameter.Digest]))),
                new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2,
                    new DerSet(new SigningCertificateV2(new EssCertIDv2(DigestUtilities.CalculateDigest("SHA-256", certificate.GetEncoded()))))),
            };
            return new AttributeTable(v);
        }
    }

    static string PdfDate(DateTimeOffset time)
    {
        var local = time.ToOffset(TimeSpan.FromHours(8));
        return "D:" + local.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+08'00'";
    }

    internal static int IndexOf(byte[] haystack, byte[] needle, int from = 0) =>
        haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? i + from : -1;
}
