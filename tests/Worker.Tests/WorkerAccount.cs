using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;

namespace SafetyConsole.Worker.Tests;

/// <summary>R10: the worker runs only as an operator allowed to; tests that start it make the test's own OS account the service account.</summary>
internal static class WorkerAccount
{
    /// <summary>The OS account this test process (and the worker processes it starts) runs as.</summary>
    public static string Os => Environment.UserName;

    public static void Allow(TestDb t, OperatorRole role = OperatorRole.Service) =>
        Operators.Add(t.Db, TestDb.Account, Os, role, t.Db.Clock.GetUtcNow());
}
