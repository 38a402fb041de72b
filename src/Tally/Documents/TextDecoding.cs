namespace Tally.Documents;

/// <summary>Bytes to text (see <see cref="EncodingDetector"/>), and a refusal for binary data.</summary>
public static class TextDecoding
{
    public static bool TryDecode(byte[] bytes, out string text, out string why)
    {
        text = "";
        if (!EncodingDetector.TryDecode(bytes, null, out var decoded, out why)) return false;
        text = decoded!.Text;
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
}
