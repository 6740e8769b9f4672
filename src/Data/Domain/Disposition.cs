namespace SafetyConsole.Data.Domain;

/// <summary>An APCO disposition code (table `dispositions`), given when a call is cleared.</summary>
public sealed record Disposition(string Code, string Name);
