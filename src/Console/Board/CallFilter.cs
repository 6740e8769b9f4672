using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The `/` filter: words must all match. `status:S` (or a bare status word such as `pending`), `zone:Z`
/// (the feeder pattern's high-school code), `p:N` narrow; any other word matches the call's number, type,
/// location code or name, status, officer or (for dispatchers and supervisors, R9) description, ignoring case. The order
/// is <see cref="BoardData.Ordered"/>.
/// </summary>
public sealed record CallFilter(IReadOnlyList<string> Words, IReadOnlyList<CallStatus> Statuses, IReadOnlyList<string> Zones, IReadOnlyList<int> Priorities)
{
    public static CallFilter None { get; } = new([], [], [], []);

    public bool IsEmpty => Words.Count == 0 && Statuses.Count == 0 && Zones.Count == 0 && Priorities.Count == 0;

    public static CallFilter Parse(string text)
    {
        var words = new List<string>();
        var statuses = new List<CallStatus>();
        var zones = new List<string>();
        var priorities = new List<int>();
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = raw.IndexOf(':');
            var key = colon > 0 ? raw[..colon].ToLowerInvariant() : "";
            var value = colon > 0 ? raw[(colon + 1)..] : raw;
            if (key == "status" && Codes.TryParseCallStatus(value.Replace('-', '_'), out var s)) statuses.Add(s);
            else if (key == "zone" && value.Length > 0) zones.Add(value);
            else if (key is "p" or "priority" && int.TryParse(value, out var p)) priorities.Add(p);
            else if (key == "" && Codes.TryParseCallStatus(raw.Replace('-', '_'), out var bare)) statuses.Add(bare);
            else words.Add(raw);
        }
        return new CallFilter(words, statuses, zones, priorities);
    }

    /// <summary>Does a call match? <paramref name="search"/> is its lower-case search text (see <see cref="BoardData.SearchText"/>).</summary>
    public bool Matches(Call c, string search, BoardData d)
    {
        if (Statuses.Count > 0 && !Statuses.Contains(c.Status)) return false;
        if (Priorities.Count > 0 && !Priorities.Contains(c.Priority)) return false;
        if (Zones.Count > 0 && (!d.Locations.TryGetValue(c.Location, out var loc) || !Zones.Any(z => string.Equals(z, loc.Zone, StringComparison.OrdinalIgnoreCase))))
            return false;
        foreach (var w in _lowerWords ??= Words.Select(w => w.ToLowerInvariant()).ToArray())
            if (!search.Contains(w, StringComparison.Ordinal)) return false;
        return true;
    }

    private string[]? _lowerWords;

    /// <summary>The calls shown: all open calls in board order, or those matching.</summary>
    public IReadOnlyList<Call> Apply(BoardData d)
    {
        var ordered = d.Ordered;
        if (IsEmpty) return ordered;
        var search = d.SearchText;
        var list = new List<Call>();
        for (var i = 0; i < ordered.Count; i++)
            if (Matches(ordered[i], search[i], d)) list.Add(ordered[i]);
        return list;
    }
}
