using System.Runtime.InteropServices;

namespace SafetyConsole.Privacy.Tests;

/// <summary>
/// Sets the process umask for a test and restores it on dispose (DESIGN §7: file modes hold whatever the umask).
/// The umask is process-wide, so tests using it run in the <see cref="UmaskCollection"/>, which xunit runs alone.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Umask : IDisposable
{
    private readonly uint _previous;

    public Umask(uint mask) => _previous = umask(mask);

    public void Dispose() => umask(_previous);

    /// <summary>The file's permission bits as octal, e.g. "660".</summary>
    public static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);

    /// <summary>Sets the file's permission bits from octal, e.g. "644".</summary>
    public static void SetMode(string path, string octal) => File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
}

/// <summary>Tests that change the umask: run after and apart from every other test, never in parallel with one.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UmaskCollection
{
    public const string Name = "umask";
}
