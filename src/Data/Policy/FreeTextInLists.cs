using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// R9 in lists. A call's free text (its description: the only feed text a call keeps; everything else is codes,
/// times and badges) is shown in lists only to dispatchers and supervisors, who work the calls. A viewer's list —
/// `calls list` and its JSON, the board's calls list and its filter — withholds it, so a viewer reads a call's
/// free text only by showing that one call's detail (`calls show`, the board's detail panel), and every such read
/// is recorded (<see cref="Store.DetailReads"/>).
/// </summary>
public static class FreeTextInLists
{
    /// <summary>Does a list shown to an operator of <paramref name="role"/> carry call descriptions?</summary>
    public static bool Shown(OperatorRole role) => role >= OperatorRole.Dispatcher;
}
