using System.Globalization;
using SafetyConsole.Data.Csv;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Feeds;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// Reads and validates the six files of a district folder (DESIGN §2) into <see cref="DistrictData"/>. Each file
/// is checked on its own first (columns, values, duplicate keys), then across files (agencies, zones, posts,
/// badges), so rows may refer to rows that come later in the set. The first bad row stops everything: a usage
/// error (exit 2) whose one sentence names the file, the line (the header is line 1) and what to do.
/// </summary>
public static partial class DistrictParser
{
    /// <summary>Location kinds of DESIGN §2.</summary>
    public static readonly IReadOnlyList<string> LocationKinds = ["elementary", "middle", "high", "alternative", "office", "stadium", "yard"];

    /// <summary>Statuses an officer may start with; the others belong to a call (dispatch sets them).</summary>
    public static readonly IReadOnlyList<OfficerStatus> InitialStatuses = [OfficerStatus.Available, OfficerStatus.OffDuty, OfficerStatus.Busy];

    private const int MaxMinutes = 720;

    private sealed record FileSpec(string Name, string[] Required, string[] Optional)
    {
        public string Columns => string.Join(", ", Required.Concat(Optional));
    }

    private static readonly FileSpec[] Specs =
    [
        // The policy numbers (issue 13) are optional columns: a district that leaves them out keeps what is stored.
        new(DistrictFiles.District, ["name", "time_zone", "school_year_start", "school_year_end", "lead_minutes", "tail_minutes"],
            ["complaint_response_days", "panic_alarm_class", .. PolicyKeys.InPolicyRow.Select(k => k.Name)]),
        new(DistrictFiles.Calendar, ["date", "kind"], ["end_time", "note"]),
        new(DistrictFiles.Agencies, ["code", "name", "kind", "agreement_review_due"], []),
        new(DistrictFiles.Locations, ["code", "name", "kind", "zone", "agency", "lat", "lon", "bell_start", "bell_end"], ["address", "notes"]),
        new(DistrictFiles.Officers, ["badge", "name", "role", "agency", "post"], ["status"]),
        new(DistrictFiles.Training, ["badge", "topic", "completed_on", "expires_on"], ["hours"]),
    ];

    private readonly record struct At<T>(int Line, T Value);

    public static DistrictData Parse(DistrictSource source)
    {
        // Every file must be present before any is read, so a missing one is named first.
        foreach (var spec in Specs)
        {
            if (!source.Has(spec.Name))
                throw SafetyException.Usage(
                    $"{Capitalized(source.Description)} has no {spec.Name}; add it (columns: {spec.Columns}) or give the folder that holds {DistrictFiles.List}.");
        }

        var districtRows = Read(source, Specs[0]);
        var district = ParseDistrict(districtRows);
        var policy = ParsePolicy(districtRows[0]);
        var calendar = ParseCalendar(Read(source, Specs[1]));
        // agreements.csv (optional) first: an agency with an adopted agreement takes its review date from it (R7).
        var agreements = source.Has(DistrictFiles.Agreements) ? ParseAgreements(Read(source, AgreementsSpec)) : null;
        var agencies = ParseAgencies(Read(source, Specs[2]), agreements?.Select(a => a.Value.Agency).ToHashSet(StringComparer.Ordinal) ?? []);
        var locations = ParseLocations(Read(source, Specs[3]));
        var officers = ParseOfficers(Read(source, Specs[4]));
        var training = ParseTraining(Read(source, Specs[5]));

        CheckLocations(locations, agencies);
        CheckOfficers(officers, agencies, locations);
        CheckTraining(training, officers);
        var records = ParseAccountability(source, agreements, agencies, locations, officers, training);

        return new DistrictData(district, calendar, agencies.Select(a => a.Value).ToList(), locations.Select(l => l.Value).ToList(),
            officers.Select(o => o.Value).ToList(), training.Select(t => t.Value).ToList(), records) { Policy = policy, Aliases = ParseAliases(source) };
    }

    /// <summary>
    /// A roster folder for the staffing simulator: officers.csv and optionally training.csv in the district-import format,
    /// checked against the district's own agencies and locations (an unknown agency or post is a usage error naming its line).
    /// </summary>
    public static (IReadOnlyList<Officer> Officers, IReadOnlyList<TrainingRecord> Training) ParseRoster(
        DistrictSource source, IReadOnlyList<Agency> agencies, IReadOnlyList<Location> locations)
    {
        var officersSpec = Specs[4];
        if (!source.Has(officersSpec.Name))
            throw SafetyException.Usage($"{Capitalized(source.Description)} has no {officersSpec.Name}; a roster folder holds {officersSpec.Name} (columns: {officersSpec.Columns}) and optionally {Specs[5].Name}.");
        var officers = ParseOfficers(Read(source, officersSpec));
        if (officers.Count == 0)
            throw SafetyException.Usage($"{Capitalized(source.Description)} has a roster with no officers; add at least one row to {officersSpec.Name}.");
        var training = source.Has(Specs[5].Name) ? ParseTraining(Read(source, Specs[5])) : [];
        CheckOfficers(officers, agencies.Select(a => new At<Agency>(0, a)).ToList(), locations.Select(l => new At<Location>(0, l)).ToList());
        CheckTraining(training, officers);
        return (officers.Select(o => o.Value).ToList(), training.Select(t => t.Value).ToList());
    }

    // ---- reading -----------------------------------------------------------------------------------------

    private static List<Row> Read(DistrictSource source, FileSpec spec)
    {
        using var reader = source.Open(spec.Name);
        // A row swallowed by an unclosed quote is one with the header's column count and its key (the first column) filled.
        var (header, rows) = CsvRows.Read(reader, spec.Name, spec.Required[..1]);
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            throw SafetyException.Usage($"{spec.Name} is empty; its first line must be the header: {spec.Columns}.");
        foreach (var column in spec.Required)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
                throw SafetyException.Usage($"{spec.Name} line 1: the header has no '{column}' column; add it (the columns are {spec.Columns}, in any order).");
        }
        return rows.Select(r => new Row(spec.Name, r)).ToList();
    }

    /// <summary>One data row with typed accessors whose failures name file, line, column and the fix.</summary>
    private sealed class Row(string file, CsvRow row)
    {
        public int Line => row.Line;

        public SafetyException Fail(string reason, string todo) => SafetyException.Usage($"{file} line {row.Line}: {reason}; {todo}.");

        /// <summary>
        /// Every value is made safe as feed text is (<see cref="PlainText"/>: escape sequences, control and bidi
        /// characters removed), so names, addresses, notes and topics never reach a terminal raw; codes are refused instead.
        /// </summary>
        private string Value(string column) => PlainText.Clean(row[column]);

        public string Optional(string column) => Value(column);

        public string Text(string column)
        {
            var v = Value(column);
            return v.Length > 0 ? v : throw Fail($"{column} is empty", $"fill in the {column}");
        }

        /// <summary>A code or badge: one word, no spaces, control or bidi characters (a key is never silently changed).</summary>
        public string Code(string column)
        {
            var v = row[column];
            if (v.Length == 0) throw Fail($"{column} is empty", $"fill in the {column}");
            if (v.Any(char.IsWhiteSpace) || PlainText.Clean(v) != v || v.Length > 32)
                throw Fail($"{column} '{Shown(v)}' is not a code", $"write it as one word of at most 32 characters, like LHS or CSO-01");
            return v;
        }

        public DateOnly Date(string column) =>
            DateOrNull(column) ?? throw Fail($"{column} is empty", "fill in a date written as yyyy-MM-dd, e.g. 2026-09-02");

        public DateOnly? DateOrNull(string column)
        {
            var v = Value(column);
            if (v.Length == 0) return null;
            return DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw Fail($"{column} '{Shown(v)}' is not a date", "write it as yyyy-MM-dd, e.g. 2026-09-02");
        }

        public TimeOnly Time(string column) =>
            TimeOrNull(column) ?? throw Fail($"{column} is empty", "fill in a time of day written as HH:mm on a 24-hour clock, e.g. 07:30");

        public TimeOnly? TimeOrNull(string column)
        {
            var v = Value(column);
            if (v.Length == 0) return null;
            return TimeOnly.TryParseExact(v, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw Fail($"{column} '{Shown(v)}' is not a time of day", "write it as HH:mm on a 24-hour clock, e.g. 07:30 or 14:10");
        }

        public double Degrees(string column, double limit)
        {
            var v = Text(column);
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
                throw Fail($"{column} '{Shown(v)}' is not a number", $"write decimal degrees with a point, e.g. {(limit == 90 ? "47.25" : "-122.45")}");
            if (Math.Abs(x) > limit)
                throw Fail($"{column} {v} is out of range", $"{(limit == 90 ? "latitude" : "longitude")} is between -{limit} and {limit} degrees");
            return x;
        }

        /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="what"/> says what it counts.</summary>
        public int Count(string column, int min, int max, string what)
        {
            var v = Text(column);
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw Fail($"{column} '{Shown(v)}' is not a whole number from {min} to {max}", $"write {what}");
            return n;
        }

        /// <summary>Hours of training: a number from 0 to 2000 with a point, e.g. 8 or 1.5.</summary>
        public double Hours(string column)
        {
            var v = Text(column);
            if (!double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var h) || !double.IsFinite(h) || h > 2000)
                throw Fail($"{column} '{Shown(v)}' is not a number of hours", "write hours from 0 to 2000 with a point, e.g. 8 or 1.5");
            return h;
        }

        public int Minutes(string column)
        {
            var v = Text(column);
            if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                throw Fail($"{column} '{Shown(v)}' is not a whole number of minutes", $"write a number from 0 to {MaxMinutes}, e.g. 30");
            if (n < 0 || n > MaxMinutes)
                throw Fail($"{column} {n} is out of range", $"write a number of minutes from 0 to {MaxMinutes}");
            return n;
        }
    }

    // ---- each file on its own ----------------------------------------------------------------------------

    private static District ParseDistrict(List<Row> rows)
    {
        if (rows.Count == 0)
            throw SafetyException.Usage($"{DistrictFiles.District} has no data row; add one line under the header with the district's name, time zone, school year and lead and tail minutes.");
        if (rows.Count > 1)
            throw rows[1].Fail("a second district row", "keep exactly one row, since one database holds one district");
        var r = rows[0];
        var name = r.Text("name");
        var zone = r.Text("time_zone");
        // IANA only (R1/R4 windows are computed in it); a Windows id like "Pacific Standard Time" is refused.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) || !tz.HasIanaId)
            throw r.Fail($"time_zone '{Shown(zone)}' is not a known IANA time zone", "use one like America/Los_Angeles or America/New_York");
        var start = r.Date("school_year_start");
        var end = r.Date("school_year_end");
        if (end < start)
            throw r.Fail($"school_year_end {TimeText.ToDb(end)} is before school_year_start {TimeText.ToDb(start)}", "fix one of the two dates");
        var responseDays = r.Optional("complaint_response_days").Length == 0 ? District.DefaultComplaintResponseDays
            : r.Count("complaint_response_days", 1, 365, "the days the district gives itself to respond to a family complaint, e.g. 30");
        return new District(name, zone, start, end, r.Minutes("lead_minutes"), r.Minutes("tail_minutes"), responseDays, PanicAlarmClass(r));
    }

    /// <summary>district.csv's policy columns that are filled in (issue 13), each read as `policy set` reads it.</summary>
    private static Dictionary<PolicyKey, double> ParsePolicy(Row r)
    {
        var policy = new Dictionary<PolicyKey, double>();
        foreach (var key in PolicyKeys.InPolicyRow)
        {
            var text = r.Optional(key.Name);
            if (text.Length == 0) continue;
            if (!key.TryParse(text, out var value, out var reason, out var todo)) throw r.Fail(reason, todo);
            policy[key] = value;
        }
        return policy;
    }

    private static List<CalendarDay> ParseCalendar(List<Row> rows)
    {
        var seen = new Dictionary<DateOnly, int>();
        var days = new List<CalendarDay>(rows.Count);
        foreach (var r in rows)
        {
            var date = r.Date("date");
            if (seen.TryGetValue(date, out var first))
                throw r.Fail($"date {TimeText.ToDb(date)} is already on line {first}", "keep one row per date");
            seen[date] = r.Line;
            var kindText = r.Text("kind");
            if (!Codes.TryParseCalendarKind(kindText, out var kind))
                throw r.Fail($"kind '{Shown(kindText)}' is not a calendar kind", "use holiday, break, closure or early_release");
            var end = r.TimeOrNull("end_time");
            if (kind == CalendarDayKind.EarlyRelease && end is null)
                throw r.Fail("an early_release day has no end_time", "give the time classes end, e.g. 12:30");
            if (kind != CalendarDayKind.EarlyRelease && end is not null)
                throw r.Fail($"end_time is only for early_release days, and this day is a {kind.Text()}", "clear the end_time or make the day early_release");
            days.Add(new CalendarDay(date, kind, end, r.Optional("note")));
        }
        return days;
    }

    private static List<At<Agency>> ParseAgencies(List<Row> rows, HashSet<string> withAgreement)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<At<Agency>>(rows.Count);
        foreach (var r in rows)
        {
            var code = Unique(r, "code", seen);
            var name = r.Text("name");
            var kindText = r.Text("kind");
            if (!Codes.TryParseAgencyKind(kindText, out var kind))
                throw r.Fail($"kind '{Shown(kindText)}' is not an agency kind", "use police, contractor or district");
            var due = r.DateOrNull("agreement_review_due");
            // R7: a police agency's or contractor's annual agreement has a review date (from agreements.csv when it has one
            // there); the district itself has none.
            if (kind != AgencyKind.District && due is null && !withAgreement.Contains(code))
                throw r.Fail($"{kind.Text()} agency {code} has no agreement_review_due", $"give the date its annual agreement with the district is due for review (R7), or add the agreement to {DistrictFiles.Agreements}");
            if (kind == AgencyKind.District && due is not null)
                throw r.Fail($"the district agency {code} has an agreement_review_due", "leave it empty, since only police agencies and contractors have an agreement with the district (R7)");
            if (kind == AgencyKind.District && list.FirstOrDefault(a => a.Value.Kind == AgencyKind.District) is { Value: not null } other)
                throw r.Fail($"{code} is a second agency of kind district (the first is {other.Value.Code} on line {other.Line})", "keep one row for the district itself");
            list.Add(new(r.Line, new Agency(code, name, kind, due)));
        }
        if (!list.Any(a => a.Value.Kind == AgencyKind.District))
            throw SafetyException.Usage($"{DistrictFiles.Agencies} has no agency of kind district; add a row for the district itself (kind district, no review date), the agency of its campus officers.");
        return list;
    }

    private static List<At<Location>> ParseLocations(List<Row> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<At<Location>>(rows.Count);
        foreach (var r in rows)
        {
            var code = Unique(r, "code", seen);
            if (string.Equals(code, Codes.DistrictPost, StringComparison.Ordinal))
                throw r.Fail($"{Codes.DistrictPost} cannot be a location code, since it is the post meaning district-wide", "choose another code");
            var name = r.Text("name");
            var kind = r.Text("kind").ToLowerInvariant();
            if (!LocationKinds.Contains(kind, StringComparer.Ordinal))
                throw r.Fail($"kind '{Shown(kind)}' is not a location kind", $"use one of {string.Join(", ", LocationKinds)}");
            var zone = r.Code("zone");
            var agency = r.Code("agency");
            var lat = r.Degrees("lat", 90);
            var lon = r.Degrees("lon", 180);
            var start = r.Time("bell_start");
            var end = r.Time("bell_end");
            if (end <= start)
                throw r.Fail($"bell_end {TimeText.ToDb(end)} is not after bell_start {TimeText.ToDb(start)}", "fix the bell times (24-hour clock, e.g. 07:30 and 14:10)");
            list.Add(new(r.Line, new Location(code, name, kind, zone, agency, lat, lon, r.Optional("address"), start, end, r.Optional("notes"))));
        }
        return list;
    }

    private static List<At<Officer>> ParseOfficers(List<Row> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<At<Officer>>(rows.Count);
        foreach (var r in rows)
        {
            var badge = Unique(r, "badge", seen);
            var name = r.Text("name");
            var roleText = r.Text("role");
            if (!Codes.TryParseRole(roleText, out var role))
                throw r.Fail($"role '{Shown(roleText)}' is not a role", "use SLO, SRO, SSO, CSO, CSS or SGT");
            var agency = r.Code("agency");
            var post = r.Code("post");
            var statusText = r.Optional("status");
            var status = OfficerStatus.OffDuty;
            if (statusText.Length > 0)
            {
                var allowed = string.Join(", ", InitialStatuses.Select(s => s.Text()));
                if (!Codes.TryParseOfficerStatus(statusText, out status))
                    throw r.Fail($"status '{Shown(statusText)}' is not an officer status", $"use {allowed}, or leave it empty for OFF_DUTY");
                if (!InitialStatuses.Contains(status))
                    throw r.Fail($"status {status.Text()} belongs to an officer on a call", $"start the officer as {allowed}");
            }
            list.Add(new(r.Line, new Officer(badge, name, role, agency, post, status)));
        }
        return list;
    }

    private static List<At<TrainingRecord>> ParseTraining(List<Row> rows)
    {
        var seen = new Dictionary<(string, string, DateOnly), int>();
        var list = new List<At<TrainingRecord>>(rows.Count);
        foreach (var r in rows)
        {
            var badge = r.Code("badge");
            var topic = r.Text("topic");
            var completed = r.Date("completed_on");
            var expires = r.Date("expires_on");
            if (expires < completed)
                throw r.Fail($"expires_on {TimeText.ToDb(expires)} is before completed_on {TimeText.ToDb(completed)}", "fix one of the two dates");
            if (seen.TryGetValue((badge, topic, completed), out var first))
                throw r.Fail($"{badge}'s {topic} training completed on {TimeText.ToDb(completed)} is already on line {first}", "keep one row per badge, topic and completion date");
            seen[(badge, topic, completed)] = r.Line;
            var hours = r.Optional("hours").Length == 0 ? 0 : r.Hours("hours");
            list.Add(new(r.Line, new TrainingRecord(badge, topic, completed, expires, hours)));
        }
        return list;
    }

    // ---- across files ------------------------------------------------------------------------------------

    private static void CheckLocations(List<At<Location>> locations, List<At<Agency>> agencies)
    {
        var agencyCodes = agencies.Select(a => a.Value.Code).ToHashSet(StringComparer.Ordinal);
        var zones = Zones(locations);
        foreach (var (line, l) in locations)
        {
            if (!agencyCodes.Contains(l.Agency))
                throw Fail(DistrictFiles.Locations, line,
                    $"agency '{Shown(l.Agency)}' is not in {DistrictFiles.Agencies}", "add the agency or fix the location's agency");
            if (l.Kind == "high" && !string.Equals(l.Zone, l.Code, StringComparison.Ordinal))
                throw Fail(DistrictFiles.Locations, line,
                    $"high school {l.Code} is in zone '{Shown(l.Zone)}', but a feeder pattern is named by its high school", $"set its zone to {l.Code}");
            if (!zones.Contains(l.Zone))
                throw Fail(DistrictFiles.Locations, line,
                    $"zone '{Shown(l.Zone)}' is not the code of a high school in {DistrictFiles.Locations}", $"use its feeder pattern's high-school code ({ZoneList(zones)})");
        }
    }

    private static void CheckOfficers(List<At<Officer>> officers, List<At<Agency>> agencies, List<At<Location>> locations)
    {
        var agencyCodes = agencies.Select(a => a.Value.Code).ToHashSet(StringComparer.Ordinal);
        var locationCodes = locations.Select(l => l.Value.Code).ToHashSet(StringComparer.Ordinal);
        var zones = Zones(locations);
        foreach (var (line, o) in officers)
        {
            if (!agencyCodes.Contains(o.Agency))
                throw Fail(DistrictFiles.Officers, line,
                    $"agency '{Shown(o.Agency)}' is not in {DistrictFiles.Agencies}", "add the agency or fix the officer's agency");
            var isDistrict = string.Equals(o.Post, Codes.DistrictPost, StringComparison.Ordinal);
            // DESIGN §2: CSO and SRO are posted at a location; SLO, SSO and CSS at a zone or DISTRICT.
            if (Codes.IsPostedAtLocation(o.Role))
            {
                if (!locationCodes.Contains(o.Post))
                    throw Fail(DistrictFiles.Officers, line,
                        $"post '{Shown(o.Post)}' is not a location code, and a {o.Role.Text()} is posted at one location", $"give a code from {DistrictFiles.Locations}, e.g. {locations[0].Value.Code}");
            }
            else if (o.Role != Role.SGT)
            {
                if (!isDistrict && !zones.Contains(o.Post))
                    throw Fail(DistrictFiles.Officers, line,
                        $"post '{Shown(o.Post)}' is not a zone, and a {o.Role.Text()} is posted at a zone or district-wide", $"give a zone ({ZoneList(zones)}) or {Codes.DistrictPost}");
            }
            else if (!isDistrict && !locationCodes.Contains(o.Post))
            {
                throw Fail(DistrictFiles.Officers, line,
                    $"post '{Shown(o.Post)}' is not {Codes.DistrictPost}, a zone or a location", $"post the sergeant at {Codes.DistrictPost} or at a code from {DistrictFiles.Locations}");
            }
        }
    }

    private static void CheckTraining(List<At<TrainingRecord>> training, List<At<Officer>> officers)
    {
        var badges = officers.Select(o => o.Value.Badge).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, t) in training)
        {
            if (!badges.Contains(t.Badge))
                throw Fail(DistrictFiles.Training, line,
                    $"badge '{Shown(t.Badge)}' is not in {DistrictFiles.Officers}", "add the officer or fix the badge");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static HashSet<string> Zones(List<At<Location>> locations) =>
        locations.Where(l => l.Value.Kind == "high").Select(l => l.Value.Code).ToHashSet(StringComparer.Ordinal);

    private static string ZoneList(HashSet<string> zones) =>
        zones.Count == 0 ? "there is no high school yet" : string.Join(", ", zones.Order(StringComparer.Ordinal));

    private static string Unique(Row r, string column, Dictionary<string, int> seen)
    {
        var code = r.Code(column);
        if (seen.TryGetValue(code, out var first))
            throw r.Fail($"{column} {code} is already on line {first}", $"give each row its own {column}");
        seen[code] = r.Line;
        return code;
    }

    private static SafetyException Fail(string file, int line, string reason, string todo) =>
        SafetyException.Usage($"{file} line {line}: {reason}; {todo}.");

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A value from a file as quoted in a message: cleaned as feed text is, at most 40 characters.</summary>
    private static string Shown(string value) => PlainText.Excerpt(PlainText.Clean(value));
}
