using Spectre.Console;

namespace SafetyConsole.Cli.Board;

/// <summary>The board's styles. Colour is never the only signal: bold and inverse carry the meaning without it (NO_COLOR).</summary>
public static class BoardStyles
{
    public static readonly Style Plain = Style.Plain;
    public static readonly Style Bold = new(decoration: Decoration.Bold);
    public static readonly Style Dim = new(decoration: Decoration.Dim);
    public static readonly Style Alarm = new(Color.Red, decoration: Decoration.Bold);
    public static readonly Style Warn = new(Color.Yellow);
    public static readonly Style Good = new(Color.Green);
    public static readonly Style Accent = new(Color.Aqua, decoration: Decoration.Bold);
    public static readonly Style Changed = new(Color.Yellow, decoration: Decoration.Bold);
    public static readonly Style KeyStyle = new(decoration: Decoration.Bold | Decoration.Invert);
    public static readonly Style Inverse = new(decoration: Decoration.Invert);
}
