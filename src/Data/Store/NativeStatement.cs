using Microsoft.Data.Sqlite;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace SafetyConsole.Data.Store;

/// <summary>
/// One SQL statement prepared once on a connection's native handle and executed many times: the bulk ingest path.
/// Measured on a million calls (bench `feed`), a reused <see cref="SqliteCommand"/> costs about as much per row in
/// parameter plumbing as SQLite spends inserting it; binding straight through SQLitePCLRaw (the library
/// Microsoft.Data.Sqlite itself sits on) removes that. Statements run inside whatever transaction the connection
/// has open (a <see cref="SafetyDb.Write{T}"/> batch), and errors surface as the same <see cref="SqliteException"/>
/// as everywhere else. Parameters are numbered from 1 (<c>?1</c>, <c>?2</c>, …).
/// Bind every parameter before each <see cref="Execute"/>: a run clears the bindings it used (issue 18, below).
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _db = null!;
    private readonly sqlite3_stmt _stmt = null!;
    private readonly nint _handle;
    private readonly PgStatement? _pg;
    private readonly List<byte[]> _retired = [];
    private byte[] _text = [];
    private nint _textAddress;
    private int _textUsed;

    /// <summary>Prepares <paramref name="sql"/> on SQLite's native handle, or on PostgreSQL as a <see cref="PgStatement"/> (issue 17).</summary>
    public NativeStatement(System.Data.Common.DbConnection connection, string sql)
    {
        if (connection is not SqliteConnection sqlite)
        {
            _pg = new PgStatement(connection, sql);
            return;
        }
        _db = sqlite.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt));
        _handle = _stmt.DangerousGetHandle(); // the statement lives as long as this object, which owns _stmt
    }

    /// <summary>
    /// Binds text, or NULL for null. Issue 18 (bench `feed`, 10 text values a call): the text is encoded as UTF-8 into
    /// a buffer on the pinned heap that SQLite reads in place (SQLITE_STATIC) instead of copying each value into memory
    /// of its own, through a direct call that skips the safe-handle bookkeeping and the GC transition of a general
    /// one. The buffer is only reused after <see cref="Execute"/> has cleared the bindings, so SQLite never reads text
    /// that was overwritten.
    /// </summary>
    public void Bind(int index, string? value)
    {
        if (_pg is not null)
        {
            _pg.Bind(index, value);
            return;
        }
        if (value is null)
        {
            Check(Native.sqlite3_bind_null(_handle, index));
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length - _textUsed < max) Grow(max);
        var length = Encoding.UTF8.GetBytes(value, _text.AsSpan(_textUsed));
        Check(Native.sqlite3_bind_text(_handle, index, _textAddress + _textUsed, length, Native.Static));
        _textUsed += length;
    }

    public void Bind(int index, long value)
    {
        if (_pg is not null) _pg.Bind(index, value);
        else Check(Native.sqlite3_bind_int64(_handle, index, value));
    }

    public void Bind(int index, double value)
    {
        if (_pg is not null) _pg.Bind(index, value);
        else Check(raw.sqlite3_bind_double(_stmt, index, value));
    }

    /// <summary>Runs the statement to completion and returns the rows it changed; then clears its bindings.</summary>
    public int Execute()
    {
        if (_pg is not null) return _pg.Execute();
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        // Nothing may point into the text buffer once it is reused (SQLITE_STATIC): clear, then recycle it.
        raw.sqlite3_clear_bindings(_stmt);
        _textUsed = 0;
        _retired.Clear();
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) Check(rc);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose()
    {
        if (_pg is not null) _pg.Dispose();
        else _stmt.Dispose();
    }

    /// <summary>A larger text buffer; the full one stays alive (text bound in it is still read) until the run ends.</summary>
    private void Grow(int atLeast)
    {
        if (_text.Length > 0) _retired.Add(_text);
        _text = GC.AllocateUninitializedArray<byte>(Math.Max(4096, Math.Max(atLeast, _text.Length * 2)), pinned: true);
        _textAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_text, 0);
        _textUsed = 0;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>
    /// The binding calls of the SQLite library SQLitePCLRaw loaded (the same e_sqlite3), on the raw statement pointer.
    /// They return at once (no I/O, no lock wait), so they may skip the GC transition; stepping never does.
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        /// <summary>SQLITE_STATIC: the text stays valid and unchanged until the statement is reset and its bindings cleared.</summary>
        public static readonly nint Static = 0;

        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
        public static extern int sqlite3_bind_text(nint stmt, int index, nint text, int length, nint destructor);

        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
        public static extern int sqlite3_bind_int64(nint stmt, int index, long value);

        [DllImport(Library, ExactSpelling = true, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
        public static extern int sqlite3_bind_null(nint stmt, int index);
    }
}
