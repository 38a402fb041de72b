using System.CommandLine;
using Tally.Ledger;
using Tally.Web;
using Tally.Web.Api;
using Microsoft.Extensions.Hosting;

namespace Tally.Cli;

/// <summary>tally serve: the HTTP API and the dashboard over a ledger (see Tally.Web).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = LedgerCommands.Db();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated); loopback by default",
            DefaultValueFactory = _ => TallyWebOptions.DefaultUrls,
        };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body accepted (POST /api/documents)", DefaultValueFactory = _ => 10L * 1024 * 1024 };
        var cors = new Option<string[]>("--cors-origin") { Description = "An origin allowed to call the API from a browser (repeatable); none by default", AllowMultipleArgumentsPerToken = false };
        var pool = new Option<int?>("--pool-size") { Description = "Open ledger connections (default: twice the processor count, at least 4)" };
        var cacheSize = new Option<int>("--cache-size") { Description = "Answers of GET /api/claims kept until the ledger changes (0: none)", DefaultValueFactory = _ => 512 };
        var cmd = new Command("serve", "Serve the ledger over HTTP: a JSON API (/api, /openapi/v1.json) and a dashboard. " +
                                       $"POST /api/documents needs the key from configuration (Tally:ApiKey) or {WebSettings.ApiKeyEnvironmentVariable}.");
        foreach (var o in new Option[] { db, urls, maxBody, cors, pool, cacheSize }) cmd.Options.Add(o);
        cmd.SetAction(async (r, cancel) =>
        {
            var err = Console.Error;
            var options = new TallyWebOptions
            {
                Database = r.GetValue(db)!,
                Urls = r.GetValue(urls)!,
                MaxBodyBytes = r.GetValue(maxBody),
                CorsOrigins = r.GetValue(cors) ?? [],
                PoolSize = r.GetValue(pool),
                ResponseCacheSize = r.GetValue(cacheSize),
            };
            if (options.ResponseCacheSize is < 0 or > 100_000) { err.WriteLine("tally: --cache-size must be between 0 and 100000"); return 2; }
            if (options.MaxBodyBytes < 1) { err.WriteLine("tally: --max-body-bytes must be at least 1"); return 2; }
            if (options.PoolSize is < 1 or > 256) { err.WriteLine("tally: --pool-size must be between 1 and 256"); return 2; }
            if (!TallyWebApp.IsLoopbackOnly(options.Urls))
                err.WriteLine($"tally: warning: listening beyond this machine ({options.Urls}); put a TLS reverse proxy in front");
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = TallyWebApp.Build(options); // opens and migrates the ledger
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                err.WriteLine($"tally: cannot open the ledger at {Secrets.Mask(options.Database)}: {Failures.Describe(e, options.Database)}");
                return 2;
            }
            var settings = (WebSettings)app.Services.GetService(typeof(WebSettings))!;
            err.WriteLine($"tally: serving {Secrets.Mask(options.Database)} at {options.Urls}; writes {(settings.ApiKey is null ? $"disabled (no API key: set {WebSettings.ApiKeyEnvironmentVariable})" : "need the X-Api-Key header")}");
            try
            {
                await app.StartAsync(cancel);
                await app.WaitForShutdownAsync(cancel);
            }
            catch (OperationCanceledException) { }
            catch (IOException e)
            {
                err.WriteLine($"tally: cannot listen at {options.Urls}: {Failures.Describe(e)}");
                return 2;
            }
            finally
            {
                await app.DisposeAsync();
            }
            return 0;
        });
        return cmd;
    }
}
