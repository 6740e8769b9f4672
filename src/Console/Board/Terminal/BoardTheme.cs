using Spectre.Console;

namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>
/// How the terminal is dressed: Unicode or ASCII borders and glyphs (a non-UTF-8 locale gets ASCII), colour or not
/// (NO_COLOR). Colour is never the only signal: selection is inverse video plus a marker, missed deadlines are bold.
/// </summary>
public sealed record BoardTheme(bool Unicode, bool Color)
{
    public static BoardTheme Default { get; } = new(true, true);

    /// <summary>From the environment: NO_COLOR (any value) turns colour off; LC_ALL, else LC_CTYPE, else LANG must name UTF-8.</summary>
    public static BoardTheme FromEnvironment(Func<string, string?> env)
    {
        var noColor = !string.IsNullOrEmpty(env("NO_COLOR"));
        var locale = new[] { "LC_ALL", "LC_CTYPE", "LANG" }.Select(env).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
        var utf8 = locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
        return new BoardTheme(utf8, !noColor);
    }

    public BoxBorder Box => Unicode ? BoxBorder.Rounded : BoxBorder.Ascii;
    public string Marker => Unicode ? "›" : ">";
    public string Ellipsis => Unicode ? "…" : "~";
    public string Dot => Unicode ? "·" : "|";
    public string Arrow => Unicode ? "→" : "->";
}
