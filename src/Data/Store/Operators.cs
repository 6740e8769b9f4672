using Dapper;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

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
        // A plain reader, not Dapper: every command that changes anything starts here (Benchmarks, `feed`).
        var role = SqlRead.Text(db.Connection, "SELECT role FROM operators WHERE account = @account", null, ("@account", account));
        return role is null ? OperatorRole.Viewer : Codes.ParseOperatorRole(role);
    }

    /// <summary>
    /// Refuses (exit 1, recorded) unless <paramref name="account"/> has at least <paramref name="needed"/>, and (R10) unless
    /// the effective time <paramref name="at"/> is near the clock or the account is a supervisor (late entry, replay).
    /// Every command-line verb and board action that changes anything passes here, so the time rule has one home.
    /// </summary>
    public static OperatorRole Require(SafetyDb db, string account, OperatorRole needed, string action, DateTimeOffset at)
    {
        var role = RoleOf(db, account);
        if (role < needed)
        {
            Refusals.Record(db, account, null, $"R10: {role.Text()} may not {action}");
            throw SafetyException.Refused(Refusal(account, role, needed, action));
        }
        RequireEntryTime(db, account, role, action, at, EntryTime.MayEnterFarFromClock(role));
        return role; // the role just read: a caller that needs it again does not read it a second time
    }

    /// <summary>As <see cref="Require(SafetyDb, string, OperatorRole, string, DateTimeOffset)"/> for a dispatch action, by <see cref="Permissions"/>.</summary>
    public static OperatorRole Require(SafetyDb db, string account, DispatchAction action, DateTimeOffset at) =>
        Require(db, account, Permissions.Needed(action), Permissions.Words(action), at);

    /// <summary>
    /// R10: refuses (exit 1, recorded at the clock's time with the time asked for) an effective time far from the clock
    /// unless <paramref name="allowed"/>. The worker's replay passes its own rule (<see cref="EntryTime.MayReplay"/>).
    /// </summary>
    public static void RequireEntryTime(SafetyDb db, string account, OperatorRole role, string action, DateTimeOffset at, bool allowed,
        string instead = "drop --at to act as of now")
    {
        var now = db.Clock.GetUtcNow();
        if (allowed || !EntryTime.IsFarFromClock(at, now)) return;
        var message = EntryTime.Refusal(account, role, action, at, now, instead);
        Refusals.Record(db, account, null, message, $"effective time asked: {TimeText.ToDb(at)}");
        throw SafetyException.Refused(message);
    }

    /// <summary>R10: who may load feeds (`feed load`, and the owner of a file dropped in the worker's inbox).</summary>
    public static bool MayLoadFeeds(OperatorRole role) => role is OperatorRole.Service or OperatorRole.Dispatcher or OperatorRole.Supervisor;

    /// <summary>R10: the OS accounts the worker may run as (it loads the inbox, so the same as <see cref="MayLoadFeeds"/>).</summary>
    public static bool MayRunWorker(OperatorRole role) => MayLoadFeeds(role);

    /// <summary>Refuses (exit 1, recorded) unless <paramref name="account"/> may load feeds (<see cref="MayLoadFeeds"/>).</summary>
    public static void RequireFeedLoader(SafetyDb db, string account, DateTimeOffset at)
    {
        if (RoleOf(db, account) == OperatorRole.Service) return; // the one role below dispatcher that may load feeds
        Require(db, account, OperatorRole.Dispatcher, "load feeds", at);
    }

    /// <summary>R10: the one sentence refusing <paramref name="action"/> to an account whose role is below <paramref name="needed"/> (the board's too).</summary>
    public static string Refusal(string account, OperatorRole role, OperatorRole needed, string action)
    {
        var article = needed == OperatorRole.Supervisor ? "a supervisor" : "a dispatcher or supervisor";
        return $"R10: {account} is {role.InSentence()} and may not {action}; ask a supervisor to run `safety-console operators add {account} {needed.Text()}`, or have {article} do it.";
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
