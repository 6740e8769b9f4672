namespace SafetyConsole.Data.Tests;

/// <summary>
/// The trait of the slow end-to-end tests (real processes, tmux, large files): <c>[Trait(Slow.Category, Slow.Value)]</c>
/// on their class. While working, <c>dotnet test --filter "Category!=Slow"</c> skips them; CI runs them all.
/// </summary>
public static class Slow
{
    public const string Category = "Category";
    public const string Value = "Slow";
}
