using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Tests.TestDistricts;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>
/// The policy tests' view of THE test district (<see cref="TestDistrictBuilder"/>): zones NHS (NHS, NMS, NES) and
/// BHS (BHS, BMS), NES under the sheriff's (PCSO) jurisdiction, the others under TPD's. Officers are added per test;
/// <see cref="Build"/> writes the district's CSV files and reads them back through the product's own parser.
/// </summary>
internal sealed class TestDistrict
{
    public const string Zone = TestDistrictBuilder.Zone;

    public static readonly Location NHS = TestDistrictBuilder.NHS;
    public static readonly Location NMS = TestDistrictBuilder.NMS;
    public static readonly Location NES = TestDistrictBuilder.NES;
    public static readonly Location BHS = TestDistrictBuilder.BHS;
    public static readonly Location BMS = TestDistrictBuilder.BMS;

    private readonly TestDistrictBuilder _builder = TestDistrictBuilder.Create();
    private readonly Dictionary<string, long> _openCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _callsToday = new(StringComparer.Ordinal);

    public static TestDistrict Create() => new();

    public TestDistrict SchoolYear(string start, string end)
    {
        _builder.SchoolYear(D(start), D(end));
        return this;
    }

    public TestDistrict LeadTail(int lead, int tail)
    {
        _builder.LeadTail(lead, tail);
        return this;
    }

    public TestDistrict Agreement(string agency, string reviewDue)
    {
        _builder.Agreement(agency, D(reviewDue));
        return this;
    }

    public TestDistrict Officer(string badge, Role role, string post, string agency = "DIST", OfficerStatus status = OfficerStatus.Available,
        GeoPoint? ping = null, DateTimeOffset? pingAt = null)
    {
        _builder.Officer(new Officer(badge, $"Officer {badge}", role, agency, post, status, null, ping, pingAt));
        return this;
    }

    /// <summary>An officer `district import` would refuse (see <see cref="TestDistrictBuilder.OfficerBeyondImport"/>).</summary>
    public TestDistrict OfficerTheImportWouldRefuse(string badge, Role role, string post, string agency)
    {
        _builder.OfficerBeyondImport(new Officer(badge, $"Officer {badge}", role, agency, post, OfficerStatus.Available));
        return this;
    }

    public TestDistrict Training(string badge, string topic, string completed, string expires)
    {
        _builder.Training(new TrainingRecord(badge, topic, D(completed), D(expires)));
        return this;
    }

    public TestDistrict OnCall(string badge, long callId)
    {
        _openCalls[badge] = callId;
        return this;
    }

    public TestDistrict CallsToday(string badge, int count)
    {
        _callsToday[badge] = count;
        return this;
    }

    public DistrictSnapshot Build() => _builder.Snapshot(_openCalls, _callsToday);

    /// <summary>A NEW call; priority defaults to the type's (reference data).</summary>
    public static Call Call(string type, string location, DateTimeOffset receivedAt, Basis? basis = null, int? priority = null,
        long id = 1, CallStatus status = CallStatus.New) =>
        new(id, "test", $"T-{id}", receivedAt, location, type,
            priority ?? TestDistrictBuilder.CallTypes.Single(t => string.Equals(t.Code, type, StringComparison.Ordinal)).DefaultPriority,
            "", "teacher", basis, status, CallClass.None);

    /// <summary>An instant written with its offset, e.g. "2026-10-05T10:05:00-07:00".</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateOnly D(string iso) => TestDistrictBuilder.D(iso);
}
