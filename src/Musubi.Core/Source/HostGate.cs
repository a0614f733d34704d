using System.Collections.Concurrent;

namespace Musubi.Source;

/// <summary>
/// Per-host politeness: at most N requests in flight to one host and a minimum interval between the starts of two
/// requests to it. Keyed by host name and port (the URL's authority), so two sites on one address are two hosts.
/// </summary>
internal sealed class HostGates(int maxConcurrent, TimeSpan minInterval, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a slot on <paramref name="url"/>'s host; dispose the returned lease when the response body is read.</summary>
    public async ValueTask<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(url.Authority, _ => new Gate(Math.Max(1, maxConcurrent)));
        await gate.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (minInterval > TimeSpan.Zero)
            {
                // Reserve a start only when it is due: a start planned ahead and reached late (a busy machine) would
                // otherwise leave less than the interval before the next one.
                while (true)
                {
                    TimeSpan wait;
                    lock (gate)
                    {
                        var now = time.GetTimestamp();
                        var earliest = gate.NextStart;
                        wait = earliest > now ? time.GetElapsedTime(now, earliest) : TimeSpan.Zero;
                        if (wait == TimeSpan.Zero) gate.NextStart = now + (long)(minInterval.TotalSeconds * time.TimestampFrequency);
                    }
                    if (wait == TimeSpan.Zero) break;
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
            return new Lease(gate);
        }
        catch
        {
            gate.Slots.Release();
            throw;
        }
    }

    private sealed class Gate(int slots)
    {
        public readonly SemaphoreSlim Slots = new(slots, slots);
        public long NextStart;
    }

    private sealed class Lease(Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Slots.Release();
        }
    }
}
