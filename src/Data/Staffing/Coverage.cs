using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Routing;

namespace SafetyConsole.Data.Staffing;

/// <summary>Who could answer one class of call at one location inside its school-day window, and what happens outside it.</summary>
/// <param name="Responders">Badges the router would rank for the call if every officer were AVAILABLE and free (R1, §3, R7), in rank order.</param>
/// <param name="KeptOut">Officers whose post and jurisdiction cover the location but whom R7 (or an unknown agency) keeps out, with the reason.</param>
/// <param name="Gap">Why nobody could ever be the first responder inside the window; null when someone could.</param>
/// <param name="OutsideWindow">What R4 does with the call outside the window, one sentence.</param>
public sealed record CoverageCell(
    CallClass Class, IReadOnlyList<string> Responders, IReadOnlyList<Exclusion> KeptOut, string? Gap, string OutsideWindow);

/// <summary>A location's coverage for both call classes.</summary>
public sealed record LocationCoverage(string Code, string Name, string Zone, string Agency, CoverageCell Liaison, CoverageCell Campus)
{
    public IEnumerable<CoverageCell> Cells => [Liaison, Campus];
}

/// <summary>The coverage audit (`safety-console coverage`) of a roster as of one instant.</summary>
public sealed record CoverageReport(string District, DateTimeOffset At, DateOnly Date, IReadOnlyList<LocationCoverage> Locations)
{
    /// <summary>Every (location, class) where nobody could ever be eligible inside the school-day window.</summary>
    public IReadOnlyList<(LocationCoverage Location, CoverageCell Cell)> Gaps =>
        Locations.SelectMany(l => l.Cells.Where(c => c.Gap is not null).Select(c => (l, c))).ToList();
}

/// <summary>
/// The coverage audit of issue 14: for every location and call class, who could be a first responder under R1, R4,
/// §3 jurisdiction and posts and R7 as of an instant, ignoring live status. It asks the real router (§3), on the
/// district's roster with every officer AVAILABLE and on no call, so it can never disagree with dispatch: a gap is
/// a location and class for which the router would find nobody even on the quietest day.
/// </summary>
public static class Coverage
{
    public static CoverageReport Compute(DistrictSnapshot snap, DateTimeOffset at, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(settings);
        // Live status ignored: everyone on duty, free, with no fresh position (ranked from their posts).
        var onDuty = new DistrictSnapshot(snap.District, snap.Calendar.Values, snap.Locations.Values, snap.Agencies.Values,
            snap.CallTypes.Values, snap.Officers.Select(o => o with { Status = OfficerStatus.Available, LastPosition = null, LastPingAt = null }),
            snap.Training.Values.SelectMany(t => t));
        var locations = snap.Locations.Values
            .OrderBy(l => l.Zone, StringComparer.Ordinal).ThenBy(l => l.Kind == "high" ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)
            .Select(l => new LocationCoverage(l.Code, l.Name, l.Zone, l.Agency,
                Cell(onDuty, l, CallClass.Liaison, at, settings), Cell(onDuty, l, CallClass.Campus, at, settings)))
            .ToList();
        return new CoverageReport(snap.District.Name, at, snap.LocalDate(at), locations);
    }

    private static CoverageCell Cell(DistrictSnapshot snap, Location loc, CallClass cls, DateTimeOffset at, PolicySettings settings)
    {
        var probe = new Call(0, "coverage", "coverage", at, loc.Code, "", 1, "", null, null, CallStatus.Pending, cls);
        var rec = Router.Recommend(probe, cls, snap, settings, at);
        var responders = rec.Candidates.Select(c => c.Officer.Badge).ToList();
        var keptOut = rec.Excluded.Where(x => x.Kind is ExclusionKind.TrainingLapsed or ExclusionKind.AgreementLapsed or ExclusionKind.UnknownAgency).ToList();
        var agency = snap.Agencies.TryGetValue(loc.Agency, out var a) ? a : null;
        string? gap = null;
        if (responders.Count == 0)
        {
            gap = keptOut.Count > 0
                ? $"R7: every officer who covers it is kept out ({string.Join("; ", keptOut.Select(k => $"{k.Badge}: {Trim(k.Reason)}"))})."
                : cls == CallClass.Liaison
                    ? $"R1: no liaison officer of {loc.Agency}, which has jurisdiction, or of the district is posted to cover {loc.Code} (zone {loc.Zone}, or district-wide)."
                    : $"R1: no CSO is posted at {loc.Code} and no CSS covers zone {loc.Zone} or the district.";
        }
        var referTo = agency is null ? loc.Agency : $"{agency.Code} ({agency.Name})";
        var outside = cls == CallClass.Liaison
            ? $"R4: referred to {referTo}."
            : responders.Count > 0
                ? $"R4: the campus officers above if on duty, else referred to {referTo}."
                : $"R4: referred to {referTo}.";
        return new CoverageCell(cls, responders, keptOut, gap, outside);
    }

    /// <summary>An exclusion's reason without its rule prefix and the supervisor's note, for a compact gap sentence.</summary>
    private static string Trim(string reason)
    {
        var r = reason.StartsWith("R7: ", StringComparison.Ordinal) ? reason[4..] : reason;
        var note = r.IndexOf(" (a supervisor may", StringComparison.Ordinal);
        return (note > 0 ? r[..note] : r).TrimEnd('.');
    }
}
