using System.Diagnostics;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// Tracing of the policy engine (System.Diagnostics): each intake decision (R1–R5, R8) is an activity
/// "intake.decide" of the source <see cref="SourceName"/>, tagged with the call id, so an operator's collector or a
/// test can see how often a rule ran for one action. Without a listener this costs one flag check.
/// </summary>
public static class PolicyTrace
{
    public const string SourceName = "SafetyConsole.Policy";

    public const string IntakeDecide = "intake.decide";

    internal static readonly ActivitySource Source = new(SourceName);
}
