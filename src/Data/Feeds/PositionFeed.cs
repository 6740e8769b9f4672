using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// `positions load`: officers' position pings, <c>badge, at, lat, lon</c> (CSV or JSON Lines). Each ping is kept in
/// the positions history (a repeated badge and time is a duplicate), and the officer's last position is updated
/// only when the ping is newer than the stored one, so pings loaded out of order never move an officer back in time.
/// </summary>
public static class PositionFeed
{
    public static readonly FeedFields Fields = new("positions", ["badge", "at", "lat", "lon"], ["badge", "at", "lat", "lon"], numeric: ["lat", "lon"]);

    /// <summary>Loads pings from <paramref name="input"/>. Throws <see cref="SafetyException"/> (exit 2) when the input cannot be read.</summary>
    public static FeedSummary Load(SafetyDb db, FeedInput input, FeedOptions options) =>
        FeedPipeline.Run(db, input, options, new Kind(db, options.Time));

    internal sealed record Row(string Badge, string At, double Lat, double Lon);

    private sealed class Kind : FeedKind<Row>
    {
        private const int Badge = 0, At = 1, Lat = 2, Lon = 3;

        private readonly Dictionary<string, string> _badges;

        public Kind(SafetyDb db, TimeProvider time)
        {
            _badges = db.Connection.Query<string>("SELECT badge FROM officers").ToDictionary(b => b, b => b, StringComparer.OrdinalIgnoreCase);
            Times = FeedTimes.For(db, time); // a ping from the future would pin the officer's last position (it moves only to newer pings)
        }

        public override FeedFields Fields => PositionFeed.Fields;

        public override string LoadedEvent => "positions.loaded";

        public override Row? Validate(RawRecord raw, ref List<FeedError>? errors, ref string? refusal)
        {
            var v = raw.Values;
            var line = raw.Line;

            var badge = Lookup(v[Badge], _badges, "badge", "the officer's badge",
                "is not an officer's badge; check it with `safety-console officers list`", line, ref errors);
            var at = Instant(v[At], "at", "when the position was taken", line, ref errors);

            var lat = Coordinate(v[Lat], "lat", 90, line, ref errors);
            var lon = Coordinate(v[Lon], "lon", 180, line, ref errors);

            return errors is null ? new Row(badge!, at!, lat, lon) : null;
        }

        private static double Coordinate(string? raw, string field, double limit, int line, ref List<FeedError>? errors)
        {
            var text = PlainText.Clean(raw);
            if (text.Length == 0) Fail(ref errors, line, field, $"required: decimal degrees from -{limit} to {limit}");
            else if (!FeedValues.TryParseDouble(text, out var value) || Math.Abs(value) > limit)
                Fail(ref errors, line, field, $"'{PlainText.Excerpt(text)}' is not a {(field == "lat" ? "latitude" : "longitude")}; give decimal degrees from -{limit} to {limit}");
            else return value;
            return 0;
        }

        public override IRowWriter<Row> Prepare(DbConnection connection) => new Writer(connection);
    }

    private sealed class Writer(DbConnection connection) : IRowWriter<Row>
    {
        private readonly NativeStatement _insert = new(connection, "INSERT INTO positions(badge, at, lat, lon) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(badge, at) DO NOTHING");

        // The officer row keeps the newest ping only (text order of DB times is time order).
        private readonly NativeStatement _latest = new(connection, """
            UPDATE officers SET last_lat = ?3, last_lon = ?4, last_ping_at = ?2
            WHERE badge = ?1 AND (last_ping_at IS NULL OR last_ping_at < ?2)
            """);

        public int Insert(IReadOnlyList<Row> rows, string loadedAt)
        {
            var loaded = 0;
            foreach (var row in rows)
            {
                if (Run(_insert, row) != 1) continue;
                Run(_latest, row);
                loaded++;
            }
            return loaded;
        }

        private static int Run(NativeStatement s, Row row)
        {
            s.Bind(1, row.Badge);
            s.Bind(2, row.At);
            s.Bind(3, row.Lat);
            s.Bind(4, row.Lon);
            return s.Execute();
        }

        public void Dispose()
        {
            _insert.Dispose();
            _latest.Dispose();
        }
    }
}
