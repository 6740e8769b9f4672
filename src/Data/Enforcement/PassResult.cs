using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Enforcement;

/// <summary>The three steps of a pass (DESIGN §4b).</summary>
public enum PassStep
{
    /// <summary>Step 1: a NEW call classified (R2, R3, R4, R5, R8).</summary>
    Intake = 1,
    /// <summary>Step 2: a PENDING call past its deadline assigned or escalated (R5).</summary>
    Deadline = 2,
    /// <summary>Step 3: an assignment not acknowledged in time released and reassigned or escalated (R6).</summary>
    Acknowledgement = 3,
}

/// <summary>
/// One action of a pass, done in its own transaction. <see cref="Line"/> is one plain line for stdout and the
/// log: call number, statuses, badges and the rule; never a description or any R8 value.
/// </summary>
public sealed record PassAction(PassStep Step, long CallId, CallStatus From, CallStatus To, string? Badge, string? ReleasedBadge, string Line);

/// <summary>
/// An action the pass did not take: <see cref="Conflict"/> when another worker or a dispatcher changed the call
/// or the officer first (the conditional update lost; nothing was written), else a refusal or bad data.
/// </summary>
public sealed record PassSkip(PassStep Step, long CallId, bool Conflict, string Reason);

/// <summary>What one pass did, as of <see cref="At"/>.</summary>
public sealed record PassResult(DateTimeOffset At, IReadOnlyList<PassAction> Actions, IReadOnlyList<PassSkip> Skipped, bool Cancelled)
{
    public int Classified => Actions.Count(a => a.Step == PassStep.Intake);
    public int Assigned => Actions.Count(a => a.Step != PassStep.Intake && a.To == CallStatus.Assigned);
    public int Escalated => Actions.Count(a => a.To == CallStatus.Escalated);
    public int Released => Actions.Count(a => a.ReleasedBadge is not null);
    public int Conflicts => Skipped.Count(s => s.Conflict);
    public int Failed => Skipped.Count(s => !s.Conflict);

    /// <summary>"pass 2026-11-23T18:05:00.000Z: 3 classified, 1 assigned, 0 escalated, 0 released; 0 conflicts skipped, 0 failed".</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"pass {TimeText.ToDb(At)}: {Classified} classified, {Assigned} assigned, {Escalated} escalated, {Released} released; {Conflicts} conflicts skipped, {Failed} failed{(Cancelled ? "; stopped early (cancelled)" : "")}");
}
