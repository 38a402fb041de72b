using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Tally.Web.Pages;

/// <summary>The dashboard's own files (wwwroot/, embedded in this assembly), served under /static/ with an ETag.</summary>
internal static class StaticAssets
{
    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    private static readonly Dictionary<string, Asset> Assets = Load();

    private static Dictionary<string, Asset> Load()
    {
        var asm = typeof(StaticAssets).Assembly;
        var map = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            var bytes = ms.ToArray();
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                ".txt" => "text/plain; charset=utf-8",
                _ => "application/octet-stream",
            };
            map[name["wwwroot/".Length..]] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }
        return map;
    }

    /// <summary>The text of one of the files (e.g. the land outlines under the map).</summary>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Assets[name].Bytes);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/static/{*path}", (string path, HttpContext http) =>
        {
            if (!Assets.TryGetValue(path, out var a)) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            http.Response.Headers.ETag = a.ETag;
            if (http.Request.Headers.IfNoneMatch.Contains(a.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(a.Bytes, a.ContentType);
        }).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => Results.Redirect("/static/favicon.svg", permanent: true)).ExcludeFromDescription();
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /\n", "text/plain")).ExcludeFromDescription();
    }
}
