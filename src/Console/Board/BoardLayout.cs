using SafetyConsole.Data.Domain;

namespace SafetyConsole.Cli.Board;

/// <summary>A rectangle of terminal cells.</summary>
public readonly record struct Rect(int X, int Y, int W, int H)
{
    public bool IsEmpty => W <= 0 || H <= 0;
}

/// <summary>
/// Where each panel goes at a terminal size. Shared by <see cref="BoardUpdate"/> (to scroll by the rows actually
/// shown) and <see cref="BoardView"/>. From 120 columns the officers panel sits on the right; from 32 rows the
/// detail panel sits under the calls; below that, panels collapse and Tab shows one at a time in the main area.
/// </summary>
public sealed record BoardLayout(Rect Header, Rect Main, Focus MainShows, Rect? Officers, Rect? Detail, Rect Status, Rect Footer, bool TooSmall)
{
    public const int MinWidth = 60;
    public const int MinHeight = 16;
    public const int WideFrom = 120;
    public const int TallFrom = 32;

    /// <summary>Rows of calls the table shows (panel border and header row taken off).</summary>
    public int CallRows => Math.Max(1, Main.H - 3);

    public int OfficerRows => Math.Max(1, (Officers ?? Main).H - 3);

    public int DetailRows => Math.Max(1, (Detail ?? Main).H - 2);

    public static BoardLayout For(int width, int height, Focus focus)
    {
        var tooSmall = width < MinWidth || height < MinHeight;
        var header = new Rect(0, 0, width, 2);
        var status = new Rect(0, height - 2, width, 1);
        var footer = new Rect(0, height - 1, width, 1);
        var bodyH = Math.Max(0, height - 4);
        var wide = width >= WideFrom;
        var tall = height >= TallFrom;

        Rect? officers = null;
        var leftW = width;
        if (wide)
        {
            var ow = Math.Clamp(width * 35 / 100, 42, 64);
            leftW = width - ow;
            officers = new Rect(leftW, 2, ow, bodyH);
        }
        Rect? detail = null;
        var mainH = bodyH;
        if (tall)
        {
            var dh = Math.Max(10, bodyH * 2 / 5);
            mainH = bodyH - dh;
            detail = new Rect(0, 2 + mainH, leftW, dh);
        }

        var shows = focus switch
        {
            Focus.Officers when officers is null => Focus.Officers,
            Focus.Detail when detail is null => Focus.Detail,
            _ => Focus.Calls,
        };
        // A collapsed panel takes the whole left column when it is shown in the main area.
        var main = new Rect(0, 2, leftW, shows == Focus.Calls ? mainH : bodyH);
        if (shows == Focus.Officers && detail is not null) detail = null;
        if (shows == Focus.Detail) detail = null;
        return new BoardLayout(header, main, shows, officers, detail, status, footer, tooSmall);
    }
}

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
