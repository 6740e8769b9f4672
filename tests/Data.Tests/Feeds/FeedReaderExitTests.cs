using System.Text;
using Dapper;
using SafetyConsole.Data.Feeds;

namespace SafetyConsole.Data.Tests.Feeds;

/// <summary>
/// A load whose writer fails while its reader is still blocked on a pipe: the load reports the failure, and the reader,
/// when its input moves again, ends quietly. It used to meet the hand-over queue disposed under it and crash the whole
/// process from its thread (CI: the test host crashed in `FeedPipeline`'s reader during a demo's position load).
/// </summary>
public class FeedReaderExitTests
{
    [Fact]
    public void A_reader_still_blocked_on_its_input_when_the_writer_fails_ends_quietly_later()
    {
        using var f = new FeedFixture();
        // The writer fails on the first row (as a database error would); the reader is then waiting on the pipe.
        f.Db.Connection.Execute("CREATE TRIGGER boom BEFORE INSERT ON positions BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
        using var pipe = new GatedStream("badge,at,lat,lon\nCSO-1,2026-11-23T10:05:00-08:00,47.21,-122.41\n");
        using var input = FeedInput.FromStream(pipe, "standard input", "pipe", mayWait: true);

        var failed = Assert.ThrowsAny<Exception>(() => PositionFeed.Load(f.Db, input, f.Options()));
        Assert.Contains("the disk is full", failed.Message, StringComparison.Ordinal);

        pipe.Release(); // the pipe moves again (its writer closed it): the reader sees the end of its input
        Assert.True(pipe.Reader!.Join(TimeSpan.FromSeconds(10)), "the feed reader ended");
        Assert.Equal(0L, f.Db.Connection.ExecuteScalar<long>("SELECT count(*) FROM positions"));
    }

    /// <summary>A pipe: the given text, then a read that blocks until <see cref="Release"/>, then its end.</summary>
    private sealed class GatedStream(string text) : Stream
    {
        private readonly MemoryStream _data = new(Encoding.UTF8.GetBytes(text));
        private readonly ManualResetEventSlim _gate = new();

        /// <summary>The thread that reads (the pipeline's reader).</summary>
        public Thread? Reader { get; private set; }

        public void Release() => _gate.Set();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reader = Thread.CurrentThread;
            var n = _data.Read(buffer, offset, count);
            if (n > 0) return n;
            _gate.Wait();
            return 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _gate.Set();
            if (disposing) { _data.Dispose(); _gate.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
