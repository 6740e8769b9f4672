using System.Diagnostics;
using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Bench;

/// <summary>
/// Router.Recommend (DESIGN §3) for one call among 5,000 generated officers around 50 locations in 10 zones,
/// against a plain brute-force haversine scan over the same officers (nearest position, no eligibility), in the same run.
/// </summary>
public sealed class RecommendBenchmark : IBenchmark
{
    private const int Officers = 5_000;
    private const int Zones = 10;
    private const int SchoolsPerZone = 5;
    private const int WarmUp = 3_000;
    private const int Measured = 30_000;
    private const double GoalP99Micros = 200;

    public string Name => "recommend";

    public string Goal => $"one recommendation among {Officers:N0} officers, p99 <= {GoalP99Micros} µs in-process";

    public void Run(BenchReport report)
    {
        var now = new DateTimeOffset(2026, 10, 5, 10, 5, 0, TimeSpan.FromHours(-7));
        var (snap, calls) = Generate(now);
        var settings = PolicySettings.Default;

        // Warm up both (JIT tiering, caches).
        var sink = 0.0;
        for (var i = 0; i < WarmUp; i++)
        {
            var c = calls[i % calls.Length];
            sink += Router.Recommend(c, snap.CallTypes[c.Type].Class, snap, settings, now).Candidates.Count;
            sink += BruteForce(snap, c, now, settings);
        }

        var routed = new double[Measured];
        var brute = new double[Measured];
        long candidates = 0, excluded = 0, allocated = 0;
        var gen0 = GC.CollectionCount(0);
        for (var i = 0; i < Measured; i++)
        {
            var c = calls[i % calls.Length];
            var cls = snap.CallTypes[c.Type].Class;
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            var rec = Router.Recommend(c, cls, snap, settings, now);
            var t1 = Stopwatch.GetTimestamp();
            allocated += GC.GetAllocatedBytesForCurrentThread() - a0;
            sink += BruteForce(snap, c, now, settings);
            var t2 = Stopwatch.GetTimestamp();
            routed[i] = Micros(t1 - t0);
            brute[i] = Micros(t2 - t1);
            candidates += rec.Candidates.Count;
            excluded += rec.Excluded.Count;
        }
        gen0 = GC.CollectionCount(0) - gen0;
        Array.Sort(routed);
        Array.Sort(brute);
        double P(double[] xs, double q) => xs[Math.Min(xs.Length - 1, (int)(q * xs.Length))];
        var rP50 = P(routed, 0.50);
        var rP99 = P(routed, 0.99);
        var bP50 = P(brute, 0.50);
        var bP99 = P(brute, 0.99);

        report.Figure("officers / locations / zones", $"{snap.Officers.Count:N0} / {snap.Locations.Count} / {Zones}");
        report.Figure("calls measured (after warm-up)", $"{Measured:N0} (warm-up {WarmUp:N0})");
        report.Figure("mean candidates / excluded per call", $"{(double)candidates / Measured:F1} / {(double)excluded / Measured:F1}");
        report.Figure("bytes allocated per recommendation", $"{allocated / Measured:N0} B ({gen0} gen0 GCs in the measured loop)");
        report.Figure("Router.Recommend p50 / p99", $"{rP50:F1} µs / {rP99:F1} µs");
        report.Figure("brute-force haversine scan p50 / p99", $"{bP50:F1} µs / {bP99:F1} µs");
        report.Figure("ratio Recommend / brute force (p50, p99)", $"{rP50 / bP50:F2}x, {rP99 / bP99:F2}x");
        report.Figure("(checksum)", sink.ToString("F0", CultureInfo.InvariantCulture));
        report.Goal("recommend p99", rP99 <= GoalP99Micros, $"{rP99:F1} µs (goal <= {GoalP99Micros} µs)");
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The naive baseline: every officer, its position looked up each time (fresh ping else post), nearest wins.</summary>
    private static double BruteForce(DistrictSnapshot snap, Call call, DateTimeOffset now, PolicySettings settings)
    {
        var target = snap.Locations[call.Location].Point;
        var best = double.MaxValue;
        foreach (var o in snap.Officers)
        {
            GeoPoint? p = o.LastPosition is { } ping && o.LastPingAt is { } at && (now - at).Duration() < settings.PingFreshness
                ? ping
                : snap.Locations.TryGetValue(o.Post, out var post) ? post.Point : null;
            if (p is null) continue;
            var d = Geo.HaversineMeters(p.Value, target);
            if (d < best) best = d;
        }
        return best;
    }

    private static (DistrictSnapshot Snap, Call[] Calls) Generate(DateTimeOffset now)
    {
        var rng = new Random(42);
        var district = new District("Bench District", "America/Los_Angeles", new DateOnly(2026, 8, 31), new DateOnly(2027, 6, 16), 30, 60);
        var agencies = new[]
        {
            new Agency("TPD", "Tacoma Police", AgencyKind.Police, new DateOnly(2027, 7, 1)),
            new Agency("PCSO", "Pierce County Sheriff", AgencyKind.Police, new DateOnly(2027, 7, 1)),
            new Agency("DIST", "District Safety", AgencyKind.District, null),
        };
        var locations = new List<Location>();
        for (var z = 0; z < Zones; z++)
        {
            var zone = $"H{z:D2}";
            var (zLat, zLon) = (47.15 + 0.03 * (z % 5), -122.55 + 0.06 * (z / 5));
            for (var s = 0; s < SchoolsPerZone; s++)
            {
                var code = s == 0 ? zone : $"{zone}S{s}";
                locations.Add(new Location(code, $"School {code}", s == 0 ? "high" : "elementary", zone, z % 3 == 2 ? "PCSO" : "TPD",
                    zLat + rng.NextDouble() * 0.02, zLon + rng.NextDouble() * 0.03, "", new TimeOnly(7, 50), new TimeOnly(14, 20), ""));
            }
        }
        var officers = new List<Officer>(Officers);
        var training = new List<TrainingRecord>();
        var openCalls = new Dictionary<string, long>(StringComparer.Ordinal);
        var callsToday = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Officers; i++)
        {
            var badge = $"B{i:D5}";
            var roll = rng.NextDouble();
            var role = roll < 0.50 ? Role.CSO : roll < 0.70 ? Role.CSS : roll < 0.82 ? Role.SRO : roll < 0.92 ? Role.SSO : roll < 0.97 ? Role.SLO : Role.SGT;
            var loc = locations[rng.Next(locations.Count)];
            var post = role switch
            {
                Role.CSO or Role.SRO => loc.Code,
                Role.SGT => Codes.DistrictPost,
                _ => rng.NextDouble() < 0.2 ? Codes.DistrictPost : loc.Zone,
            };
            var agency = Codes.ClassOf(role) == CallClass.Liaison && rng.NextDouble() < 0.7 ? loc.Agency : "DIST";
            var s = rng.NextDouble();
            var status = s < 0.60 ? OfficerStatus.Available : s < 0.85 ? OfficerStatus.OffDuty : s < 0.95 ? OfficerStatus.Assigned : OfficerStatus.Busy;
            if (status == OfficerStatus.Assigned) openCalls[badge] = 1_000 + i;
            GeoPoint? ping = null;
            DateTimeOffset? pingAt = null;
            if (rng.NextDouble() < 0.5)
            {
                ping = new GeoPoint(loc.Lat + (rng.NextDouble() - 0.5) * 0.02, loc.Lon + (rng.NextDouble() - 0.5) * 0.02);
                pingAt = now.AddSeconds(-rng.Next(0, 1_200)); // about half of them stale
            }
            officers.Add(new Officer(badge, $"Officer {i}", role, agency, post, status, null, ping, pingAt));
            training.Add(new TrainingRecord(badge, "First aid", new DateOnly(2025, 1, 1), rng.NextDouble() < 0.05 ? new DateOnly(2026, 9, 1) : new DateOnly(2027, 1, 1)));
            training.Add(new TrainingRecord(badge, "De-escalation", new DateOnly(2025, 1, 1), new DateOnly(2027, 6, 1)));
            callsToday[badge] = rng.Next(0, 4);
        }
        var types = new[]
        {
            new CallType("ASSAULT", "Assault", CallClass.Liaison, 1, false, false),
            new CallType("TRESPASS", "Trespass", CallClass.Liaison, 2, false, false),
            new CallType("FIGHT", "Fight", CallClass.Campus, 1, false, false),
            new CallType("WELFARE", "Welfare check", CallClass.Campus, 3, false, false),
        };
        var snap = new DistrictSnapshot(district, [], locations, agencies, types, officers, training, openCalls, callsToday);
        var calls = new Call[1_000];
        for (var i = 0; i < calls.Length; i++)
        {
            var t = types[rng.Next(types.Length)];
            calls[i] = new Call(i + 1, "bench", $"B-{i}", now.AddSeconds(-rng.Next(0, 60)), locations[rng.Next(locations.Count)].Code,
                t.Code, t.DefaultPriority, "", "teacher", null, CallStatus.Pending, t.Class);
        }
        return (snap, calls);
    }
}
