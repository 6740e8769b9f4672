using System.Diagnostics;
using System.Threading.Channels;
using SafetyConsole.Cli.Board.Terminal;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The board's one loop (DESIGN §6, bubbletea style). A channel of <see cref="Msg"/> is fed by a blocking
/// key-reader thread, a 1-second tick, the store watcher (data_version polled every 250 ms on its own connection,
/// on its own thread), the action worker (its own connection and thread), and POSIX signals (SIGWINCH resize,
/// SIGTERM/SIGHUP quit, SIGCONT redraw; SIGINT arrives as the Ctrl+C key because the terminal is raw). Each batch
/// of messages goes through the pure <see cref="BoardUpdate.Update"/>, then the view is drawn once and only what
/// changed is written, in one write. The terminal is restored in a finally block, whatever ends the loop.
/// Idle, the loop wakes once a second to draw the clock and the watcher four times a second to poll: dedicated
/// threads that block, rather than thread-pool hops, keep that cheap.
/// </summary>
public sealed class BoardLoop
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The queue summary is reloaded with every change, and this often when nothing changes (the school-day state
    /// moves with the clock; the header counts deadlines passing in between itself).
    /// </summary>
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(60);

    private readonly ITerminal _terminal;
    private readonly BoardTheme _theme;
    private readonly TimeProvider _time;
    private readonly IBoardStore _store;
    private readonly IBoardActions _actions;
    private readonly string _account;
    private readonly Channel<Msg> _inbox = Channel.CreateUnbounded<Msg>(new UnboundedChannelOptions
    {
        SingleReader = true,
        AllowSynchronousContinuations = true, // the blocked loop thread is woken directly, not through the thread pool
    });
    private readonly Palette _palette;
    private readonly FrameWriter _writer = new();
    private WorkThread<Msg>? _reads;
    private WorkThread<Msg>? _writes;
    private long _version = long.MinValue;
    private bool _lost;
    private BoardData? _loaded;
    private DateTimeOffset _summaryAt;

    public BoardLoop(ITerminal terminal, BoardTheme theme, TimeProvider time, IBoardStore store, IBoardActions actions, string account)
    {
        _terminal = terminal;
        _theme = theme;
        _time = time;
        _store = store;
        _actions = actions;
        _account = account;
        _palette = new Palette(theme.Color);
        State = BoardState.Initial(account, time.GetUtcNow(), 80, 24);
    }

    /// <summary>Seconds of <c>time</c> per real second (the demo's simulated clock runs faster); see <see cref="BoardState.ClockSpeed"/>.</summary>
    public double ClockSpeed
    {
        get => State.ClockSpeed;
        init => State = State with { ClockSpeed = value };
    }

    /// <summary>Listen to POSIX signals (the real program; tests leave it off).</summary>
    public bool HandleSignals { get; init; }

    public BoardState State { get; private set; }

    /// <summary>The time each Update+View+diff took, a frame each (for the benchmark).</summary>
    public List<double> FrameMilliseconds { get; } = [];

    public void Post(Msg msg) => _inbox.Writer.TryWrite(msg);

    /// <summary>Runs the loop on a thread of its own (tests and the benchmark).</summary>
    public Task<int> RunAsync() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs the loop on this thread until quit; returns the exit code.</summary>
    public int Run()
    {
        var (w, h) = _terminal.Size();
        State = State with { Width = w, Height = h, Now = _time.GetUtcNow() };
        var registrations = new List<IDisposable>();
        _terminal.Enter();
        try
        {
            if (HandleSignals && !OperatingSystem.IsWindows())
                registrations.AddRange(TerminalInput.Signals(_terminal, (w, h) => Post(new ResizeMsg(w, h)), why => Post(new QuitMsg(why)), () => Post(new RedrawMsg())));
            TerminalInput.StartKeyReader(_terminal, key => Post(new KeyMsg(key)), () => Post(new QuitMsg("input closed")));
            _summaryAt = _time.GetUtcNow();
            _reads = new WorkThread<Msg>("board store", Post, PollEvery, Poll, ReadFailed);
            _writes = new WorkThread<Msg>("board actions", Post, null, null, ReadFailed);
            // Ticks on the second, so the clock in the header turns when the wall clock does.
            var toNextSecond = TimeSpan.FromMilliseconds(1000 - _time.GetUtcNow().Millisecond);
            registrations.Add(_time.CreateTimer(_ => Post(new TickMsg(_time.GetUtcNow())), null, toNextSecond, TimeSpan.FromSeconds(1)));

            Draw();
            while (!State.Quit)
            {
                var msg = Next();
                var started = Stopwatch.GetTimestamp();
                Handle(msg);
                while (!State.Quit && _inbox.Reader.TryRead(out var more)) Handle(more);
                if (State.Quit) break;
                Draw(started);
            }
            // A read in hand gets a moment to finish before the caller closes the store under it; one stuck on a dead
            // network is not waited for (it ends quietly when it fails: WorkThread).
            _reads.Stop(TimeSpan.FromSeconds(1));
            // An action in flight finishes (its transaction commits or rolls back whole) before we leave.
            _writes.Stop(TimeSpan.FromSeconds(5));
            return 0;
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
            _terminal.Leave();
        }
    }

    private Msg Next()
    {
        Msg? msg;
        while (!_inbox.Reader.TryRead(out msg)) _inbox.Reader.WaitToReadAsync().AsTask().Wait();
        return msg;
    }

    /// <summary>The watcher's idle work: reload when another connection committed, refresh the summary now and then.</summary>
    private Msg? Poll()
    {
        // A database removed or replaced under the board: said once, and nothing more is read from the old file.
        if (_lost) return null;
        if (_store.FileProblem() is { } gone)
        {
            _lost = true;
            return new StoreProblemMsg(gone, Lost: true);
        }
        var v = _store.DataVersion();
        var now = _time.GetUtcNow();
        if (v != _version)
        {
            _version = v;
            _loaded = _store.Load(now, _loaded);
            _summaryAt = now;
            return new DataMsg(_loaded);
        }
        if (now - _summaryAt < SummaryEvery) return null;
        _summaryAt = now;
        return new SummaryMsg(_store.Summary(now));
    }

    /// <summary>
    /// A failed read is reported in the header until a read succeeds, never fatal: the next poll tries again (on
    /// PostgreSQL, on a new connection: a failover shows as "Cannot connect …; retrying." until a standby is promoted).
    /// Each kind is its own arm: a `when` applies to the whole arm, and once made every SafetyException fatal.
    /// </summary>
    private static Msg? ReadFailed(Exception e) => e switch
    {
        DatabaseMovedException gone => new StoreProblemMsg(gone.Message, Lost: true),
        SafetyException or IOException => Retrying(e),
        _ when StoreErrors.IsDatabaseError(e) => Retrying(e),
        _ => null,
    };

    private static StoreProblemMsg Retrying(Exception e) =>
        new($"Reading the database failed ({e.Message.TrimEnd('.')}); retrying.", Lost: false);

    private void Handle(Msg msg)
    {
        var (next, effects) = BoardUpdate.Update(State, msg);
        State = next;
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case FullRedrawEffect: _writer.Invalidate(); break;
                case SuspendEffect: _terminal.Suspend(); _writer.Invalidate(); break; // back from `fg`: draw every line
                case LoadDetailEffect d: _reads?.Enqueue(() => new DetailMsg(d.CallId, _store.Events(d.CallId), _store.Notes(d.CallId))); break;
                case LoadCallEffect c: _reads?.Enqueue(() => new CallMsg(c.CallId, _store.Call(c.CallId))); break;
                case RecommendEffect r: _writes?.Enqueue(() => BoardActionRunner.Recommend(_actions, r.CallId, _time.GetUtcNow())); break;
                case ActEffect a: _writes?.Enqueue(() => BoardActionRunner.Run(_actions, _account, a.Action, _time.GetUtcNow())); break;
                case RecordReadEffect r: _writes?.Enqueue(() => BoardActionRunner.RecordRead(_actions, _account, r.CallId, _time.GetUtcNow())); break;
                case RecordRefusalEffect r: _writes?.Enqueue(() => BoardActionRunner.RecordRefusal(_actions, _account, r, _time.GetUtcNow())); break;
            }
        }
    }

    private void Draw(long? started = null)
    {
        var t0 = started ?? Stopwatch.GetTimestamp();
        var screen = BoardView.Render(State, _theme, _palette, _writer.Spare);
        var output = _writer.Frame(screen);
        FrameMilliseconds.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        if (output.Length == 0) return;
        try
        {
            _terminal.Write(output);
        }
        catch (IOException)
        {
            State = State with { Quit = true }; // the terminal went away (SSH dropped): nothing left to draw on
        }
    }
}
