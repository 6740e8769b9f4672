using System.Diagnostics;
using System.Globalization;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Simulation;
using SafetyConsole.Data.Simulation.Staffing;

namespace SafetyConsole.Bench;

/// <summary>
/// `simulate` (issue 14): a school year of generated calls (the demo's day script on every school day of 2026–27,
/// about 20,000 calls) replayed against the demo district's roster through the real feed, router and worker pass,
/// against a plain replay of the same calls that only runs intake (feed + worker pass at each arrival), in the same run.
/// SIMULATE_BENCH_CALLS sets the number of calls (e.g. 2000 for a quick run in CI).
/// </summary>
public sealed class SimulateBenchmark : IBenchmark
{
    private const double GoalSeconds = 30;

    private static int Calls => int.TryParse(Environment.GetEnvironmentVariable("SIMULATE_BENCH_CALLS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20_000;

    public string Name => "simulate";

    public string Goal => $"a school year of {Calls:N0} calls against one roster in under {GoalSeconds} s";

    public void Run(BenchReport report)
    {
        var demo = DistrictParser.Parse(DistrictSource.Demo);
        var snap = new DistrictSnapshot(demo.District, demo.Calendar, demo.Locations, demo.Agencies, [], []);
        var days = new List<DateOnly>();
        for (var d = demo.District.SchoolYearStart; d <= demo.District.SchoolYearEnd; d = d.AddDays(1))
            if (SchoolCalendar.DayOf(snap, d).IsSchoolDay) days.Add(d);
        var perDay = Math.Max(1, Calls / days.Count - 20); // the day script adds 20 calls around the bells and after dark
        var calls = days.SelectMany((d, i) => DayScript.For(snap, d, seed: i + 1, callsInSession: perDay))
            .Take(Calls).Select(c => new SimCall(c.At, c.Location, c.Type, 0, c.ReporterRole, c.Basis)).ToList();
        var input = new StaffingInput(demo.District, demo.Calendar, demo.Agencies, demo.Locations, calls, new Dictionary<string, TimeSpan[]>());
        var roster = new Roster("current", demo.Officers, demo.Training);

        // CPU time beside wall time: on a shared machine the wall clock measures the other tenants too.
        var me = Process.GetCurrentProcess();
        var c0 = me.TotalProcessorTime;
        var t0 = Stopwatch.GetTimestamp();
        var classified = StaffingSimulation.ReplayIntake(input, roster, "bench", PolicySettings.Default);
        var intake = Stopwatch.GetElapsedTime(t0);
        me.Refresh();
        var c1 = me.TotalProcessorTime;
        var t1 = Stopwatch.GetTimestamp();
        var result = StaffingSimulation.Run(input, roster, 1, PolicySettings.Default, "bench");
        var full = Stopwatch.GetElapsedTime(t1);
        me.Refresh();
        var (intakeCpu, fullCpu) = (c1 - c0, me.TotalProcessorTime - c1);

        report.Figure("school days / calls", $"{days.Count} / {calls.Count:N0} ({calls[0].ReceivedAt:yyyy-MM-dd} to {calls[^1].ReceivedAt:yyyy-MM-dd})");
        report.Figure("plain replay, intake only", $"{intake.TotalSeconds:F1} s, {calls.Count / intake.TotalSeconds:N0} calls/s ({classified:N0} classified); CPU {intakeCpu.TotalSeconds:F1} s");
        report.Figure("simulation (dispatch, officers, worker)", $"{full.TotalSeconds:F1} s, {calls.Count / full.TotalSeconds:N0} calls/s; CPU {fullCpu.TotalSeconds:F1} s, {calls.Count / fullCpu.TotalSeconds:N0} calls per CPU second");
        report.Figure("ratio simulation / intake-only replay", $"{full / intake:F2}x the wall time, {fullCpu / intakeCpu:F2}x the CPU time");
        report.Figure("machine load (1-minute average)", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?");
        report.Figure("deadlines met / missed; liaison escalated", $"{result.DeadlinesMet:N0} / {result.DeadlinesMissed:N0}; {result.LiaisonEscalated:N0} of {result.LiaisonCalls:N0}");
        // The whole result, hashed: a change that only makes the replay faster must leave it the same (same seed, same calls).
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result)))[..16];
        report.Figure("result fingerprint (seed 1)", fingerprint);
        report.Goal("school year against one roster", full.TotalSeconds < GoalSeconds * calls.Count / 20_000.0,
            $"{full.TotalSeconds:F1} s for {calls.Count:N0} calls (goal < {GoalSeconds * calls.Count / 20_000.0:F1} s, {GoalSeconds} s per 20,000)");
    }
}
