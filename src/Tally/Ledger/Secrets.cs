using System.Text.RegularExpressions;
using Npgsql;

namespace Tally.Ledger;

/// <summary>
/// Keeps database passwords out of what Tally prints and logs: every ledger location or message that may hold a
/// connection string or a postgres:// URL goes through <see cref="Mask"/> before it is shown.
/// </summary>
public static partial class Secrets
{
    public const string Masked = "***";

    /// <summary>
    /// <paramref name="text"/> with every password masked: the password of a postgres:// or postgresql:// URL
    /// (user:PASSWORD@host), the value of a Password= or Pwd= key of a connection string, and — when the ledger's
    /// <paramref name="location"/> is given — the literal password it holds wherever the text repeats it (an error message
    /// that quotes it).
    /// </summary>
    public static string Mask(string text, string? location = null)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var masked = UrlPassword().Replace(text, m => m.Groups["head"].Value + Masked + "@");
        masked = KeyPassword().Replace(masked, m => m.Groups["key"].Value + "=" + Masked);
        if (location is not null && PasswordOf(location) is { Length: >= 3 } password)
            masked = masked.Replace(password, Masked, StringComparison.Ordinal);
        return masked;
    }

    /// <summary>The password a ledger location holds, if it is a PostgreSQL one with a password.</summary>
    private static string? PasswordOf(string location)
    {
        var l = location.Trim();
        try
        {
            if (l.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || l.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                var at = UrlPassword().Match(l);
                return at.Success ? Uri.UnescapeDataString(at.Groups["password"].Value) is { Length: > 0 } p ? p : null : null;
            }
            if (l.Contains('='))
                return new NpgsqlConnectionStringBuilder(l).Password is { Length: > 0 } p ? p : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException) { }
        return null;
    }

    // user:password@ after the scheme; the password runs to the last @ before the host (a password may hold an @).
    [GeneratedRegex(@"(?<head>postgres(?:ql)?://[^:/@\s]*:)(?<password>[^\s/]*)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    // Password=... or Pwd=... up to the next ';' (or a quoted value).
    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyPassword();
}
