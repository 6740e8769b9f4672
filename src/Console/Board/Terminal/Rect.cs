namespace SafetyConsole.Cli.Board.Terminal;

/// <summary>A rectangle of terminal cells.</summary>
public readonly record struct Rect(int X, int Y, int W, int H)
{
    public bool IsEmpty => W <= 0 || H <= 0;
}
