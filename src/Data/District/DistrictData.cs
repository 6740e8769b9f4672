using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Districts;

/// <summary>The six files of a district folder (DESIGN §2), in the order they are read and written.</summary>
public static class DistrictFiles
{
    public const string District = "district.csv";
    public const string Calendar = "calendar.csv";
    public const string Agencies = "agencies.csv";
    public const string Locations = "locations.csv";
    public const string Officers = "officers.csv";
    public const string Training = "training.csv";

    public static IReadOnlyList<string> All { get; } = [District, Calendar, Agencies, Locations, Officers, Training];

    // Issue 16: optional files (a folder without them imports as before).
    public const string Agreements = "agreements.csv";
    public const string TrainingTopics = "training_topics.csv";
    public const string TrainingRequirements = "training_requirements.csv";
    public const string Outreach = "outreach.csv";
    public const string Complaints = "complaints.csv";

    // Issue 15: a district's own call codes (optional).
    public const string CallTypeAliases = CallCodes.AliasesFile;

    /// <summary>The optional files of the annual accountability record, in the order they are written.</summary>
    public static IReadOnlyList<string> Optional { get; } = [TrainingTopics, TrainingRequirements, Agreements, Outreach, Complaints];

    /// <summary>"district.csv, calendar.csv, … and training.csv", for messages.</summary>
    public static string List => string.Join(", ", All.Take(All.Count - 1)) + " and " + All[^1];
}

/// <summary>
/// A district folder, parsed and validated: plain domain records, ready to be written. Officers carry their
/// INITIAL status (officers.csv; OFF_DUTY when empty), which the writer uses only for new officers.
/// </summary>
public sealed record DistrictData(
    District District,
    IReadOnlyList<CalendarDay> Calendar,
    IReadOnlyList<Agency> Agencies,
    IReadOnlyList<Location> Locations,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<TrainingRecord> Training,
    AccountabilityData? Records = null)
{
    /// <summary>district.csv's policy columns that were filled in (issue 13); the others keep their stored values.</summary>
    public IReadOnlyDictionary<PolicyKey, double> Policy { get; init; } = new Dictionary<PolicyKey, double>();

    /// <summary>call_type_aliases.csv (issue 15), or null when the folder has none (the stored aliases stay as they are).</summary>
    public IReadOnlyList<CallTypeAlias>? Aliases { get; init; }
}

/// <summary>
/// The optional files of issue 16, parsed and validated. <see cref="Present"/> names the files the folder had: only
/// those are written (a folder without complaints.csv leaves the complaints recorded by command alone).
/// </summary>
public sealed record AccountabilityData(
    IReadOnlyList<TrainingTopic> Topics,
    IReadOnlyList<TrainingRequirement> Requirements,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<OutreachEntry> Outreach,
    IReadOnlyList<Complaint> Complaints,
    IReadOnlySet<string> Present)
{
    public static AccountabilityData None { get; } = new([], [], [], [], [], new HashSet<string>());
}

/// <summary>What an import did to the rows of one file.</summary>
public sealed record FileCounts(string File, int Inserted, int Updated, int Unchanged)
{
    public int Rows => Inserted + Updated + Unchanged;

    /// <summary>"locations.csv: 51 rows, 51 inserted, 0 updated, 0 unchanged".</summary>
    public override string ToString() =>
        $"{File}: {Rows} row{(Rows == 1 ? "" : "s")}, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged";
}

/// <summary>The outcome of one import: the district and the counts of each file, in <see cref="DistrictFiles.All"/> order.</summary>
public sealed record ImportResult(string Source, District District, IReadOnlyList<FileCounts> Files)
{
    public bool ChangedAnything => Files.Any(f => f.Inserted + f.Updated > 0);

    public FileCounts this[string file] => Files.Single(f => string.Equals(f.File, file, StringComparison.Ordinal));
}
