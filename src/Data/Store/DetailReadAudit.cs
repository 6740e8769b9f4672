using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>R9: every read of a call's detail by a non-dispatcher is recorded (the board and `calls show` alike).</summary>
public static class DetailReadAudit
{
    /// <summary>Records the read when <paramref name="actor"/> is below dispatcher (<see cref="Policy.FreeTextAccess"/>); returns whether it did.</summary>
    public static bool Record(SafetyDb db, string actor, long callId, DateTimeOffset at, string where)
    {
        var role = Operators.RoleOf(db, actor);
        if (!Policy.FreeTextAccess.ReadIsRecorded(role)) return false;
        db.Write(WriteScope.AppendOnly, tx => StateChanges.AppendEvent(tx, new EventRow(at, actor, "call.read", callId,
            Reason: $"R9: call detail shown {where} to {actor}, a {role.Text()}")));
        return true;
    }
}
