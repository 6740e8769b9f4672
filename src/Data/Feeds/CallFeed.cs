using System.Globalization;
using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Feeds;

/// <summary>
/// `feed load`: calls from CSV or JSON Lines (DESIGN §4). Each good record is inserted as a NEW call of class NONE
/// (the worker classifies it), idempotently by (source, external id); each bad record is rejected with its line,
/// field and reason. The source of a record is --source when given, else the record's own <c>source</c> field,
/// else the input's default (the file name without its extension; <c>stdin</c> for standard input).
/// </summary>
public static partial class CallFeed
{
    public const int MaxExternalIdLength = 64;
    public const int MaxSourceLength = 64;
    public const int MaxDescriptionLength = 2000;

    public static readonly FeedFields Fields = new("calls",
        ["external_id", "source", "received_at", "location", "type", "priority", "description", "reporter_role", "basis"],
        ["external_id", "received_at", "location", "type"],
        numeric: ["priority"]);

    /// <summary>Loads calls from <paramref name="input"/>. Throws <see cref="SafetyException"/> (exit 2) when the input cannot be read.</summary>
    public static FeedSummary Load(SafetyDb db, FeedInput input, FeedOptions options) =>
        FeedPipeline.Run(db, input, options, new Kind(db, options.Source, input.DefaultSource, options.Time, options.Actor));

    internal sealed record Row(
        string Source, string ExternalId, string ReceivedAt, string Location, string Type, int Priority,
        string Description, string? ReporterRole, string? Basis, string Trace, string? DutyDue = null);

    /// <summary>A call type as a feed may name it; <see cref="Trace"/> is the sentence of an alias (issue 15), else empty.</summary>
    private sealed record TypeInfo(string Code, string Name, int DefaultPriority, bool Refused, string Trace = "", bool Duty = false);

    private sealed class Kind : FeedKind<Row>
    {
        private const int ExternalId = 0, Source = 1, ReceivedAt = 2, Location = 3, Type = 4, Priority = 5,
            Description = 6, ReporterRole = 7, Basis = 8;

        private readonly Dictionary<string, string> _locations;
        private readonly Dictionary<string, TypeInfo> _types;
        private readonly List<string> _typeCodes;
        private readonly IReadOnlyList<CallTypeAlias> _aliases;
        private readonly string? _sourceOverride;
        private readonly string _defaultSource;
        private readonly string? _sourceProblem;
        private readonly TimeZoneInfo _zone;
        private readonly string _actor;
        private bool _warnedDuty;

        public Kind(SafetyDb db, string? sourceOverride, string defaultSource, TimeProvider time, string actor)
        {
            _zone = db.DistrictZone();
            _actor = actor;
            Times = FeedTimes.For(db, time);
            // Reference data is cached for the load: one lookup per record, no query. Read with a plain reader, not
            // Dapper, whose first use of a row shape costs a process start tens of milliseconds (Benchmarks, `feed`).
            _locations = SqlRead.Rows(db.Connection, "SELECT code FROM locations", r => r.GetString(0))
                .ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);
            _types = SqlRead.Rows(db.Connection, "SELECT code, name, default_priority, refused, duty FROM call_types",
                    r => new TypeInfo(r.GetString(0), r.GetString(1), (int)r.GetInt64(2), r.GetInt64(3) != 0, Duty: r.GetInt64(4) != 0))
                .ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
            _typeCodes = _types.Keys.Order(StringComparer.Ordinal).ToList();
            // Issue 15: the district's own codes and the built-in ones (ALRPANS, ALRPANA) read as the type they name.
            _aliases = CallTypeAliases.All(db);
            foreach (var a in _aliases)
            {
                if (_types.TryGetValue(a.Type, out var t) && !_types.ContainsKey(a.Alias))
                    _types[a.Alias] = t with { Trace = Policy.CallCodes.AliasTrace(a.Alias, t.Code, a.BuiltIn) };
            }
            if (sourceOverride is not null)
            {
                _sourceOverride = PlainText.Clean(sourceOverride);
                _sourceProblem = SourceProblem(_sourceOverride);
                if (_sourceProblem is not null) throw SafetyException.Usage($"--source {_sourceProblem}; give a short name such as 911, tipline or staff.");
            }
            _defaultSource = PlainText.Excerpt(PlainText.Clean(defaultSource), MaxSourceLength - 1);
            if (_defaultSource.Length == 0) _defaultSource = "file";
        }

        public override FeedFields Fields => CallFeed.Fields;

        public override string LoadedEvent => "feed.loaded";

        public override Row? Validate(RawRecord raw, ref List<FeedError>? errors, ref string? refusal)
        {
            var v = raw.Values;
            var line = raw.Line;

            var externalId = PlainText.Clean(v[ExternalId]);
            if (externalId.Length == 0) Fail(ref errors, line, "external_id", "required: the call's id in the source system");
            else if (externalId.Length > MaxExternalIdLength)
                Fail(ref errors, line, "external_id", $"must be at most {MaxExternalIdLength} characters; it has {externalId.Length}");

            var source = _sourceOverride;
            if (source is null)
            {
                var own = PlainText.Clean(v[Source]);
                source = own.Length > 0 ? own : _defaultSource;
                if (SourceProblem(source) is { } problem) Fail(ref errors, line, "source", problem);
            }

            var receivedAt = Instant(v[ReceivedAt], "received_at", "when the call was received", line, ref errors);
            var location = Lookup(v[Location], _locations, "location", "a district location code such as LHS",
                "is not a district location code; check the code, or import the district's locations first", line, ref errors);
            var type = TypeOf(v[Type], line, ref errors);
            if (type is { Refused: true })
            {
                // R8: the APCO type ALIEN (immigration violation) is refused; the refusal is recorded, the call is not.
                Fail(ref errors, line, "type", $"R8: call type {type.Code} is refused at ingest; the district never acts on immigration or citizenship status, so the call was not loaded");
                refusal = $"R8: call type {type.Code} refused at ingest; the call was not loaded";
                type = null;
            }

            var priority = 0;
            var priorityText = PlainText.Clean(v[Priority]);
            if (priorityText.Length > 0)
            {
                if (!int.TryParse(priorityText, NumberStyles.None, CultureInfo.InvariantCulture, out priority) || priority is < 1 or > 4)
                    Fail(ref errors, line, "priority", $"'{PlainText.Excerpt(priorityText)}' is not a priority; give 1, 2, 3 or 4, or leave it empty for the call type's default");
            }
            else if (type is not null)
            {
                priority = CallType.EffectivePriority(null, type.DefaultPriority);
            }

            var description = PlainText.Clean(v[Description]);
            if (description.Length > MaxDescriptionLength)
                Fail(ref errors, line, "description", $"must be at most {MaxDescriptionLength:N0} characters after control characters are removed; it has {description.Length:N0}");

            string? reporterRole = null;
            var roleText = PlainText.Clean(v[ReporterRole]);
            if (roleText.Length > 0)
            {
                reporterRole = KnownReporterRole(roleText);
                if (reporterRole is null)
                    Fail(ref errors, line, "reporter_role", $"'{PlainText.Excerpt(roleText)}' is not a reporter role; use one of {string.Join(", ", Codes.ReporterRoles)}, or leave it empty");
            }

            string? basis = null;
            var basisText = PlainText.Clean(v[Basis]);
            if (basisText.Length > 0)
            {
                if (Codes.TryParseBasis(basisText, out var b)) basis = b.Text();
                else Fail(ref errors, line, "basis", $"'{PlainText.Excerpt(basisText)}' is not a basis; use one of {Codes.AllBases} (R3), or leave it empty");
            }

            if (errors is not null) return null;
            string? dutyDue = null;
            if (type!.Duty)
            {
                // Issue 15: a scheduled duty is not a call: it is kept as a duty due on the district-local day of its
                // receipt, with no R5 deadline; the worker never sees it.
                dutyDue = TimeText.ToDb(TimeText.LocalDate(TimeText.FromDb(receivedAt!), _zone));
                if (!_warnedDuty)
                {
                    _warnedDuty = true;
                    Warn($"line {line} (the first such record): {type.Code} ({type.Name}) is a scheduled duty, not a call for service; loaded as a duty due {dutyDue} (no R5 deadline; `safety-console duty list` shows it).");
                }
            }
            return new Row(source, externalId, receivedAt!, location!, type.Code, priority, description, reporterRole, basis, type.Trace, dutyDue);
        }

        /// <summary>
        /// The call type a record names, by its code or an alias (issue 15); an unknown code is rejected with the
        /// closest codes and where a district maps its own.
        /// </summary>
        private TypeInfo? TypeOf(string? raw, int line, ref List<FeedError>? errors)
        {
            var text = PlainText.Clean(raw);
            if (text.Length == 0) Fail(ref errors, line, "type", "required: a call type code such as FIGHT or SUSP");
            else if (_types.TryGetValue(text, out var type)) return type;
            else Fail(ref errors, line, "type", $"'{PlainText.Excerpt(text)}' is not a call type code of the district; {Policy.CallCodes.UnknownCodeHint(text, _typeCodes, _aliases)}");
            return null;
        }

        public override IRowWriter<Row> Prepare(DbConnection connection) =>
            connection is Microsoft.Data.Sqlite.SqliteConnection ? new Writer(connection, _actor) : new PgCopyWriter(connection, _actor); // issue 17: binary COPY

        /// <summary>The role as the district spells it, or null (a plain loop: this runs once per record of a bulk load).</summary>
        private static string? KnownReporterRole(string text)
        {
            for (var i = 0; i < Codes.ReporterRoles.Count; i++)
            {
                if (string.Equals(Codes.ReporterRoles[i], text, StringComparison.OrdinalIgnoreCase)) return Codes.ReporterRoles[i];
            }
            return null;
        }

        private static string? SourceProblem(string source) =>
            source.Length == 0 ? "must not be empty"
            : source.Length > MaxSourceLength ? $"must be at most {MaxSourceLength} characters; it has {source.Length}"
            : null;
    }

    /// <summary>
    /// Inserts calls <see cref="RowsPerStatement"/> to a statement (one multi-row INSERT per group, the remainder
    /// <see cref="RowsPerSmallStatement"/> to a statement, then one by one): SQLite then checks the foreign keys and
    /// maintains the indexes once per statement run instead of once per row, which measured about 1.3× faster than
    /// single-row inserts. (A chunk of 1,000 records used to leave 40 to single-row inserts, 4% of the rows at several
    /// times the cost each; issue 18.) ON CONFLICT DO NOTHING skips a call already stored (or earlier in the same
    /// statement), so changed rows are the loaded ones and the rest are duplicates.
    /// </summary>
    private sealed class Writer(DbConnection connection, string actor) : IRowWriter<Row>
    {
        private const int RowsPerStatement = 64;
        private const int RowsPerSmallStatement = 8;
        private const int ParametersPerRow = 10; // ?1, the load time, is shared by every row of a statement

        private readonly NativeStatement _many = new(connection, InsertSql(RowsPerStatement));
        private readonly NativeStatement _few = new(connection, InsertSql(RowsPerSmallStatement));
        private readonly NativeStatement _one = new(connection, InsertSql(1));
        private NativeStatement? _duty;

        public int Insert(IReadOnlyList<Row> rows, string loadedAt)
        {
            var loaded = 0;
            // Duties (issue 15) are rare in a feed: only a batch that has one pays for splitting it.
            if (rows.Any(r => r.DutyDue is not null))
            {
                foreach (var d in rows.Where(r => r.DutyDue is not null)) loaded += InsertDuty(d, loadedAt);
                rows = rows.Where(r => r.DutyDue is null).ToList();
            }
            var i = 0;
            while (rows.Count - i >= RowsPerStatement) loaded += Run(_many, RowsPerStatement, rows, ref i, loadedAt);
            while (rows.Count - i >= RowsPerSmallStatement) loaded += Run(_few, RowsPerSmallStatement, rows, ref i, loadedAt);
            while (i < rows.Count) loaded += Run(_one, 1, rows, ref i, loadedAt);
            return loaded;
        }

        /// <summary>Inserts the <paramref name="count"/> rows from <paramref name="i"/> with <paramref name="s"/>, and moves past them.</summary>
        private static int Run(NativeStatement s, int count, IReadOnlyList<Row> rows, ref int i, string loadedAt)
        {
            s.Bind(1, loadedAt);
            for (var k = 0; k < count; k++) Bind(s, k, rows[i + k]);
            i += count;
            return s.Execute();
        }

        private static void Bind(NativeStatement s, int slot, Row row)
        {
            var p = 1 + slot * ParametersPerRow;
            s.Bind(p + 1, row.Source);
            s.Bind(p + 2, row.ExternalId);
            s.Bind(p + 3, row.ReceivedAt);
            s.Bind(p + 4, row.Location);
            s.Bind(p + 5, row.Type);
            s.Bind(p + 6, row.Priority);
            s.Bind(p + 7, row.Description);
            s.Bind(p + 8, row.ReporterRole);
            s.Bind(p + 9, row.Basis);
            s.Bind(p + 10, row.Trace);
        }

        private static string InsertSql(int rows)
        {
            var values = Enumerable.Range(0, rows).Select(r =>
            {
                var p = 1 + r * ParametersPerRow;
                return $"(?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4}, ?{p + 5}, ?{p + 6}, ?{p + 7}, ?{p + 8}, ?{p + 9}, 'NEW', '{Codes.Unclassified}', ?{p + 10}, ?1, ?1)"; // not classified until intake (issue 13)
            });
            return $"""
                INSERT INTO calls(source, external_id, received_at, location, type, priority, description, reporter_role, basis,
                                  status, class, trace, created_at, updated_at)
                VALUES {string.Join(",\n       ", values)}
                ON CONFLICT(source, external_id) DO NOTHING
                """;
        }

        /// <summary>
        /// A feed's duty, idempotent by (source, external id) like a call; its description becomes the duty's note. A
        /// duplicate is left out before the insert: on PostgreSQL one reaching ON CONFLICT would still take an id.
        /// </summary>
        private int InsertDuty(Row row, string loadedAt)
        {
            _duty ??= new NativeStatement(connection, """
                INSERT INTO duties(type, location, due_on, note, source, external_id, added_by, added_at)
                SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
                WHERE NOT EXISTS (SELECT 1 FROM duties WHERE source = ?5 AND external_id = ?6)
                ON CONFLICT(source, external_id) DO NOTHING
                """);
            _duty.Bind(1, row.Type);
            _duty.Bind(2, row.Location);
            _duty.Bind(3, row.DutyDue);
            _duty.Bind(4, row.Description);
            _duty.Bind(5, row.Source);
            _duty.Bind(6, row.ExternalId);
            _duty.Bind(7, actor);
            _duty.Bind(8, loadedAt);
            return _duty.Execute();
        }

        public void Dispose()
        {
            _many.Dispose();
            _few.Dispose();
            _one.Dispose();
            _duty?.Dispose();
        }
    }
}
