using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// Renders Spectre widgets to a command's output writer. Data is always passed as <see cref="Text"/>, never
/// as markup, so feed text such as "[red]" prints literally.
/// </summary>
public static partial class TextOut
{
    /// <summary>The spaces and colour codes ending a line (the codes are kept, the spaces dropped).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:[ \r]|\e\[[0-9;]*m)+$")]
    private static partial System.Text.RegularExpressions.Regex TrailingSpaces();

    /// <summary>A Spectre console on <paramref name="w"/>: <paramref name="width"/> is the terminal's, or null when piped.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter w, int? width)
    {
        var isTerminal = width is not null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Piped output is read by scripts and people alike: prose wraps at 120 columns; tables (TextTable) never wrap.
        console.Profile.Width = width ?? 120;
        return console;
    }

    /// <summary>
    /// Renders Spectre widgets (rules, grids, bar charts) and writes their lines without the trailing spaces Spectre
    /// pads them with.
    /// </summary>
    public static void WriteTrimmed(TextWriter w, int? width, Action<IAnsiConsole> render)
    {
        var buffer = new StringWriter { NewLine = "\n" };
        render(ConsoleFor(buffer, width));
        var text = buffer.ToString();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0) break; // the text's own final line break
            w.Write(TrailingSpaces().Replace(lines[i], m => m.Value.Replace(" ", "").Replace("\r", "")));
            w.Write('\n');
        }
    }

    /// <summary>
    /// Writes a line of prose (a heading, a note): in a terminal it wraps between words to the terminal's width, so
    /// no word is broken in half at 80 columns; piped, it is one line.
    /// </summary>
    public static void Line(CliContext ctx, string text)
    {
        if (ctx.OutWidth is not { } width || Board.Terminal.CellText.Width(text) <= width)
        {
            ctx.Out.WriteLine(text);
            return;
        }
        var line = new System.Text.StringBuilder();
        var used = 0;
        var hasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = Board.Terminal.CellText.Width(word);
            if (hasWord && used + 1 + w > width)
            {
                ctx.Out.WriteLine(line.ToString());
                line.Clear().Append("  "); // continuation lines are indented, so the next heading stands out
                (used, hasWord) = (2, false);
            }
            if (hasWord) (line, used) = (line.Append(' '), used + 1);
            line.Append(word);
            (used, hasWord) = (used + w, true);
        }
        ctx.Out.WriteLine(line.ToString());
    }
}
