using System.Text;
using UtfUnknown;

namespace Tally.Documents;

/// <summary>Text decoded from bytes: the text, the encoding used, and a note when the input declared something else.</summary>
public sealed record DecodedText(string Text, string EncodingName, string? Warning = null);

/// <summary>
/// Bytes to text, in this order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark (every other byte
/// zero); strict UTF-8; the charset the input declares (HTML meta, XML declaration, HTTP header); else a guess by
/// UTF.Unknown. Tally's languages are written in Latin script, so any Latin single-byte guess is read as windows-1252
/// (the superset of ISO-8859-1 that browsers use for both); a confident guess of another script's encoding is kept,
/// and language detection later refuses the text.
/// A declared charset that the bytes contradict (a page that says ISO-8859-1 but is UTF-8, or says UTF-8 but is not)
/// is overruled, with a warning that names both.
/// </summary>
public static class EncodingDetector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes the legacy code pages (windows-1252, ...) available; called by every entry point.</summary>
    public static void EnsureCodePages() { }

    private static readonly HashSet<string> LatinSingleByte = new(StringComparer.OrdinalIgnoreCase)
    {
        "ascii", "us-ascii", "windows-1250", "windows-1252", "windows-1254", "windows-1257", "windows-1258",
        "iso-8859-1", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-9", "iso-8859-10", "iso-8859-13",
        "iso-8859-14", "iso-8859-15", "iso-8859-16", "latin1",
    };

    /// <summary>Decodes <paramref name="bytes"/>; false (with a reason) for binary data.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, string? declaredCharset, out DecodedText? result, out string why)
    {
        result = null; why = "";
        if (bytes.StartsWith((byte[])[0xEF, 0xBB, 0xBF])) { result = new(Normalize(Encoding.UTF8.GetString(bytes[3..])), "utf-8"); return true; }
        if (bytes.StartsWith((byte[])[0xFF, 0xFE, 0, 0])) { result = new(Normalize(Encoding.UTF32.GetString(bytes[4..])), "utf-32le"); return true; }
        if (bytes.StartsWith((byte[])[0xFF, 0xFE])) { result = new(Normalize(Encoding.Unicode.GetString(bytes[2..])), "utf-16le"); return true; }
        if (bytes.StartsWith((byte[])[0xFE, 0xFF])) { result = new(Normalize(Encoding.BigEndianUnicode.GetString(bytes[2..])), "utf-16be"); return true; }
        if (Utf16WithoutMark(bytes) is { } u16 && u16.GetString(bytes) is var wide && !MostlyControl(wide))
        {
            result = new(Normalize(wide), u16.WebName);
            return true;
        }
        if (TextDecoding.LooksBinary(bytes)) { why = "binary data, not text"; return false; }

        var declared = Lookup(declaredCharset);
        bool declaredUtf8 = declared is UTF8Encoding;
        string? utf8 = null;
        try { utf8 = StrictUtf8.GetString(bytes); } catch (DecoderFallbackException) { }
        if (utf8 is not null)
        {
            string? warn = null;
            if (declared is not null && !declaredUtf8 && !IsAscii(bytes) && declared.CodePage is not (1200 or 1201 or 12000 or 12001))
                warn = $"declares charset {declaredCharset} but the bytes are UTF-8; read as UTF-8";
            result = new(Normalize(utf8), "utf-8", warn);
            return true;
        }
        if (declared is not null && !declaredUtf8 && declared.CodePage is not (1200 or 1201 or 12000 or 12001))
        {
            result = new(Normalize(declared.GetString(bytes)), declared.WebName);
            return true;
        }
        var guess = Guess(bytes);
        string? warning = declaredUtf8 ? $"declares charset {declaredCharset} but is not valid UTF-8; read as {guess.WebName}"
            : declaredCharset is { Length: > 0 } && declared is null ? $"declares unknown charset '{declaredCharset}'; read as {guess.WebName}"
            : null;
        result = new(Normalize(guess.GetString(bytes)), guess.WebName, warning);
        return true;
    }

    /// <summary>The encoding UTF.Unknown finds for text that is not UTF-8, with Latin guesses read as windows-1252.</summary>
    public static Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        var w1252 = Encoding.GetEncoding(1252);
        DetectionDetail? best;
        try { best = CharsetDetector.DetectFromBytes(bytes).Detected; }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IndexOutOfRangeException) { return w1252; }
        if (best?.Encoding is not { } enc || best.Confidence < 0.5f) return w1252;
        if (LatinSingleByte.Contains(enc.WebName) || LatinSingleByte.Contains(best.EncodingName ?? "")) return w1252;
        if (enc is UTF8Encoding) return w1252;
        return enc;
    }

    /// <summary>A charset name to an encoding, or null when unknown ("utf8", "latin1", "windows-1252", ...).</summary>
    public static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Trim().Trim('"', '\'').ToLowerInvariant();
        if (n is "utf8" or "utf-8") return Encoding.UTF8;
        // WHATWG: the ISO-8859-1 and ASCII labels mean windows-1252.
        if (n is "iso-8859-1" or "latin1" or "latin-1" or "iso8859-1" or "iso_8859-1" or "us-ascii" or "ascii" or "l1" or "cp1252") return Encoding.GetEncoding(1252);
        // A name .NET knows but will not decode (utf-7) is as unknown as a name it does not know.
        try { return Encoding.GetEncoding(n); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { return null; }
    }

    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        var n = Math.Min(bytes.Length, 4096) & ~1;
        if (n < 8) return null;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        int pairs = n / 2;
        // Latin text in UTF-16: the high byte of nearly every character is zero, the low byte almost never.
        if (oddZero * 10 >= pairs * 7 && evenZero * 20 <= pairs) return Encoding.Unicode;
        if (evenZero * 10 >= pairs * 7 && oddZero * 20 <= pairs) return Encoding.BigEndianUnicode;
        return null;
    }

    private static bool MostlyControl(string s)
    {
        int control = 0;
        foreach (var c in s) if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) control++;
        return control * 20 > s.Length;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) if (b >= 0x80) return false;
        return true;
    }

    private static string Normalize(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
}
