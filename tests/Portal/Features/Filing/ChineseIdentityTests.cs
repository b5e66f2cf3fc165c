using Justice.Portal.Features.Filing;

namespace Justice.Portal.Tests.Features.Filing;

public sealed class ChineseIdentityTests
{
    [Theory]
    [InlineData("11010519491231002X", true)]  // the example of GB 11643-1999
    [InlineData("110105194912310021", false)]
    [InlineData("430405199013", false)]
    public void IsValidResidentId_ChecksTheMod11Digit(string id, bool valid)
    {
        Assert.Equal(valid, ChineseIdentity.IsValidResidentId(id));
    }

    [Fact]
    public void ResidentId_HasAreaBirthSequenceAndCheck()
    {
        var id = ChineseIdentity.ResidentId("430407", new DateOnly(1998, 3, 15), 2);

        Assert.Equal(18, id.Length);
        Assert.StartsWith("43040719980315002", id);
        Assert.True(ChineseIdentity.IsValidResidentId(id));
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]  // a published valid code
    [InlineData("91350100M000100Y44", false)]
    public void IsValidCreditCode_ChecksTheMod31Character(string code, bool valid)
    {
        Assert.Equal(valid, ChineseIdentity.IsValidCreditCode(code));
    }

    [Fact]
    public void CreditCode_WithHengyangArea_IsValid()
    {
        var code = ChineseIdentity.CreditCode("430408", "MA4L0000");

        Assert.StartsWith("91430408MA4L0000", code);
        Assert.True(ChineseIdentity.IsValidCreditCode(code));
    }
}
