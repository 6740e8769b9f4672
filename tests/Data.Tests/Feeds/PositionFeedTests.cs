using Dapper;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>`positions load`: badge, at, lat, lon; history kept, the officer's last position only moves forward in time.</summary>
public class PositionFeedTests
{
    [Fact]
    public void Pings_are_validated_kept_and_the_newest_becomes_the_last_position()
    {
        using var f = new FeedFixture();
        var s = f.Positions("""
            badge,at,lat,lon
            CSO-1,2026-11-23T10:05:00-08:00,47.21,-122.41
            cso-1,2026-11-23T10:01:00-08:00,47.10,-122.10
            CSO-1,2026-11-23T10:05:00-08:00,47.21,-122.41
            NOBODY,2026-11-23T10:05:00-08:00,47.21,-122.41
            CSS-2,2026-11-23T10:05:00,47.21,-122.41
            CSS-2,2026-11-23T10:05:00Z,91,-122.41
            CSS-2,2026-11-23T10:05:00Z,47.2,-180.5
            CSS-2,2026-11-23T10:05:00Z,north,NaN
            """);
        Assert.Equal((8, 2, 1, 5, 1), (s.Read, s.Loaded, s.Duplicates, s.Rejected, s.ExitCode));
        Assert.Equal([(5, "badge"), (6, "at"), (7, "lat"), (8, "lon"), (9, "lat"), (9, "lon")], s.Errors.Select(e => (e.Line, e.Field)));
        var o = f.Db.Connection.QuerySingle<(double Lat, double Lon, string At)>("SELECT last_lat, last_lon, last_ping_at FROM officers WHERE badge = 'CSO-1'");
        Assert.Equal((47.21, -122.41, "2026-11-23T18:05:00.000Z"), o); // the older ping loaded after it did not move it back
        Assert.Equal(2, f.Count("SELECT count(*) FROM positions"));
        Assert.Equal(1, f.Count("SELECT count(*) FROM events WHERE kind = 'positions.loaded'"));
    }

    [Fact]
    public void Jsonl_pings_accept_numbers()
    {
        using var f = new FeedFixture();
        var s = f.Positions("{\"badge\":\"CSS-2\",\"at\":\"2026-11-23T18:05:00Z\",\"lat\":47.5,\"lon\":-122.5}\n", "pings.jsonl");
        Assert.Equal(1, s.Loaded);
        Assert.Equal(47.5, f.Db.Connection.ExecuteScalar<double>("SELECT last_lat FROM officers WHERE badge = 'CSS-2'"));
    }
}
