using System.Runtime.CompilerServices;
using Musubi.Registry;

namespace Musubi.Address;

public sealed partial class AddressNormalizer
{
    /// <summary>What matching found: a municipality (and town), a town found alone (global), or only a prefecture.</summary>
    private readonly record struct Outcome(LocalGovernment? Gov, int End, TownMatch? Town, bool Global, LocalGovernment? PrefOnly, int PrefOnlyEnd);

    /// <summary>
    /// Remembers matching outcomes by the part of the folded key that matching looked at (its horizon) and the hint.
    /// Matching is deterministic, so any key that starts with the same characters, and is longer than the horizon
    /// exactly when the remembered one was, has the same outcome; positions are in the folded key, the same for both.
    /// The rows of a file share a few municipalities and towns and differ in the 番地 after them, which matching does
    /// not look at. Direct-mapped, so bounded (a new entry replaces the one in its slot); one per thread, no locks.
    /// </summary>
    private sealed class MatchMemo
    {
        private const int SlotBits = 10;

        /// <summary>Longest horizon remembered (longer ones are rare and would rarely repeat).</summary>
        public const int MaxKey = 127;

        private struct Entry
        {
            public ulong Hash;
            public string? Key;
            public LocalGovernment? Hint;
            public bool Exact;
            public Outcome Outcome;
        }

        private readonly Entry[] _entries = new Entry[1 << SlotBits];

        // The key lengths stored (bit n: length n), so that a lookup probes only those.
        private ulong _lengthsLow, _lengthsHigh;

        // Addresses that do not repeat (a nationwide list) would only pay for lookups and new entries: when few of a
        // window's lookups hit, the memo stands aside for a while, then tries again.
        private const int Window = 4096, MinHits = Window / 16, Pause = 1 << 16;
        private int _lookups, _hits, _paused;

        /// <summary>False while the memo stands aside (see above); the caller then matches without it.</summary>
        public bool Active()
        {
            if (_paused == 0) return true;
            _paused--;
            return false;
        }

        public bool TryGet(ReadOnlySpan<char> f, LocalGovernment? hint, out Outcome outcome)
        {
            if (++_lookups == Window)
            {
                if (_hits < MinHits) _paused = Pause;
                _lookups = _hits = 0;
            }
            var h = Seed(hint);
            var max = Math.Min(f.Length, MaxKey);
            for (var i = 0; i < max; i++)
            {
                h = Step(h, f[i]);
                var len = i + 1;
                if (!HasLength(len)) continue;
                // A key shorter than the text matches only an entry whose text went on past its horizon, and vice versa.
                var exact = len == f.Length;
                var full = Final(h, exact);
                ref var e = ref _entries[Slot(full)];
                if (e.Hash == full && e.Exact == exact && ReferenceEquals(e.Hint, hint) && e.Key is { } key && key.Length == len
                    && f[..len].SequenceEqual(key))
                {
                    outcome = e.Outcome;
                    _hits++;
                    return true;
                }
            }
            outcome = default;
            return false;
        }

        public void Add(ReadOnlySpan<char> f, int horizon, LocalGovernment? hint, Outcome outcome)
        {
            if (horizon <= 0 || horizon > MaxKey) return;
            var h = Seed(hint);
            for (var i = 0; i < horizon; i++) h = Step(h, f[i]);
            var exact = horizon == f.Length;
            var full = Final(h, exact);
            _entries[Slot(full)] = new Entry { Hash = full, Key = f[..horizon].ToString(), Hint = hint, Exact = exact, Outcome = outcome };
            if (horizon < 64) _lengthsLow |= 1UL << horizon;
            else _lengthsHigh |= 1UL << (horizon - 64);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool HasLength(int len) => ((len < 64 ? _lengthsLow >> len : _lengthsHigh >> (len - 64)) & 1) != 0;

        private static ulong Seed(LocalGovernment? hint) =>
            hint is null ? 0x9E3779B97F4A7C15UL : (ulong)(uint)RuntimeHelpers.GetHashCode(hint) * 0xC2B2AE3D27D4EB4FUL + 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Step(ulong h, char c) => (h ^ c) * 0x100000001B3UL + (h >> 29);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Final(ulong h, bool exact)
        {
            if (exact) h ^= 0x5851F42D4C957F2DUL;
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 33;
            return h;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Slot(ulong full) => (int)(full >> (64 - SlotBits));
    }
}
