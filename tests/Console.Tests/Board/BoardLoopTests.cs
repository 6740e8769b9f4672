using System.Collections.Concurrent;
using System.Text;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Routing;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;
using SafetyConsole.Data.Tests;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>A terminal in memory: keys go in as bytes, frames come out and are replayed on a character grid.</summary>
public sealed class FakeTerminal(int width, int height) : ITerminal
{
    private readonly BlockingCollection<byte[]> _input = new();
    private readonly SemaphoreSlim _wrote = new(0);
    private readonly object _lock = new();

    public int Width { get; set; } = width;
    public int Height { get; set; } = height;
    public VirtualScreen Screen { get; } = new(width, height);
    public long BytesWritten { get; private set; }
    public int Writes { get; private set; }
    public bool Entered { get; private set; }
    public bool Left { get; private set; }

    public (int Width, int Height) Size() => (Width, Height);

    public int Read(byte[] buffer)
    {
        try
        {
            var bytes = _input.Take();
            bytes.CopyTo(buffer, 0);
            return bytes.Length;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    public void Write(string text)
    {
        lock (_lock)
        {
            BytesWritten += Encoding.UTF8.GetByteCount(text);
            Writes++;
            Screen.Apply(text);
        }
        _wrote.Release();
    }

    public void Enter() => Entered = true;
    public void Resume() { }
    public int Suspended { get; private set; }
    public void Suspend() => Suspended++;
    public void Leave() => Left = true;

    public void Type(string keys) => _input.Add(Encoding.UTF8.GetBytes(keys));

    public void CloseInput() => _input.CompleteAdding();

    public string Text()
    {
        lock (_lock) return Screen.Text();
    }

    /// <summary>Waits (without sleeping) until a frame shows <paramref name="text"/>.</summary>
    public void WaitFor(string text, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!Text().Contains(text, StringComparison.Ordinal))
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) Assert.Fail($"The board never showed '{text}'. Screen:\n{Text()}");
            _wrote.Wait(left);
        }
    }
}

/// <summary>Just enough of a VT terminal to replay the board's output: cursor moves, clear, SGR ignored.</summary>
public sealed class VirtualScreen(int width, int height)
{
    private char[,] _cells = Blank(width, height);
    private int _x, _y;

    private static char[,] Blank(int w, int h)
    {
        var c = new char[h, w];
        for (var y = 0; y < h; y++) for (var x = 0; x < w; x++) c[y, x] = ' ';
        return c;
    }

    public void Resize(int w, int h) => _cells = Blank(w, h);

    public void Apply(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\e' && i + 1 < s.Length && s[i + 1] == '[')
            {
                var j = i + 2;
                while (j < s.Length && (s[j] < 0x40 || s[j] > 0x7E)) j++;
                var param = s[(i + 2)..j];
                switch (s[j])
                {
                    case 'H':
                        var parts = param.Split(';');
                        _y = int.Parse(parts[0]) - 1;
                        _x = int.Parse(parts[1]) - 1;
                        break;
                    case 'J' when param == "2":
                        _cells = Blank(_cells.GetLength(1), _cells.GetLength(0));
                        break;
                }
                i = j + 1;
                continue;
            }
            if (_y < _cells.GetLength(0) && _x < _cells.GetLength(1)) _cells[_y, _x] = s[i];
            _x++;
            i++;
        }
    }

    public string Text()
    {
        var sb = new StringBuilder();
        for (var y = 0; y < _cells.GetLength(0); y++)
        {
            var row = new char[_cells.GetLength(1)];
            for (var x = 0; x < row.Length; x++) row[x] = _cells[y, x];
            sb.Append(new string(row).TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}

public sealed class FakeStore(BoardData data) : IBoardStore
{
    private long _version = 1;
    public BoardData Data { get; private set; } = data;

    public void Change(BoardData next)
    {
        Data = next;
        Interlocked.Increment(ref _version);
    }

    /// <summary>What every poll throws while set (a lost server: issue 17).</summary>
    public Exception? Failing { get; set; }

    public long DataVersion() => Failing is { } e ? throw e : Interlocked.Read(ref _version);
    public BoardData Load(DateTimeOffset now, BoardData? previous) => previous is null ? Data : Data with { Changed = BoardData.ChangedIds(previous, Data) };
    public QueueSummary Summary(DateTimeOffset now) => Data.Summary!;
    public IReadOnlyList<EventRow> Events(long callId) => [new(Now, "worker", "call.intake", callId, null, "NEW", "PENDING", "R1: school day")];
    public IReadOnlyList<CallNote> Notes(long callId) => [];
    public Call? Call(long callId) => Data.CallById.GetValueOrDefault(callId);
}

/// <summary>
/// The board's actions in memory: every action is written down in <see cref="Done"/> and succeeds with a sentence,
/// except the few these tests script (an assignment, a refused acknowledgement, a reclassification, a new call).
/// </summary>
public sealed class FakeActions : IBoardActions
{
    public ConcurrentQueue<string> Done { get; } = new();

    public ActionOutcome Run(BoardAction action, string actor, DateTimeOffset at)
    {
        switch (action)
        {
            case AssignAction a:
                Done.Enqueue($"assign {a.CallId} {a.Badge} by {actor}");
                return new($"Call {a.CallId} assigned to {a.Badge}.");
            case MoveAction { To: CallStatus.Acknowledged } m:
                throw SafetyException.Refused($"Call {m.CallId} is PENDING, so it cannot be acknowledged; assign it first.");
            case ReclassifyAction r:
                Done.Enqueue($"reclassify {r.CallId} {r.Type} P{r.Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} by {actor}: {r.Reason}");
                return new($"Call {r.CallId} reclassified as {r.Type}.");
            case CreateAction n:
                Done.Enqueue(n.Describe());
                return new($"Call 99 taken: {n.Type} at {n.Location}.", 99);
            default:
                Done.Enqueue(action.Describe());
                return new($"Done: {action.Describe()}.");
        }
    }

    public Recommendation Recommend(long callId, DateTimeOffset at) => BoardFixture.Recommendation() with { CallId = callId };
    public void RecordDetailRead(string actor, long callId, DateTimeOffset at) => Done.Enqueue($"read {callId} by {actor}");
    public void RecordRefusal(string actor, long? callId, string reason, DateTimeOffset at) => Done.Enqueue($"refused {callId} {actor}: {reason}");
}

/// <summary>The real loop with a terminal, store and actions in memory.</summary>
public class BoardLoopTests
{
    private static (BoardLoop Loop, FakeTerminal Term, FakeStore Store, FakeActions Actions, Task<int> Run) Start(int w = 80, int h = 24)
    {
        var term = new FakeTerminal(w, h);
        var store = new FakeStore(DataOf());
        var actions = new FakeActions();
        var loop = new BoardLoop(term, BoardTheme.Default, TimeProvider.System, store, actions, "dana");
        var run = Task.Run(() => loop.RunAsync());
        return (loop, term, store, actions, run);
    }

    private static int Finish(Task<int> run)
    {
        Assert.True(run.Wait(TimeSpan.FromSeconds(15)), "the loop did not end");
        return run.Result;
    }

    [Fact]
    public void Keys_move_route_and_quit_through_the_real_loop()
    {
        var (_, term, _, actions, run) = Start();
        term.WaitFor("Calls 4 open");
        Assert.True(term.Entered);
        term.Type("\e[B"); // down: call 42
        term.WaitFor("›   42");
        term.Type("r");
        term.WaitFor("Route call 42");
        term.WaitFor("1. CSO-01");
        term.Type("1");
        term.WaitFor("Call 42 assigned to CSO-01.");
        Assert.Equal(["assign 42 CSO-01 by dana"], actions.Done.ToArray());
        term.Type("a");
        term.WaitFor("cannot be acknowledged");
        term.Type("q");
        Assert.Equal(0, Finish(run));
        Assert.True(term.Left);
    }

    [Fact]
    public void A_store_change_shows_within_a_second_and_keeps_the_selection()
    {
        var (_, term, store, _, run) = Start();
        term.WaitFor("Calls 4 open");
        term.Type("j");
        term.WaitFor("›   42");
        store.Change(DataOf(Calls().Append(Call(45, "SHS", "SHOOT", 1, CallStatus.Pending, 900, 10)).ToList()));
        var changed = DateTime.UtcNow;
        term.WaitFor("Calls 5 open", seconds: 5);
        Assert.True(DateTime.UtcNow - changed < TimeSpan.FromSeconds(2), "the change took more than a second (plus slack for a loaded machine) to show");
        term.WaitFor("›   42");
        Assert.Contains("│ *  45 ", term.Text(), StringComparison.Ordinal); // the new row is marked
        term.Type("\x03"); // Ctrl+C
        Assert.Equal(0, Finish(run));
        Assert.True(term.Left);
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_reported_in_the_header_and_the_board_carries_on_when_it_is_back()
    {
        // Issue 17, failover: reopening a lost PostgreSQL connection throws the "Cannot connect" sentence until a standby
        // is promoted. It used to end the board's store thread and the board with it.
        var (_, term, store, _, run) = Start(w: 200);
        term.WaitFor("Calls 4 open");
        store.Failing = SafetyException.Usage("Cannot connect to PostgreSQL database safety on db1,db2 (No suitable host was found)");
        term.WaitFor("Reading the database failed (Cannot connect to PostgreSQL database safety on db1,db2 (No suitable host was found)); retrying.");
        store.Failing = null;
        store.Change(DataOf(Calls().Append(Call(45, "SHS", "SHOOT", 1, CallStatus.Pending, 900, 10)).ToList()));
        term.WaitFor("Calls 5 open");
        Eventually.That(() => !term.Text().Contains("retrying", StringComparison.Ordinal), TimeSpan.FromSeconds(5), () => "the problem stayed in the header:\n" + term.Text());
        term.Type("q");
        Assert.Equal(0, Finish(run));
    }

    [Fact]
    public void Resize_relayouts_and_closed_input_quits_restoring_the_terminal()
    {
        var (loop, term, _, _, run) = Start();
        term.WaitFor("Calls 4 open");
        Assert.DoesNotContain("Officers", term.Text(), StringComparison.Ordinal);
        term.Width = 120;
        term.Height = 40;
        term.Screen.Resize(120, 40);
        loop.Post(new ResizeMsg(120, 40));
        term.WaitFor("Officers 2/4 available");
        term.CloseInput(); // the SSH session went away
        Assert.Equal(0, Finish(run));
        Assert.True(term.Left);
    }

    [Fact]
    public void SIGTERM_as_a_message_quits_and_restores()
    {
        var (loop, term, _, _, run) = Start();
        term.WaitFor("Calls 4 open");
        loop.Post(new QuitMsg("SIGTERM"));
        Assert.Equal(0, Finish(run));
        Assert.True(term.Left);
    }
}
