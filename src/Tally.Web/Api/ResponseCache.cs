using System.Collections.Concurrent;

namespace Tally.Web.Api;

/// <summary>
/// Serialized answers by request (path and query), each tagged with the ledger's change mark when it was made: an answer
/// is served again only while the ledger has not changed since (any process's ingest moves the mark). Bounded: when full it
/// starts again empty. Size 0 keeps nothing.
/// </summary>
internal sealed class ResponseCache(int size)
{
    private sealed record Item((long, long) Mark, byte[] Body, string ETag);

    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);

    public bool Enabled => size > 0;

    public bool TryGet(string key, (long, long) mark, out byte[] body, out string etag)
    {
        if (Enabled && _items.TryGetValue(key, out var item) && item.Mark == mark)
        {
            body = item.Body;
            etag = item.ETag;
            return true;
        }
        body = [];
        etag = "";
        return false;
    }

    public string ETag((long, long) mark, string key) =>
        $"W/\"{mark.Item1:x}-{mark.Item2:x}-{(uint)StringComparer.Ordinal.GetHashCode(key):x}\"";

    public void Put(string key, (long, long) mark, byte[] body, string etag)
    {
        if (!Enabled) return;
        if (_items.Count >= size) _items.Clear();
        _items[key] = new Item(mark, body, etag);
    }
}
