using System.Net;
using System.Text.Json;
using Tally.Ledger;
using Tally.Testing;
using Tally.Tests.Cli;
using Tally.Web;

namespace Tally.Tests.Web;

/// <summary>
/// The claims query is defined once (<see cref="ClaimQuery"/>): GET /api/claims, the dashboard and <c>tally claims</c>
/// take the same parameters and refuse the same bad values with the same words, and the OpenAPI document lists them.
/// </summary>
public class ClaimQuerySchemaTests
{
    private static readonly string Long = new('x', 201);

    /// <summary>One bad value for every filter and for sorting, by parameter.</summary>
    private static readonly (QueryParameter Parameter, string Value)[] Bad =
    [
        (ClaimQuery.QParameter, Long), (ClaimQuery.CategoryParameter, "eaten"), (ClaimQuery.WhoParameter, "Indonesia"),
        (ClaimQuery.RoleParameter, "kings"), (ClaimQuery.PlaceParameter, Long), (ClaimQuery.CountryParameter, "1D"),
        (ClaimQuery.SourceParameter, Long), (ClaimQuery.SourceKindParameter, "oracle"), (ClaimQuery.SinceParameter, "2020-13-01"),
        (ClaimQuery.UntilParameter, "yesterday"), (ClaimQuery.SortParameter, "name"),
    ];

    [Fact]
    public async Task The_API_the_dashboard_and_the_CLI_refuse_the_same_values_with_the_same_messages()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "tally.db");
        using (LedgerStore.Open(db)) { }
        var expected = new Dictionary<string, string[]>();
        Assert.False(ClaimQuery.Read(n => Bad.FirstOrDefault(b => b.Parameter.Name == n).Value, expected).TryFilter(500, out _, expected));
        Assert.Equal(Bad.Select(b => b.Parameter.Name).Order(), expected.Keys.Order());

        using var factory = new TallyWebFactory(new TallyWebOptions { Database = db });
        using var client = factory.CreateClient();
        var query = string.Join("&", Bad.Select(b => $"{b.Parameter.Name}={Uri.EscapeDataString(b.Value)}"));
        var api = await client.GetAsync("/api/claims?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var (name, messages) in expected)
            Assert.Equal(messages, errors.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToArray());

        var page = await client.GetAsync("/?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        foreach (var (name, messages) in expected) Assert.Contains($"{name}: {string.Join("; ", messages)}", html);

        var cli = CliRunner.Run(["claims", "--db", db, .. Bad.SelectMany(b => new[] { b.Parameter.Option, b.Value })]);
        Assert.Equal(2, cli.ExitCode);
        foreach (var (name, messages) in expected)
            Assert.Contains($"tally: {ClaimQuery.Parameters.Single(p => p.Name == name).Option}: {string.Join("; ", messages)}", cli.Stderr);
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_a_bad_request_and_the_OpenAPI_document_lists_every_parameter_with_its_type()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "tally.db");
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = db });
        using var client = factory.CreateClient();
        foreach (var q in new[] { "limit=abc", "offset=1.5", "citations=maybe" })
        {
            var r = await client.GetAsync("/api/claims?" + q);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/claims?limit=5&offset=0&citations=true")).StatusCode);

        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var parameters = doc.GetProperty("paths").GetProperty("/api/claims").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(ClaimQuery.Parameters.Count, parameters.Count);
        foreach (var p in ClaimQuery.Parameters)
            Assert.Equal(p.Type switch { QueryValueType.Integer => "integer", QueryValueType.Boolean => "boolean", _ => "string" }, parameters[p.Name]);
    }
}
