using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// Call codes as they arrive (issue 15): a district's own codes read through its aliases, the panic alarm's class
/// chosen by the district, and the closest known codes named when a code is unknown. Pure functions over records.
/// </summary>
public static class CallCodes
{
    /// <summary>
    /// The holdup / duress / panic alarm of the APCO alarm family (see the README's "Call codes and the APCO standards").
    /// Its first-responder class is the district's choice (district.csv panic_alarm_class), not the reference data's.
    /// </summary>
    public const string PanicAlarm = "ALRHOLD";

    /// <summary>The file a district maps its own CAD's codes in (`district import`).</summary>
    public const string AliasesFile = "call_type_aliases.csv";

    /// <summary>The call types with the panic alarm's class set to the district's choice (R1 then routes by it).</summary>
    public static IReadOnlyList<CallType> WithDistrictClasses(IReadOnlyList<CallType> types, CallClass panicAlarmClass) =>
        types.Select(t => string.Equals(t.Code, PanicAlarm, StringComparison.Ordinal) ? t with { Class = panicAlarmClass } : t).ToList();

    /// <summary>The trace sentence of a call whose feed named its type by an alias.</summary>
    public static string AliasTrace(string sent, string type, bool builtIn) => builtIn
        ? $"Code {sent} is a built-in alias of {type} (a panic alarm's code from alarm-monitoring systems); read as {type}."
        : $"Code {sent} is the district's alias of {type} ({AliasesFile}); read as {type}.";

    /// <summary>
    /// The unknown-code hint: "closest codes: MVA (alias of TRAFFIC), …; a district maps its own codes in
    /// call_type_aliases.csv (`safety-console district import DIR`)". Up to <paramref name="count"/> known codes or
    /// aliases, nearest first by edit distance, ties in ordinal order.
    /// </summary>
    public static string UnknownCodeHint(string code, IEnumerable<string> types, IEnumerable<CallTypeAlias> aliases, int count = 3)
    {
        var known = types.Select(t => (Code: t, Shown: t))
            .Concat(aliases.Select(a => (Code: a.Alias, Shown: $"{a.Alias} (alias of {a.Type})")))
            .Select(k => (k.Shown, Distance: Distance(code.ToUpperInvariant(), k.Code.ToUpperInvariant()), k.Code))
            .OrderBy(k => k.Distance).ThenBy(k => k.Code, StringComparer.Ordinal)
            .Take(count)
            .Select(k => k.Shown)
            .ToList();
        var closest = known.Count > 0 ? $"the closest codes are {string.Join(", ", known)}" : "the district has no call types yet";
        return $"{closest}; a district maps its own CAD's codes onto these in {AliasesFile} (`safety-console district import DIR`)";
    }

    /// <summary>Levenshtein distance (codes are short: a plain two-row table).</summary>
    internal static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
