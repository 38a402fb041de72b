using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tally.Tests.Cli;
using Tally.Web;
using Tally.Web.Pages;

namespace Tally.Tests.Web;

/// <summary>`tally serve` through the real program, and the small pure pieces of the web app.</summary>
public class ServeCommandTests
{
    [Fact]
    public async Task Tally_serve_listens_on_loopback_and_answers()
    {
        using var d = new TempDir();
        var db = Path.Combine(d.Path, "serve.db");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { CliRunner.Dll, "serve", "--db", db, "--urls", "http://127.0.0.1:0" }) psi.ArgumentList.Add(a);
        psi.Environment["TALLY_API_KEY"] = "";
        using var p = Process.Start(psi)!;
        try
        {
            var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = new System.Text.StringBuilder();
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && Regex.Match(line, @"Now listening on: (http://127\.0\.0\.1:\d+)") is { Success: true } m) address.TrySetResult(m.Groups[1].Value);
            };
            p.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            var done = await Task.WhenAny(address.Task, Task.Delay(60_000));
            Assert.True(done == address.Task, "the server did not say where it listens: " + stderr);
            var url = await address.Task;
            using var http = new HttpClient();
            var health = JsonDocument.Parse(await http.GetStringAsync(url + "/healthz")).RootElement;
            Assert.Equal("sqlite", health.GetProperty("database").GetString());
            Assert.Contains("<h1>Claims</h1>", await http.GetStringAsync(url + "/"));
            lock (stderr) Assert.Contains("writes disabled", stderr.ToString());
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void A_bad_ledger_location_is_one_line_and_exit_code_2()
    {
        using var d = new TempDir();
        var r = CliRunner.Run(["serve", "--db", Path.Combine(d.Path, "no", "such", "dir", "x.db"), "--urls", "http://127.0.0.1:0"], timeoutMs: 60_000);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot open the ledger", r.Stderr);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080;http://127.0.0.2:81", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.2:80", false)]
    public void Loopback_addresses_are_told_apart(string urls, bool loopback) => Assert.Equal(loopback, TallyWebApp.IsLoopbackOnly(urls));

    [Theory]
    [InlineData("https://example.org/a?b=1", "https://example.org/a?b=1")]
    [InlineData("http://example.org", "http://example.org/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData(" JavaScript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("/relative", null)]
    [InlineData("ftp://example.org/x", null)]
    [InlineData(null, null)]
    public void Only_http_and_https_links_are_made(string? url, string? href) => Assert.Equal(href, Html.SafeHref(url));

    [Fact]
    public void Highlights_are_found_by_whole_words_do_not_overlap_and_encode_everything()
    {
        const string text = "Intro.\nSekitar 600 tentara Korea Utara tewas di Kursk <b>pada</b> Januari, kata NIS.\nAfter.";
        int start = text.IndexOf("Sekitar", StringComparison.Ordinal), end = text.IndexOf("NIS.", StringComparison.Ordinal) + 4;
        var spans = Highlighter.Find(text, start, end,
        [
            (Highlighter.Kind.Count, "sekitar 600"), (Highlighter.Kind.Source, "NIS"), (Highlighter.Kind.Who, "tentara Korea Utara"),
            (Highlighter.Kind.Where, "Korea"), (Highlighter.Kind.Where, "Kursk"), (Highlighter.Kind.When, "Januari"), (Highlighter.Kind.Who, "ara"),
        ]);
        Assert.Equal(["Sekitar 600", "tentara Korea Utara", "Kursk", "Januari", "NIS"], spans.Select(s => text[s.Start..s.End]).ToArray());
        var h = new Html();
        Highlighter.Write(h, text, start, end, spans);
        var html = h.ToString();
        Assert.Contains("&lt;b&gt;pada&lt;/b&gt;", html);
        Assert.Contains("<mark class=\"hl hl-count\"><span class=\"visually-hidden\">count: </span>Sekitar 600</mark>", html);
        var p = Highlighter.Paragraph(text, start, end);
        Assert.Equal(text.IndexOf('\n') + 1, p.Start);
        Assert.Equal(text.LastIndexOf('\n'), p.End);
    }
}
