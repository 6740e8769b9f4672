using System.Globalization;
using CsvHelper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Districts;

/// <summary>
/// A copy of the embedded demo district in a temporary folder, with helpers to break one row of one file.
/// Line numbers are physical lines, the header being line 1 (the demo files have no multi-line fields).
/// </summary>
public sealed class DemoFolder : IDisposable
{
    public DemoFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "safety-tests", "demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in DistrictFiles.All.Concat(DistrictFiles.Optional))
            File.WriteAllText(System.IO.Path.Combine(Path, file), EmbeddedSql.Read("sql/demo/" + file));
    }

    public string Path { get; }

    public DistrictSource Source => DistrictSource.Folder(Path);

    /// <summary>Sets <paramref name="column"/> of the row whose <paramref name="keyColumn"/> is <paramref name="key"/>; returns its line.</summary>
    public int Set(string file, string keyColumn, string key, string column, string value)
    {
        var (header, rows) = Load(file);
        var k = Index(header, keyColumn);
        var i = rows.FindIndex(r => string.Equals(r[k], key, StringComparison.Ordinal));
        Assert.True(i >= 0, $"{file} has no row with {keyColumn} {key}");
        rows[i][Index(header, column)] = value;
        Save(file, header, rows);
        return i + 2;
    }

    /// <summary>Appends a row (columns not given are empty); returns its line.</summary>
    public int Append(string file, params (string Column, string Value)[] fields)
    {
        var (header, rows) = Load(file);
        var row = new string[header.Length];
        Array.Fill(row, "");
        foreach (var (column, value) in fields) row[Index(header, column)] = value;
        rows.Add(row);
        Save(file, header, rows);
        return rows.Count + 1;
    }

    /// <summary>Appends a copy of the row whose <paramref name="keyColumn"/> is <paramref name="key"/>; returns the new line.</summary>
    public int Duplicate(string file, string keyColumn, string key)
    {
        var (header, rows) = Load(file);
        var k = Index(header, keyColumn);
        rows.Add((string[])rows.First(r => string.Equals(r[k], key, StringComparison.Ordinal)).Clone());
        Save(file, header, rows);
        return rows.Count + 1;
    }

    public void RemoveColumn(string file, string column)
    {
        var (header, rows) = Load(file);
        var i = Index(header, column);
        Save(file, header.Where((_, j) => j != i).ToArray(), rows.Select(r => r.Where((_, j) => j != i).ToArray()).ToList());
    }

    public void Delete(string file) => File.Delete(System.IO.Path.Combine(Path, file));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private (string[] Header, List<string[]> Rows) Load(string file)
    {
        using var reader = new StreamReader(System.IO.Path.Combine(Path, file));
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        Assert.True(csv.Read());
        var header = csv.Record!;
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return (header, rows);
    }

    private void Save(string file, string[] header, List<string[]> rows)
    {
        using var writer = new StreamWriter(System.IO.Path.Combine(Path, file));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var row in rows.Prepend(header))
        {
            foreach (var field in row) csv.WriteField(field);
            csv.NextRecord();
        }
    }

    private static int Index(string[] header, string column)
    {
        var i = Array.IndexOf(header, column);
        Assert.True(i >= 0, $"no column {column}");
        return i;
    }
}
