using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Policy;

/// <summary>What a dispatcher or supervisor does to a call or an officer, each needing a least role (R10).</summary>
public enum DispatchAction { TakeCall, Assign, Acknowledge, EnRoute, OnScene, Clear, Divert, Cancel, Reclassify, OfficerStatus }

/// <summary>
/// R10: the least role each dispatch action needs, and the words a refusal uses for it. One table for the store's check
/// (<c>Operators.Require</c>, which every change passes) and for any screen that asks before it offers the action (the
/// board's keys and command line), so a pre-check can never disagree with the check (R2: reclassifying is a supervisor's).
/// </summary>
public static class Permissions
{
    public static OperatorRole Needed(DispatchAction action) =>
        action == DispatchAction.Reclassify ? OperatorRole.Supervisor : OperatorRole.Dispatcher;

    public static bool Allows(OperatorRole role, DispatchAction action) => role >= Needed(action);

    /// <summary>"assign officers": what an account "may not" do, in a refusal's sentence.</summary>
    public static string Words(DispatchAction action) => action switch
    {
        DispatchAction.TakeCall => "take calls",
        DispatchAction.Assign => "assign officers",
        DispatchAction.Acknowledge => "acknowledge calls",
        DispatchAction.EnRoute => "mark calls en route",
        DispatchAction.OnScene => "mark calls on scene",
        DispatchAction.Clear => "clear calls",
        DispatchAction.Divert => "divert calls",
        DispatchAction.Cancel => "cancel calls",
        DispatchAction.Reclassify => "reclassify calls",
        DispatchAction.OfficerStatus => "change an officer's status",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
