using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// R9: who sees a call's free text where, and whose reads are recorded. A call's free text is its description (the
/// only feed text a call keeps; everything else is codes, times and badges). Dispatchers and supervisors, who work the
/// calls, see it in lists. A viewer's list — `calls list` and its JSON, the board's calls list and its filter —
/// withholds it, so a viewer reads a description only by showing that one call's detail (`calls show`, the board's
/// detail panel), and exactly those reads are recorded (<see cref="Store.DetailReadAudit"/>).
/// </summary>
public static class FreeTextAccess
{
    /// <summary>Does a list shown to an operator of <paramref name="role"/> carry call descriptions?</summary>
    public static bool InLists(OperatorRole role) => role >= OperatorRole.Dispatcher;

    /// <summary>Is showing one call's detail to an operator of <paramref name="role"/> recorded as a read?</summary>
    public static bool ReadIsRecorded(OperatorRole role) => !InLists(role);
}
