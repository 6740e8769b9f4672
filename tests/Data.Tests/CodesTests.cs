using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Tests;

public class CodesTests
{
    [Theory]
    [InlineData("EN_ROUTE", CallStatus.EnRoute)]
    [InlineData("cancelled", CallStatus.Cancelled)]
    public void Call_statuses_parse_from_their_text(string text, CallStatus expected)
    {
        Assert.True(Codes.TryParseCallStatus(text, out var s));
        Assert.Equal(expected, s);
        Assert.Equal(text.ToUpperInvariant(), s.Text());
    }

    [Fact]
    public void Every_status_round_trips()
    {
        foreach (var s in Enum.GetValues<CallStatus>()) Assert.Equal(s, Codes.ParseCallStatus(s.Text()));
        foreach (var s in Enum.GetValues<OfficerStatus>()) Assert.Equal(s, Codes.ParseOfficerStatus(s.Text()));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("CAPTAIN")]
    public void Unknown_roles_do_not_parse(string text) => Assert.False(Codes.TryParseRole(text, out _));
}
