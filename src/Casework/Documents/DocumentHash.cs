using System.Security.Cryptography;
using System.Text;

namespace Justice.Casework.Documents;

/// <summary>The fingerprint of an issued document (shows that a stored document was not altered).</summary>
public static class DocumentHash
{
    public static string Of(string html) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html))).ToLowerInvariant();
}
