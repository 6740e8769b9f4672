using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Tests.Postgres;

/// <summary>The files the both-backend command tests (issue 17) pass to commands: feeds, and a district folder.</summary>
internal static class StepFiles
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// The demo district as a folder for `district import DIR` (written from the files `init --demo` embeds), each file's
    /// text passed through <paramref name="edit"/> (to make another district of it); returns the folder.
    /// </summary>
    public static string DemoDistrict(string dir, Func<string, string>? edit = null)
    {
        Directory.CreateDirectory(dir);
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional))
        {
            var text = EmbeddedSql.Read("sql/demo/" + file);
            File.WriteAllText(Path.Combine(dir, file), edit is null ? text : edit(text));
        }
        return dir;
    }
}
