using System.Diagnostics;
using Musubi.Address;
using Musubi.Chars;
using Musubi.Convert;
using Musubi.Issues;
using Musubi.Read;
using Musubi.Schemas;
using nietras.SeparatedValues;

namespace Musubi.Bench;

/// <summary>
/// `stages FILE [--data DIR]`: wall time of reading alone, then of the whole conversion with and without the address
/// step, in one process, then the address step alone on the converted rows. --data points the conversion at a data
/// folder with imported towns (the default is none: municipality level only).
/// </summary>
public static class StageTimer
{
    public static int Run(string[] args)
    {
        var path = args[0];
        string? data = null;
        var passes = 5;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--data") data = args[++i];
            else if (args[i] == "--address-passes") passes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
        }
        // --breakdown: also time the parts of the address step. --address-only: skip the whole conversions (e.g. for a profile of the address step).
        var addressOnly = args.Contains("--address-only");
        var output = Path.Combine(Path.GetTempPath(), $"musubi-stages-{Environment.ProcessId}.csv");
        Console.WriteLine($"towns: {(data is null ? "none" : data)}");
        for (var round = 0; round < (addressOnly ? 0 : 2); round++)
        {
            var a0 = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            long rows = 0, cells = 0;
            foreach (var t in TableReader.Open(path))
            {
                using (t)
                {
                    foreach (var r in t.Rows) { rows++; cells += r.Cells.Length; }
                }
            }
            Report("read only", rows, sw.Elapsed);
            var a1 = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine($"  read allocates {(a1 - a0) / rows} B/row");
            sw.Restart();
            var rep = BenchPlatform.Convert(BenchPlatform.Request(path, output, addresses: false), data);
            var noAddress = sw.Elapsed;
            Report("convert, no address", rep.RowsWritten, noAddress);
            var a2 = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine($"  convert allocates {(a2 - a1) / rows} B/row");
            sw.Restart();
            rep = BenchPlatform.Convert(BenchPlatform.Request(path, output), data);
            var withAddress = sw.Elapsed;
            Report("convert", rep.RowsWritten, withAddress);
            var a3 = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine($"  convert+address allocates {(a3 - a2) / rows} B/row");
            Console.WriteLine($"  address step (difference): {(withAddress - noAddress).TotalMicroseconds / rows:0.00} µs/row, {((a3 - a2) - (a2 - a1)) / rows} B/row");
            Console.WriteLine($"gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)} allocated {GC.GetTotalAllocatedBytes() / 1048576} MB");
        }
        AddressOnly(path, output, data, passes, args.Contains("--breakdown"));
        File.Delete(output);
        return 0;
    }

    /// <summary>
    /// The address step alone, on the rows of the conversion without it (the standard-schema output read back):
    /// less noisy than the difference of two whole conversions. Best of the passes; allocation of the last one.
    /// </summary>
    private static void AddressOnly(string path, string output, string? data, int passes, bool breakdown)
    {
        var rep = BenchPlatform.Convert(BenchPlatform.Request(path, output, addresses: false));
        var schema = SchemaCatalog.Default.Find(rep.Schema)!;
        var rows = new List<string[]>();
        foreach (var t in TableReader.Open(output))
        {
            using (t)
            {
                var index = schema.Fields.Select(f => t.Header.ToList().IndexOf(f.Name)).ToArray();
                foreach (var r in t.Rows)
                    rows.Add([.. index.Select(i => i >= 0 && i < r.Cells.Length ? r.Cells[i] : "")]);
            }
        }
        var step = AddressStep.For(schema, rep.Publisher, BenchPlatform.Normalizer(data));
        if (step is null) { Console.WriteLine("address step only: the schema has no 所在地 block"); return; }
        // One row buffer, as in the conversion: what the step allocates dies young (the rows themselves are old).
        var work = new string[schema.Fields.Count];
        using var proc = Process.GetCurrentProcess();
        var (best, bestCpu, bytes) = BestOf(proc, passes, rows.Count, () =>
        {
            var log = new IssueLog();
            for (var i = 0; i < rows.Count; i++)
            {
                Array.Copy(rows[i], work, work.Length);
                step.Apply(i + 2, work, log);
            }
            return rows.Count;
        });
        // CPU time as well: the machine may be shared, and a pass that waited for the CPU says little.
        Console.WriteLine($"address step only: {rows.Count:N0} rows, best {best:0.000} µs/row wall, {bestCpu:0.000} µs/row CPU, {bytes} B/row");
        if (!breakdown) return;
        // The parts of the step: cleaning, cleaning + folding, and one Normalize call with the row's hint.
        int Col(string name) => schema.Fields.Select(f => f.Name).ToList().IndexOf(name);
        var (full, loc, code) = (Col("所在地_連結表記"), Col("所在地_全国地方公共団体コード"), Col("全国地方公共団体コード"));
        var texts = rows.Select(r => r[full]).ToArray();
        var hints = rows.Select(r => r[loc].Length > 0 ? r[loc] : r[code].Length > 0 ? r[code] : rep.Publisher).ToArray();
        var normalizer = BenchPlatform.Normalizer(data);
        var f = new char[8192];
        var m = new int[8193];
        var copy = new string[schema.Fields.Count];
        Part("row copy", () => { foreach (var r in rows) Array.Copy(r, copy, copy.Length); return copy.Length; });
        Part("clean", () => { long n = 0; foreach (var a in texts) n += JapaneseText.Clean(a).Length; return n; });
        // The same number of calls on 1,000 texts (in cache): reading 200,000 strings from memory costs by itself.
        Part("clean (hot)", () => { long n = 0; for (var i = 0; i < texts.Length; i++) n += JapaneseText.Clean(texts[i % 1000]).Length; return n; });
        Part("read only", () => { long n = 0; foreach (var a in texts) n += a[^1]; return n; });
        Part("clean+fold", () => { long n = 0; foreach (var a in texts) n += JapaneseText.Fold(JapaneseText.Clean(a), f, m); return n; });
        Part("normalize", () => { long n = 0; for (var i = 0; i < texts.Length; i++) n += normalizer.Normalize(texts[i], hints[i]).Level; return n; });

        void Part(string what, Func<long> run)
        {
            var (best, bestCpu, bytes) = BestOf(proc, passes, texts.Length, run);
            Console.WriteLine($"  {what,-12} best {best:0.000} µs/row wall, {bestCpu:0.000} µs/row CPU, {bytes} B/row");
        }
    }

    /// <summary>Best wall and CPU time per item over <paramref name="passes"/> runs, and the bytes one run allocates per item.</summary>
    private static (double Wall, double Cpu, long Bytes) BestOf(Process proc, int passes, int items, Func<long> run)
    {
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long bytes = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(run());
            var t = sw.Elapsed.TotalMicroseconds / items;
            proc.Refresh();
            var cpu = (proc.TotalProcessorTime - cpu0).TotalMicroseconds / items;
            bytes = (GC.GetAllocatedBytesForCurrentThread() - a0) / items;
            best = Math.Min(best, t);
            bestCpu = Math.Min(bestCpu, cpu);
        }
        return (best, bestCpu, bytes);
    }

    private static void Report(string what, long rows, TimeSpan t) =>
        Console.WriteLine($"{what,-22} {rows,10:N0} rows {t.TotalSeconds,7:0.000} s {rows / t.TotalSeconds,12:N0} rows/s");
}

/// <summary>`read FILE [ROUNDS]`: reading alone, several rounds (for a profiler).</summary>
public static class ReadTimer
{
    public static int Run(string path, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            long rows = 0;
            foreach (var t in TableReader.Open(path))
            {
                using (t)
                {
                    foreach (var r in t.Rows) rows++;
                }
            }
            Console.WriteLine($"read {rows:N0} rows {sw.Elapsed.TotalSeconds:0.000} s {rows / sw.Elapsed.TotalSeconds:N0} rows/s");
        }
        return 0;
    }
}

/// <summary>`sep FILE`: the floor under reading — Sep over a StreamReader in CP932, spans only, no strings.</summary>
public static class SepFloor
{
    public static int Run(string path)
    {
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            long rows = 0, chars = 0;
            using var text = new StreamReader(path, Musubi.Read.Cp932Encoding.Instance, false, 1 << 16);
            using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
            foreach (var row in reader)
            {
                rows++;
                for (var i = 0; i < row.ColCount; i++) chars += row[i].Span.Length;
            }
            Console.WriteLine($"sep {rows:N0} rows {sw.Elapsed.TotalSeconds:0.000} s {rows / sw.Elapsed.TotalSeconds:N0} rows/s ({chars} chars)");
        }
        return 0;
    }
}

/// <summary>`convert FILE ROUNDS [--no-address]`: whole conversions in one process (steady state, for a profiler).</summary>
public static class ConvertTimer
{
    public static int Run(string path, int rounds, bool addresses)
    {
        var output = Path.Combine(Path.GetTempPath(), "musubi-convert-timer.csv");
        for (var round = 0; round < rounds; round++)
        {
            var a0 = GC.GetTotalAllocatedBytes(true);
            var pause0 = GC.GetTotalPauseDuration();
            var gen0 = GC.CollectionCount(0);
            var sw = Stopwatch.StartNew();
            var marks = new List<(long Rows, double Seconds)>();
            var progress = new Inline(p => marks.Add((p.RowsRead, sw.Elapsed.TotalSeconds)));
            var rep = BenchPlatform.Convert(BenchPlatform.Request(path, output, addresses, progress));
            var s = sw.Elapsed.TotalSeconds;
            // Warm-up curve: time of each successive ~100k rows (the JIT tiers up while the first ones run).
            var line = new System.Text.StringBuilder("  per 100k rows (ms):");
            (long Rows, double Seconds) last = (0, 0);
            foreach (var m in marks)
            {
                if (m.Rows - last.Rows < 98_000) continue;
                line.Append($" {(m.Seconds - last.Seconds) * 1000 * 100_000 / (m.Rows - last.Rows):0}");
                last = m;
            }
            Console.WriteLine(line);
            Console.WriteLine("  first marks (rows@ms): " + string.Join(" ", marks.Take(8).Select(m => $"{m.Rows}@{m.Seconds * 1000:0}")));
            Console.WriteLine($"convert{(addresses ? "" : " --no-address")} {rep.RowsWritten:N0} rows {s:0.000} s {rep.RowsWritten / s:N0} rows/s {(GC.GetTotalAllocatedBytes(true) - a0) / Math.Max(1, rep.RowsWritten)} B/row"
                + $", {GC.CollectionCount(0) - gen0} GCs pausing {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:0} ms");
        }
        return 0;
    }
}

internal sealed class Inline(Action<ConvertProgress> report) : IProgress<ConvertProgress>
{
    public void Report(ConvertProgress value) => report(value);
}
