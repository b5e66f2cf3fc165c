using Justice.Workflows.Documents;

namespace Justice.Workflows.Tests.Documents;

public sealed class ChineseFormatTests
{
    [Theory]
    [InlineData("1234567", "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元整")]
    [InlineData("6525", "人民币陆仟伍佰贰拾伍元整")]
    [InlineData("3262.5", "人民币叁仟贰佰陆拾贰元伍角整")] // 到角为止的，角后写“整”（《支付结算办法》）
    [InlineData("100000", "人民币壹拾万元整")]
    [InlineData("100010", "人民币壹拾万零壹拾元整")]
    [InlineData("1005.07", "人民币壹仟零伍元零柒分")]
    [InlineData("0.5", "人民币零元伍角整")]
    [InlineData("200000000", "人民币贰亿元整")]
    public void MoneyInCapitals_WritesAmountsAsReceiptsDo(string amount, string expected)
    {
        Assert.Equal(expected, ChineseFormat.MoneyInCapitals(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-26", "二〇二六年十一月二十六日")]
    [InlineData("2025-01-01", "二〇二五年一月一日")]
    [InlineData("2026-10-10", "二〇二六年十月十日")]
    [InlineData("2024-02-29", "二〇二四年二月二十九日")]
    public void DateInNumerals_WritesTheDateLineOfADocument(string date, string expected)
    {
        Assert.Equal(expected, ChineseFormat.DateInNumerals(DateOnly.ParseExact(date, "yyyy-MM-dd")));
    }

    [Fact]
    public void MoneyAndMasking_AsThePortalShowsThem()
    {
        Assert.Equal("¥1,234,567.00", ChineseFormat.Money(1_234_567m));
        Assert.Equal("4304**********1234", ChineseFormat.MaskId("430405198506011234"));
    }
}
