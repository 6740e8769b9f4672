using Dapper;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// Who may do what (R10). Operators are OS accounts; an account not listed is a viewer. A refused attempt is
/// itself recorded in the event log.
/// </summary>
public static class Operators
{
    public sealed record Operator(string Account, OperatorRole Role, string AddedBy, DateTimeOffset AddedAt);

    public static OperatorRole RoleOf(SafetyDb db, string account)
    {
        var role = db.Connection.ExecuteScalar<string?>("SELECT role FROM operators WHERE account = @account", new { account });
        return role is null ? OperatorRole.Viewer : Codes.ParseOperatorRole(role);
    }

    /// <summary>Refuses (exit 1, recorded) unless <paramref name="account"/> has at least <paramref name="needed"/>.</summary>
    public static void Require(SafetyDb db, string account, OperatorRole needed, string action, DateTimeOffset at)
    {
        var role = RoleOf(db, account);
        if (role >= needed) return;
        db.Write(tx => StateChanges.AppendEvent(tx, new EventRow(at, account, "refused",
            Reason: $"R10: {role.Text()} may not {action}")));
        throw SafetyException.Refused(Refusal(account, role, needed, action));
    }

    /// <summary>R10: the one sentence refusing <paramref name="action"/> to an account whose role is below <paramref name="needed"/> (the board's too).</summary>
    public static string Refusal(string account, OperatorRole role, OperatorRole needed, string action)
    {
        var article = needed == OperatorRole.Supervisor ? "a supervisor" : "a dispatcher or supervisor";
        return $"R10: {account} is a {role.Text()} and may not {action}; ask a supervisor to run `safety-console operators add {account} {needed.Text()}`, or have {article} do it.";
    }

    public static IReadOnlyList<Operator> List(SafetyDb db) =>
        db.Connection.Query<(string Account, string Role, string AddedBy, string AddedAt)>(
                "SELECT account, role, added_by, added_at FROM operators ORDER BY account")
            .Select(r => new Operator(r.Account, Codes.ParseOperatorRole(r.Role), r.AddedBy, TimeText.FromDb(r.AddedAt)))
            .ToList();

    public static void Add(SafetyDb db, string actor, string account, OperatorRole role, DateTimeOffset at)
    {
        Require(db, actor, OperatorRole.Supervisor, "manage operators", at);
        if (string.IsNullOrWhiteSpace(account) || account.Any(char.IsWhiteSpace))
            throw SafetyException.Usage($"'{account}' is not an account name; give the operator's login name, without spaces.");
        db.Write(tx =>
        {
            var before = tx.Connection!.ExecuteScalar<string?>("SELECT role FROM operators WHERE account = @account", new { account }, tx);
            tx.Connection!.Execute("""
                INSERT INTO operators(account, role, added_by, added_at) VALUES (@account, @role, @actor, @at)
                ON CONFLICT(account) DO UPDATE SET role = excluded.role, added_by = excluded.added_by, added_at = excluded.added_at
                """, new { account, role = role.Text(), actor, at = TimeText.ToDb(at) }, tx);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "operator.added",
                FromStatus: before, ToStatus: role.Text(), Reason: $"R10: {account} is now {role.Text()}", Detail: account));
        });
    }

    public static void Remove(SafetyDb db, string actor, string account, DateTimeOffset at)
    {
        Require(db, actor, OperatorRole.Supervisor, "manage operators", at);
        db.Write(tx =>
        {
            var role = tx.Connection!.ExecuteScalar<string?>("SELECT role FROM operators WHERE account = @account", new { account }, tx)
                ?? throw SafetyException.Refused($"{account} is not an operator; `safety-console operators list` shows who is.");
            if (role == "supervisor" && tx.Connection!.ExecuteScalar<long>("SELECT count(*) FROM operators WHERE role = 'supervisor'", transaction: tx) == 1)
                throw SafetyException.Refused($"{account} is the last supervisor; add another supervisor first, so that someone can still administer SafetyConsole.");
            tx.Connection!.Execute("DELETE FROM operators WHERE account = @account", new { account }, tx);
            StateChanges.AppendEvent(tx, new EventRow(at, actor, "operator.removed",
                FromStatus: role, Reason: $"R10: {account} removed (now a viewer)", Detail: account));
        });
    }
}
