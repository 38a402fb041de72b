using System.Text;

namespace Tally.Documents;

/// <summary>Bytes to text: byte-order marks (UTF-8, UTF-16, UTF-32), strict UTF-8, and a refusal for binary data.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(byte[] bytes, out string text, out string why)
    {
        text = ""; why = "";
        var span = bytes.AsSpan();
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) { text = Encoding.UTF8.GetString(span[3..]); return Finish(ref text, out why); }
        if (span.StartsWith(new byte[] { 0xFF, 0xFE, 0, 0 })) { text = Encoding.UTF32.GetString(span[4..]); return Finish(ref text, out why); }
        if (span.StartsWith(new byte[] { 0xFF, 0xFE })) { text = Encoding.Unicode.GetString(span[2..]); return Finish(ref text, out why); }
        if (span.StartsWith(new byte[] { 0xFE, 0xFF })) { text = Encoding.BigEndianUnicode.GetString(span[2..]); return Finish(ref text, out why); }
        if (LooksBinary(span)) { why = "binary data, not text"; return false; }
        try
        {
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            if (!Legacy.TryDecode(bytes, out text)) { why = "not UTF-8 text and no other encoding fits"; return false; }
        }
        return Finish(ref text, out why);
    }

    private static bool Finish(ref string text, out string why)
    {
        why = "";
        if (text.Contains('\r')) text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return true;
    }

    /// <summary>NUL bytes, or many control characters, in the first 8 KB.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        int control = 0;
        foreach (var b in head)
        {
            if (b == 0) return true;
            if (b < 32 && b is not (9 or 10 or 13 or 12)) control++;
        }
        return head.Length > 0 && control * 20 > head.Length;
    }

    /// <summary>Decoders for text that is not UTF-8 (a hook the encoding detector fills).</summary>
    public static class Legacy
    {
        public static Func<byte[], string?>? Detector { get; set; }

        public static bool TryDecode(byte[] bytes, out string text)
        {
            text = Detector?.Invoke(bytes) ?? Encoding.Latin1.GetString(bytes);
            return true;
        }
    }
}
