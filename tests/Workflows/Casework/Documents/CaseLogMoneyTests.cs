using Justice.Casework.Documents;

namespace Justice.Workflows.Tests.Casework.Documents;

/// <summary>Amounts in the case log are shown by the portal, in its own format (documents write 人民币…元 instead).</summary>
public sealed class CaseLogMoneyTests
{
    [Fact]
    public void MoneyInTheCaseLog_IsWrittenAsThePortalShowsAmounts()
    {
        Assert.Equal("¥1,234,567.00", ChineseFormat.Money(1_234_567m));
        Assert.Equal("¥6,525.50", ChineseFormat.Money(6_525.5m));
    }
}
