namespace Justice.Casework.Intake;

/// <summary>A file handed in with an application, checked by the portal and held in memory until its case exists.</summary>
public sealed record FiledAttachment(string FileName, byte[] Content, string Label)
{
    /// <summary>The media type of a checked file, from its extension — never what the browser claimed.</summary>
    public static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
