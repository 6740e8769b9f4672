using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Simulation;

/// <summary>
/// A believable school day of calls for the demo, generated from the district's own locations with a seeded
/// random, so every demo run of a seed is the same day: fights and threats in session, alarms before dawn and
/// after dark (R4 referrals), traffic at the bells, welfare checks, discipline requests that get diverted (R2),
/// requests for intervention with and without a basis (R3).
/// </summary>
public static class DayScript
{
    private sealed record Kind(string Type, string Reporter, string[] Texts, double Weight, string[] LocationKinds, string? Basis = null);

    private static readonly Kind[] InSession =
    [
        new("FIGHT", "teacher", ["Two students fighting in the cafeteria", "Fight in the east stairwell, crowd gathering", "Students fighting by the bus loop"], 4, ["high", "middle"]),
        new("THREATS", "administrator", ["Student reported a threat made online against classmates", "Threatening note found in a restroom"], 2, ["high", "middle"]),
        new("TRESPASS", "staff", ["Adult without a visitor badge walking the halls", "Former student refusing to leave campus"], 2, ["high", "middle", "elementary"]),
        new("SUSP", "staff", ["Unknown vehicle idling by the playground for 20 minutes", "Person photographing the playground through the fence"], 2, ["elementary", "middle"]),
        new("WELFARE", "teacher", ["Student has not returned from the restroom for 30 minutes", "Kindergartner missing from the pickup line"], 3, ["elementary", "middle"]),
        new("EDP", "administrator", ["Student in crisis in the counseling office, not responding to staff", "Student barricaded in a classroom, very agitated"], 2, ["high", "middle", "alternative"]),
        new("DISCIPLINE", "teacher", ["Student refusing to put away phone in class", "Dress-code dispute in the front office", "Repeated tardiness, parent meeting requested"], 3, ["high", "middle", "elementary"]),
        new("INTERVENE", "teacher", ["Student throwing chairs in room 214, class evacuated", "Student threatening staff, will not leave the hallway"], 2, ["high", "middle", "elementary"], "danger"),
        new("INTERVENE", "teacher", ["Student talking back and disrupting math class", "Student will not sit down during the assembly"], 1.5, ["high", "middle"]),
        new("DRUGS", "administrator", ["Vape pens and pills found in a locker", "Student possibly selling edibles at lunch"], 1.5, ["high", "middle"]),
        new("LARCENY", "staff", ["Laptop cart missing from the library", "Student reports phone stolen from the gym locker room"], 1, ["high", "middle"]),
        new("VANDAL", "staff", ["Graffiti on the portable walls", "Broken windows in the band room"], 1, ["high", "middle", "elementary"]),
        new("WEAPON", "911", ["Student reports a classmate showed a knife in the locker room", "Caller says a student has a gun in a backpack"], 0.6, ["high", "middle"]),
        new("SUICTHRT", "administrator", ["Student wrote a note about ending their life", "Friend reports a student talking about suicide"], 0.8, ["high", "middle"]),
        new("DISORD", "staff", ["Large group refusing to disperse at the front entrance", "Crowd shoving in the gym during the rally"], 1, ["high", "stadium"]),
        new("ASSESS", "administrator", ["Request a safety walk-through after the fence repair", "Assess the new visitor entrance"], 0.5, ["elementary", "middle", "high"]),
        new("TRUANT", "administrator", ["Truancy petition paperwork to serve", "Attendance officer requests a home-visit escort"], 0.4, ["high", "middle"]),
    ];

    private static readonly Kind[] AtTheBells =
    [
        new("TRAFFIC", "staff", ["Collision in the drop-off lane, no injuries", "Cars speeding through the school zone during dismissal", "Parent blocking the bus lane, buses backed up"], 1, ["elementary", "middle", "high"]),
    ];

    private static readonly Kind[] AfterHours =
    [
        new("ALRBA", "public", ["Intrusion alarm, gym doors", "Motion alarm in the main office", "Alarm at the maintenance shed"], 2, ["elementary", "middle", "high", "yard", "stadium"]),
        new("TRESPASS", "public", ["People on the roof after dark", "Skateboarders in the closed courtyard"], 1, ["high", "middle", "stadium"]),
        new("VANDAL", "public", ["Someone spray-painting the bus yard fence", "Windows being broken at the portables"], 1, ["yard", "elementary", "middle"]),
    ];

    /// <summary>The calls of one simulated day, in time order.</summary>
    public static IReadOnlyList<ScriptedCall> For(DistrictSnapshot snap, DateOnly day, int seed, int callsInSession = 130)
    {
        var rng = new Random(seed);
        var byKind = snap.Locations.Values.GroupBy(l => l.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var calls = new List<ScriptedCall>();
        var n = 0;

        void Add(TimeOnly local, Kind[] kinds)
        {
            var kind = Pick(rng, kinds);
            var places = kind.LocationKinds.Where(byKind.ContainsKey).SelectMany(k => byKind[k]).ToArray();
            if (places.Length == 0) return;
            var loc = places[rng.Next(places.Length)];
            var at = snap.ToInstant(day, local).AddSeconds(rng.Next(60));
            calls.Add(new ScriptedCall(at, $"SIM-{day:yyyyMMdd}-{++n:D4}", loc.Code, kind.Type, kind.Texts[rng.Next(kind.Texts.Length)], kind.Reporter, kind.Basis));
        }

        // Before dawn and in the evening: outside every school-day window (R4).
        for (var i = 0; i < 4; i++) Add(new TimeOnly(5, 0).AddMinutes(rng.Next(0, 100)), AfterHours);
        for (var i = 0; i < 6; i++) Add(new TimeOnly(17, 30).AddMinutes(rng.Next(0, 240)), AfterHours);
        // The bells: arrival and dismissal traffic.
        for (var i = 0; i < 5; i++) Add(new TimeOnly(7, 10).AddMinutes(rng.Next(0, 90)), AtTheBells);
        for (var i = 0; i < 5; i++) Add(new TimeOnly(14, 0).AddMinutes(rng.Next(0, 100)), AtTheBells);
        // In session, a busy morning and a steadier afternoon.
        for (var i = 0; i < callsInSession; i++)
        {
            var minute = rng.NextDouble() < 0.6 ? rng.Next(0, 240) : rng.Next(240, 480);
            Add(new TimeOnly(7, 30).AddMinutes(minute), InSession);
        }
        calls.AddRange(DeskWork(snap, day, byKind));
        return calls.OrderBy(c => c.At).ThenBy(c => c.ExternalId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Issue 15's desk work, at fixed times and places (no draw from the random, so the rest of the day stays the
    /// same): a fight reported twice (the second report, a disorder two minutes later at the same school, is flagged
    /// as a possible duplicate and linked by the simulated dispatcher), a weapon call that gets an assisting officer,
    /// and a silent panic alarm sent with the alarm company's code ALRPANS (a built-in alias of ALRHOLD).
    /// </summary>
    private static IEnumerable<ScriptedCall> DeskWork(DistrictSnapshot snap, DateOnly day, Dictionary<string, Location[]> byKind)
    {
        ScriptedCall At(int hour, int minute, string id, string kind, string type, string text, string reporter) =>
            new(snap.ToInstant(day, new TimeOnly(hour, minute)), $"SIM-{day:yyyyMMdd}-{id}", byKind[kind][0].Code, type, text, reporter);
        if (byKind.ContainsKey("high"))
        {
            yield return At(9, 40, "DUP1", "high", "FIGHT", "Two students fighting at the main entrance", "teacher");
            yield return At(9, 42, "DUP2", "high", "DISORD", "Crowd at the main entrance, students pushing, a fight in the middle", "staff");
        }
        if (byKind.ContainsKey("middle"))
            yield return At(10, 15, "WPN1", "middle", "WEAPON", "Student says a classmate has a knife in his backpack", "911");
        if (byKind.ContainsKey("elementary"))
            yield return At(11, 5, "PANIC", "elementary", "ALRPANS", "Silent panic alarm pressed in the front office", "staff");
    }

    /// <summary>The demo's day: today in the district if it is a school day, else the next school day.</summary>
    public static DateOnly NextSchoolDay(DistrictSnapshot snap, DateTimeOffset now)
    {
        var day = snap.LocalDate(now);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (SchoolCalendar.DayOf(snap, day).IsSchoolDay) return day;
        }
        // A calendar with no school day in a year ahead (e.g. a finished school year): its first day instead.
        return snap.District.SchoolYearStart;
    }

    private static Kind Pick(Random rng, Kind[] kinds)
    {
        var total = kinds.Sum(k => k.Weight);
        var x = rng.NextDouble() * total;
        foreach (var k in kinds)
        {
            if ((x -= k.Weight) <= 0) return k;
        }
        return kinds[^1];
    }
}
