using System.Data.Common;

namespace Tally.Ledger;

/// <summary>
/// One line for a failure that ends a command or a request: what went wrong, without a stack trace, with database
/// passwords masked (<see cref="Secrets"/>). A full disk is named as such, whichever layer noticed it: the file system
/// (ENOSPC, or ERROR_DISK_FULL on Windows), SQLite (SQLITE_FULL) or PostgreSQL (53100 disk_full).
/// </summary>
public static class Failures
{
    public static string Describe(Exception e, string? location = null)
    {
        var inner = Innermost(e);
        var message = FirstLine(inner.Message);
        if (IsDiskFull(inner)) message = "the disk is full (" + message + ")";
        return Secrets.Mask(message, location);
    }

    /// <summary>Whether <paramref name="e"/> (or what it wraps) says the disk or the database's storage is full.</summary>
    public static bool IsDiskFull(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode == 13: // SQLITE_FULL
                case Npgsql.PostgresException p when p.SqlState == "53100": // disk_full
                    return true;
                case IOException io when io.HResult is DiskFullHResult or EnospcErrno or unchecked((int)0x80070070) || io.Message.Contains("No space left on device", StringComparison.Ordinal):
                    return true;
            }
        }
        return false;
    }

    /// <summary>ERROR_DISK_FULL (Windows) and ENOSPC (Linux), as .NET gives them in an IOException's HResult.</summary>
    private const int DiskFullHResult = 0x70, EnospcErrno = 28;

    /// <summary>The exception that says what happened: wrappers (aggregates, "reading documents failed") give way to their cause.</summary>
    private static Exception Innermost(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } a: e = a.InnerExceptions[0]; continue;
                case System.Reflection.TargetInvocationException { InnerException: { } t }: e = t; continue;
                case InvalidOperationException { InnerException: DbException or IOException } w: e = w.InnerException!; continue;
                default: return e;
            }
        }
    }

    private static string FirstLine(string message)
    {
        var m = message.AsSpan().Trim();
        int nl = m.IndexOfAny('\r', '\n');
        return (nl >= 0 ? m[..nl] : m).Trim().ToString();
    }
}
