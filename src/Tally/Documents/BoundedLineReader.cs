using System.Text;

namespace Tally.Documents;

/// <summary>
/// Reads lines from text with a limit on a line's size (in UTF-8 bytes), applied while reading: a line over the limit
/// is skipped to its end without being kept, so memory stays within the limit plus one buffer whatever the input holds
/// (a JSON Lines file with a line of a gigabyte costs what a line at the limit costs). Lines end at '\n' ("\r\n" too).
/// </summary>
public sealed class BoundedLineReader(TextReader reader, long maxLineBytes, int bufferChars = 32 * 1024) : IDisposable
{
    private readonly char[] _buffer = new char[Math.Max(16, bufferChars)];
    private int _pos, _len;
    private StringBuilder _line = new();

    /// <summary>The number (1-based) of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The size in UTF-8 bytes of the line last read, counted up to the point it went over the limit.</summary>
    public long LineBytes { get; private set; }

    /// <summary>
    /// Reads the next line: false at the end of the input; else <paramref name="line"/> is its text without the line
    /// break, or null when it is over the limit (its text was skipped).
    /// </summary>
    public bool Next(out string? line)
    {
        _line.Clear();
        long bytes = 0;
        bool over = false, any = false;
        while (true)
        {
            if (_pos == _len)
            {
                _len = reader.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_len == 0) break;
            }
            any = true;
            var rest = _buffer.AsSpan(_pos, _len - _pos);
            int end = rest.IndexOf('\n');
            var piece = end < 0 ? rest : rest[..end];
            _pos += end < 0 ? rest.Length : end + 1;
            if (!over)
            {
                bytes += Encoding.UTF8.GetByteCount(piece);
                if (bytes > maxLineBytes)
                {
                    over = true;
                    // What was kept of this line goes (a fresh builder: the old one's chunks are released).
                    _line = new StringBuilder();
                }
                else _line.Append(piece);
            }
            if (end >= 0) break;
        }
        if (!any) { line = null; return false; }
        LineNumber++;
        LineBytes = bytes;
        if (over) { line = null; return true; }
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        line = _line.ToString();
        return true;
    }

    /// <summary>
    /// The lines of a file that hold anything but a line break, counted over its bytes without keeping a line (for
    /// an estimate: a UTF-16 file is counted as its bytes fall).
    /// </summary>
    public static int CountNonEmptyLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        int count = 0, n;
        bool content = false;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, n))
            {
                if (b == (byte)'\n') { if (content) count++; content = false; }
                else if (b != (byte)'\r') content = true;
            }
        }
        return content ? count + 1 : count;
    }

    public void Dispose() => reader.Dispose();
}
