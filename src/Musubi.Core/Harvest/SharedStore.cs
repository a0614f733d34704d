using System.Collections.Concurrent;
using Musubi.Catalog;

namespace Musubi.Harvest;

/// <summary>
/// The store connections that the jobs of one harvest (or one worker) share. SQLite has one writer per file, so its jobs
/// share one connection, taken in turn (no "database is locked" between our own jobs, no connection per job); PostgreSQL
/// gets up to <see cref="ICatalogStores.Writers"/> connections. Item outcomes that write no data (unchanged) are queued
/// and saved in batches of one transaction: losing a queued outcome in a crash only means the item is checked again.
/// </summary>
internal sealed class SharedStore : IDisposable
{
    /// <summary>Queued item outcomes saved in one transaction.</summary>
    public const int BatchSize = 256;

    private readonly ICatalogStores _stores;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<ICatalogStore> _idle = [];
    private readonly ConcurrentBag<ICatalogStore> _opened = [];
    private readonly Lock _pendingLock = new();

    // Held over a whole flush: a job that finishes flushes and then counts its items, so it must wait for a batch that
    // another connection took (possibly holding this job's outcomes) to commit (PostgreSQL; SQLite has one connection).
    private readonly Lock _flushLock = new();
    private List<(HarvestItem Item, string Owner)> _pending = [];

    public SharedStore(ICatalogStores stores, int jobs)
    {
        _stores = stores;
        var n = Math.Clamp(stores.Writers, 1, Math.Max(1, jobs));
        _slots = new SemaphoreSlim(n, n);
    }

    /// <summary>Runs <paramref name="work"/> on a connection nobody else uses meanwhile.</summary>
    public async Task<T> RunAsync<T>(Func<ICatalogStore, T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_idle.TryTake(out var store))
            {
                store = _stores.OpenForWrite();
                _opened.Add(store);
            }
            try
            {
                return work(store);
            }
            finally
            {
                _idle.Add(store);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Queues an item outcome of <paramref name="owner"/>'s job; true when a batch is full (the caller then flushes).</summary>
    public bool Queue(HarvestItem item, string owner)
    {
        lock (_pendingLock)
        {
            _pending.Add((item, owner));
            return _pending.Count >= BatchSize;
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => RunAsync(s =>
    {
        Flush(s);
        return 0;
    }, cancellationToken);

    /// <summary>
    /// Saves every queued outcome in one transaction (call inside <see cref="RunAsync{T}"/>), each only while its job is
    /// still its owner's: the outcome of a job taken over by another worker meanwhile is dropped (the new owner checks the item).
    /// </summary>
    public void Flush(ICatalogStore store)
    {
        lock (_flushLock)
        {
            List<(HarvestItem Item, string Owner)> batch;
            lock (_pendingLock)
            {
                if (_pending.Count == 0) return;
                batch = _pending;
                _pending = [];
            }
            store.InTransaction(() =>
            {
                foreach (var (item, owner) in batch) store.SaveJobItem(item, owner);
                return 0;
            });
        }
    }

    public void Dispose()
    {
        foreach (var s in _opened) s.Dispose();
        _slots.Dispose();
    }
}
