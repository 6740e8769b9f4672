using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using SafetyConsole.Data.Status;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Cli.Board;

/// <summary>What the loop reads from the store (on its own connection, off the UI thread).</summary>
public interface IBoardStore
{
    /// <summary>PRAGMA data_version: changes whenever another connection commits.</summary>
    long DataVersion();

    BoardData Load(DateTimeOffset now);

    QueueSummary Summary(DateTimeOffset now);

    IReadOnlyList<EventRow> Events(long callId);
}

public sealed class DbBoardStore(SafetyDb db, string account) : IBoardStore
{
    public long DataVersion() => db.DataVersion();
    public BoardData Load(DateTimeOffset now) => BoardDataLoader.Load(db, account, now);
    public QueueSummary Summary(DateTimeOffset now) => QueueSummaries.Load(db, now);
    public IReadOnlyList<EventRow> Events(long callId) => Reads.EventsOfCall(db, callId);
}

/// <summary>
/// The board's one loop (DESIGN §6, bubbletea style). A channel of <see cref="Msg"/> is fed by a blocking
/// key-reader thread, a 1-second tick, the store watcher (data_version polled every 250 ms on its own connection),
/// the action worker, and POSIX signals (SIGWINCH resize, SIGTERM/SIGHUP quit, SIGCONT redraw; SIGINT arrives as
/// the Ctrl+C key because the terminal is raw). Each batch of messages goes through the pure
/// <see cref="BoardUpdate.Update"/>, then the view is drawn once and only its changed lines are written, in one write.
/// The terminal is restored in a finally block, whatever ends the loop.
/// </summary>
public sealed class BoardLoop
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(5);

    private readonly ITerminal _terminal;
    private readonly BoardTheme _theme;
    private readonly TimeProvider _time;
    private readonly IBoardStore _store;
    private readonly IBoardActions _actions;
    private readonly string _account;
    private readonly Channel<Msg> _inbox = Channel.CreateUnbounded<Msg>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Func<Msg?>> _reads = Channel.CreateUnbounded<Func<Msg?>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Func<Msg?>> _writes = Channel.CreateUnbounded<Func<Msg?>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Palette _palette;
    private readonly FrameWriter _writer = new();
    private int _pollQueued;

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

    /// <summary>Listen to POSIX signals (the real program; tests leave it off).</summary>
    public bool HandleSignals { get; init; }

    public BoardState State { get; private set; }

    /// <summary>Frames drawn, and the time each Update+View+diff took (for the benchmark).</summary>
    public List<double> FrameMilliseconds { get; } = [];

    public void Post(Msg msg) => _inbox.Writer.TryWrite(msg);

    public int Run(CancellationToken cancel = default) => RunAsync(cancel).GetAwaiter().GetResult();

    public async Task<int> RunAsync(CancellationToken cancel = default)
    {
        var (w, h) = _terminal.Size();
        State = State with { Width = w, Height = h, Now = _time.GetUtcNow() };
        var registrations = new List<IDisposable>();
        _terminal.Enter();
        try
        {
            if (HandleSignals && !OperatingSystem.IsWindows()) registrations.AddRange(Signals());
            StartKeyReader();
            var readWorker = Worker(_reads.Reader);
            var writeWorker = Worker(_writes.Reader);
            // Ticks on the second, so the clock in the header turns when the wall clock does.
            var now = _time.GetUtcNow();
            var toNextSecond = TimeSpan.FromMilliseconds(1000 - now.Millisecond);
            registrations.Add(_time.CreateTimer(_ => Post(new TickMsg(_time.GetUtcNow())), null, toNextSecond, TimeSpan.FromSeconds(1)));
            var polls = 0;
            registrations.Add(_time.CreateTimer(_ =>
            {
                // One poll in the queue at a time: a slow load never piles up polls behind it.
                if (Interlocked.Exchange(ref _pollQueued, 1) == 1) return;
                var refreshSummary = ++polls % (int)(SummaryEvery / PollEvery) == 0;
                _reads.Writer.TryWrite(() => Poll(refreshSummary));
            }, null, TimeSpan.Zero, PollEvery));
            registrations.Add(cancel.Register(() => Post(new QuitMsg("cancelled"))));

            Draw();
            while (!State.Quit)
            {
                var msg = await _inbox.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                Handle(msg);
                while (!State.Quit && _inbox.Reader.TryRead(out var more)) Handle(more);
                if (State.Quit) break;
                Draw(started);
            }
            _reads.Writer.TryComplete();
            _writes.Writer.TryComplete();
            // An action in flight finishes (its transaction commits or rolls back whole) before we leave.
            await Task.WhenAny(writeWorker, Task.Delay(TimeSpan.FromSeconds(5), _time)).ConfigureAwait(false);
            _ = readWorker;
            return 0;
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
            _terminal.Leave();
        }
    }

    private long _version = long.MinValue;

    private Msg? Poll(bool refreshSummary)
    {
        Volatile.Write(ref _pollQueued, 0);
        var v = _store.DataVersion();
        if (v != _version)
        {
            _version = v;
            return new DataMsg(_store.Load(_time.GetUtcNow()));
        }
        return refreshSummary ? new SummaryMsg(_store.Summary(_time.GetUtcNow())) : null;
    }

    private void Handle(Msg msg)
    {
        var (next, cmds) = BoardUpdate.Update(State, msg);
        State = next;
        foreach (var cmd in cmds)
        {
            switch (cmd)
            {
                case FullRedrawCmd: _writer.Invalidate(); break;
                case LoadDetailCmd d: _reads.Writer.TryWrite(() => new DetailMsg(d.CallId, _store.Events(d.CallId))); break;
                case RecommendCmd r: _writes.Writer.TryWrite(() => BoardActionRunner.Recommend(_actions, r.CallId, _time.GetUtcNow())); break;
                case ActCmd a: _writes.Writer.TryWrite(() => BoardActionRunner.Run(_actions, _account, a.Action, _time.GetUtcNow())); break;
            }
        }
    }

    private void Draw(long? started = null)
    {
        var t0 = started ?? Stopwatch.GetTimestamp();
        var canvas = BoardView.Render(State, _theme, _palette);
        var output = _writer.Frame(canvas);
        FrameMilliseconds.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        if (output.Length > 0) _terminal.Write(output);
    }

    /// <summary>Runs store work one item at a time on its own connection, posting results back to the loop.</summary>
    private Task Worker(ChannelReader<Func<Msg?>> reader) => Task.Run(async () =>
    {
        await foreach (var work in reader.ReadAllAsync().ConfigureAwait(false))
        {
            Msg? result;
            try
            {
                result = work();
            }
            catch (Exception e) when (e is SafetyException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // A failed read is reported, never fatal: the next poll tries again.
                Volatile.Write(ref _pollQueued, 0);
                result = new NoticeMsg($"Reading the database failed ({e.Message.TrimEnd('.')}); retrying.", Error: true);
            }
            if (result is not null) Post(result);
        }
    });

    private void StartKeyReader()
    {
        var thread = new Thread(() =>
        {
            var decoder = new KeyDecoder();
            var buffer = new byte[4096];
            while (true)
            {
                var n = _terminal.Read(buffer);
                if (n <= 0)
                {
                    Post(new QuitMsg("input closed"));
                    return;
                }
                foreach (var key in decoder.Decode(buffer.AsSpan(0, n))) Post(new KeyMsg(key));
            }
        })
        {
            IsBackground = true,
            Name = "board keys",
        };
        thread.Start();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private IEnumerable<IDisposable> Signals()
    {
        yield return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
        {
            var (w, h) = _terminal.Size();
            Post(new ResizeMsg(w, h));
        });
        foreach (var sig in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            yield return PosixSignalRegistration.Create(sig, ctx =>
            {
                ctx.Cancel = true; // we leave through the loop, restoring the terminal
                Post(new QuitMsg(sig.ToString()));
            });
        }
        yield return PosixSignalRegistration.Create(PosixSignal.SIGCONT, _ =>
        {
            _terminal.Resume();
            Post(new RedrawMsg());
        });
    }
}
