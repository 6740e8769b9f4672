using SafetyConsole.Cli.Board.Terminal;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>Which input line is open.</summary>
public enum InputKind { Filter, Command }

/// <summary>The status-bar input line: `/` filter (applied as typed) or `:` command line.</summary>
public sealed record InputLine(InputKind Kind, TextField Field)
{
    /// <summary>A key while the line is open: the filter applies as it is typed; Enter runs a command (<see cref="BoardCommandLine"/>).</summary>
    public (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b)
    {
        switch (b?.Command)
        {
            case BoardCmd.Close:
                return (Kind == InputKind.Filter ? Selection.WithFilter(s with { Input = null }, "") : s with { Input = null }, []);
            case BoardCmd.Submit:
                return Kind == InputKind.Filter
                    ? (s with { Input = null }, [])
                    : BoardCommandLine.Run(s with { Input = null }, Field.Text);
        }
        if (Field.Edit(key) is not { } f) return (s, []);
        var next = s with { Input = this with { Field = f } };
        return (Kind == InputKind.Filter && f.Text != s.Filter ? Selection.WithFilter(next, f.Text) : next, []);
    }
}

/// <summary>The last two lines: the message or input line, and the footer's key hints generated from the bindings.</summary>
public static class StatusBar
{
    public static void Draw(Screen c, BoardState s, Rect r)
    {
        if (s.Input is { } input)
        {
            var prompt = input.Kind == InputKind.Filter ? "/" : ":";
            var x = c.Put(r.X, r.Y, prompt, Bold);
            ViewKit.Field(c, x, r.Y, input.Field, r.X + r.W, true);
            return;
        }
        if (s.Status is { } st)
        {
            var x = c.Put(r.X, r.Y, st.Kind == MessageKind.Error ? "! " : "  ", st.Kind == MessageKind.Error ? Alarm : Plain);
            c.Put(x, r.Y, ViewKit.Fit(st.Text, r.W - 2, c.Theme), st.Kind == MessageKind.Error ? Alarm : Plain, r.X + r.W);
            return;
        }
        if (s.Busy > 0) c.Put(r.X, r.Y, "  Working...", Dim);
        else if (s.Filter.Length > 0) c.Put(r.X, r.Y, ViewKit.Fit($"  Filter: {s.Filter}  ({s.Visible.Count} of {s.Data.Calls.Count}; Esc clears)", r.W, c.Theme), Dim);
    }

    /// <summary>Key hints generated from the bindings of the current screen and role; help and quit always stay.</summary>
    public static void Footer(Screen c, BoardState s, Rect r)
    {
        var contexts = Bindings.ContextsFor(s.Focus, s.Overlay, s.Input is not null);
        var hints = Bindings.FooterFor(contexts, s.Role).ToList();
        var keep = hints.Where(b => b.Command is BoardCmd.Help or BoardCmd.Quit).ToList();
        var rest = hints.Except(keep).ToList();
        var gap = 2;
        int Width(IEnumerable<Binding> bs) => bs.Sum(b => b.Keys[0].Display(c.Theme.Unicode).Length + 1 + b.Hint.Length + gap);
        if (Width(rest) + Width(keep) > r.W) gap = 1;
        while (rest.Count > 0 && Width(rest) + Width(keep) > r.W) rest.RemoveAt(rest.Count - 1);
        var x = r.X;
        foreach (var b in rest.Concat(keep))
        {
            x = c.Put(x, r.Y, b.Keys[0].Display(c.Theme.Unicode), KeyStyle, r.X + r.W);
            x = c.Put(x, r.Y, " " + b.Hint + new string(' ', gap), Plain, r.X + r.W);
        }
    }
}
