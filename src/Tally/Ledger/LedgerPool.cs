namespace Tally.Ledger;

/// <summary>
/// A fixed number of open <see cref="LedgerStore"/>s over one database, for code that serves many requests at once (the
/// web server). A <see cref="LedgerStore"/> holds one connection and its prepared statements and is not thread-safe; the
/// pool hands each caller a store of its own for the length of one piece of work and takes it back after.
/// <list type="bullet">
/// <item>The database is opened, and migrated, once, when the pool is made; the other connections are opened on first
/// need without migrating, and are checked to be at the same schema version.</item>
/// <item>At most <see cref="Size"/> stores exist; a caller beyond that waits for one to come back.</item>
/// <item>A store whose work failed with an exception can be discarded (<see cref="Lease.Discard"/>) instead of returned:
/// its connection is closed and a new one is opened on next need.</item>
/// <item>Writes are not serialised by the pool but by the database: every write transaction takes the ledger's write
/// lock first (SQLite's own; a PostgreSQL advisory lock), so concurrent ingests — from this pool or another process —
/// take turns batch by batch.</item>
/// </list>
/// </summary>
public sealed class LedgerPool : IDisposable
{
    private readonly string _location;
    private readonly MergeOptions? _merge;
    private readonly Stack<LedgerStore> _idle = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    /// <param name="location">An SQLite path or a PostgreSQL connection string (as for <see cref="LedgerStore.Open"/>).</param>
    /// <param name="size">The most stores open at once (default: twice the processor count, at least 4).</param>
    public LedgerPool(string location, int? size = null, MergeOptions? merge = null)
    {
        if (size is < 1) throw new ArgumentOutOfRangeException(nameof(size), "a pool holds at least one store");
        _location = location;
        _merge = merge;
        Size = size ?? Math.Max(4, Environment.ProcessorCount * 2);
        _slots = new SemaphoreSlim(Size, Size);
        var first = LedgerStore.Open(location, merge); // creates or migrates the database, once
        Dialect = first.Dialect;
        SchemaVersion = first.SchemaVersion;
        _idle.Push(first);
    }

    public int Size { get; }
    public SqlDialect Dialect { get; }
    public int SchemaVersion { get; }

    /// <summary>Stores open now (idle or rented).</summary>
    public int Open { get; private set; } = 1;

    /// <summary>Takes a store, waiting while all <see cref="Size"/> are in use.</summary>
    public Lease Rent(CancellationToken cancel = default)
    {
        _slots.Wait(cancel);
        return Take();
    }

    /// <summary>Takes a store, waiting asynchronously while all <see cref="Size"/> are in use.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken cancel = default)
    {
        await _slots.WaitAsync(cancel).ConfigureAwait(false);
        return Take();
    }

    /// <summary>Runs <paramref name="work"/> with a store of its own; a store whose work threw is discarded.</summary>
    public T Use<T>(Func<LedgerStore, T> work)
    {
        using var lease = Rent();
        try { return work(lease.Store); }
        catch { lease.Discard(); throw; }
    }

    /// <summary>As <see cref="Use{T}"/>, waiting asynchronously for a store (web requests).</summary>
    public async ValueTask<T> UseAsync<T>(Func<LedgerStore, T> work, CancellationToken cancel = default)
    {
        using var lease = await RentAsync(cancel).ConfigureAwait(false);
        try { return work(lease.Store); }
        catch { lease.Discard(); throw; }
    }

    private Lease Take()
    {
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_idle.TryPop(out var idle)) return new Lease(this, idle);
                Open++;
            }
            try { return new Lease(this, LedgerStore.Attach(_location, _merge)); }
            catch
            {
                lock (_lock) Open--;
                throw;
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(LedgerStore store, bool discard)
    {
        bool close = discard;
        lock (_lock)
        {
            if (_disposed) close = true;
            if (close) Open--;
            else _idle.Push(store);
        }
        if (close) store.Dispose();
        _slots.Release();
    }

    /// <summary>Closes the idle stores; stores still rented are closed when they come back.</summary>
    public void Dispose()
    {
        List<LedgerStore> idle;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
            Open -= idle.Count;
        }
        foreach (var s in idle) s.Dispose();
    }

    /// <summary>One store on loan: dispose to give it back.</summary>
    public sealed class Lease : IDisposable
    {
        private LedgerPool? _pool;
        private bool _discard;

        internal Lease(LedgerPool pool, LedgerStore store) { _pool = pool; Store = store; }

        public LedgerStore Store { get; }

        /// <summary>Close this store instead of returning it (after a failure that may have left its connection unusable).</summary>
        public void Discard() => _discard = true;

        public void Dispose()
        {
            var pool = Interlocked.Exchange(ref _pool, null);
            pool?.Return(Store, _discard);
        }
    }
}
