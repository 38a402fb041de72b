using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tally.Ledger;
using Tally.Tests.Cli;
using Tally.Tests.Ledger;
using Tally.Web;

namespace Tally.Tests.Reliability;

/// <summary>
/// The ledger under pressure, through the real program: two ingests at once, a full disk, an output that cannot be
/// written, a request body that trickles in, a password in the ledger's location. Each ends in the ledger one writer
/// leaves, or in one line that says what happened — never a stack trace, never a password, never lost batches.
/// </summary>
public class LedgerReliabilityTests
{
    private static bool IsStackTrace(string text) => text.Contains("\n   at ", StringComparison.Ordinal) || text.Contains("Unhandled exception", StringComparison.Ordinal);

    /// <summary>Articles as JSON Lines (news-please fields): the texts of <see cref="LedgerSnapshot.Texts"/> at URLs under <paramref name="site"/>.</summary>
    private static string Articles(string site) => string.Join('\n', LedgerSnapshot.Texts.Select((t, i) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["maintext"] = t.Text, ["title"] = "", ["date_publish"] = t.Published + " 08:00:00", ["language"] = "id", ["url"] = $"https://{site}/berita/{i}",
    }))) + "\n";

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Two_tally_ingest_processes_at_once_leave_the_ledger_one_leaves(string backend)
    {
        using var d = new TempDir();
        var a = d.File("a.jsonl", Articles("a.example"));
        var b = d.File("b.jsonl", Articles("b.example"));
        string Expected()
        {
            using var one = new TestLedger(backend);
            foreach (var f in new[] { a, b })
                Assert.Equal(0, CliRunner.Run(["ingest", f, "--db", one.Location, "--batch", "1"]).ExitCode);
            using var store = one.Open();
            return LedgerSnapshot.Of(store);
        }
        var expected = Expected();
        // The same texts under other URLs, and the very same file twice (the same URLs): a fresh ledger each time, both
        // processes started together, one document per batch so that they take turns as often as they can.
        foreach (var (x, y) in new[] { (a, b), (a, a) })
        {
            using var t = new TestLedger(backend);
            using var p1 = Start("ingest", x, "--db", t.Location, "--batch", "1");
            using var p2 = Start("ingest", y, "--db", t.Location, "--batch", "1");
            var outs = new[] { p1, p2 }.Select(p => (Err: p.StandardError.ReadToEndAsync(), Out: p.StandardOutput.ReadToEndAsync())).ToArray();
            Assert.True(p1.WaitForExit(180_000) && p2.WaitForExit(180_000), "an ingest did not finish");
            foreach (var (p, o) in new[] { (p1, outs[0]), (p2, outs[1]) })
            {
                Assert.False(IsStackTrace(o.Err.Result), o.Err.Result);
                Assert.Equal(0, p.ExitCode);
            }
            using var store = t.Open();
            if (x == y) Assert.Equal(LedgerSnapshot.Texts.Count, store.Totals().Documents);
            else Assert.Equal(expected, LedgerSnapshot.Of(store));
            Assert.Equal(LedgerSnapshot.Texts.Count, store.Totals().Documents);
        }
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_tally_ingest_and_the_servers_pool_writing_at_once_leave_the_ledger_one_leaves(string backend)
    {
        // The server writes through its pool of stores (POST /api/documents); a `tally ingest` process writes the same
        // texts under other URLs at the same time.
        using var d = new TempDir();
        var a = d.File("a.jsonl", Articles("a.example"));
        var b = d.File("b.jsonl", Articles("b.example"));
        var served = new Pipeline().Run([b], e => throw new InvalidOperationException(e.ToString())).ToList();
        string expected;
        using (var one = new TestLedger(backend))
        {
            Assert.Equal(0, CliRunner.Run(["ingest", a, "--db", one.Location, "--batch", "1"]).ExitCode);
            using var store = one.Open();
            foreach (var r in served) store.Ingest([r]);
            expected = LedgerSnapshot.Of(store);
        }
        using var t = new TestLedger(backend);
        using var pool = new LedgerPool(t.Location, size: 2);
        using var cli = Start("ingest", a, "--db", t.Location, "--batch", "1");
        var err = cli.StandardError.ReadToEndAsync();
        _ = cli.StandardOutput.ReadToEndAsync();
        Parallel.ForEach(served, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r => pool.Use(s => s.Ingest([r])));
        Assert.True(cli.WaitForExit(180_000), "the ingest did not finish");
        Assert.False(IsStackTrace(err.Result), err.Result);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(expected, pool.Use(LedgerSnapshot.Of));
    }

    [SkippableFact]
    public void Ingest_into_a_full_disk_says_so_in_one_line_and_keeps_the_batches_stored_before()
    {
        // A real full disk: a 1 MB tmpfs, which only root can mount (elsewhere the test is skipped).
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root", "mounting a tmpfs needs root on Linux");
        using var d = new TempDir();
        var mount = Directory.CreateDirectory(Path.Combine(d.Path, "small")).FullName;
        var mounted = Process.Start("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mount]);
        mounted.WaitForExit();
        Skip.If(mounted.ExitCode != 0, "cannot mount a tmpfs here");
        try
        {
            // Sixty documents of sixty figures each: far more than 1 MB of ledger.
            var docs = Directory.CreateDirectory(Path.Combine(d.Path, "docs")).FullName;
            for (int i = 0; i < 60; i++)
                File.WriteAllText(Path.Combine(docs, $"d{i}.txt"), string.Join(' ', Enumerable.Range(0, 30).Select(k =>
                    $"Banjir di Desa Suka{k}x{i} menewaskan {3 + (k * 37 + i * 11) % 900} warga. Sebanyak {3 + (k * 53 + i * 7) % 900} warga mengungsi di Desa Cibe{k}y{i}.")));
            var db = Path.Combine(mount, "ledger.db");
            var r = CliRunner.Run(["ingest", docs, "--db", db, "--lang", "id", "--published", "2024-03-02", "--batch", "5"]);
            Assert.Equal(2, r.ExitCode);
            Assert.False(IsStackTrace(r.Stderr), r.Stderr);
            var line = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("tally: cannot write the ledger", StringComparison.Ordinal));
            Assert.Contains(db, line);
            Assert.Contains("the disk is full", line);
            Assert.Contains("kept what was stored before", line);
            // The batches committed before the disk filled are there, whole.
            var claims = CliRunner.Run(["claims", "--db", db, "--format", "jsonl"]);
            Assert.Equal(0, claims.ExitCode);
            Assert.NotEmpty(claims.Stdout.Trim());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Process.Start("umount", [mount]).WaitForExit();
        }
    }

    [SkippableFact]
    public void Extract_to_a_full_device_says_so_in_one_line()
    {
        Skip.IfNot(File.Exists("/dev/full"), "no /dev/full here");
        using var d = new TempDir();
        var doc = d.File("banjir.txt", "Sebanyak 12 warga tewas dalam banjir di Garut.");
        foreach (var format in new[] { "jsonl", "json" })
        {
            var r = CliRunner.Run(["extract", doc, "--lang", "id", "--format", format, "--out", "/dev/full"]);
            Assert.Equal(2, r.ExitCode);
            Assert.False(IsStackTrace(r.Stderr), r.Stderr);
            var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("tally: cannot write /dev/full: the disk is full", line);
        }
    }

    [Fact]
    public void A_password_in_the_ledger_location_is_never_printed()
    {
        const string password = "Zq8-wrong-Pw";
        // Nothing listens on port 1: every command fails to open the ledger and says so, without the password.
        var locations = new[]
        {
            $"postgres://tally:{password}@127.0.0.1:1/ledger",
            $"postgresql://tally:{Uri.EscapeDataString(password + "@x")}@127.0.0.1:1/ledger",
            $"Host=127.0.0.1;Port=1;Username=tally;Password={password};Database=ledger;Timeout=3",
        };
        foreach (var location in locations)
            foreach (var args in new[] { new[] { "claims", "--db", location }, ["show", "1", "--db", location], ["serve", "--db", location, "--urls", "http://127.0.0.1:0"] })
            {
                var r = CliRunner.Run(args);
                Assert.Equal(2, r.ExitCode);
                var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("cannot open the ledger", StringComparison.Ordinal));
                Assert.DoesNotContain(password, r.Stderr + r.Stdout);
                Assert.DoesNotContain(Uri.EscapeDataString(password), r.Stderr);
                Assert.Contains(Secrets.Masked, line);
                Assert.Contains("127.0.0.1", line); // the rest of the location is still told
            }
        // The same from the environment variable that names the ledger.
        var env = RunWithEnvironment(["claims"], ("TALLY_DB", locations[0]));
        Assert.DoesNotContain(password, env);
        Assert.Contains(Secrets.Masked, env);
    }

    [SkippableFact]
    public async Task Serve_names_its_postgres_ledger_without_the_password()
    {
        Skip.If(TestLedger.PostgresServer is null, "TALLY_TEST_POSTGRES is not set");
        using var t = new TestLedger("postgresql");
        const string password = "Serve-Pw-9f2";
        // The test server trusts local connections, so the password is carried, not checked: what matters is what is printed.
        var location = new NpgsqlConnectionStringBuilder(t.Location) { Password = password }.ConnectionString;
        using var p = Start("serve", "--db", location, "--urls", "http://127.0.0.1:0");
        var err = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); if (e.Data?.Contains("tally: serving") == true) started.TrySetResult(); };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        try
        {
            await Task.WhenAny(started.Task, Task.Delay(60_000));
            lock (err)
            {
                Assert.True(started.Task.IsCompleted, err.ToString());
                Assert.DoesNotContain(password, err.ToString());
                Assert.Contains("Password=" + Secrets.Masked, err.ToString());
            }
        }
        finally
        {
            p.Kill(true);
            p.WaitForExit();
        }
    }

    private static string RunWithEnvironment(string[] args, (string Name, string Value) variable)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment[variable.Name] = variable.Value;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return error + output.Result;
    }

    [Fact]
    public async Task A_request_body_that_trickles_in_is_a_408_logged_as_one_line()
    {
        using var d = new TempDir();
        var logs = new LogCapture();
        var app = TallyWebApp.Build(new TallyWebOptions { Database = Path.Combine(d.Path, "web.db"), Urls = "http://127.0.0.1:0", ApiKey = "test-key" }, b =>
        {
            // Kestrel's floor on how fast a body must arrive, made short for the test (the default grace is 5 s; Kestrel takes no less than 2).
            b.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(100, TimeSpan.FromSeconds(2)));
            b.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = new TcpClient();
            await client.ConnectAsync(address.Host, address.Port);
            var stream = client.GetStream();
            var head = "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: test-key\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "Sebanyak 12 warga"));
            // Then nothing: the server gives up on the body and answers 408.
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int n = await stream.ReadAsync(buffer, timeout.Token);
            var response = Encoding.ASCII.GetString(buffer, 0, n);
            Assert.StartsWith("HTTP/1.1 408", response);
            // Logged once, one line, no exception attached (no stack trace on the console).
            await Task.Delay(200);
            var records = logs.Records;
            var line = Assert.Single(records, r => r.Message.Contains("408", StringComparison.Ordinal));
            Assert.Null(line.Exception);
            Assert.DoesNotContain('\n', line.Message);
            Assert.Contains("/api/documents", line.Message);
            Assert.DoesNotContain(records, r => r.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _records = [];

        public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Records { get { lock (_records) return [.. _records]; } }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                lock (owner._records) owner._records.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
