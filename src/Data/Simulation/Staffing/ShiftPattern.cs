using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Simulation.Staffing;

/// <summary>
/// The simulator's documented day pattern: on a school day (R1 calendar: not a weekend, holiday, break, closure or
/// outside the school year; early-release days included) an officer who starts AVAILABLE in officers.csv works the
/// day shift, 06:45–16:45 district time (ten hours, covering every school's window but the bus yard's dawn); one who
/// starts OFF_DUTY works the late shift, 09:00–19:00; one who starts
/// BUSY (on leave) never comes on. On other days nobody is on duty, so R4 refers what comes in. An officer on a call
/// at the end of a shift finishes it first.
/// </summary>
public static class ShiftPattern
{
    public static readonly (TimeOnly Start, TimeOnly End) DayShift = (new TimeOnly(6, 45), new TimeOnly(16, 45));

    public static readonly (TimeOnly Start, TimeOnly End) LateShift = (new TimeOnly(9, 0), new TimeOnly(19, 0));

    /// <summary>The shift of an officer with this initial status on a district date, or null when off all day.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? On(DistrictSnapshot snap, OfficerStatus initial, DateOnly date)
    {
        if (!SchoolCalendar.DayOf(snap, date).IsSchoolDay) return null;
        (TimeOnly Start, TimeOnly End)? shift = initial switch
        {
            OfficerStatus.Available => DayShift,
            OfficerStatus.OffDuty => LateShift,
            _ => null,
        };
        return shift is { } s ? (snap.ToInstant(date, s.Start), snap.ToInstant(date, s.End)) : null;
    }
}
