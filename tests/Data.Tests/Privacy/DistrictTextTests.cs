using System.Collections;
using Dapper;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using SafetyConsole.Data.Tests.Districts;

namespace SafetyConsole.Privacy.Tests;

/// <summary>
/// District text is made safe at import exactly as feed text is (<see cref="PlainText"/>), so an escape sequence or a
/// bidi override in officers.csv or locations.csv never reaches a terminal through `officers list`, `recommend`,
/// `compliance` or the board.
/// </summary>
public class DistrictTextTests
{
    /// <summary>Clears the screen, sets the window title, colours red, then a right-to-left override and an isolate.</summary>
    private const string Hostile = "\u001b[2J\u001b]0;pwned\u0007Ana \u001b[31m\u202eOrtiz\u2066 Jr\u2069\u009b1m";

    [Fact]
    public void Every_text_field_of_every_district_file_is_cleaned_at_import()
    {
        using var folder = new DemoFolder();
        folder.Set(DistrictFiles.District, "name", "Harbor Valley School District", "name", Hostile);
        folder.Set(DistrictFiles.Calendar, "date", "2026-09-07", "note", Hostile);
        folder.Set(DistrictFiles.Agencies, "code", "HVPD", "name", Hostile);
        folder.Set(DistrictFiles.Locations, "code", "LHS", "name", Hostile);
        folder.Set(DistrictFiles.Locations, "code", "LHS", "address", Hostile);
        folder.Set(DistrictFiles.Locations, "code", "LHS", "notes", Hostile);
        folder.Set(DistrictFiles.Officers, "badge", "CSO-01", "name", Hostile);
        folder.Set(DistrictFiles.Training, "badge", "CSO-01", "topic", Hostile);
        folder.Delete(DistrictFiles.TrainingTopics); // a catalogue would refuse the unknown topic before cleaning could be seen

        var data = DistrictParser.Parse(folder.Source);

        var texts = TextFields(data).ToList();
        Assert.All(texts, t => Assert.Equal(PlainText.Clean(t), t));
        Assert.Equal(8, texts.Count(t => t == "Ana Ortiz Jr"));

        using var t = new TestDb();
        DistrictImport.Run(t.Db, folder.Source, TestDb.Account, new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal("Ana Ortiz Jr", t.Db.Connection.ExecuteScalar<string>("SELECT name FROM officers WHERE badge = 'CSO-01'"));
        Assert.Equal("Ana Ortiz Jr", t.Db.Connection.ExecuteScalar<string>("SELECT notes FROM locations WHERE code = 'LHS'"));
    }

    [Theory]
    [InlineData("CSO-01\u202e")]
    [InlineData("CSO\u001b[31m-01")]
    public void A_code_carrying_a_control_or_bidi_character_is_refused_not_silently_changed(string badge)
    {
        using var folder = new DemoFolder();
        var line = folder.Set(DistrictFiles.Officers, "badge", "CSO-01", "badge", badge);
        var e = Assert.Throws<SafetyException>(() => DistrictParser.Parse(folder.Source));
        Assert.Equal(2, e.ExitCode);
        Assert.StartsWith($"officers.csv line {line}: badge '", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.DoesNotContain('\u202e', e.Message);
    }

    /// <summary>Every string of every record the parser returns (the district, calendar days, agencies, locations, officers, training).</summary>
    private static IEnumerable<string> TextFields(DistrictData data)
    {
        // Optional files absent from the folder are null (issue 15: call_type_aliases.csv).
        foreach (var value in typeof(DistrictData).GetProperties().Select(p => p.GetValue(data)).Where(v => v is not null))
        {
            var records = value is IEnumerable list and not string ? list.Cast<object>() : [value!];
            foreach (var record in records)
                foreach (var p in record.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
                    if (p.GetValue(record) is string text) yield return text;
        }
    }
}
