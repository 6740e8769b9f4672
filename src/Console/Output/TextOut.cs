using Spectre.Console;
using Spectre.Console.Rendering;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// Renders Spectre widgets to a command's output writer. Data is always passed as <see cref="Text"/>, never
/// as markup, so feed text such as "[red]" prints literally.
/// </summary>
public static class TextOut
{
    public static IAnsiConsole ConsoleFor(TextWriter w, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(w),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Piped output is read by scripts and people alike: don't wrap at 80 columns.
        if (!isTerminal) console.Profile.Width = 200;
        return console;
    }

    public static void Write(CliContext ctx, IRenderable r) => ConsoleFor(ctx.Out, ctx.OutIsTerminal).Write(r);

    /// <summary>A plain table with a header row; every cell is literal text.</summary>
    public static Table Table(params string[] headers)
    {
        var t = new Table().Border(TableBorder.Simple);
        foreach (var h in headers) t.AddColumn(new TableColumn(new Text(h)).NoWrap());
        return t;
    }

    public static void AddRow(this Table t, params string?[] cells) =>
        t.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "")).ToArray());
}
