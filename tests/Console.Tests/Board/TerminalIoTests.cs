using System.Text;
using SafetyConsole.Cli.Board;
using SafetyConsole.Cli.Board.Terminal;
using static SafetyConsole.Cli.Tests.Board.BoardFixture;

namespace SafetyConsole.Cli.Tests.Board;

/// <summary>The byte level: decoding the terminal's input, and writing only what changed.</summary>
public class TerminalIoTests
{
    private static List<KeyPress> Decode(string s) => new KeyDecoder().Decode(Encoding.UTF8.GetBytes(s));

    [Theory]
    [InlineData("\e[A", KeyName.Up)]
    [InlineData("\eOB", KeyName.Down)] // application cursor mode
    [InlineData("\e[C", KeyName.Right)]
    [InlineData("\e[5~", KeyName.PageUp)]
    [InlineData("\e[6~", KeyName.PageDown)]
    [InlineData("\e[1~", KeyName.Home)]
    [InlineData("\e[F", KeyName.End)]
    [InlineData("\e[3~", KeyName.Delete)]
    [InlineData("\e[Z", KeyName.BackTab)]
    [InlineData("\eOP", KeyName.F1)]
    [InlineData("\e[1;5A", KeyName.Up)] // Ctrl+Up: the modifier is dropped
    [InlineData("\r", KeyName.Enter)]
    [InlineData("\n", KeyName.Enter)]
    [InlineData("\t", KeyName.Tab)]
    [InlineData("\x7f", KeyName.Backspace)]
    [InlineData("\e", KeyName.Escape)]
    public void Named_keys(string bytes, KeyName expected) => Assert.Equal(KeyPress.Named(expected), Assert.Single(Decode(bytes)));

    [Fact]
    public void Ctrl_C_is_a_key_not_a_signal() => Assert.Equal(KeyPress.CtrlOf('c'), Assert.Single(Decode("\x03")));

    [Fact]
    public void Text_sequences_and_text_together()
    {
        var keys = Decode("ab\e[Bé:");
        Assert.Equal([KeyPress.Of('a'), KeyPress.Of('b'), KeyPress.Named(KeyName.Down), KeyPress.Of('é'), KeyPress.Of(':')], keys);
    }

    [Fact]
    public void Esc_then_a_key_in_one_read_is_both_keys_and_unknown_sequences_are_never_typed_as_text()
    {
        // A fast "Esc q" (or Alt+q) arrives as ESC q in one read: the board binds no Alt keys, so it is Esc, then q.
        Assert.Equal([KeyPress.Named(KeyName.Escape), KeyPress.Of('q')], Decode("\eq"));
        Assert.Empty(Decode("\e[200~")); // bracketed-paste start: dropped
        Assert.Empty(Decode("\e[?1;2c")); // a device attribute report: dropped
    }

    [Fact]
    public void A_UTF8_character_split_across_reads_is_one_key()
    {
        var d = new KeyDecoder();
        var bytes = Encoding.UTF8.GetBytes("ü");
        Assert.Empty(d.Decode(bytes.AsSpan(0, 1)));
        Assert.Equal(KeyPress.Of('ü'), Assert.Single(d.Decode(bytes.AsSpan(1))));
    }

    [Fact]
    public void An_unchanged_frame_writes_nothing_and_a_change_writes_only_its_span_in_one_synchronized_update()
    {
        var palette = new Palette(true);
        var writer = new FrameWriter();
        var s = Loaded(80, 24);
        var first = writer.Frame(BoardView.Render(s, BoardTheme.Default, palette));
        Assert.StartsWith(FrameWriter.BeginSync, first, StringComparison.Ordinal);
        Assert.EndsWith(FrameWriter.EndSync, first, StringComparison.Ordinal);
        Assert.Contains("\e[2J", first, StringComparison.Ordinal);

        Assert.Equal("", writer.Frame(BoardView.Render(s, BoardTheme.Default, palette)));

        // One second later: the clock and the two countdowns change, nothing else.
        var later = Step(s, new TickMsg(Now.AddSeconds(1)));
        var diff = writer.Frame(BoardView.Render(later, BoardTheme.Default, palette));
        Assert.StartsWith(FrameWriter.BeginSync, diff, StringComparison.Ordinal);
        Assert.EndsWith(FrameWriter.EndSync, diff, StringComparison.Ordinal);
        var moves = System.Text.RegularExpressions.Regex.Matches(diff, @"\e\[(\d+);(\d+)H").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([1, 5, 6], moves); // header line, call 41's row, call 42's row
        Assert.DoesNotContain("Lincoln", diff, StringComparison.Ordinal); // unchanged cells are not rewritten
        Assert.True(diff.Length < 200, $"{diff.Length} bytes for a one-second tick");
        // Replayed on a terminal, the first frame plus the difference is exactly the new frame.
        var vt = new VirtualScreen(80, 24);
        vt.Apply(first);
        vt.Apply(diff);
        Assert.Equal(BoardView.Render(later, BoardTheme.Default, palette).Text() + "\n", vt.Text());
        Assert.Contains("10:05:01", vt.Text(), StringComparison.Ordinal);
        Assert.Contains("-1:01", vt.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalidate_or_a_new_size_redraws_everything()
    {
        var palette = new Palette(true);
        var writer = new FrameWriter();
        var s = Loaded(80, 24);
        writer.Frame(BoardView.Render(s, BoardTheme.Default, palette));
        writer.Invalidate();
        Assert.Contains("\e[2J", writer.Frame(BoardView.Render(s, BoardTheme.Default, palette)), StringComparison.Ordinal);
        var bigger = Step(s, new ResizeMsg(120, 40));
        var full = writer.Frame(BoardView.Render(bigger, BoardTheme.Default, palette));
        Assert.Contains("\e[2J", full, StringComparison.Ordinal);
        Assert.Contains("\e[40;1H", full, StringComparison.Ordinal);
    }
}
