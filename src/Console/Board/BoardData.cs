using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>An APCO disposition code (table `dispositions`).</summary>
public sealed record Disposition(string Code, string Name);

/// <summary>
/// One immutable snapshot of everything the board shows, loaded off the UI loop whenever the store changes
/// (PRAGMA data_version). The operator's role is part of it, so a promotion or demotion (R10) shows within a second.
/// </summary>
public sealed record BoardData
{
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Open calls (DESIGN §2: NEW … ON_SCENE, ESCALATED), in id order.</summary>
    public IReadOnlyList<Call> Calls { get; init; } = [];
    public IReadOnlyList<Officer> Officers { get; init; } = [];
    public IReadOnlyDictionary<string, Location> Locations { get; init; } = new Dictionary<string, Location>();
    public IReadOnlyList<CallType> CallTypes { get; init; } = [];
    public IReadOnlyList<Disposition> Dispositions { get; init; } = [];

    /// <summary>The supervisors' queue summary (the `status` command's), refreshed with the data and every few seconds.</summary>
    public QueueSummary? Summary { get; init; }

    public OperatorRole Role { get; init; } = OperatorRole.Viewer;

    public static BoardData Empty { get; } = new();

    public string DistrictName => Summary?.District ?? "";

    private Dictionary<string, long>? _openCallByBadge;

    /// <summary>Badge → the open call the officer is on.</summary>
    public IReadOnlyDictionary<string, long> OpenCallByBadge => _openCallByBadge ??= Calls
        .Where(c => c.AssignedTo is not null && c.Status is CallStatus.Assigned or CallStatus.Acknowledged or CallStatus.EnRoute or CallStatus.OnScene)
        .GroupBy(c => c.AssignedTo!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

    public string LocationName(string code) => Locations.TryGetValue(code, out var l) ? l.Name : code;
}

/// <summary>Reads a <see cref="BoardData"/> from the store (on the watcher's own connection, never the UI loop).</summary>
public static class BoardDataLoader
{
    public static BoardData Load(SafetyDb db, string account, DateTimeOffset now)
    {
        var summary = QueueSummaries.Load(db, now);
        return new BoardData
        {
            Zone = summary.Zone,
            Calls = Reads.Calls(db, openOnly: true),
            Officers = Reads.Officers(db),
            Locations = DistrictReads.Locations(db).ToDictionary(l => l.Code, StringComparer.Ordinal),
            CallTypes = DistrictReads.CallTypes(db).Where(t => !t.Refused).ToList(),
            Dispositions = Dapper.SqlMapper.Query<(string Code, string Name)>(db.Connection, "SELECT code, name FROM dispositions ORDER BY code")
                .Select(d => new Disposition(d.Code, d.Name)).ToList(),
            Summary = summary,
            Role = Operators.RoleOf(db, account),
        };
    }
}
