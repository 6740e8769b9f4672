using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>
/// A small fictional district for policy tests, in America/Los_Angeles, school year 2026-08-31 to 2027-06-16,
/// with the real reference call types. Zones NHS (NHS, NMS, NES) and BHS (BHS, BMS).
/// NES is under PCSO's jurisdiction, the others under TPD's. Officers are added per test.
/// </summary>
internal sealed class TestDistrict
{
    public const string Zone = "America/Los_Angeles";

    public static readonly Location NHS = new("NHS", "Narrows High School", "high", "NHS", "TPD", 47.2700, -122.5000, "1 Narrows Way",
        new TimeOnly(7, 50), new TimeOnly(14, 20), "");
    public static readonly Location NMS = new("NMS", "Narrows Middle School", "middle", "NHS", "TPD", 47.2800, -122.4900, "2 Narrows Way",
        new TimeOnly(8, 30), new TimeOnly(15, 0), "");
    public static readonly Location NES = new("NES", "Narrows Elementary", "elementary", "NHS", "PCSO", 47.2600, -122.5100, "3 Narrows Way",
        new TimeOnly(9, 0), new TimeOnly(15, 30), "");
    public static readonly Location BHS = new("BHS", "Bayview High School", "high", "BHS", "TPD", 47.2000, -122.4300, "1 Bay St",
        new TimeOnly(7, 45), new TimeOnly(14, 15), "");
    public static readonly Location BMS = new("BMS", "Bayview Middle School", "middle", "BHS", "TPD", 47.2100, -122.4200, "2 Bay St",
        new TimeOnly(8, 20), new TimeOnly(11, 45), "half-day program");

    private static readonly Lazy<CallType[]> ReferenceTypes = new(LoadCallTypes);

    private District _district = new("Narrows School District", Zone, new DateOnly(2026, 8, 31), new DateOnly(2027, 6, 16), 30, 60);
    private readonly List<CalendarDay> _calendar =
    [
        Day("2026-09-07", CalendarDayKind.Holiday, "Labor Day"),
        Day("2026-11-11", CalendarDayKind.Holiday, "Veterans Day"),
        Day("2026-11-25", CalendarDayKind.EarlyRelease, "Thanksgiving eve", "12:30"),
        Day("2026-11-26", CalendarDayKind.Holiday, "Thanksgiving Day"),
        Day("2026-11-27", CalendarDayKind.Break, "Thanksgiving break"),
        .. Range("2026-12-21", "2027-01-01", CalendarDayKind.Break, "Winter break"),
        Day("2027-01-12", CalendarDayKind.Closure, "Snow day"),
        Day("2027-01-18", CalendarDayKind.Holiday, "Martin Luther King Jr. Day"),
        .. Range("2027-04-05", "2027-04-09", CalendarDayKind.Break, "Spring break"),
        Day("2027-05-31", CalendarDayKind.Holiday, "Memorial Day"),
        Day("2027-06-11", CalendarDayKind.EarlyRelease, "Last-week early release", "12:00"),
    ];
    private readonly List<Location> _locations = [NHS, NMS, NES, BHS, BMS];
    private readonly Dictionary<string, Agency> _agencies = new(StringComparer.Ordinal)
    {
        ["TPD"] = new("TPD", "Tacoma Police Department", AgencyKind.Police, new DateOnly(2027, 7, 1)),
        ["PCSO"] = new("PCSO", "Pierce County Sheriff's Office", AgencyKind.Police, new DateOnly(2027, 7, 1)),
        ["DIST"] = new("DIST", "Narrows School District Safety", AgencyKind.District, null),
    };
    private readonly List<Officer> _officers = [];
    private readonly List<TrainingRecord> _training = [];
    private readonly Dictionary<string, long> _openCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _callsToday = new(StringComparer.Ordinal);

    public static TestDistrict Create() => new();

    public TestDistrict SchoolYear(string start, string end)
    {
        _district = _district with { SchoolYearStart = D(start), SchoolYearEnd = D(end) };
        return this;
    }

    public TestDistrict LeadTail(int lead, int tail)
    {
        _district = _district with { LeadMinutes = lead, TailMinutes = tail };
        return this;
    }

    public TestDistrict Agreement(string agency, string reviewDue)
    {
        _agencies[agency] = _agencies[agency] with { AgreementReviewDue = D(reviewDue) };
        return this;
    }

    public TestDistrict Officer(string badge, Role role, string post, string agency = "DIST", OfficerStatus status = OfficerStatus.Available,
        GeoPoint? ping = null, DateTimeOffset? pingAt = null)
    {
        _officers.Add(new Officer(badge, $"Officer {badge}", role, agency, post, status, null, ping, pingAt));
        return this;
    }

    public TestDistrict Training(string badge, string topic, string completed, string expires)
    {
        _training.Add(new TrainingRecord(badge, topic, D(completed), D(expires)));
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

    public DistrictSnapshot Build() =>
        new(_district, _calendar, _locations, _agencies.Values, ReferenceTypes.Value, _officers, _training, _openCalls, _callsToday);

    /// <summary>A NEW call; priority defaults to the type's (reference data).</summary>
    public static Call Call(string type, string location, DateTimeOffset receivedAt, Basis? basis = null, int? priority = null,
        long id = 1, CallStatus status = CallStatus.New) =>
        new(id, "test", $"T-{id}", receivedAt, location, type,
            priority ?? ReferenceTypes.Value.Single(t => string.Equals(t.Code, type, StringComparison.Ordinal)).DefaultPriority,
            "", "teacher", basis, status, CallClass.None);

    /// <summary>An instant written with its offset, e.g. "2026-10-05T10:05:00-07:00".</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CalendarDay Day(string date, CalendarDayKind kind, string note, string? end = null) =>
        new(D(date), kind, end is null ? null : TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture), note);

    private static IEnumerable<CalendarDay> Range(string from, string to, CalendarDayKind kind, string note)
    {
        for (var d = D(from); d <= D(to); d = d.AddDays(1)) yield return new CalendarDay(d, kind, null, note);
    }

    /// <summary>The shipped reference call types (sql/reference/call_types.csv, embedded in the Data assembly).</summary>
    private static CallType[] LoadCallTypes()
    {
        using var stream = typeof(DistrictSnapshot).Assembly.GetManifestResourceStream("sql/reference/call_types.csv")
            ?? throw new InvalidOperationException("sql/reference/call_types.csv is not embedded in SafetyConsole.Data.");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var types = new List<CallType>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            types.Add(new CallType(f[Col("code")], f[Col("name")], Codes.ParseCallClass(f[Col("class")]),
                int.Parse(f[Col("default_priority")], CultureInfo.InvariantCulture),
                f[Col("basis_required")] == "1", f[Col("refused")] == "1"));
        }
        return types.ToArray();
    }
}
