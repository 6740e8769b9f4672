using Dapper;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The board's issue-15 reads over every open call at once (one query each, never one per call): the officers on
/// each open call (the assignments table, the one source of truth) and each open call's possible-duplicate flag.
/// </summary>
public static class BoardCallLinks
{
    /// <summary>Open call → the officers still on it (first responder and assists), in the order they were assigned.</summary>
    public static IReadOnlyDictionary<long, IReadOnlyList<OnCall>> OfficersOnOpenCalls(SafetyDb db) =>
        db.Connection.Query<AssignmentRow>($"""
                SELECT a.call_id AS CallId, a.badge AS Badge, a.assist AS Assist, a.assigned_at AS AssignedAt, a.assigned_by AS AssignedBy,
                       a.acked_at AS AckedAt, a.en_route_at AS EnRouteAt, a.on_scene_at AS OnSceneAt
                FROM assignments a JOIN calls c ON c.id = a.call_id
                WHERE a.released_at IS NULL AND c.status IN ({StatusSql.Open})
                ORDER BY a.call_id, a.id
                """)
            .GroupBy(r => r.CallId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OnCall>)g.Select(r => new OnCall(r.Badge, r.Assist != 0, TimeText.FromDb(r.AssignedAt), r.AssignedBy,
                TimeText.FromDbOrNull(r.AckedAt), TimeText.FromDbOrNull(r.EnRouteAt), TimeText.FromDbOrNull(r.OnSceneAt), null, null)).ToList());

    /// <summary>Open call → the call intake flagged it a possible duplicate of (issue 15), for calls not linked yet.</summary>
    public static IReadOnlyDictionary<long, long> PossibleDuplicates(SafetyDb db) =>
        db.Connection.Query<(long Id, long Master)>($"""
                SELECT id, possible_duplicate_of FROM calls
                WHERE possible_duplicate_of IS NOT NULL AND duplicate_of IS NULL AND status IN ({StatusSql.Open})
                """)
            .ToDictionary(r => r.Id, r => r.Master);

    private sealed class AssignmentRow
    {
        public long CallId { get; init; }
        public string Badge { get; init; } = "";
        public long Assist { get; init; }
        public string AssignedAt { get; init; } = "";
        public string AssignedBy { get; init; } = "";
        public string? AckedAt { get; init; }
        public string? EnRouteAt { get; init; }
        public string? OnSceneAt { get; init; }
    }
}
