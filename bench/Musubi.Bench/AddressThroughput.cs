using System.Diagnostics;
using System.Globalization;
using System.Text;
using Musubi.Address;
using Musubi.Chars;
using Musubi.Registry;

namespace Musubi.Bench;

/// <summary>
/// Whole-process throughput: builds a batch of addresses from the imported towns (with noise), then measures
/// a baseline pass (NFKC only), single-threaded normalization and all-cores normalization.
/// Usage: Musubi.Bench address-throughput [--data DIR] [--count N] [--import PATH] [--no-towns]
/// (--no-towns: the same batch, normalized without the town list, i.e. down to municipality level.)
/// </summary>
public static class AddressThroughput
{
    public static int Run(string[] args)
    {
        string? data = null;
        string? import = null;
        var count = 1_000_000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--data") data = args[++i];
            else if (args[i] == "--count") count = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--import") import = args[++i];
        }
        var dataDir = BenchPlatform.DataDirectory(data);
        if (import is not null)
        {
            var sw0 = Stopwatch.StartNew();
            var (records, format) = TownImporter.Read(import, LocalGovernmentRegistry.Default);
            using var store = BenchPlatform.Stores(dataDir).OpenForWrite();
            store.ReplaceCities(records, import, format);
            Console.WriteLine($"imported {records.Count} town records in {sw0.Elapsed.TotalSeconds:F1} s");
        }
        var swRead = Stopwatch.StartNew();
        using (var store = BenchPlatform.Stores(dataDir).OpenForRead())
            Console.WriteLine($"read {store?.ReadAll().Count() ?? 0} stored records in {swRead.Elapsed.TotalSeconds:F2} s");
        var swLoad = Stopwatch.StartNew();
        var normalizer = BenchPlatform.Normalizer(dataDir);
        Console.WriteLine($"loaded {normalizer.Towns.Count} towns of {normalizer.Towns.CityCount} municipalities in {swLoad.Elapsed.TotalSeconds:F2} s");
        if (normalizer.Towns.Count == 0) { Console.Error.WriteLine("no towns imported: pass --import <geolonia api/ja folder>"); return 2; }

        var batch = Batch(normalizer, count, 42);
        if (args.Contains("--no-towns"))
        {
            normalizer = new AddressNormalizer(normalizer.Governments, TownRegistry.Empty);
            Console.WriteLine("normalizing without the town list");
        }
        Console.WriteLine($"batch: {batch.Length:N0} addresses, e.g. {batch[0]} | {batch[1]} | {batch[2]}");

        // Warm-up.
        for (var i = 0; i < 20_000; i++) normalizer.Normalize(batch[i % batch.Length]);

        var baseline = Measure(() => { long n = 0; foreach (var a in batch) n += a.Normalize(NormalizationForm.FormKC).Length; return n; }, out var baselineCpu);
        var single = Measure(() => { long n = 0; foreach (var a in batch) n += normalizer.Normalize(a).Level; return n; }, out var singleCpu);
        var parallel = Measure(() =>
        {
            long n = 0;
            Parallel.For(0, Environment.ProcessorCount, () => 0L, (w, _, acc) =>
            {
                var p = Environment.ProcessorCount;
                for (var i = w; i < batch.Length; i += p) acc += normalizer.Normalize(batch[i]).Level;
                return acc;
            }, acc => Interlocked.Add(ref n, acc));
            return n;
        }, out var parallelCpu);
        if (args.Contains("--breakdown"))
        {
            var clean = Measure(() => { long n = 0; foreach (var a in batch) n += JapaneseText.Clean(a).Length; return n; }, out var cleanCpu);
            var f = new char[8192];
            var m = new int[8193];
            var fold = Measure(() => { long n = 0; foreach (var a in batch) { var c = JapaneseText.Clean(a); n += JapaneseText.Fold(c, f, m); } return n; }, out var foldCpu);
            Console.WriteLine($"clean only: {batch.Length / cleanCpu:N0} per CPU-second; clean+fold: {batch.Length / foldCpu:N0} per CPU-second");
        }
        var levels = new int[4];
        foreach (var a in batch) levels[normalizer.Normalize(a).Level]++;
        Console.WriteLine($"levels: 0={levels[0]} 1={levels[1]} 2={levels[2]} 3={levels[3]} (town level {100.0 * levels[3] / batch.Length:F2}%)");
        Console.WriteLine($"load average (1 min): {LoadAverage()}");
        Console.WriteLine($"baseline (NFKC only), 1 thread: {batch.Length / baseline:N0} addresses/s wall, {batch.Length / baselineCpu:N0} per CPU-second");
        Console.WriteLine($"normalize, 1 thread: {batch.Length / single:N0} addresses/s wall, {batch.Length / singleCpu:N0} per CPU-second ({single / baseline:F1}x the baseline time)");
        Console.WriteLine($"normalize, {Environment.ProcessorCount} threads: {batch.Length / parallel:N0} addresses/s wall, {batch.Length / parallelCpu:N0} per CPU-second");
        return 0;
    }

    /// <summary>Best of 3 wall-clock times; also records the process CPU time of that pass (the machine may be shared).</summary>
    private static double Measure(Func<long> run) => Measure(run, out _);

    private static double Measure(Func<long> run, out double cpuSeconds)
    {
        var best = double.MaxValue;
        cpuSeconds = double.MaxValue;
        using var proc = Process.GetCurrentProcess();
        for (var i = 0; i < 3; i++)
        {
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(run());
            var wall = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            if (wall < best) best = wall;
            if (cpu < cpuSeconds) cpuSeconds = cpu;
        }
        return best;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    private static readonly string Dashes = "-－−‐ー";

    /// <summary>Addresses built from the towns with noise: full-width digits, 丁目 as digits or dash, dash variants, spaces, omitted prefecture.</summary>
    public static string[] Batch(AddressNormalizer normalizer, int count, int seed)
    {
        var rnd = new Random(seed);
        var towns = normalizer.Towns.All.ToArray();
        var result = new string[count];
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var t = towns[rnd.Next(towns.Length)];
            var g = normalizer.Governments.ByCode(t.LgCode)!;
            sb.Clear();
            if (rnd.Next(5) != 0) sb.Append(g.Prefecture);
            sb.Append(g.CityName);
            if (rnd.Next(6) == 0) sb.Append(' ');
            var (baseName, chome) = TownRegistry.SplitChome(t.Name);
            sb.Append(baseName);
            if (chome > 0)
            {
                switch (rnd.Next(3))
                {
                    case 0: sb.Append(t.Name.AsSpan(baseName.Length)); break;
                    case 1: sb.Append(chome).Append("丁目"); break;
                    default: sb.Append(chome).Append(Dashes[rnd.Next(Dashes.Length)]); break;
                }
            }
            sb.Append(rnd.Next(1, 40));
            sb.Append(Dashes[rnd.Next(Dashes.Length)]);
            sb.Append(rnd.Next(1, 30));
            if (rnd.Next(4) == 0) sb.Append(" ハイツ").Append(rnd.Next(100, 999)).Append("号室");
            var s = sb.ToString();
            if (rnd.Next(2) == 0)
            {
                // Full-width digits.
                var chars = s.ToCharArray();
                for (var k = 0; k < chars.Length; k++) if (chars[k] is >= '0' and <= '9') chars[k] = (char)(chars[k] - '0' + '０');
                s = new string(chars);
            }
            result[i] = s;
        }
        return result;
    }
}
