namespace Justice.Portal.Localization;

public sealed partial class UiText
{
    /// <summary>The English of the account pages (sign-in, two-factor authentication, passkeys, personal data).</summary>
    static readonly Dictionary<string, string> AccountEnglish = new()
    {
    };
}
