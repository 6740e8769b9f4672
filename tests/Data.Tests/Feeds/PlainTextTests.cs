using SafetyConsole.Data.Feeds;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>DESIGN §4: feed text is made safe once, at ingest; markup-like text stays literal.</summary>
public class PlainTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m alert", "red alert")]               // CSI colours
    [InlineData("\u001b[1;38;5;196mbold\u001b[m", "bold")]                   // CSI with many parameters
    [InlineData("\u001b]0;pwned title\u0007text", "text")]                   // OSC window title, BEL-terminated
    [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")] // OSC 8 hyperlink, ST-terminated
    [InlineData("bell\u0007 here", "bell here")]                             // BEL
    [InlineData("8-bit\u009b31mcsi", "8-bitcsi")]                            // 8-bit CSI
    [InlineData("nul\0byte", "nulbyte")]                                      // NUL
    [InlineData("\u001bPdcs string\u001b\\after", "after")]                  // DCS string
    [InlineData("esc\u001b(Bcharset", "esccharset")]                         // nF escape (designate charset)
    [InlineData("keypad\u001b=mode", "keypadmode")]                          // Fp escape
    [InlineData("unterminated \u001b]0;title", "unterminated")]             // unterminated OSC runs to the end
    [InlineData("tail\u001b", "tail")]                                        // lone ESC
    [InlineData("c1\u0085next", "c1 next")]                                   // NEL is a line break
    [InlineData("c1\u0090x\u009c y", "c1 y")]                                 // 8-bit DCS … ST
    [InlineData("[red]not markup[/]", "[red]not markup[/]")]                // markup kept literally
    [InlineData("line one\r\nline two\n\n\tthree", "line one line two three")]
    [InlineData("  padded  ", "padded")]
    [InlineData("a  \t b", "a b")]
    [InlineData("bidi \u202egnp.exe\u202c trick", "bidi gnp.exe trick")]
    [InlineData("\u202aa\u202bb\u202dc\u2066d\u2067e\u2068f\u2069", "abcdef")]    // every bidi embedding, override and isolate
    [InlineData("emoji 👍 ok", "emoji 👍 ok")]
    [InlineData("", "")]
    public void Cleans_control_characters_and_escape_sequences(string input, string expected) =>
        Assert.Equal(expected, PlainText.Clean(input));

    [Fact]
    public void Unpaired_surrogates_are_removed() => Assert.Equal("lone surrogate", PlainText.Clean("lone \ud800 surrogate\udc00"));

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        var s = "Two students fighting [red]";
        Assert.Same(s, PlainText.Clean(s));
    }

    [Fact]
    public void Cleaned_text_never_contains_a_control_character()
    {
        var random = new Random(4);
        for (var n = 0; n < 2000; n++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)(random.Next(3) == 0 ? random.Next(0, 0xA0) : random.Next(0x20, 0x3000));
            var clean = PlainText.Clean(new string(chars));
            Assert.DoesNotContain(clean, c => c < ' ' || c is >= '\u007f' and <= '\u009f');
            Assert.Equal(clean, PlainText.Clean(clean)); // idempotent
        }
    }
}
