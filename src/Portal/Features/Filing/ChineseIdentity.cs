namespace Justice.Portal.Features.Filing;

/// <summary>
/// Fictitious but checksum-valid identifiers in the national formats: resident ID numbers (GB 11643-1999,
/// ISO 7064 MOD 11-2) and unified social credit codes (GB 32100-2015) with Hengyang area codes (GB/T 2260).
/// </summary>
public static class ChineseIdentity
{
    /// <summary>Hengyang: the city and its districts and counties.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> HengyangAreas =
    [
        ("430405", "珠晖区"), ("430406", "雁峰区"), ("430407", "石鼓区"), ("430408", "蒸湘区"), ("430412", "南岳区"), ("430421", "衡阳县"),
        ("430422", "衡南县"), ("430423", "衡山县"), ("430424", "衡东县"), ("430426", "祁东县"), ("430481", "耒阳市"), ("430482", "常宁市"),
    ];

    static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string IdChecks = "10X98765432";

    public static string ResidentId(string areaCode, DateOnly birth, int sequence)
    {
        var body = $"{areaCode}{birth:yyyyMMdd}{sequence:000}";
        return body + IdCheck(body);
    }

    public static char IdCheck(string body17) => IdChecks[body17.Select((c, i) => (c - '0') * IdWeights[i]).Sum() % 11];

    public static bool IsValidResidentId(string id) =>
        id.Length == 18 && id[..17].All(char.IsAsciiDigit) && char.ToUpperInvariant(id[17]) == IdCheck(id[..17])
        && DateOnly.TryParseExact(id[6..14], "yyyyMMdd", out _);

    const string CreditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>9 (market regulation) + 1 (enterprise) + area code + organization code with its check + the code's check.</summary>
    public static string CreditCode(string areaCode, string organizationBody8)
    {
        var org = organizationBody8 + OrgCheck(organizationBody8);
        var body = "91" + areaCode + org;
        return body + CreditCheck(body);
    }

    static char OrgCheck(string body8)
    {
        var sum = body8.Select((c, i) => CreditChars.IndexOf(c) * OrgWeights[i]).Sum();
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    public static char CreditCheck(string body17)
    {
        var sum = body17.Select((c, i) => CreditChars.IndexOf(c) * CreditWeights[i]).Sum();
        return CreditChars[(31 - sum % 31) % 31];
    }

    public static bool IsValidCreditCode(string code) =>
        code.Length == 18 && code.All(c => CreditChars.Contains(c)) && code[17] == CreditCheck(code[..17]);
}
