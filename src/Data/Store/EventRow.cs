namespace SafetyConsole.Data.Store;

/// <summary>One row of the append-only event log (R10): who, when, what, and why.</summary>
public sealed record EventRow(
    DateTimeOffset At,
    string Actor,
    string Kind,
    long? CallId = null,
    string? Badge = null,
    string? FromStatus = null,
    string? ToStatus = null,
    string Reason = "",
    string Detail = "");
