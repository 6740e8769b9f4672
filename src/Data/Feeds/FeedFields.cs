namespace SafetyConsole.Data.Feeds;

/// <summary>
/// The fields a feed kind knows, how a column or JSON key name is matched to them, and which names carry data
/// that R8 forbids collecting. Names are matched after normalizing: lower case, letters and digits only, so
/// <c>external_id</c>, <c>External ID</c> and <c>externalId</c> are one field.
/// </summary>
public sealed class FeedFields
{
    /// <summary>
    /// R8: parts of a normalized (letters only) name that mark immigration or citizenship status or place of birth.
    /// Deliberately broad: a false positive only turns an "unknown field" warning into an "R8 dropped" warning,
    /// since known field names never match.
    /// </summary>
    private static readonly string[] ForbiddenParts =
    [
        "citizen", "immigra", "emigra", "naturaliz", "nationalit", "birthplace", "placeofbirth", "countryofbirth",
        "birthcountry", "nationofbirth", "cityofbirth", "stateofbirth", "townofbirth", "birthcity", "borninc", "bornin",
        "visa", "alienn", "alienreg", "alienid", "aliens", "greencard", "permanentresiden", "legalstatus",
        "residencystatus", "residentstatus", "undocumented", "deport", "asylum", "refugee", "uscis", "passport",
    ];

    /// <summary>R8: whole normalized names that are forbidden on their own.</summary>
    private static readonly HashSet<string> ForbiddenNames = new(StringComparer.Ordinal) { "alien", "pob", "cob", "anumber", "ain" };

    private readonly Dictionary<string, int> _index;

    private readonly bool[] _numeric;

    public FeedFields(string kind, IReadOnlyList<string> names, IReadOnlyList<string> required, IReadOnlyList<string>? numeric = null)
    {
        Kind = kind;
        Names = names;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) _index[Normalize(names[i])] = i;
        Required = required.Select(r => _index[Normalize(r)]).ToArray();
        _numeric = new bool[names.Count];
        foreach (var n in numeric ?? []) _numeric[_index[Normalize(n)]] = true;
    }

    /// <summary>Is the field a number (a JSON number or a string holding one)? Every other field is text: a JSON string only.</summary>
    public bool IsNumeric(int field) => _numeric[field];

    /// <summary>"calls" or "positions", for messages and event kinds.</summary>
    public string Kind { get; }

    /// <summary>The canonical field names (snake_case, as documented); a record's values are indexed by position here.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Indexes of the fields a record must have.</summary>
    public IReadOnlyList<int> Required { get; }

    public int Count => Names.Count;

    /// <summary>The field's index, or -1 when the name is not a field of this kind.</summary>
    public int IndexOf(string name) => _index.TryGetValue(Normalize(name), out var i) ? i : -1;

    /// <summary>R8: does this column or key name carry immigration or citizenship status or place of birth?</summary>
    public static bool IsForbidden(string name)
    {
        var letters = new string(name.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant).ToArray());
        if (letters.Length == 0) return false;
        if (ForbiddenNames.Contains(letters)) return true;
        foreach (var part in ForbiddenParts)
        {
            if (letters.Contains(part, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Lower case, ASCII letters and digits only.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }
}
