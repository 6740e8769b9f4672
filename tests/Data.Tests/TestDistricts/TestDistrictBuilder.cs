using System.Globalization;
using System.Text;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.TestDistricts;

/// <summary>
/// THE test district (issue 18): one set of made-up facts shared by every test, written as the six CSV files of
/// `district import` and read back through the product's own parser (<see cref="Snapshot"/>) or its own import
/// (<see cref="Import"/>), so the in-memory snapshot and the database rows cannot disagree.
/// <para>Shared facts: Narrows School District, America/Los_Angeles, school year 2026-08-31 to 2027-06-16 (lead 30,
/// tail 60 minutes); police TPD, sheriff <see cref="Sheriff"/> (PCSO), district safety DIST, agreements due 2027-07-01;
/// the calendar below (Thanksgiving eve 2026-11-25 ends at 12:30). Default schools: zone NHS (NHS, NMS, NES — NES is
/// the sheriff's) and zone BHS (BHS, BMS). Tests vary only what they need: schools, officers, a lapsed training, a
/// calendar day, the school year.</para>
/// </summary>
public sealed class TestDistrictBuilder
{
    public const string Name = "Narrows School District";
    public const string Zone = "America/Los_Angeles";
    public const string Police = "TPD";
    public const string Sheriff = "PCSO";
    public const string DistrictSafety = "DIST";
    public static readonly DateOnly SchoolYearStart = new(2026, 8, 31);
    public static readonly DateOnly SchoolYearEnd = new(2027, 6, 16);

    public static readonly Location NHS = new("NHS", "Narrows High School", "high", "NHS", Police, 47.2700, -122.5000, "1 Narrows Way",
        new TimeOnly(7, 50), new TimeOnly(14, 20), "");
    public static readonly Location NMS = new("NMS", "Narrows Middle School", "middle", "NHS", Police, 47.2800, -122.4900, "2 Narrows Way",
        new TimeOnly(8, 30), new TimeOnly(15, 0), "");
    public static readonly Location NES = new("NES", "Narrows Elementary", "elementary", "NHS", Sheriff, 47.2600, -122.5100, "3 Narrows Way",
        new TimeOnly(9, 0), new TimeOnly(15, 30), "");
    public static readonly Location BHS = new("BHS", "Bayview High School", "high", "BHS", Police, 47.2000, -122.4300, "1 Bay St",
        new TimeOnly(7, 45), new TimeOnly(14, 15), "");
    public static readonly Location BMS = new("BMS", "Bayview Middle School", "middle", "BHS", Police, 47.2100, -122.4200, "2 Bay St",
        new TimeOnly(8, 20), new TimeOnly(11, 45), "half-day program");

    private static readonly Lazy<CallType[]> ReferenceTypes = new(LoadCallTypes);

    private District _district = new(Name, Zone, SchoolYearStart, SchoolYearEnd, 30, 60);
    private readonly SortedDictionary<DateOnly, CalendarDay> _calendar = new(StandardCalendar().ToDictionary(d => d.Date));
    private readonly Dictionary<string, Agency> _agencies = new(StringComparer.Ordinal)
    {
        [Police] = new(Police, "Tacoma Police Department", AgencyKind.Police, new DateOnly(2027, 7, 1)),
        [Sheriff] = new(Sheriff, "Pierce County Sheriff's Office", AgencyKind.Police, new DateOnly(2027, 7, 1)),
        [DistrictSafety] = new(DistrictSafety, "Narrows School District Safety", AgencyKind.District, null),
    };
    private readonly List<Location> _locations = [NHS, NMS, NES, BHS, BMS];
    private readonly List<Officer> _officers = [];
    private readonly List<TrainingRecord> _training = [];
    private readonly List<Officer> _beyondImport = [];

    public static TestDistrictBuilder Create() => new();

    public IReadOnlyList<Location> Locations => _locations;
    public IReadOnlyList<Officer> Officers => _officers;
    public IReadOnlyDictionary<string, Agency> Agencies => _agencies;
    public IReadOnlyCollection<CalendarDay> Calendar => _calendar.Values;
    public District District => _district;

    public TestDistrictBuilder SchoolYear(DateOnly start, DateOnly end)
    {
        _district = _district with { SchoolYearStart = start, SchoolYearEnd = end };
        return this;
    }

    public TestDistrictBuilder LeadTail(int lead, int tail)
    {
        _district = _district with { LeadMinutes = lead, TailMinutes = tail };
        return this;
    }

    public TestDistrictBuilder Agreement(string agency, DateOnly? reviewDue)
    {
        _agencies[agency] = _agencies[agency] with { AgreementReviewDue = reviewDue };
        return this;
    }

    /// <summary>Replaces the default schools with these (a test about other schools, e.g. the seeded worker district).</summary>
    public TestDistrictBuilder WithLocations(params Location[] locations)
    {
        _locations.Clear();
        _locations.AddRange(locations);
        return this;
    }

    /// <summary>Puts a school under another police agency of jurisdiction (R4), e.g. BHS under the sheriff.</summary>
    public TestDistrictBuilder Jurisdiction(string location, string agency)
    {
        var i = _locations.FindIndex(l => l.Code == location);
        _locations[i] = _locations[i] with { Agency = agency };
        return this;
    }

    /// <summary>Adds a calendar day or replaces the one on its date.</summary>
    public TestDistrictBuilder Day(CalendarDay day)
    {
        _calendar[day.Date] = day;
        return this;
    }

    /// <summary>Removes a calendar day (it becomes an ordinary school day).</summary>
    public TestDistrictBuilder NoDay(DateOnly date)
    {
        _calendar.Remove(date);
        return this;
    }

    /// <summary>
    /// An officer the import would refuse (e.g. of an agency the district does not have), put straight into the snapshot:
    /// for tests of the policy's own defence against data that reached the store some other way. <see cref="Import"/> skips them.
    /// </summary>
    public TestDistrictBuilder OfficerBeyondImport(Officer officer)
    {
        _beyondImport.Add(officer);
        return this;
    }

    /// <summary>An officer; their live state (status, last ping) is kept by <see cref="Snapshot"/>, while <see cref="Import"/>
    /// writes the status as officers.csv's initial status.</summary>
    public TestDistrictBuilder Officer(Officer officer)
    {
        _officers.Add(officer);
        return this;
    }

    public TestDistrictBuilder Training(TrainingRecord record)
    {
        _training.Add(record);
        return this;
    }

    /// <summary>A training that lapsed <paramref name="daysAgo"/> days before <paramref name="asOf"/>.</summary>
    public TestDistrictBuilder LapsedTraining(string badge, string topic, DateOnly asOf, int daysAgo = 1) =>
        Training(new TrainingRecord(badge, topic, asOf.AddYears(-2), asOf.AddDays(-daysAgo)));

    /// <summary>Writes the six CSV files of `district import` into <paramref name="folder"/>.</summary>
    public void WriteFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        var d = _district;
        Write(folder, DistrictFiles.District, "name,time_zone,school_year_start,school_year_end,lead_minutes,tail_minutes",
            [[d.Name, d.TimeZoneId, Iso(d.SchoolYearStart), Iso(d.SchoolYearEnd), Num(d.LeadMinutes), Num(d.TailMinutes)]]);
        Write(folder, DistrictFiles.Calendar, "date,kind,end_time,note",
            _calendar.Values.Select(c => new[] { Iso(c.Date), c.Kind.Text(), c.EndTime is { } e ? Hm(e) : "", c.Note }));
        Write(folder, DistrictFiles.Agencies, "code,name,kind,agreement_review_due",
            _agencies.Values.Select(a => new[] { a.Code, a.Name, a.Kind.Text(), a.AgreementReviewDue is { } r ? Iso(r) : "" }));
        Write(folder, DistrictFiles.Locations, "code,name,kind,zone,agency,lat,lon,address,bell_start,bell_end,notes",
            _locations.Select(l => new[] { l.Code, l.Name, l.Kind, l.Zone, l.Agency, Num(l.Lat), Num(l.Lon), l.Address, Hm(l.BellStart), Hm(l.BellEnd), l.Notes }));
        Write(folder, DistrictFiles.Officers, "badge,name,role,agency,post,status",
            _officers.Select(o => new[] { o.Badge, o.Name, o.Role.Text(), o.Agency, o.Post, InitialStatus(o.Status).Text() }));
        Write(folder, DistrictFiles.Training, "badge,topic,completed_on,expires_on,hours",
            _training.Select(t => new[] { t.Badge, t.Topic, Iso(t.CompletedOn), Iso(t.ExpiresOn), Num(t.Hours) }));
    }

    /// <summary>The district as `district import` parses it (the same parser, the same validation).</summary>
    public DistrictData Parse() => InWrittenFolder(folder => DistrictParser.Parse(DistrictSource.Folder(folder)));

    /// <summary>The in-memory snapshot of the parsed district, with the reference call types and the officers' live state.</summary>
    public DistrictSnapshot Snapshot(IReadOnlyDictionary<string, long>? openCallByBadge = null, IReadOnlyDictionary<string, int>? callsToday = null)
    {
        var data = Parse();
        var live = _officers.ToDictionary(o => o.Badge, StringComparer.Ordinal);
        var officers = data.Officers.Select(o => o with
        {
            Status = live[o.Badge].Status, StatusSince = live[o.Badge].StatusSince,
            LastPosition = live[o.Badge].LastPosition, LastPingAt = live[o.Badge].LastPingAt,
        }).Concat(_beyondImport);
        return new DistrictSnapshot(data.District, data.Calendar, data.Locations, data.Agencies, ReferenceTypes.Value, officers, data.Training,
            openCallByBadge, callsToday);
    }

    /// <summary>Writes the district into a test database with `district import`, as <paramref name="actor"/> (a supervisor;
    /// <see cref="TestDb.Account"/> unless the database was created by another account).</summary>
    public ImportResult Import(SafetyDb db, DateTimeOffset at, string actor = TestDb.Account)
        => InWrittenFolder(folder => DistrictImport.Run(db, DistrictSource.Folder(folder), actor, at));

    /// <summary>The shipped reference call types (sql/reference/call_types.csv, embedded in the Data assembly).</summary>
    public static IReadOnlyList<CallType> CallTypes => ReferenceTypes.Value;

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static CalendarDay CalendarDay(string date, CalendarDayKind kind, string note, string? end = null) =>
        new(D(date), kind, end is null ? null : TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture), note);

    private static IEnumerable<CalendarDay> StandardCalendar() =>
    [
        CalendarDay("2026-09-07", CalendarDayKind.Holiday, "Labor Day"),
        CalendarDay("2026-11-11", CalendarDayKind.Holiday, "Veterans Day"),
        CalendarDay("2026-11-25", CalendarDayKind.EarlyRelease, "Thanksgiving eve", "12:30"),
        CalendarDay("2026-11-26", CalendarDayKind.Holiday, "Thanksgiving Day"),
        CalendarDay("2026-11-27", CalendarDayKind.Break, "Thanksgiving break"),
        .. Range("2026-12-21", "2027-01-01", CalendarDayKind.Break, "Winter break"),
        CalendarDay("2027-01-12", CalendarDayKind.Closure, "Snow day"),
        CalendarDay("2027-01-18", CalendarDayKind.Holiday, "Martin Luther King Jr. Day"),
        .. Range("2027-04-05", "2027-04-09", CalendarDayKind.Break, "Spring break"),
        CalendarDay("2027-05-31", CalendarDayKind.Holiday, "Memorial Day"),
        CalendarDay("2027-06-11", CalendarDayKind.EarlyRelease, "Last-week early release", "12:00"),
    ];

    private static IEnumerable<CalendarDay> Range(string from, string to, CalendarDayKind kind, string note)
    {
        for (var d = D(from); d <= D(to); d = d.AddDays(1)) yield return new CalendarDay(d, kind, null, note);
    }

    // officers.csv takes only an initial status; a test's live status (e.g. ON_SCENE) is kept in memory by Snapshot.
    private static OfficerStatus InitialStatus(OfficerStatus s) =>
        DistrictParser.InitialStatuses.Contains(s) ? s : OfficerStatus.Available;

    /// <summary>Writes the six files into a fresh temporary folder, reads them with <paramref name="read"/>, then deletes the folder.</summary>
    private T InWrittenFolder<T>(Func<string, T> read)
    {
        var folder = Path.Combine(Path.GetTempPath(), "safety-tests", "district-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteFolder(folder);
            return read(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Write(string folder, string file, string header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows) text.Append(string.Join(',', row.Select(Quote))).Append('\n');
        File.WriteAllText(Path.Combine(folder, file), text.ToString(), new UTF8Encoding(false));
    }

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) < 0 ? v : "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

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
