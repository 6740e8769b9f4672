using Dapper;
using Microsoft.Data.Sqlite;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// `positions load`: officers' position pings, <c>badge, at, lat, lon</c> (CSV or JSON Lines). Each ping is kept in
/// the positions history (a repeated badge and time is a duplicate), and the officer's last position is updated
/// only when the ping is newer than the stored one, so pings loaded out of order never move an officer back in time.
/// </summary>
public static class PositionFeed
{
    public static readonly FeedFields Fields = new("positions", ["badge", "at", "lat", "lon"], ["badge", "at", "lat", "lon"]);

    /// <summary>Loads pings from <paramref name="input"/>. Throws <see cref="SafetyException"/> (exit 2) when the input cannot be read.</summary>
    public static FeedSummary Load(SafetyDb db, FeedInput input, FeedOptions options) =>
        FeedPipeline.Run(db, input, options, new Kind(db));

    internal sealed record Row(string Badge, string At, double Lat, double Lon);

    private sealed class Kind(SafetyDb db) : FeedKind<Row>
    {
        private const int Badge = 0, At = 1, Lat = 2, Lon = 3;

        private readonly Dictionary<string, string> _badges = db.Connection.Query<string>("SELECT badge FROM officers")
            .ToDictionary(b => b, b => b, StringComparer.OrdinalIgnoreCase);

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

        public override IRowWriter<Row> Prepare(SqliteConnection connection) => new Writer(connection);
    }

    private sealed class Writer : IRowWriter<Row>
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _latest;

        public Writer(SqliteConnection connection)
        {
            _insert = Command(connection, "INSERT INTO positions(badge, at, lat, lon) VALUES ($badge, $at, $lat, $lon) ON CONFLICT(badge, at) DO NOTHING");
            // The officer row keeps the newest ping only (text order of DB times is time order).
            _latest = Command(connection, """
                UPDATE officers SET last_lat = $lat, last_lon = $lon, last_ping_at = $at
                WHERE badge = $badge AND (last_ping_at IS NULL OR last_ping_at < $at)
                """);
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql)
        {
            var c = connection.CreateCommand();
            c.CommandText = sql;
            foreach (var name in new[] { "$badge", "$at", "$lat", "$lon" }) c.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            return c;
        }

        public bool Insert(SqliteTransaction tx, Row row, string loadedAt)
        {
            Bind(_insert, tx, row);
            if (_insert.ExecuteNonQuery() != 1) return false;
            Bind(_latest, tx, row);
            _latest.ExecuteNonQuery();
            return true;
        }

        private static void Bind(SqliteCommand c, SqliteTransaction tx, Row row)
        {
            c.Transaction = tx;
            c.Parameters[0].Value = row.Badge;
            c.Parameters[1].Value = row.At;
            c.Parameters[2].Value = row.Lat;
            c.Parameters[3].Value = row.Lon;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _latest.Dispose();
        }
    }
}
