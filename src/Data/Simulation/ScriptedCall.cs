namespace SafetyConsole.Data.Simulation;

/// <summary>One call the simulated day will receive, as a feed would deliver it.</summary>
public sealed record ScriptedCall(
    DateTimeOffset At,
    string ExternalId,
    string Location,
    string Type,
    string Description,
    string ReporterRole,
    string? Basis = null);
