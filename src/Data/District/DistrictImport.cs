using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// `district import DIR` and `init --demo` (DESIGN §2): a supervisor (R10) loads or updates the district from
/// its six CSV files. All files are parsed and validated before anything is written; a bad row stops the
/// import with its file, line and reason (exit 2) and the database is left as it was.
/// </summary>
public static class DistrictImport
{
    public static ImportResult Run(SafetyDb db, DistrictSource source, string actor, DateTimeOffset at)
    {
        Operators.Require(db, actor, OperatorRole.Supervisor, "import district data", at);
        var data = DistrictParser.Parse(source);
        return DistrictWriter.Write(db, data, source.Description, actor, at);
    }
}
