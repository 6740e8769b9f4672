using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The district's policy numbers in the store (issue 13, migration 0011): the one source every process reads the
/// R5 deadlines, the R6 acknowledgement timeout and the §3 routing constants from (through
/// <see cref="SnapshotLoader"/> or <see cref="Load(SafetyDb)"/>), and the R1 lead and tail of the district row.
/// Supervisors change them (R10); each change is one transaction of the update and its <c>policy.set</c> event,
/// which records the key, the old and the new value and the reason.
/// </summary>
public static class PolicyStore
{
    public const string EventKind = "policy.set";

    /// <summary>One policy number as stored: null only for lead and tail before a district is imported.</summary>
    public sealed record Entry(PolicyKey Key, double? Value);

    /// <summary>What <see cref="Set"/> did.</summary>
    public sealed record Change(PolicyKey Key, double? Old, double New)
    {
        public bool Changed => Old != New;
    }

    /// <summary>The settings every rule reads (R5, R6, §3), as stored now.</summary>
    public static PolicySettings Load(SafetyDb db) => Load(db.Connection, null);

    internal static PolicySettings Load(DbConnection c, DbTransaction? tx)
    {
        var row = PolicyRow(c, tx);
        return PolicyKeys.ToSettings(k => row[k]);
    }

    /// <summary>Every policy number (`policy show`), in <see cref="PolicyKeys.All"/> order.</summary>
    public static IReadOnlyList<Entry> Show(SafetyDb db)
    {
        var row = PolicyRow(db.Connection, null);
        var district = DistrictRow(db.Connection, null);
        return PolicyKeys.All.Select(k => new Entry(k, k.InDistrictRow ? district?[k] : row[k])).ToList();
    }

    /// <summary>
    /// `policy set KEY VALUE --reason TEXT`: supervisors only (R10, refusal recorded). A key or value that does not
    /// parse, or an empty reason, is a usage error (exit 2) saying what to write; lead and tail need a district first.
    /// </summary>
    public static Change Set(SafetyDb db, string actor, string keyName, string valueText, string reason, DateTimeOffset at)
    {
        var key = PolicyKeys.Find(keyName)
            ?? throw SafetyException.Usage($"'{PolicyKey.Shown(keyName)}' is not a policy key; use one of {PolicyKeys.Names} (`safety-console policy show` lists them).");
        if (!key.TryParse(valueText, out var value, out var why, out var todo))
            throw SafetyException.Usage($"{why}; {todo}.");
        if (string.IsNullOrWhiteSpace(reason))
            throw SafetyException.Usage($"Say why {key.Name} changes with --reason \"...\"; R10 records the reason of every policy change.");
        Operators.Require(db, actor, OperatorRole.Supervisor, "change the policy", at);
        return db.Write(tx =>
        {
            if (key.InDistrictRow && DistrictRow(tx.Connection!, tx) is null)
                throw SafetyException.Refused($"{key.Name} is kept with the district, and there is none yet; run `safety-console district import DIR` first.");
            return SetInTx(tx, key, value, actor, at, reason.Trim());
        });
    }

    /// <summary>
    /// Sets one key inside the caller's transaction (`policy set`, district import); an equal value writes nothing.
    /// A change is recorded as a <c>policy.set</c> event: from_status/to_status hold the old and new value, detail the key.
    /// </summary>
    internal static Change SetInTx(DbTransaction tx, PolicyKey key, double value, string actor, DateTimeOffset at, string reason)
    {
        var c = tx.Connection!;
        var old = key.InDistrictRow ? DistrictRow(c, tx)?[key] : PolicyRow(c, tx)[key];
        var change = new Change(key, old, value);
        if (!change.Changed) return change;
        // The column is a key name from PolicyKeys (code, never input).
        SqlWrite(c, tx, $"UPDATE {(key.InDistrictRow ? "district" : "policy")} SET {key.Name} = @value WHERE id = 1", value);
        StateChanges.AppendEvent(tx, new EventRow(at, actor, EventKind,
            FromStatus: old is { } o ? key.Format(o) : null, ToStatus: key.Format(value),
            Reason: $"{key.Rule}: {key.Name} {(old is { } was ? key.Describe(was) : "unset")} -> {key.Describe(value)}: {reason}",
            Detail: key.Name));
        return change;
    }

    private static Dictionary<PolicyKey, double> PolicyRow(DbConnection c, DbTransaction? tx)
    {
        var keys = PolicyKeys.InPolicyRow;
        var values = new Dictionary<PolicyKey, double>();
        SqlRead.Each(c, $"SELECT {string.Join(", ", keys.Select(k => k.Name))} FROM policy WHERE id = 1", r =>
        {
            // Integer and real columns alike (PostgreSQL's reader does not widen a bigint to double by itself).
            for (var i = 0; i < keys.Count; i++) values[keys[i]] = Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        }, tx);
        if (values.Count == 0)
            throw SafetyException.Usage("This database has no policy row (table policy); restore it from a backup or run `safety-console init` on a new database.");
        return values;
    }

    private static Dictionary<PolicyKey, double>? DistrictRow(DbConnection c, DbTransaction? tx)
    {
        Dictionary<PolicyKey, double>? values = null;
        SqlRead.Each(c, "SELECT lead_minutes, tail_minutes FROM district WHERE id = 1", r =>
            values = new() { [PolicyKeys.LeadMinutes] = r.GetInt64(0), [PolicyKeys.TailMinutes] = r.GetInt64(1) }, tx);
        return values;
    }

    private static void SqlWrite(DbConnection c, DbTransaction tx, string sql, double value)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        var p = cmd.CreateParameter();
        p.ParameterName = "@value";
        p.Value = value;
        cmd.Parameters.Add(p);
        cmd.ExecuteNonQuery();
    }
}
