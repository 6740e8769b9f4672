namespace SafetyConsole.Data.Store;

/// <summary>
/// A conditional update found the row no longer in the expected state: another dispatcher, the worker or a
/// feed got there first. The transaction is rolled back; the message says who won and what to do (exit 1).
/// </summary>
public sealed class ChangeConflict(string message) : SafetyException(1, message);
