using System.Runtime.CompilerServices;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>
/// Issue 13: every process reads the policy numbers from the store. The built-in defaults exist only for the store's
/// first row and for pure tests, so no product code outside src/Data/Policy may reach for them.
/// </summary>
public class OnePolicySourceTests
{
    [Fact]
    public void No_product_code_outside_the_policy_folder_uses_the_built_in_defaults()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var policyFolder = Path.Combine(src, "Data", "Policy") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(policyFolder, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("PolicySettings.Default", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string RepoRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
