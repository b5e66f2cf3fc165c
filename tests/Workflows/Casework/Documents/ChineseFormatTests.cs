using Justice.Casework.Documents;

namespace Justice.Workflows.Tests.Casework.Documents;

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
    public void Masking_AsThePortalListsShowIt()
    {
        Assert.Equal("4304**********1234", ChineseFormat.MaskId("430405198506011234"));
    }

    [Theory]
    [InlineData("6525", "人民币6,525元")]
    [InlineData("6525.5", "人民币6,525.50元")]
    [InlineData("6525.05", "人民币6,525.05元")]
    [InlineData("1234567", "人民币1,234,567元")]
    [InlineData("0.5", "人民币0.50元")]
    [InlineData("100", "人民币100元")]
    public void MoneyInDocuments_IsRenminbiWithThousandsSeparatorsAndNoDecimalsWhenWhole(string amount, string expected)
    {
        Assert.Equal(expected, ChineseFormat.MoneyInDocuments(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("学历", "公证", "学历公证")]
    [InlineData("学历公证", "公证", "学历公证")]
    [InlineData("其他合同", "纠纷", "其他合同纠纷")]
    [InlineData("其他合同纠纷", "纠纷", "其他合同纠纷")]
    [InlineData("（2026）衡仲字第0001", "号", "（2026）衡仲字第0001号")]
    [InlineData("（2026）衡仲字第0001号", "号", "（2026）衡仲字第0001号")]
    [InlineData("", "公证", "")]
    [InlineData(null, "公证", "")]
    public void EnsureSuffix_AddsTheSuffixOnlyWhenTheValueDoesNotEndWithIt(string? value, string suffix, string expected)
    {
        Assert.Equal(expected, DocumentFunctions.ensure_suffix(value, suffix));
    }

    [Theory]
    [InlineData("当事人原因致使该公证事项在六个月内不能办结", "因", "因当事人原因致使该公证事项在六个月内不能办结")]
    [InlineData("因当事人原因致使该公证事项在六个月内不能办结", "因", "因当事人原因致使该公证事项在六个月内不能办结")]
    [InlineData("独任仲裁员赵仲裁员", "由", "由独任仲裁员赵仲裁员")]
    [InlineData("由独任仲裁员赵仲裁员", "由", "由独任仲裁员赵仲裁员")]
    [InlineData("  因故", "因", "因故")]
    [InlineData("", "因", "")]
    public void EnsurePrefix_AddsThePrefixOnlyWhenTheValueDoesNotStartWithIt(string? value, string prefix, string expected)
    {
        Assert.Equal(expected, DocumentFunctions.ensure_prefix(value, prefix));
    }
}
