using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SafetyConsole.Bench.Csv;

/// <summary>How a parser hands the fields of a record to the caller.</summary>
internal enum FieldMode
{
    /// <summary>Every mapped field as a string, as the feed validator needs (the figure that is compared).</summary>
    Strings,

    /// <summary>Strings, with repeated values of a column shared (CsvHelper 34's PoolStrings).</summary>
    Pooled,

    /// <summary>Fields only looked at as spans, never materialized (what a span-based validator could save).</summary>
    Spans,
}

/// <summary>
/// What both CsvHelper parsers share (bench/CsvHelper33, bench/CsvHelper34, the `csvhelper` benchmark's children):
/// the feed's column names, the header map, the record sink and the command line
/// `PATH [--pooled|--spans] [--dump] [--raw-start-line]`. Without --dump it prints one line:
/// `version=V mode=M rows=N wrongCount=N broken=0|LINE seconds=S cpuSeconds=S rowsPerSecond=R allocatedMB=M checksum=C`.
/// With --dump it prints every record (start line and fields as JSON) as soon as it is read, for the parity check, no
/// timing. PATH "-" reads standard input.
/// </summary>
internal static class ParseHarness
{
    /// <summary>A field longer than this is taken as an unclosed quote swallowing the file, as in the product's CsvSource.</summary>
    public const int MaxFieldChars = 1 << 20;

    /// <summary>The calls feed's columns, in the product's field order (FeedFields for calls).</summary>
    public static readonly string[] Columns =
        ["external_id", "source", "received_at", "location", "type", "priority", "description", "reporter_role", "basis"];

    /// <summary>For each column of the header, its index in <see cref="Columns"/>, or -1 (trimmed, case-insensitive).</summary>
    public static int[] Map(IReadOnlyList<string> header)
    {
        var map = new int[header.Count];
        for (var c = 0; c < header.Count; c++)
            map[c] = Array.FindIndex(Columns, n => string.Equals(n, header[c].Trim(), StringComparison.OrdinalIgnoreCase));
        return map;
    }

    /// <summary>The input: the file, or standard input for "-" (to see when a streamed record is handed over).</summary>
    public static Stream Open(string path) => path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);

    public static int Run(string[] args, string version, Action<string, FieldMode, RecordSink> parse)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] != "-"))
        {
            Console.Error.WriteLine($"usage: CsvHelper{version[..2]} PATH [--pooled|--spans] [--dump] [--raw-start-line]");
            return 2;
        }
        var mode = args.Contains("--spans") ? FieldMode.Spans : args.Contains("--pooled") ? FieldMode.Pooled : FieldMode.Strings;
        if (args.Contains("--dump"))
        {
            parse(args[0], mode, new RecordSink(Console.Out)); // a line per record, as soon as it is read
            return 0;
        }
        var sink = new RecordSink(null);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        parse(args[0], mode, sink);
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(ci,
            $"version={version} mode={mode.ToString().ToLowerInvariant()}{(args.Contains("--raw-start-line") ? "+raw-start-line" : "")} " +
            $"rows={sink.Rows} wrongCount={sink.WrongCount} broken={sink.BrokenAt} " +
            $"seconds={sw.Elapsed.TotalSeconds:F3} cpuSeconds={cpu.TotalSeconds:F3} rowsPerSecond={sink.Rows / sw.Elapsed.TotalSeconds:F0} " +
            $"allocatedMB={allocated / 1048576.0:F1} checksum={sink.Checksum}"));
        return 0;
    }
}

/// <summary>
/// Receives the records as the product's CsvSource would produce them. The checksum (start lines plus field lengths,
/// chars for strings and UTF-8 bytes for spans: the same for ASCII input) shows both parsers read the same data.
/// </summary>
internal sealed class RecordSink(TextWriter? dump)
{
    public long Rows { get; private set; }
    public long WrongCount { get; private set; }
    public long BrokenAt { get; private set; }
    public long Checksum { get; private set; }

    /// <summary>A record with the header's field count; <paramref name="values"/> by column (null when the header lacks it).</summary>
    public void Record(int line, string?[] values)
    {
        Rows++;
        Checksum += line;
        foreach (var v in values) Checksum += v?.Length ?? 0;
        dump?.WriteLine($"{line}: {JsonSerializer.Serialize(values, JsonOptions)}");
    }

    /// <summary>A record read as spans only: the total UTF-8 length of its mapped fields.</summary>
    public void Record(int line, long fieldBytes)
    {
        Rows++;
        Checksum += line + fieldBytes;
        dump?.WriteLine($"{line}: {fieldBytes} bytes");
    }

    /// <summary>A record whose field count differs from the header's (the product reports it as a problem).</summary>
    public void WrongFieldCount(int line, int count, int headerCount)
    {
        WrongCount++;
        Checksum += line;
        dump?.WriteLine($"{line}: {count} field(s), header has {headerCount}");
    }

    /// <summary>The MaxFieldSize guard fired: the rest of the input is not read.</summary>
    public void Broken(int line)
    {
        BrokenAt = line;
        dump?.WriteLine($"{line}: a field runs past {ParseHarness.MaxFieldChars:N0} characters; the rest was not read");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
