using System.Globalization;
using System.Runtime.InteropServices;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// The Unix account that owns a file (R10: an inbox file is loaded on behalf of whoever dropped it). .NET exposes a
/// file's mode but not its owner, so this asks the runtime's own native shim (<c>libSystem.Native</c>, shipped with every
/// .NET runtime, whose <c>FileStatus</c> layout is the same on every platform) for the uid, and libc for its name.
/// </summary>
public static class FileOwner
{
    /// <summary>The owner's login name; "uid N" when the uid has no name; null when the owner cannot be read (not Unix, file gone).</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return null;
        try
        {
            if (Stat(path, out var status) != 0) return null;
            var pw = GetPwUid(status.Uid);
            var name = pw == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(pw)); // pw_name is struct passwd's first field everywhere
            return string.IsNullOrEmpty(name) ? "uid " + status.Uid.ToString(CultureInfo.InvariantCulture) : name;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The head of the runtime's FileStatus (flags, mode, uid, gid, …); sized generously for the rest.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libc", EntryPoint = "getpwuid")]
    private static extern IntPtr GetPwUid(uint uid);
}
