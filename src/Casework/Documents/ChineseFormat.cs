using System.Globalization;
using System.Text;

namespace Justice.Casework.Documents;

/// <summary>Dates and money the Chinese way, as documents print them.</summary>
public static class ChineseFormat
{
    static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    static readonly string[] CapitalDigits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    static readonly string[] CapitalUnits = ["", "拾", "佰", "仟"];
    static readonly string[] CapitalSections = ["", "万", "亿", "万亿"];

    /// <summary>2026年11月26日</summary>
    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>二〇二六年十一月二十六日 (the date line of a document).</summary>
    public static string DateInNumerals(DateOnly date) =>
        $"{string.Concat(date.Year.ToString(CultureInfo.InvariantCulture).Select(c => Digits[c - '0']))}年{SmallNumber(date.Month)}月{SmallNumber(date.Day)}日";

    static string SmallNumber(int n) => n switch
    {
        < 10 => Digits[n],
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
    };

    /// <summary>¥1,234,567.00: amounts as the portal shows them (case log, lists); documents use <see cref="MoneyInDocuments"/>.</summary>
    public static string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// 人民币6,525元, 人民币6,525.50元: an amount as formal documents write it — 人民币 and 元, thousands separators,
    /// no decimals when whole, 角 and 分 otherwise. (<see cref="Money"/> is the portal's ¥1,234.00.)
    /// </summary>
    public static string MoneyInDocuments(decimal amount)
    {
        amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        return "人民币" + amount.ToString(amount == decimal.Truncate(amount) ? "#,##0" : "#,##0.00", CultureInfo.InvariantCulture) + "元";
    }

    /// <summary>人民币壹佰贰拾叁万肆仟伍佰陆拾柒元整 (amounts in capitals, as in awards and receipts).</summary>
    public static string MoneyInCapitals(decimal amount)
    {
        if (amount < 0)
            return "负" + MoneyInCapitals(-amount);
        amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var yuan = (long)decimal.Truncate(amount);
        var cents = (int)((amount - yuan) * 100);
        var jiao = cents / 10;
        var fen = cents % 10;
        var text = new StringBuilder("人民币");
        text.Append(yuan == 0 ? "零" : Integer(yuan)).Append('元');
        if (jiao == 0 && fen == 0)
            return text.Append('整').ToString();
        if (jiao > 0)
            text.Append(CapitalDigits[jiao]).Append('角');
        else if (yuan > 0)
            text.Append('零');
        if (fen > 0)
            text.Append(CapitalDigits[fen]).Append('分');
        else
            text.Append('整');
        return text.ToString();
    }

    static string Integer(long value)
    {
        var sections = new List<int>();
        for (; value > 0; value /= 10000)
            sections.Add((int)(value % 10000));
        var text = new StringBuilder();
        var pendingZero = false;
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            var section = sections[i];
            if (section == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }
            if (pendingZero || (text.Length > 0 && section < 1000))
                text.Append('零');
            text.Append(Section(section)).Append(CapitalSections[i]);
            pendingZero = false;
        }
        return text.ToString();
    }

    static string Section(int section)
    {
        var text = new StringBuilder();
        var zero = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = section / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zero = text.Length > 0;
                continue;
            }
            if (zero)
                text.Append('零');
            text.Append(CapitalDigits[digit]).Append(CapitalUnits[position]);
            zero = false;
        }
        return text.ToString();
    }

    /// <summary>4304**********123X: an identity number masked as public documents print it.</summary>
    public static string MaskId(string? id) =>
        string.IsNullOrEmpty(id) || id.Length < 8 ? id ?? "" : id[..4] + new string('*', id.Length - 8) + id[^4..];
}
