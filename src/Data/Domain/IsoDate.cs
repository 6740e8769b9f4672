using System.Globalization;

namespace SafetyConsole.Data.Domain;

/// <summary>
/// A date as the product writes it everywhere, in messages, JSON, CSV, reports and the store: ISO 8601, "2026-09-02",
/// whatever the culture. The one definition (issue 18: there were eight).
/// </summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static string Text(DateOnly d) => d.ToString(Format, CultureInfo.InvariantCulture);

    public static string? TextOrNull(DateOnly? d) => d is { } v ? Text(v) : null;
}
