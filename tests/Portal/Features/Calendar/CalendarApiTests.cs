using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Justice.Portal.Tests.Features.Calendar;

public sealed class CalendarApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("from=2026-01-28&amount=15&unit=workingDays", "2026-02-25")]
    [InlineData("from=2025-09-25&amount=6&unit=days", "2025-10-09")]
    [InlineData("from=2026-01-31&amount=1&unit=months", "2026-02-28")]
    public async Task Due_CountsAsTheLawDoes(string query, string expected)
    {
        var client = await factory.ClientAsync();

        var body = await client.GetFromJsonAsync<JsonObject>($"/api/calendar/due?{query}");

        Assert.Equal(expected, body!["due"]!.GetValue<string>());
    }

    [Fact]
    public async Task Due_IntoAYearWithoutOfficialData_CountsTheLawsHolidaysAndIsProvisional()
    {
        var client = await factory.ClientAsync();

        var body = await client.GetFromJsonAsync<JsonObject>("/api/calendar/due?from=2026-12-31&amount=1&unit=days");

        Assert.Equal("2027-01-04", body!["due"]!.GetValue<string>()); // 2027-01-01 is 元旦 by law, then the weekend
        Assert.True(body["provisional"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Due_WithinOfficialData_IsNotProvisional()
    {
        var client = await factory.ClientAsync();

        var body = await client.GetFromJsonAsync<JsonObject>("/api/calendar/due?from=2026-01-28&amount=15&unit=workingDays");

        Assert.False(body!["provisional"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("from=2026-13-01&amount=1&unit=days")]
    [InlineData("from=2026-01-01&amount=-1&unit=days")]
    [InlineData("from=2026-01-01&amount=1&unit=weeks")]
    public async Task Due_BadInput_Returns400Problem(string query)
    {
        var client = await factory.ClientAsync();

        var response = await client.GetAsync($"/api/calendar/due?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
