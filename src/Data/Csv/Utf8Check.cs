using System.Text;

namespace SafetyConsole.Data.Csv;

/// <summary>
/// UTF-8 decoding that replaces bytes which are not UTF-8 with U+FFFD, as the default decoder does, but remembers
/// that it did, so a reader can say so (feeds warn once per file naming the first such line; the district import
/// refuses the file). Checking costs nothing until an invalid byte is met: only the fallback sets the flag.
/// </summary>
public sealed class Utf8Check : DecoderFallback
{
    private Utf8Check()
    {
    }

    /// <summary>True once any byte that is not UTF-8 was replaced.</summary>
    public bool Seen { get; private set; }

    public override int MaxCharCount => 1;

    /// <summary>
    /// A UTF-8 encoding reporting to a new check. Its preamble is the UTF-8 byte order mark, so a reader created with
    /// <c>detectEncodingFromByteOrderMarks: false</c> skips a BOM yet keeps this decoder (detection would swap in the
    /// default, silent one).
    /// </summary>
    public static Encoding Encoding(out Utf8Check check)
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        encoding.DecoderFallback = check = new Utf8Check();
        return encoding;
    }

    /// <summary>A text reader of <paramref name="stream"/> decoding UTF-8 through a new check.</summary>
    public static StreamReader Reader(Stream stream, out Utf8Check check, int bufferSize = 1 << 12) =>
        new(stream, Encoding(out check), detectEncodingFromByteOrderMarks: false, bufferSize);

    /// <summary>The check of a reader made by <see cref="Reader"/>, or null for any other reader.</summary>
    public static Utf8Check? Of(TextReader reader) => (reader as StreamReader)?.CurrentEncoding.DecoderFallback as Utf8Check;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Replacement(this);

    private sealed class Replacement(Utf8Check owner) : DecoderFallbackBuffer
    {
        private int _left;

        public override int Remaining => _left;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Seen = true;
            _left = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_left == 0) return '\0';
            _left--;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (_left > 0) return false;
            _left = 1;
            return true;
        }

        public override void Reset() => _left = 0;
    }
}
