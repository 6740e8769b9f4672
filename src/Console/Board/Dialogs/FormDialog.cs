using System.Globalization;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using Spectre.Console;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// A form of one-line fields with type-ahead (the new-call and reclassify forms): the keys, the suggestions' list and
/// the drawing are shared here; each form says its fields, its suggestions and what submitting does.
/// <see cref="Suggestion"/> indexes the type-ahead list of the focused field.
/// </summary>
public abstract record FormOverlay : Overlay
{
    private const int MaxSuggestions = 6;

    public abstract int Suggestion { get; init; }

    public abstract int FieldCount { get; }

    /// <summary>The focused field, from 0.</summary>
    public abstract int FieldIndex { get; }

    public abstract TextField Value(int field);

    /// <summary>A copy with this field's text, the type-ahead back on its first suggestion.</summary>
    public abstract FormOverlay WithValue(int field, TextField value);

    /// <summary>A copy with this field focused, the type-ahead back on its first suggestion.</summary>
    public abstract FormOverlay WithFocus(int field);

    /// <summary>Type-ahead suggestions for the focused field: (value to fill in, label).</summary>
    public abstract IReadOnlyList<(string Value, string Label)> Suggestions(BoardData data);

    /// <summary>Enter on the last field: checks what the form can and runs the action, or refuses a field.</summary>
    protected abstract (BoardState, IReadOnlyList<Effect>) Submit(BoardState s);

    public bool OnLastField => FieldIndex == FieldCount - 1;

    public override bool HoldsInput => Enumerable.Range(0, FieldCount).Any(i => !Value(i).IsEmpty);

    public override IReadOnlyList<BindingContext> Contexts => [BindingContext.Form];

    public override (BoardState State, IReadOnlyList<Effect> Effects) Key(BoardState s, KeyPress key, Binding? b)
    {
        var suggestions = Suggestions(s.Data);
        switch (b?.Command)
        {
            case BoardCmd.Close: return (ConfirmOverlay.CloseOrConfirm(s, this), []);
            case BoardCmd.Up: return (s with { Overlay = this with { Suggestion = Math.Max(0, Suggestion - 1) } }, []);
            case BoardCmd.Down: return (s with { Overlay = this with { Suggestion = Math.Min(Math.Max(0, suggestions.Count - 1), Suggestion + 1) } }, []);
            case BoardCmd.PrevField: return (s with { Overlay = WithFocus(Math.Max(0, FieldIndex - 1)) }, []);
            case BoardCmd.NextField or BoardCmd.Submit:
                var accepted = Accept(suggestions);
                if (b.Command == BoardCmd.Submit && OnLastField) return accepted.Submit(s);
                return (s with { Overlay = accepted.WithFocus(Math.Min(FieldCount - 1, FieldIndex + 1)) }, []);
        }
        return Value(FieldIndex).Edit(key) is { } edited ? (s with { Overlay = WithValue(FieldIndex, edited) }, []) : (s, []);
    }

    private FormOverlay Accept(IReadOnlyList<(string Value, string Label)> suggestions)
    {
        if (suggestions.Count == 0) return this;
        var typed = Value(FieldIndex).Text.Trim();
        // An empty field stays empty unless a suggestion was picked with the arrows: an optional basis must not
        // become "danger", nor a forgotten type the first in the list.
        if (typed.Length == 0 && Suggestion == 0) return this;
        // An exact code typed stays (in its canonical case) unless another suggestion was highlighted with the arrows.
        var exact = suggestions.FirstOrDefault(x => string.Equals(x.Value, typed, StringComparison.OrdinalIgnoreCase)).Value;
        var value = Suggestion == 0 && exact is not null ? exact : suggestions[Math.Clamp(Suggestion, 0, suggestions.Count - 1)].Value;
        return WithValue(FieldIndex, TextField.Of(value));
    }

    /// <summary>Refuses a field: the sentence on the message line, the field focused again, nothing done.</summary>
    protected (BoardState, IReadOnlyList<Effect>) Refuse(BoardState s, int field, string message) =>
        (BoardUpdate.Error(s with { Overlay = WithFocus(field) }, message), []);

    /// <summary>
    /// The district's call type with this code, any case, or the type a district alias names (issue 15: the feeds
    /// apply aliases at ingest, so a phone call typed with the district's own code is accepted the same way); null
    /// when there is none (or it is refused, R8, or a duty, which is not a call).
    /// </summary>
    internal static CallType? FindType(BoardData data, string code) =>
        ByCode(data, code) ?? (data.Aliases.TryGetValue(code, out var aliased) ? ByCode(data, aliased) : null);

    private static CallType? ByCode(BoardData data, string code) =>
        data.CallTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    protected static string NotAType(string typed) => $"'{typed}' is not a call type; type part of its code or name and pick a suggestion.";

    /// <summary>The district's call types matching what was typed (R8: the board's data never holds a refused type, so ALIEN is never offered).</summary>
    protected static List<(string Value, string Label)> TypeSuggestions(BoardData data, string text) => data.CallTypes
        .Select(t => (t, rank: text.Length == 0 ? 0 : t.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0
            : t.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ? 1 : 2))
        .Where(x => x.rank < 2)
        .OrderBy(x => x.rank).ThenBy(x => x.t.Code, StringComparer.Ordinal)
        .Take(MaxSuggestions).Select(x => (x.t.Code, $"{x.t.Code,-10}  P{x.t.DefaultPriority}  {x.t.Name}")).ToList();

    /// <summary>Keeps the first suggestions (the list's room).</summary>
    protected static List<(string Value, string Label)> Top(IEnumerable<(string Value, string Label)> ranked) => ranked.Take(MaxSuggestions).ToList();

    /// <summary>An optional priority: empty is the type's default (null); else 1 to 4, "P2" too. False with the sentence to show.</summary>
    protected static bool TryPriority(string text, CallType type, out int? priority, out string error)
    {
        priority = null;
        error = "";
        if (text.Length == 0) return true;
        if (int.TryParse(text.TrimStart('P', 'p'), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 4)
        {
            priority = p;
            return true;
        }
        error = $"'{text}' is not a priority; type 1 to 4, or leave it empty for the type's default (P{type.DefaultPriority}).";
        return false;
    }

    /// <summary>A form: an optional heading line, the labelled fields, the focused field's suggestions, the keys.</summary>
    protected void DrawForm(Screen c, BoardState s, string title, string? heading, string[] labels, Func<int, string?> placeholder)
    {
        const int suggestionRows = 6;
        const int labelW = 15;
        var suggestions = Suggestions(s.Data);
        var top = heading is null ? 0 : 2;
        var r = ViewKit.Centered(s, Math.Min(s.Width - 2, 90), top + FieldCount + 2 + suggestionRows + 2);
        var end = r.X + r.W - 2;
        ViewKit.Box(c, r, title, []);
        if (heading is not null) c.Put(r.X + 2, r.Y + 1, ViewKit.Fit(heading, end - r.X - 2, c.Theme), Plain, end);
        for (var i = 0; i < FieldCount; i++)
        {
            var y = r.Y + 1 + top + i;
            var focused = i == FieldIndex;
            c.Put(r.X + 2, y, (focused ? c.Theme.Marker : " ") + " " + labels[i], focused ? Bold : Plain);
            ViewKit.Field(c, r.X + 2 + labelW, y, Value(i), end, focused);
            if (!focused && Value(i).IsEmpty && placeholder(i) is { } hint) c.Put(r.X + 2 + labelW, y, hint, Dim, end);
        }
        var sy = r.Y + 1 + top + FieldCount + 1;
        for (var i = 0; i < suggestions.Count && sy + i < r.Y + r.H - 2; i++)
        {
            var selected = i == Suggestion;
            var label = (selected ? c.Theme.Marker + " " : "  ") + suggestions[i].Label;
            c.Put(r.X + 2 + labelW, sy + i, ViewKit.Fit(label, end - r.X - 2 - labelW, c.Theme), selected ? Inverse : Plain, end);
        }
        c.Put(r.X + 2, r.Y + r.H - 2, "Tab: take the suggestion  Enter: next, submit on the last  Esc: cancel", Dim, end);
    }
}
