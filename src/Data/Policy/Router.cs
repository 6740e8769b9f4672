using System.Globalization;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Data.Policy;

// The router lives with the policy it applies (R6, R7 and the §3 ranking over the DistrictSnapshot's routing index);
// the Routing namespace holds only geometry and the records a recommendation is made of, so neither uses the other in a circle.
/// <summary>
/// DESIGN §3 routing, a pure function of the call, the snapshot, the settings and the time. The same function
/// serves the board, the command line and the worker (R5, R6).
/// </summary>
public static class Router
{
    [ThreadStatic] private static RankEntry[]? _scratch;
    [ThreadStatic] private static Exclusion[]? _excludedScratch;

    /// <summary>As <see cref="Recommend(Call, CallClass, DistrictSnapshot, PolicySettings, DateTimeOffset, IReadOnlySet{string}?)"/> at the clock's time.</summary>
    public static Recommendation Recommend(Call call, CallClass cls, DistrictSnapshot snap, PolicySettings settings, TimeProvider clock,
        IReadOnlySet<string>? skipBadges = null) =>
        Recommend(call, cls, snap, settings, clock.GetUtcNow(), skipBadges);

    /// <summary>
    /// Candidates for a call at location L of class <paramref name="cls"/> (§3):
    /// LIAISON: SLO, SRO and SSO of L's agency or of the district whose post covers L (DISTRICT, L's zone, or L;
    /// an SRO is posted at one school and covers only it). CAMPUS: the CSOs posted at L, then CSS whose post covers L.
    /// Sergeants are never first responders; class NONE (R2) has no candidates.
    /// Eligible: AVAILABLE, on no other open call, not in <paramref name="skipBadges"/> (R6), training and agreement
    /// current (R7). Ranked: posted at L first; then by ETA (fresh ping, else post); unknown positions last;
    /// ties by fewer calls today, then badge (ordinal).
    /// Plausible candidates left out are listed with their reason: officers of the class posted district-wide or
    /// anywhere in L's zone. Officers of other classes and of other zones are not listed.
    /// </summary>
    public static Recommendation Recommend(Call call, CallClass cls, DistrictSnapshot snap, PolicySettings settings, DateTimeOffset now,
        IReadOnlySet<string>? skipBadges = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(settings);
        if (cls == CallClass.None) // R2: no safety staff for discipline; only reclassification.
            return new Recommendation(call.Id, cls, [], []) { CallStatus = call.Status };
        if (!snap.Locations.TryGetValue(call.Location, out var loc))
            throw new ArgumentException($"Call {call.Id} is at location '{call.Location}', which the district does not have; load the district's locations first.", nameof(call));

        var date = snap.LocalDate(now);
        var (lLat, lLon, lCos) = Geo.Prepare(loc.Point);
        var facts = snap.Facts;
        var districtWide = snap.DistrictWide(cls);
        var inZone = snap.PostedInZone(cls, loc.Zone);
        var total = districtWide.Length + inZone.Length;
        var scratch = _scratch;
        if (scratch is null || scratch.Length < total) _scratch = scratch = new RankEntry[Math.Max(total, 64)];
        var excludedScratch = _excludedScratch;
        if (excludedScratch is null || excludedScratch.Length < total) _excludedScratch = excludedScratch = new Exclusion[Math.Max(total, 64)];
        var n = 0;
        var nx = 0;
        var freshTicks = settings.PingFreshness.Ticks;
        var etaPerMeter = settings.RoadFactor / (settings.SpeedKmh / 3.6);

        for (var pass = 0; pass < 2; pass++)
        {
            var indices = pass == 0 ? districtWide : inZone;
            for (var k = 0; k < indices.Length; k++)
            {
                ref readonly var f = ref facts[indices[k]];
                var o = f.Officer;
                var reason = Exclude(in f, call, loc, date, skipBadges, ref snap.R7Memos[indices[k]]);
                if (reason is { } x)
                {
                    excludedScratch[nx++] = x;
                    continue;
                }

                ref var e = ref scratch[n++];
                e.Index = indices[k];
                e.Badge = o.Badge;
                e.CallsToday = f.CallsToday;
                e.PostedHere = Codes.IsPostedAtLocation(o.Role) && string.Equals(o.Post, loc.Code, StringComparison.Ordinal);
                e.FromPing = false;
                double dist;
                if (f.HasPing && Math.Abs((now - o.LastPingAt!.Value).Ticks) < freshTicks)
                {
                    dist = Geo.HaversineMeters(f.PingLat, f.PingLon, f.PingCosLat, lLat, lLon, lCos);
                    e.FromPing = true;
                }
                else if (f.HasPost)
                {
                    dist = Geo.HaversineMeters(f.PostLat, f.PostLon, f.PostCosLat, lLat, lLon, lCos);
                }
                else
                {
                    dist = double.NaN; // §3: DISTRICT posts have no coordinates.
                }
                e.Known = !double.IsNaN(dist);
                e.Distance = dist;
                e.Eta = dist * etaPerMeter;
            }
        }

        Array.Sort(scratch, 0, n, RankComparer.Instance);
        var candidates = new Candidate[n];
        for (var i = 0; i < n; i++)
        {
            ref readonly var e = ref scratch[i];
            candidates[i] = new Candidate(facts[e.Index].Officer, e.Known ? e.Distance : null, e.Known ? e.Eta : null, e.PostedHere)
            {
                FromPing = e.FromPing,
            };
            scratch[i].Badge = null!; // do not keep officers alive through the scratch buffer
        }
        var excluded = nx == 0 ? [] : new Exclusion[nx];
        Array.Copy(excludedScratch, excluded, nx);
        Array.Clear(excludedScratch, 0, nx); // do not keep them alive through the scratch buffer
        return new Recommendation(call.Id, cls, candidates, excluded) { CallStatus = call.Status };
    }

    /// <summary>The first reason (in order: post, jurisdiction, R6, open call, status, R7) a plausible candidate is left out, or null.</summary>
    private static Exclusion? Exclude(in OfficerFacts f, Call call, Location loc, DateOnly date, IReadOnlySet<string>? skip, ref R7Memo? memo)
    {
        var o = f.Officer;
        var badge = o.Badge;

        // R1/§3: whose post covers L. CSO and SRO are posted at one school and cover only it.
        if (Codes.IsPostedAtLocation(o.Role))
        {
            if (!string.Equals(o.Post, loc.Code, StringComparison.Ordinal)) return f.PostedElsewhere;
        }
        else if (!string.Equals(o.Post, Codes.DistrictPost, StringComparison.Ordinal)
            && !string.Equals(o.Post, loc.Zone, StringComparison.Ordinal)
            && !string.Equals(o.Post, loc.Code, StringComparison.Ordinal))
        {
            return new Exclusion(badge, ExclusionKind.NotCovered, $"R1: posted at {o.Post}, which does not cover {loc.Code} (zone {loc.Zone}).", false);
        }

        // R1/§3: a liaison officer must be of L's agency or of the district.
        if (f.Class == CallClass.Liaison && !f.IsDistrictAgency && !string.Equals(o.Agency, loc.Agency, StringComparison.Ordinal))
            return new Exclusion(badge, ExclusionKind.OutsideJurisdiction,
                $"R1: {o.Agency} has no jurisdiction over {loc.Code} ({loc.Agency}'s).", false);

        if (skip is not null && skip.Contains(badge)) return AckTimedOut(in f, call, date, ref memo);
        return Availability(in f, call, date, ref memo);
    }

    /// <summary>
    /// R6: the officer timed out on this call and is skipped. When that is the only reason, or the rest is R7's, a
    /// supervisor may still assign the officer with a written reason (a call whose only cover timed out is not stranded).
    /// </summary>
    private static Exclusion AckTimedOut(in OfficerFacts f, Call call, DateOnly date, ref R7Memo? memo)
    {
        const string r6 = "R6: did not acknowledge this call in time; skipped";
        var rest = Availability(in f, call, date, ref memo);
        return rest switch
        {
            null => new Exclusion(f.Officer.Badge, ExclusionKind.AckTimedOut, r6 + " (a supervisor may assign with a written reason).", true),
            { Overridable: true } => new Exclusion(f.Officer.Badge, ExclusionKind.AckTimedOut, $"{r6}; {rest.Reason}", true),
            _ => new Exclusion(f.Officer.Badge, ExclusionKind.AckTimedOut, r6 + ".", false),
        };
    }

    /// <summary>After post, jurisdiction and R6: on this or another open call, not AVAILABLE, agency unknown, R7.</summary>
    private static Exclusion? Availability(in OfficerFacts f, Call call, DateOnly date, ref R7Memo? memo)
    {
        var o = f.Officer;
        var badge = o.Badge;
        if (f.OpenCall is { } open && open == call.Id)
            return new Exclusion(badge, ExclusionKind.OnThisCall, $"§3: already on this call ({o.Status.Text()}).", false);
        if (f.StateExclusion is { } state) return state; // on another open call, or not AVAILABLE

        if (f.Agency is null)
            return new Exclusion(badge, ExclusionKind.UnknownAgency,
                $"R7: agency {o.Agency} is not in the district's data, so its agreement cannot be checked.", false);

        // R7: training and agreement; overridable by a supervisor with a written reason. Memoized per officer and district date.
        var m = Volatile.Read(ref memo);
        if (m is not null && m.Date == date) return m.Exclusion;
        var r7 = R7Exclusion(in f, date);
        Volatile.Write(ref memo, new R7Memo(date, r7));
        return r7;
    }

    private static Exclusion? R7Exclusion(in OfficerFacts f, DateOnly date)
    {
        var badge = f.Officer.Badge;
        var trainingLapsed = date > f.TrainingCurrentThrough;
        var agreementLapsed = !DistrictSnapshot.AgreementCurrent(f.Agency!, date);
        if (!trainingLapsed && !agreementLapsed) return null;
        var parts = new List<string>(2);
        if (trainingLapsed)
        {
            var lapsed = new List<string>();
            foreach (var t in f.LatestByTopic)
            {
                if (t.ExpiresOn >= date) break;
                lapsed.Add(DistrictSnapshot.NeverCompleted(t) ? $"{t.Topic} never completed (required for {f.Officer.Role.Text()})" : $"{t.Topic} expired {IsoDate.Text(t.ExpiresOn)}");
            }
            parts.Add("training lapsed: " + string.Join(", ", lapsed));
        }
        if (agreementLapsed)
            parts.Add($"{f.Agency!.Code}'s agreement with the district was due for review {IsoDate.Text(f.Agency.AgreementReviewDue!.Value)}");
        return new Exclusion(badge, trainingLapsed ? ExclusionKind.TrainingLapsed : ExclusionKind.AgreementLapsed,
            $"R7: {string.Join("; ", parts)} (a supervisor may assign with a written reason).", true);
    }

    /// <summary>R1/§3: a CSO or SRO posted at another school (does not depend on the call's location).</summary>
    internal static Exclusion PostedElsewhere(Officer o) => new(o.Badge, ExclusionKind.NotCovered,
        o.Role == Role.CSO ? $"R1: CSO posted at {o.Post} stays at that school (§3)." : $"R1: {o.Role} posted at {o.Post}, another school.", false);

    /// <summary>§3: on another open call, or not AVAILABLE; null when neither.</summary>
    internal static Exclusion? StateExclusion(Officer o, long? openCall) =>
        openCall is { } open
            ? new Exclusion(o.Badge, ExclusionKind.OnOtherCall, $"§3: on call {open.ToString(CultureInfo.InvariantCulture)} ({o.Status.Text()}).", false)
            : o.Status != OfficerStatus.Available
                ? new Exclusion(o.Badge, ExclusionKind.NotAvailable, NotAvailableText(o.Status), false)
                : null;

    private static readonly string[] NotAvailableTexts =
        Enum.GetValues<OfficerStatus>().Select(s => $"§3: {s.Text()}, not AVAILABLE.").ToArray();

    private static string NotAvailableText(OfficerStatus s) => NotAvailableTexts[(int)s];
    private struct RankEntry
    {
        public int Index;
        public string Badge;
        public bool PostedHere;
        public bool Known;
        public bool FromPing;
        public double Distance;
        public double Eta;
        public int CallsToday;
    }

    /// <summary>§3 order: posted at L; known position before unknown; ETA; fewer calls today; badge ordinal.</summary>
    private sealed class RankComparer : IComparer<RankEntry>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(RankEntry a, RankEntry b)
        {
            if (a.PostedHere != b.PostedHere) return a.PostedHere ? -1 : 1;
            if (a.Known != b.Known) return a.Known ? -1 : 1;
            if (a.Known)
            {
                var c = a.Eta.CompareTo(b.Eta);
                if (c != 0) return c;
            }
            if (a.CallsToday != b.CallsToday) return a.CallsToday.CompareTo(b.CallsToday);
            return string.CompareOrdinal(a.Badge, b.Badge);
        }
    }
}
