using System.Runtime.CompilerServices;

namespace Tally.Text;

/// <summary>
/// A case-insensitive hash of a word, computed once per token by the tokenizer (<see cref="Token.Hash"/>) so that every
/// lexicon and gazetteer lookup of the token reuses it instead of hashing the text again.
/// </summary>
public static class FoldedHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);

    /// <summary>Rotate-and-xor over the folded characters (one cheap step per character), then one multiplicative mix.</summary>
    public static int Of(ReadOnlySpan<char> s)
    {
        uint h = (uint)s.Length;
        foreach (var c in s) h = System.Numerics.BitOperations.RotateLeft(h, 7) ^ Fold(c);
        h *= 0x9E3779B1;
        return (int)(h ^ (h >> 15));
    }

    public static bool EqualsFolded(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i] && Fold(a[i]) != Fold(b[i])) return false;
        return true;
    }
}

/// <summary>
/// A map from words to values, case-insensitive, looked up by a span and its <see cref="FoldedHash"/> (no string is
/// made and nothing is hashed twice). Adding is for building; lookups never allocate.
/// </summary>
public sealed class FoldedMap<T> where T : class
{
    private struct Entry
    {
        public int Hash;
        public int Next; // index + 1 of the next entry in the bucket; 0 ends it
        public string Key;
        public T Value;
    }

    private int[] _buckets = new int[4];
    private Entry[] _entries = new Entry[4];
    private int _count;

    public int Count => _count;

    public bool TryGetValue(ReadOnlySpan<char> key, int hash, out T value)
    {
        var entries = _entries;
        for (int i = _buckets[hash & (_buckets.Length - 1)]; i != 0; i = entries[i - 1].Next)
        {
            ref var e = ref entries[i - 1];
            if (e.Hash == hash && FoldedHash.EqualsFolded(e.Key, key)) { value = e.Value; return true; }
        }
        value = null!;
        return false;
    }

    public bool TryGetValue(ReadOnlySpan<char> key, out T value) => TryGetValue(key, FoldedHash.Of(key), out value);

    public T GetOrAdd(string key, Func<T> create)
    {
        int hash = FoldedHash.Of(key);
        if (TryGetValue(key, hash, out var found)) return found;
        if (_count == _entries.Length) Grow();
        var value = create();
        ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[_count] = new Entry { Hash = hash, Next = bucket, Key = key, Value = value };
        bucket = ++_count;
        return value;
    }

    private void Grow()
    {
        int size = _entries.Length * 2;
        Array.Resize(ref _entries, size);
        _buckets = new int[size];
        for (int i = 0; i < _count; i++)
        {
            ref int bucket = ref _buckets[_entries[i].Hash & (size - 1)];
            _entries[i].Next = bucket;
            bucket = i + 1;
        }
    }
}
