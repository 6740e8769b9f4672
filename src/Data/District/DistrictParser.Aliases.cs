using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// call_type_aliases.csv (issue 15, optional): the district's own CAD codes (<c>alias</c>) onto our call types
/// (<c>type</c>), e.g. MVA → TRAFFIC. Checked against the call types the product ships (sql/reference), so a bad row
/// stops the import before anything is written, like every district file.
/// </summary>
public static partial class DistrictParser
{
    private static readonly FileSpec AliasesSpec = new(DistrictFiles.CallTypeAliases, ["alias", "type"], []);

    /// <summary>The aliases, or null when the folder has no call_type_aliases.csv.</summary>
    private static List<CallTypeAlias>? ParseAliases(DistrictSource source)
    {
        if (!source.Has(DistrictFiles.CallTypeAliases)) return null;
        var types = ReferenceData.CallTypeCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builtIn = ReferenceData.BuiltInAliases.ToDictionary(a => a.Alias, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var list = new List<CallTypeAlias>();
        foreach (var r in Read(source, AliasesSpec))
        {
            var alias = r.Code("alias").ToUpperInvariant();
            var type = r.Code("type").ToUpperInvariant();
            if (seen.TryGetValue(alias, out var first))
                throw r.Fail($"alias {alias} is already on line {first}", "keep one row per alias");
            seen[alias] = r.Line;
            if (types.Contains(alias))
                throw r.Fail($"alias {alias} is one of our own call type codes", "drop the row: feeds may use that code as it is");
            if (builtIn.TryGetValue(alias, out var b))
                throw r.Fail($"alias {alias} is built in (it reads as {b.Type})", "drop the row: feeds may use that code as it is");
            if (!types.Contains(type))
                throw r.Fail($"type '{Shown(type)}' is not a call type", $"map the alias onto one of {string.Join(", ", ReferenceData.CallTypeCodes)}");
            list.Add(new CallTypeAlias(alias, ReferenceData.CallTypeCodes.First(c => string.Equals(c, type, StringComparison.OrdinalIgnoreCase))));
        }
        return list;
    }

    /// <summary>district.csv's optional panic_alarm_class: which class responds first to a panic alarm (default LIAISON).</summary>
    private static CallClass PanicAlarmClass(Row r)
    {
        var text = r.Optional("panic_alarm_class");
        if (text.Length == 0) return CallClass.Liaison;
        if (Codes.TryParseCallClass(text, out var c) && c is CallClass.Liaison or CallClass.Campus) return c;
        throw r.Fail($"panic_alarm_class '{Shown(text)}' is not LIAISON or CAMPUS",
            $"write LIAISON (a sworn officer responds first to a {CallCodes.PanicAlarm} panic alarm, R1) or CAMPUS (the school's campus officer first), or leave it empty for LIAISON");
    }
}
