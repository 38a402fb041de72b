using System.Collections.Concurrent;

namespace Tally.Web.Api;

/// <summary>
/// Serialized answers by request (path and query), each tagged with the ledger's change mark when it was made: an answer
/// is served again only while the ledger has not changed since (any process's ingest moves the mark). Bounded in answers
/// and in bytes (pages of 500 entries with citations weigh megabytes): when full it starts again empty. Size 0 keeps nothing.
/// </summary>
internal sealed class ResponseCache(int size, long maxBytes = long.MaxValue)
{
    private sealed record Item((long, long) Mark, byte[] Body, string ETag);

    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);
    private long _bytes;

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
        if (!Enabled || body.Length > maxBytes / 4) return;
        if (_items.Count >= size || Interlocked.Read(ref _bytes) + body.Length > maxBytes)
        {
            _items.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
        // (The count of bytes is approximate under concurrent writers: a replaced answer's bytes stay counted until the next clear.)
        _items[key] = new Item(mark, body, etag);
        Interlocked.Add(ref _bytes, body.Length);
    }
}
