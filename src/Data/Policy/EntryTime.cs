using System.Globalization;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// R10 audit times. Every event has an effective time (what it counts as: `--at`, a worker pass's time) and the real
/// time it was recorded. An effective time more than <see cref="MaxBefore"/> before the clock or more than
/// <see cref="MaxAfter"/> after it is a late entry or a replay: only a supervisor may enter one (and the worker's service
/// account, for a replay it is explicitly asked for), and such events are marked wherever they are shown.
/// </summary>
public static class EntryTime
{
    /// <summary>How far before the clock an ordinary entry may be (a dispatcher writing up what happened a moment ago).</summary>
    public static readonly TimeSpan MaxBefore = TimeSpan.FromMinutes(5);

    /// <summary>How far after the clock an ordinary entry may be (clocks of two hosts never agree exactly).</summary>
    public static readonly TimeSpan MaxAfter = TimeSpan.FromMinutes(1);

    /// <summary>Is <paramref name="at"/> more than 5 minutes before or more than 1 minute after <paramref name="clock"/>?</summary>
    public static bool IsFarFromClock(DateTimeOffset at, DateTimeOffset clock) => at < clock - MaxBefore || at > clock + MaxAfter;

    /// <summary>R10: who may act as of a time far from the clock. People: supervisors only.</summary>
    public static bool MayEnterFarFromClock(OperatorRole role) => role == OperatorRole.Supervisor;

    /// <summary>R10, for the worker's `--once --at` replay: a supervisor, or the service account the worker runs as.</summary>
    public static bool MayReplay(OperatorRole role) => role is OperatorRole.Supervisor or OperatorRole.Service;

    /// <summary>The one sentence refusing <paramref name="account"/> an entry as of <paramref name="at"/> when the clock says <paramref name="clock"/>.</summary>
    public static string Refusal(string account, OperatorRole role, string action, DateTimeOffset at, DateTimeOffset clock, string instead = "drop --at to act as of now")
    {
        var away = at < clock ? $"{Span(clock - at)} before" : $"{Span(at - clock)} after";
        return $"R10: {account} is {role.InSentence()} and may not {action} as of {Iso(at)}, {away} the clock ({Iso(clock)}): "
            + $"only a supervisor may enter a time more than {MaxBefore.TotalMinutes:0} minutes before or {MaxAfter.TotalMinutes:0} minute after the clock (late entry, replay); "
            + $"{instead}, or ask a supervisor.";
    }

    /// <summary>"late entry, recorded 10:42": the mark shown beside such an event.</summary>
    public static string Mark(DateTimeOffset recordedAt, TimeZoneInfo zone) =>
        "late entry, recorded " + TimeZoneInfo.ConvertTime(recordedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan t) =>
        t.TotalDays >= 2 ? $"{Math.Floor(t.TotalDays).ToString(CultureInfo.InvariantCulture)} days"
        : t.TotalHours >= 2 ? $"{Math.Floor(t.TotalHours).ToString(CultureInfo.InvariantCulture)} hours"
        : $"{Math.Floor(t.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes";

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
