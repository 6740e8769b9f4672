using SafetyConsole.Cli.Board.Terminal;

namespace SafetyConsole.Cli.Board;

/// <summary>A one-line text field with a cursor (a character index).</summary>
public sealed record TextField(string Text = "", int Cursor = 0)
{
    public static TextField Of(string text) => new(text, text.Length);

    public bool IsEmpty => Text.Length == 0;

    /// <summary>Edits the field for a key; null when the key is not an editing key.</summary>
    public TextField? Edit(KeyPress k)
    {
        if (k.IsText) return new TextField(Text.Insert(Cursor, k.Char.ToString()), Cursor + 1);
        return k switch
        {
            { Name: KeyName.Backspace } when Cursor > 0 => new TextField(Text.Remove(Cursor - 1, 1), Cursor - 1),
            { Name: KeyName.Backspace } => this,
            { Name: KeyName.Delete } when Cursor < Text.Length => this with { Text = Text.Remove(Cursor, 1) },
            { Name: KeyName.Delete } => this,
            { Name: KeyName.Left } => this with { Cursor = Math.Max(0, Cursor - 1) },
            { Name: KeyName.Right } => this with { Cursor = Math.Min(Text.Length, Cursor + 1) },
            { Name: KeyName.Home } or { Ctrl: true, Char: 'a' } => this with { Cursor = 0 },
            { Name: KeyName.End } or { Ctrl: true, Char: 'e' } => this with { Cursor = Text.Length },
            { Ctrl: true, Char: 'u' } => new TextField(Text[Cursor..], 0),
            { Ctrl: true, Char: 'k' } => this with { Text = Text[..Cursor] },
            { Ctrl: true, Char: 'w' } => DeleteWord(),
            _ => null,
        };
    }

    private TextField DeleteWord()
    {
        var i = Cursor;
        while (i > 0 && Text[i - 1] == ' ') i--;
        while (i > 0 && Text[i - 1] != ' ') i--;
        return new TextField(Text.Remove(i, Cursor - i), i);
    }
}
