using System.Text;
using BenchmarkDotNet.Attributes;
using Musubi.Address;

namespace Musubi.Bench;

/// <summary>
/// Micro-benchmark of the address normalizer on 10,000 noisy addresses, against an NFKC-only baseline.
/// Needs the towns imported in $MUSUBI_DATA (see scripts/bench/address.sh).
/// </summary>
[MemoryDiagnoser]
public class AddressBenchmarks
{
    private AddressNormalizer _normalizer = null!;
    private string[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _normalizer = BenchPlatform.Normalizer(BenchPlatform.DataDirectory(null));
        if (_normalizer.Towns.Count == 0) throw new InvalidOperationException("no towns imported in $MUSUBI_DATA: run scripts/bench/address.sh first");
        _batch = AddressThroughput.Batch(_normalizer, 10_000, 7);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000)]
    public long NfkcOnly()
    {
        long n = 0;
        foreach (var a in _batch) n += a.Normalize(NormalizationForm.FormKC).Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public long Normalize()
    {
        long n = 0;
        foreach (var a in _batch) n += _normalizer.Normalize(a).Level;
        return n;
    }
}
