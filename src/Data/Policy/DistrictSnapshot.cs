using System.Collections.Frozen;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Data.Policy;

/// <summary>
/// Everything the policy and the router read, as of one moment: the district's facts (§2) and the live state
/// of its officers. Immutable; the store builds one from plain records (tests build one in a few lines).
/// Built once, it precomputes what every decision would otherwise recompute: the time zone, post coordinates,
/// each officer's training currency (the earliest expiry among the latest record of each topic), the agreement
/// review date of each officer's agency, and, for routing, the officers of each class posted in each zone.
/// </summary>
public sealed class DistrictSnapshot
{
    private readonly FrozenDictionary<string, TrainingRecord[]> _latestByBadge;
    private Live? _liveState;
    private readonly Func<Live>? _readLive;

    /// <summary>The live state: built at construction, or on first use for <see cref="WithOfficersWhenNeeded"/>.</summary>
    private Live _live => _liveState ?? ReadLive();

    /// <summary>
    /// The officers and their live state, with what the router precomputes from them: rebuilt for every snapshot
    /// (<see cref="WithOfficers"/>), while the district's facts are shared. The indexes are only looked up: plain
    /// dictionaries, cheaper to build than frozen ones.
    /// </summary>
    private sealed record Live(
        Officer[] Officers,
        Dictionary<string, Officer> OfficersByBadge,
        Dictionary<string, long> OpenCallByBadge,
        Dictionary<string, int> CallsToday,
        OfficerFacts[] Facts,
        R7Memo?[] R7Memo,
        Dictionary<string, int> IndexByBadge,
        Dictionary<string, int[]> LiaisonByZone,
        Dictionary<string, int[]> CampusByZone,
        int[] LiaisonDistrictWide,
        int[] CampusDistrictWide);

    private OfficerFacts[] _facts => _live.Facts;
    private R7Memo?[] _r7Memo => _live.R7Memo;
    private Dictionary<string, int> _indexByBadge => _live.IndexByBadge;
    private Dictionary<string, int[]> _liaisonByZone => _live.LiaisonByZone;
    private Dictionary<string, int[]> _campusByZone => _live.CampusByZone;
    private int[] _liaisonDistrictWide => _live.LiaisonDistrictWide;
    private int[] _campusDistrictWide => _live.CampusDistrictWide;

    public DistrictSnapshot(
        District district,
        IEnumerable<CalendarDay> calendar,
        IEnumerable<Location> locations,
        IEnumerable<Agency> agencies,
        IEnumerable<CallType> callTypes,
        IEnumerable<Officer> officers,
        IEnumerable<TrainingRecord>? training = null,
        IReadOnlyDictionary<string, long>? openCallByBadge = null,
        IReadOnlyDictionary<string, int>? callsToday = null,
        IEnumerable<Agreement>? agreements = null,
        IEnumerable<TrainingTopic>? topics = null,
        PolicySettings? policy = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        District = district;
        Policy = policy ?? PolicySettings.Default;
        try
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(district.TimeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"The district's time zone '{district.TimeZoneId}' is not a known IANA zone; use one like America/Los_Angeles.",
                nameof(district), e);
        }

        Calendar = LastWins(calendar, d => d.Date, EqualityComparer<DateOnly>.Default);
        Locations = LastWins(locations, l => l.Code, StringComparer.Ordinal);
        Agencies = LastWins(WithLatestAgreements(agencies, agreements ?? []), a => a.Code, StringComparer.Ordinal);
        RequiredTopics = (topics ?? [])
            .SelectMany(t => t.RequiredFor.Select(r => (Role: r, t.Code)))
            .GroupBy(x => x.Role)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).Order(StringComparer.Ordinal).ToArray());
        CallTypes = LastWins(callTypes, t => t.Code, StringComparer.Ordinal);
        Training = (training ?? [])
            .GroupBy(t => t.Badge, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<TrainingRecord>)g.ToArray(), StringComparer.Ordinal);

        // Training is current when, for every topic, the officer's latest record has not expired (§2, R7).
        // Latest = the latest completion (then the latest expiry). Sorted by expiry so "lapsed on date d" is a prefix.
        _latestByBadge = Training.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value
                .GroupBy(t => t.Topic, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(t => t.CompletedOn).ThenByDescending(t => t.ExpiresOn).First())
                .OrderBy(t => t.ExpiresOn).ThenBy(t => t.Topic, StringComparer.Ordinal)
                .ToArray(),
            StringComparer.Ordinal);

        _liveState = IndexOfficers(officers, openCallByBadge, callsToday);
    }

    /// <summary>The district's facts of <paramref name="facts"/> (their indexes reused, not rebuilt) with this live state.</summary>
    private DistrictSnapshot(DistrictSnapshot facts, IEnumerable<Officer> officers, IReadOnlyDictionary<string, long>? openCallByBadge,
        IReadOnlyDictionary<string, int>? callsToday)
        : this(facts)
    {
        _liveState = IndexOfficers(officers, openCallByBadge, callsToday);
    }

    /// <summary>The district's facts of <paramref name="facts"/> with a live state read on first use.</summary>
    private DistrictSnapshot(DistrictSnapshot facts, Func<LiveState> read)
        : this(facts)
    {
        _readLive = () =>
        {
            var (officers, openCallByBadge, callsToday) = read();
            return IndexOfficers(officers, openCallByBadge, callsToday);
        };
    }

    /// <summary>The district's facts of <paramref name="facts"/> (their indexes reused, not rebuilt); the live state is set by the caller.</summary>
    private DistrictSnapshot(DistrictSnapshot facts)
    {
        District = facts.District;
        Policy = facts.Policy;
        TimeZone = facts.TimeZone;
        Calendar = facts.Calendar;
        Locations = facts.Locations;
        Agencies = facts.Agencies;
        RequiredTopics = facts.RequiredTopics;
        CallTypes = facts.CallTypes;
        Training = facts.Training;
        _latestByBadge = facts._latestByBadge;
    }

    /// <summary>What <see cref="WithOfficersWhenNeeded"/> reads: the officers, the open call each holds, and each one's calls today.</summary>
    public readonly record struct LiveState(
        IEnumerable<Officer> Officers, IReadOnlyDictionary<string, long>? OpenCallByBadge, IReadOnlyDictionary<string, int>? CallsToday);

    /// <summary>
    /// The same district facts (calendar, locations, agencies, call types, training, agreements, topics, policy) with
    /// other officers and live state: what <see cref="Store.SnapshotLoader"/> builds at every pass, without rebuilding
    /// the facts' indexes. The result is exactly the snapshot the full constructor would build from the same records.
    /// </summary>
    public DistrictSnapshot WithOfficers(IEnumerable<Officer> officers, IReadOnlyDictionary<string, long>? openCallByBadge = null,
        IReadOnlyDictionary<string, int>? callsToday = null) => new(this, officers, openCallByBadge, callsToday);

    /// <summary>
    /// As <see cref="WithOfficers"/>, with the live state read by <paramref name="read"/> the first time the snapshot is
    /// asked about an officer (once; later questions reuse it). Most intake decisions never are (R1–R5 read only the
    /// district's facts; only R4's after-hours CAMPUS check asks the router), so the worker's pass reads no officer at
    /// an arrival that needs none (issue 14, speed). The caller must write nothing that changes the live state between
    /// building the snapshot and its first question, or the snapshot would see that write.
    /// </summary>
    public DistrictSnapshot WithOfficersWhenNeeded(Func<LiveState> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new DistrictSnapshot(this, read);
    }

    private Live ReadLive()
    {
        lock (_readLive!)
        {
            return _liveState ??= _readLive();
        }
    }

    /// <summary>Per officer: the router's facts and the routing index (§3), from the officers and the district's facts.</summary>
    private Live IndexOfficers(IEnumerable<Officer> officers, IReadOnlyDictionary<string, long>? openCallByBadge, IReadOnlyDictionary<string, int>? callsToday)
    {
        var officerList = officers.ToArray();
        // Plain dictionaries: built for every snapshot and only looked up (freezing one costs more than its lookups save).
        var openCalls = new Dictionary<string, long>(openCallByBadge ?? new Dictionary<string, long>(), StringComparer.Ordinal);
        var callsTodayByBadge = new Dictionary<string, int>(callsToday ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        var byBadge = new Dictionary<string, Officer>(officerList.Length, StringComparer.Ordinal);
        var facts = new OfficerFacts[officerList.Length];
        var indexByBadge = new Dictionary<string, int>(officerList.Length, StringComparer.Ordinal);
        var liaisonByZone = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var campusByZone = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var liaisonDistrict = new List<int>();
        var campusDistrict = new List<int>();
        for (var i = 0; i < officerList.Length; i++)
        {
            var o = officerList[i];
            indexByBadge[o.Badge] = i;
            byBadge[o.Badge] = o; // the last wins, as for the district's facts
            var post = PostPoint(o.Post);
            Agencies.TryGetValue(o.Agency, out var agency);
            _latestByBadge.TryGetValue(o.Badge, out var latest);
            latest = WithRequiredTopics(o, latest ?? []);
            openCalls.TryGetValue(o.Badge, out var openCall);
            callsTodayByBadge.TryGetValue(o.Badge, out var today);
            facts[i] = new OfficerFacts(
                o,
                Codes.ClassOf(o.Role),
                post,
                o.LastPosition,
                latest is { Length: > 0 } ? latest[0].ExpiresOn : DateOnly.MaxValue,
                latest ?? [],
                agency,
                openCalls.ContainsKey(o.Badge) ? openCall : null,
                today);

            // Routing index (§3): an officer is a plausible candidate for calls in the zone of its post.
            var cls = Codes.ClassOf(o.Role);
            if (cls == CallClass.None) continue; // R1/§3: sergeants are never first responders.
            if (string.Equals(o.Post, Codes.DistrictPost, StringComparison.Ordinal))
            {
                (cls == CallClass.Liaison ? liaisonDistrict : campusDistrict).Add(i);
                continue;
            }
            var zone = Locations.TryGetValue(o.Post, out var postLocation) ? postLocation.Zone : o.Post;
            var byZone = cls == CallClass.Liaison ? liaisonByZone : campusByZone;
            if (!byZone.TryGetValue(zone, out var list)) byZone[zone] = list = [];
            list.Add(i);
        }
        return new Live(officerList, byBadge, openCalls, callsTodayByBadge,
            facts, new R7Memo?[officerList.Length], indexByBadge,
            liaisonByZone.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            campusByZone.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            liaisonDistrict.ToArray(), campusDistrict.ToArray());
    }

    public District District { get; }

    /// <summary>
    /// The district's policy numbers (R5, R6, §3) as stored (issue 13: the same for every process); the documented
    /// defaults when a test builds a snapshot without them.
    /// </summary>
    public PolicySettings Policy { get; }

    /// <summary>The district's IANA zone: every local date and time of the policy is in it, never the server's.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>calendar.csv by date: the days that are not ordinary school days.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarDay> Calendar { get; }
    public IReadOnlyDictionary<string, Location> Locations { get; }
    public IReadOnlyDictionary<string, Agency> Agencies { get; }
    public IReadOnlyDictionary<string, CallType> CallTypes { get; }
    public IReadOnlyList<Officer> Officers => _live.Officers;
    public IReadOnlyDictionary<string, Officer> OfficersByBadge => _live.OfficersByBadge;

    /// <summary>R7: the catalogue's topics each role must keep current (training_topics.csv required_for).</summary>
    public IReadOnlyDictionary<Role, IReadOnlyList<string>> RequiredTopics { get; }

    /// <summary>Training records by badge.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TrainingRecord>> Training { get; }

    /// <summary>Badge → id of the open call the officer is on.</summary>
    public IReadOnlyDictionary<string, long> OpenCallByBadge => _live.OpenCallByBadge;

    /// <summary>Badge → number of calls assigned today (district date); ranking tie-break (§3).</summary>
    public IReadOnlyDictionary<string, int> CallsToday => _live.CallsToday;

    /// <summary>The district-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>An instant in the district's zone (its offset is the zone's offset at that instant).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>
    /// The instant of a district-local wall-clock time. A time skipped by a spring-forward change is moved forward
    /// by the change (02:30 → 03:30); a time repeated by a fall-back change is its first occurrence.
    /// </summary>
    public DateTimeOffset ToInstant(DateTime localWallClock)
    {
        var local = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // Interpret with the offset in force before the gap: the same instant as the wall clock moved forward.
            var before = TimeZone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, before), TimeZone);
        }
        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The instant of a district-local date and time of day.</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time) => ToInstant(date.ToDateTime(time));

    /// <summary>
    /// §3: the coordinates of a post: a location's own; a zone's are its high school's (the zone code is that
    /// school's location code); DISTRICT and unknown posts have none.
    /// </summary>
    public GeoPoint? PostPoint(string post) =>
        !string.Equals(post, Codes.DistrictPost, StringComparison.Ordinal) && Locations.TryGetValue(post, out var l) ? l.Point : null;

    /// <summary>R7: is the officer's training current on a district date (each topic's latest record not expired)?
    /// A record is valid through its expiry date. An officer with no records has nothing lapsed.</summary>
    public bool TrainingCurrent(string badge, DateOnly date) =>
        !_indexByBadge.TryGetValue(badge, out var i) || date <= _facts[i].TrainingCurrentThrough;

    /// <summary>R7: the topics whose latest record has expired by a district date, earliest expiry first.</summary>
    public IReadOnlyList<TrainingRecord> LapsedTraining(string badge, DateOnly date)
    {
        if (!_indexByBadge.TryGetValue(badge, out var i)) return [];
        var latest = _facts[i].LatestByTopic;
        var n = 0;
        while (n < latest.Length && latest[n].ExpiresOn < date) n++;
        return latest[..n];
    }

    /// <summary>R7: is an agency's annual agreement current on a district date? Valid through its review date;
    /// the district itself (no review date) always is. Unknown agencies are not.</summary>
    public bool AgreementCurrent(string agencyCode, DateOnly date) =>
        Agencies.TryGetValue(agencyCode, out var a) && AgreementCurrent(a, date);

    internal static bool AgreementCurrent(Agency a, DateOnly date) => a.AgreementReviewDue is not { } due || date <= due;

    /// <summary>R7 (issue 16): an agency's review date is its latest adopted agreement's (agreements.csv, `agreement
    /// add`); an agency with none keeps the date agencies.csv gives.</summary>
    public static IEnumerable<Agency> WithLatestAgreements(IEnumerable<Agency> agencies, IEnumerable<Agreement> agreements)
    {
        var latest = agreements
            .GroupBy(a => a.Agency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(a => a.AdoptedOn)!, StringComparer.Ordinal);
        return agencies.Select(a => latest.TryGetValue(a.Code, out var g) ? a with { AgreementReviewDue = g.ReviewDue } : a);
    }

    /// <summary>A required topic the officer has no record of: a record "completed" and "expired" on
    /// <see cref="DateOnly.MinValue"/>, so that R7 finds it lapsed on every date.</summary>
    public static bool NeverCompleted(TrainingRecord t) => t.CompletedOn == DateOnly.MinValue;

    /// <summary>"first-aid expired 2026-08-20" or "rcw-de-escalation never completed (required for CSO)", for R7 reasons.</summary>
    public string DescribeLapse(TrainingRecord t) =>
        NeverCompleted(t)
            ? $"{t.Topic} never completed (required for {(OfficersByBadge.TryGetValue(t.Badge, out var o) ? o.Role.Text() : "the role")})"
            : $"{t.Topic} expired {IsoDate.Text(t.ExpiresOn)}";

    /// <summary>The latest record of each topic plus a never-completed placeholder for each required topic the officer
    /// lacks, earliest expiry first.</summary>
    private TrainingRecord[] WithRequiredTopics(Officer o, TrainingRecord[] latest)
    {
        if (!RequiredTopics.TryGetValue(o.Role, out var required)) return latest;
        var missing = required.Where(code => !latest.Any(t => string.Equals(t.Topic, code, StringComparison.Ordinal))).ToList();
        if (missing.Count == 0) return latest;
        return missing.Select(code => new TrainingRecord(o.Badge, code, DateOnly.MinValue, DateOnly.MinValue)).Concat(latest)
            .OrderBy(t => t.ExpiresOn).ThenBy(t => t.Topic, StringComparer.Ordinal).ToArray();
    }

    // ---- routing internals -------------------------------------------------------------------------------

    internal ReadOnlySpan<OfficerFacts> Facts => _facts;

    /// <summary>
    /// R7 exclusions depend only on the officer and the district date: the last one computed for each officer is kept
    /// (one immutable memo per slot, replaced whole, so concurrent readers see either the old or the new one).
    /// </summary>
    internal Span<R7Memo?> R7Memos => _r7Memo;

    internal ReadOnlySpan<int> DistrictWide(CallClass cls) =>
        cls == CallClass.Liaison ? _liaisonDistrictWide : cls == CallClass.Campus ? _campusDistrictWide : [];

    internal ReadOnlySpan<int> PostedInZone(CallClass cls, string zone)
    {
        var map = cls == CallClass.Liaison ? _liaisonByZone : cls == CallClass.Campus ? _campusByZone : null;
        return map is not null && map.TryGetValue(zone, out var list) ? list : [];
    }

    private static FrozenDictionary<TKey, TValue> LastWins<TKey, TValue>(
        IEnumerable<TValue> items, Func<TValue, TKey> key, IEqualityComparer<TKey> comparer) where TKey : notnull
    {
        var d = new Dictionary<TKey, TValue>(comparer);
        foreach (var item in items) d[key(item)] = item;
        return d.ToFrozenDictionary(comparer);
    }
}

/// <summary>The R7 exclusion (or null: none) of one officer on one district date.</summary>
internal sealed record R7Memo(DateOnly Date, Exclusion? Exclusion);

/// <summary>What the router needs of one officer, computed once per snapshot.</summary>
internal readonly struct OfficerFacts
{
    public OfficerFacts(Officer officer, CallClass cls, GeoPoint? post, GeoPoint? ping, DateOnly trainingCurrentThrough,
        TrainingRecord[] latestByTopic, Agency? agency, long? openCall, int callsToday)
    {
        Officer = officer;
        Class = cls;
        HasPost = post.HasValue;
        if (post is { } p) (PostLat, PostLon, PostCosLat) = Geo.Prepare(p);
        HasPing = ping.HasValue && officer.LastPingAt.HasValue;
        if (HasPing) (PingLat, PingLon, PingCosLat) = Geo.Prepare(ping!.Value);
        TrainingCurrentThrough = trainingCurrentThrough;
        LatestByTopic = latestByTopic;
        Agency = agency;
        OpenCall = openCall;
        CallsToday = callsToday;
        IsDistrictAgency = agency?.Kind == AgencyKind.District;
        // Reasons that do not depend on the call, made once (the router hands out these shared instances).
        PostedElsewhere = cls != CallClass.None && Codes.IsPostedAtLocation(officer.Role) ? Router.PostedElsewhere(officer) : null;
        StateExclusion = cls != CallClass.None ? Router.StateExclusion(officer, openCall) : null;
    }

    public readonly Officer Officer;
    public readonly CallClass Class;
    public readonly bool HasPost;
    public readonly double PostLat, PostLon, PostCosLat;
    public readonly bool HasPing;
    public readonly double PingLat, PingLon, PingCosLat;
    public readonly DateOnly TrainingCurrentThrough;
    public readonly TrainingRecord[] LatestByTopic;
    public readonly Agency? Agency;
    public readonly bool IsDistrictAgency;
    public readonly long? OpenCall;
    public readonly int CallsToday;
    public readonly Exclusion? PostedElsewhere;
    public readonly Exclusion? StateExclusion;
}
