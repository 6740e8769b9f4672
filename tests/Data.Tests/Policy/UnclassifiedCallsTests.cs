using System.Diagnostics;
using Dapper;
using SafetyConsole.Data.Dispatch;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Enforcement;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests.Feeds;
using SafetyConsole.Data.Tests.Seed;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>
/// Issue 13: "not classified yet" is not "routine discipline". A NEW call has no class (stored UNCLASSIFIED), NONE is
/// only ever intake's R2 decision, and a dispatcher's assignment of a NEW call runs intake once.
/// </summary>
public class UnclassifiedCallsTests
{
    private static readonly DateTimeOffset T0 = TestDistrictSeed.SchoolDay(10, 0);

    private static string StoredClass(SafetyDb db, long id) => db.Connection.ExecuteScalar<string>("SELECT class FROM calls WHERE id = @id", new { id })!;

    [Fact]
    public void Ingest_stores_a_NEW_call_as_unclassified_not_as_the_discipline_class()
    {
        using var f = new FeedFixture();
        f.Calls(FeedFixture.Csv(FeedFixture.Good("A1"), FeedFixture.Good("A2", "DISCIPLINE")));
        Assert.Equal(2, f.Count("SELECT count(*) FROM calls WHERE status = 'NEW' AND class = 'UNCLASSIFIED'"));
        Assert.All(Reads.Calls(f.Db), c => Assert.Null(c.Class));
    }

    [Fact]
    public void Intake_gives_the_class_and_NONE_means_only_the_R2_decision()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var fight = TestDistrictSeed.AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        var discipline = TestDistrictSeed.AddCall(t.Db, "2", T0, "AHS", "DISCIPLINE");
        Assert.Null(Reads.RequireCall(t.Db, discipline).Class); // NEW: whatever the column's old default says
        Assert.Equal("UNCLASSIFIED", Reads.RequireCall(t.Db, fight).Class.Text());

        EnforcementPass.Run(t.Db, T0);
        Assert.Equal((CallStatus.Pending, CallClass.Campus), (Reads.RequireCall(t.Db, fight).Status, Reads.RequireCall(t.Db, fight).Class!.Value));
        Assert.Equal((CallStatus.Diverted, CallClass.None), (Reads.RequireCall(t.Db, discipline).Status, Reads.RequireCall(t.Db, discipline).Class!.Value));
    }

    [Fact]
    public void A_reclassified_call_is_unclassified_again_until_intake_decides_it()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = TestDistrictSeed.AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        EnforcementPass.Run(t.Db, T0);
        CallActions.Reclassify(t.Db, TestDb.Account, id, "LARCENY", "it was a theft", T0.AddSeconds(10));
        Assert.Equal("UNCLASSIFIED", StoredClass(t.Db, id));
        Assert.Null(Reads.RequireCall(t.Db, id).Class);
    }

    [Fact]
    public void A_dispatchers_assignment_of_a_NEW_call_runs_intake_once()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = TestDistrictSeed.AddCall(t.Db, "1", T0, "AHS", "FIGHT");

        var decided = IntakeRuns(() => CallActions.Assign(t.Db, TestDb.Account, id, "CSO-AHS", T0.AddSeconds(20)));

        Assert.Equal([id], decided); // it used to be decided twice: by Assign, then again to rank the candidates
        var call = Reads.RequireCall(t.Db, id);
        Assert.Equal((CallStatus.Assigned, CallClass.Campus, T0.AddSeconds(60)), (call.Status, call.Class!.Value, call.Deadline!.Value));
    }

    [Fact]
    public void A_recommendation_for_a_NEW_call_runs_intake_once()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = TestDistrictSeed.AddCall(t.Db, "1", T0, "AHS", "FIGHT");
        Assert.Equal([id], IntakeRuns(() => Recommendations.For(t.Db, id, T0)));
    }

    [Fact]
    public void Migration_0014_marks_stored_NEW_calls_unclassified()
    {
        using var t = new TestDb();
        TestDistrictSeed.Seed(t.Db);
        var id = TestDistrictSeed.AddCall(t.Db, "1", T0, "AHS", "FIGHT"); // written with the column default, NONE
        Assert.Equal("NONE", StoredClass(t.Db, id));
        t.Db.Connection.Execute("DELETE FROM schema_migrations WHERE version = 14");
        using (t.OpenAnother()) { } // opening applies the missing migration
        Assert.Equal("UNCLASSIFIED", StoredClass(t.Db, id));
    }

    /// <summary>The call ids of the intake decisions (activity "intake.decide") made by <paramref name="action"/> on this thread's trace.</summary>
    private static List<long> IntakeRuns(Action action)
    {
        using var root = new Activity("test").Start(); // only decisions under this trace count: tests run in parallel
        var traceId = root.TraceId;
        var ids = new List<long>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PolicyTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceId == traceId ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                if (a.OperationName == PolicyTrace.IntakeDecide && a.TraceId == traceId)
                    lock (ids) ids.Add((long)a.GetTagItem("call.id")!);
            },
        };
        ActivitySource.AddActivityListener(listener);
        action();
        return ids;
    }
}
