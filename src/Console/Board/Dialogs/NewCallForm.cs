using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Board;

public enum NewCallField { Location, Type, Priority, Basis, Description }

/// <summary>The new-call form for phone calls: location, type, priority, basis, description; taken through the feed's validation.</summary>
public sealed record NewCallOverlay(
    NewCallField Field,
    TextField Location,
    TextField Type,
    TextField Priority,
    TextField Basis,
    TextField Description,
    int Suggestion = 0) : FormOverlay
{
    private static readonly string[] Labels = ["Location", "Type", "Priority", "Basis", "Description"];

    public static NewCallOverlay Blank { get; } = new(NewCallField.Location, new(), new(), new(), new(), new());

    public override int FieldCount => 5;
    public override int FieldIndex => (int)Field;
    public override TextField Value(int field) => Get((NewCallField)field);
    public override FormOverlay WithValue(int field, TextField value) => Set((NewCallField)field, value) with { Suggestion = 0 };
    public override FormOverlay WithFocus(int field) => this with { Field = (NewCallField)field, Suggestion = 0 };

    public TextField Get(NewCallField f) => f switch
    {
        NewCallField.Location => Location,
        NewCallField.Type => Type,
        NewCallField.Priority => Priority,
        NewCallField.Basis => Basis,
        _ => Description,
    };

    public NewCallOverlay Set(NewCallField f, TextField v) => f switch
    {
        NewCallField.Location => this with { Location = v },
        NewCallField.Type => this with { Type = v },
        NewCallField.Priority => this with { Priority = v },
        NewCallField.Basis => this with { Basis = v },
        _ => this with { Description = v },
    };

    public override IReadOnlyList<(string Value, string Label)> Suggestions(BoardData data)
    {
        var text = Get(Field).Text.Trim();
        return Field switch
        {
            NewCallField.Location when text.Length > 0 => Top(data.Locations.Values
                .Select(l => (l, rank: l.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0
                    : l.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
                    : l.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ? 2 : 3))
                .Where(x => x.rank < 3)
                .OrderBy(x => x.rank).ThenBy(x => x.l.Code, StringComparer.Ordinal)
                .Select(x => (x.l.Code, $"{x.l.Code}  {x.l.Name}"))),
            NewCallField.Type => TypeSuggestions(data, text),
            NewCallField.Basis => new[] { Data.Domain.Basis.Danger, Data.Domain.Basis.Disruption, Data.Domain.Basis.Emergency }
                .Select(b => b.Text()).Where(b => b.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                .Select(b => (b, b)).ToList(),
            _ => [],
        };
    }

    protected override (BoardState, IReadOnlyList<Effect>) Submit(BoardState s)
    {
        var location = Location.Text.Trim();
        var loc = s.Data.Locations.Keys.FirstOrDefault(k => string.Equals(k, location, StringComparison.OrdinalIgnoreCase));
        if (loc is null)
            return Refuse(s, (int)NewCallField.Location, $"'{location}' is not a district location; type part of its code or name and pick a suggestion.");
        var typeText = Type.Text.Trim();
        if (FindType(s.Data, typeText) is not { } type) return Refuse(s, (int)NewCallField.Type, NotAType(typeText));
        if (!TryPriority(Priority.Text.Trim(), type, out var priority, out var bad)) return Refuse(s, (int)NewCallField.Priority, bad);
        var basisText = Basis.Text.Trim();
        string? basis = null;
        if (basisText.Length > 0)
        {
            if (!Codes.TryParseBasis(basisText, out var bs))
                return Refuse(s, (int)NewCallField.Basis, $"'{basisText}' is not a basis; use {Codes.AllBases} (R3), or leave it empty.");
            basis = bs.Text();
        }
        return BoardUpdate.Act(s, new CreateAction(loc, type.Code, priority, basis, Description.Text.Trim()));
    }

    public override void Draw(Screen c, BoardState s) =>
        DrawForm(c, s, "New call (phone)", null, Labels, i => (NewCallField)i switch
        {
            NewCallField.Priority => "(type's default)",
            NewCallField.Basis => "(danger, disruption, emergency; INTERVENE needs one, R3)",
            _ => null,
        });
}
