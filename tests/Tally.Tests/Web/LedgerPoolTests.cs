using Tally.Ledger;
using Tally.Model;
using Tally.Tests.Ledger;

namespace Tally.Tests.Web;

/// <summary>The pool of ledger stores the web server reads through, on both backends.</summary>
public class LedgerPoolTests
{
    private static readonly string[] Texts =
    [
        "Sebanyak 12 prajurit TNI gugur dalam kontak tembak di Kabupaten Nduga, kata juru bicara militer Kolonel Budi Santoso.",
        "Banjir bandang memaksa 3.500 warga mengungsi di Kabupaten Garut, menurut BNPB.",
        "Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai.",
    ];

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public async Task Many_readers_at_once_each_get_a_store_of_their_own_and_the_pool_never_grows_past_its_size(string backend)
    {
        using var t = new TestLedger(backend);
        using (var store = t.Open())
            store.Ingest(Texts.Select((x, i) => LedgerTests.Doc($"d{i}", $"https://example.org/{i}", x, $"2024-03-0{i + 1}")).ToList());
        using var pool = new LedgerPool(t.Location, size: 3);
        Assert.Equal(Migrations.Latest, pool.SchemaVersion);
        var expected = pool.Use(s => s.List(new EntryFilter()).Select(e => e.Id).ToList());
        Assert.Equal(3, expected.Count);
        int inUse = 0, most = 0;
        var tasks = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            for (int k = 0; k < 20; k++)
            {
                using var lease = await pool.RentAsync();
                int now = Interlocked.Increment(ref inUse);
                InterlockedMax(ref most, now);
                Assert.Equal(expected, lease.Store.List(new EntryFilter()).Select(e => e.Id).ToList());
                Assert.Equal(1, lease.Store.CountEntries(new EntryFilter { Category = Category.Displaced }));
                Assert.NotNull(lease.Store.Get(expected[i % 3]));
                Interlocked.Decrement(ref inUse);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        Assert.InRange(most, 1, 3);
        Assert.InRange(pool.Open, 1, 3);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_discarded_store_is_replaced_and_the_read_only_helpers_agree_with_List(string backend)
    {
        using var t = new TestLedger(backend);
        using var pool = new LedgerPool(t.Location, size: 2);
        var docs = Texts.Select((x, i) => LedgerTests.Doc($"d{i}", null, x, "2024-03-01")).ToList();
        pool.Use(s => s.Ingest(docs));
        using (var lease = pool.Rent())
        {
            lease.Discard();
            Assert.Equal(3, lease.Store.CountEntries(new EntryFilter()));
        }
        Assert.Throws<InvalidOperationException>(() => pool.Use<int>(_ => throw new InvalidOperationException("boom")));
        Assert.Equal(0, pool.Open);
        foreach (var f in new[] { new EntryFilter(), new EntryFilter { Who = "ID" }, new EntryFilter { Search = "Garut" }, new EntryFilter { Category = Category.Killed, Limit = 1 } })
            pool.Use(s =>
            {
                Assert.Equal(s.List(f with { Limit = int.MaxValue, Offset = 0 }).Count, s.CountEntries(f));
                return 0;
            });
        pool.Use(s =>
        {
            var row = s.FindDocumentByText(docs[1].Document.Text);
            Assert.NotNull(row);
            Assert.Equal("d1", s.GetDocument(row!.Value)!.Value.Document.Id);
            Assert.Null(s.FindDocumentByText("not stored"));
            return 0;
        });
        Assert.Equal(1, pool.Open);
    }

    [Fact]
    public async Task A_pool_waits_for_a_store_to_come_back()
    {
        using var dir = new Tally.Tests.Cli.TempDir();
        using var pool = new LedgerPool(Path.Combine(dir.Path, "p.db"), size: 1);
        var lease = pool.Rent();
        var waiting = Task.Run(() => { using var l = pool.Rent(); return l.Store.SchemaVersion; });
        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(200)));
        lease.Dispose();
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(5000)));
        using var cts = new CancellationTokenSource(100);
        using (pool.Rent())
            Assert.ThrowsAny<OperationCanceledException>(() => pool.Rent(cts.Token));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
