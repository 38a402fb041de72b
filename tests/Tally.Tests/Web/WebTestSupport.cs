using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tally.Ledger;
using Tally.Tests.Cli;
using Tally.Web;

namespace Tally.Tests.Web;

/// <summary>
/// The dev set (../shared/eval/dev/docs) ingested once per test run into an SQLite ledger; each test works on a copy of
/// that file, so that writes in one test are not seen by another.
/// </summary>
public static class DevLedger
{
    public static string Docs => Path.Combine(RepoPaths.Shared!, "eval", "dev", "docs");

    private static readonly Lazy<string> Template = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tally-web-dev-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "dev.db");
        using (var store = LedgerStore.Open(path))
        {
            var summary = new Ingestor(new Pipeline(), store).Run([Docs], _ => { });
            if (summary.Stored == 0) throw new InvalidOperationException("the dev set stored no document");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // closes the pooled connections: the WAL is folded in
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        return path;
    }

    /// <summary>A fresh copy of the dev ledger inside <paramref name="dir"/>.</summary>
    public static string Copy(TempDir dir)
    {
        var source = Template.Value;
        var target = Path.Combine(dir.Path, "dev.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(source + suffix)) File.Copy(source + suffix, target + suffix, overwrite: true);
        return target;
    }
}

/// <summary>
/// The web app under WebApplicationFactory: the real app from <see cref="TallyWebApp.Build"/>, hosted on a TestServer.
/// The app is built by a library method rather than a Program, so the factory is handed the host it starts; its type
/// argument is this test assembly (which has the entry point and the deps file the factory looks for).
/// </summary>
public sealed class TallyWebFactory(TallyWebOptions options) : WebApplicationFactory<TallyWebFactory>
{
    public TallyWebOptions Options { get; } = options;

    protected override IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var app = TallyWebApp.Build(Options, b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
        });
        app.Start();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>The web app on a real loopback port (for the browser tests and anything that needs a socket).</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, string address) { _app = app; Address = address; }

    public string Address { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<LiveServer> StartAsync(TallyWebOptions options)
    {
        var app = TallyWebApp.Build(options with { Urls = "http://127.0.0.1:0" }, b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>An article whose text, title and URL carry script payloads (news-please JSON).</summary>
public static class HostileArticle
{
    public const string Json = """
        {"id":"xss-1","url":"javascript:alert(document.domain)","source_domain":"<svg onload=window.__pwned=5>",
         "title":"<img src=x onerror=\"window.__pwned=1\"> Serangan <script>window.__pwned=2</script>",
         "date_publish":"2024-05-02 10:00:00","language":"id",
         "maintext":"Sedikitnya 12 warga <script>window.__pwned=3</script> tewas dalam serangan di Kabupaten Nduga pada Selasa (30/4), kata juru bicara <img src=x onerror=window.__pwned=4> Kolonel Budi.\n\nSebanyak 30 warga mengungsi ke Wamena <a href=\"javascript:alert(1)\">klik</a>, menurut BNPB \"><iframe src=javascript:alert(2)>."}
        """;
}
