using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>
/// The status sets of <see cref="Transitions"/> as SQL lists (<c>status IN (…)</c>), derived from the rule table so a
/// query can never disagree with it.
/// </summary>
public static class StatusSql
{
    /// <summary>Calls still needing or holding a responder.</summary>
    public static readonly string Open = List(Transitions.IsOpen);

    /// <summary>Calls holding their assigned officer.</summary>
    public static readonly string HoldingOfficer = List(Transitions.HoldsOfficer);

    /// <summary>Every status: lets a query on received_at alone use the (status, received_at) index.</summary>
    public static readonly string All = List(_ => true);

    private static string List(Func<CallStatus, bool> which) =>
        string.Join(",", Enum.GetValues<CallStatus>().Where(which).Select(s => $"'{s.Text()}'"));
}
