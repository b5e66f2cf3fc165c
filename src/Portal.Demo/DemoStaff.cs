using Justice.Portal.Data;

namespace Justice.Portal.Demo;

/// <summary>
/// The demo staff's profiles: every demo account gets a fictitious Chinese name (Bogus, zh_CN, a fixed seed — the same
/// names in every run, no two alike), the title of its role and the unit it works in.
/// </summary>
public static class DemoStaff
{
    const int Seed = 20261204;

    public sealed record Profile(string FullName, string Title, string Unit);

    /// <summary>Every demo staff account, in a fixed order: one per role, then the colleagues (<c>secretary2@…</c> …).</summary>
    public static IReadOnlyList<(string Email, string Role)> Accounts { get; } =
    [
        .. PortalRoles.All.Where(r => r != PortalRoles.Applicant).Select(r => ($"{r}@{AccountSeeder.DemoDomain}", r)),
        .. AccountSeeder.DemoColleagues.SelectMany(c => Enumerable.Range(2, Math.Max(0, c.Count - 1)).Select(n => ($"{c.Role}{n}@{AccountSeeder.DemoDomain}", c.Role))),
    ];

    static readonly Lazy<IReadOnlyDictionary<string, Profile>> Profiles = new(() =>
    {
        var people = new DemoPeople(Seed);
        var used = new HashSet<string>();
        var profiles = new Dictionary<string, Profile>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, role) in Accounts)
        {
            string name;
            do
                name = people.Name();
            while (!used.Add(name));
            profiles[email] = new Profile(name, Title(role), Unit(role));
        }
        return profiles;
    });

    /// <summary>The profile of a demo staff account; null for any other address.</summary>
    public static Profile? For(string email) => Profiles.Value.GetValueOrDefault(email.Trim());

    static string Title(string role) => role switch
    {
        PortalRoles.LegalAidProvider => "律师",
        PortalRoles.Director => "主任",
        _ => PortalRoles.DisplayNames.GetValueOrDefault(role, role),
    };

    static string Unit(string role) => role switch
    {
        PortalRoles.Secretary or PortalRoles.Arbitrator or PortalRoles.Director => "衡阳仲裁委员会",
        PortalRoles.Notary or PortalRoles.NotaryAssistant or PortalRoles.NotaryHead or PortalRoles.Verifier => "湖南省衡阳市雁城公证处",
        PortalRoles.LegalAidOfficer or PortalRoles.LegalAidHead => "衡阳市法律援助中心",
        PortalRoles.LegalAidProvider => "湖南湘衡律师事务所",
        _ => "衡阳市司法局",
    };
}
