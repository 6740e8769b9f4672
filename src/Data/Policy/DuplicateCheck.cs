using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>An open call at a location, as the duplicate check sees it.</summary>
public sealed record OpenCallAt(long Id, string Type, DateTimeOffset ReceivedAt, CallStatus Status);

/// <summary>
/// Possible duplicates at intake (issue 15), a pure decision: a call is flagged when its location has an open call of a
/// related type (the same type, or a pair of the related-types data, read both ways) received at most the policy's
/// duplicate window before it. The most recent such call is named; nothing is decided for the dispatcher.
/// </summary>
public static class DuplicateCheck
{
    public static bool Related(string a, string b, IReadOnlySet<(string, string)> pairs) =>
        string.Equals(a, b, StringComparison.Ordinal) || pairs.Contains((a, b)) || pairs.Contains((b, a));

    /// <summary>The open call <paramref name="call"/> may duplicate, or null (never when the window is zero).</summary>
    public static OpenCallAt? PossibleMaster(Call call, IEnumerable<OpenCallAt> openAtLocation, IReadOnlySet<(string, string)> pairs, TimeSpan window)
    {
        if (window <= TimeSpan.Zero) return null;
        return openAtLocation
            .Where(o => o.Id != call.Id && Transitions.IsOpen(o.Status) && Related(o.Type, call.Type, pairs)
                && o.ReceivedAt <= call.ReceivedAt && call.ReceivedAt - o.ReceivedAt <= window)
            .OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.Id)
            .FirstOrDefault();
    }

    /// <summary>The trace sentence of a flagged call.</summary>
    public static string Trace(Call call, OpenCallAt master, TimeSpan window) =>
        $"Possible duplicate of call {master.Id} ({master.Type} at {call.Location}, received {Intake.Span(call.ReceivedAt - master.ReceivedAt)} earlier, {master.Status.Text()}; window {Intake.Span(window)}): "
        + $"`safety-console link {call.Id} {master.Id}` makes it a duplicate (disposition 22).";
}
