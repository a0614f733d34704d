using System.Diagnostics;
using Musubi.Convert;
using Musubi.Read;
using nietras.SeparatedValues;

namespace Musubi.Bench;

/// <summary>`stages FILE`: wall time of reading alone, then of the whole conversion with and without the address step, in one process.</summary>
public static class StageTimer
{
    public static int Run(string path)
    {
        var output = Path.Combine(Path.GetTempPath(), "musubi-stages.csv");
        for (var round = 0; round < 2; round++)
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
            var rep = ConvertOperation.Run(new ConvertRequest { InputPath = path, OutputPath = output, Addresses = false });
            Report("convert, no address", rep.RowsWritten, sw.Elapsed);
            var a2 = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine($"  convert allocates {(a2 - a1) / rows} B/row");
            sw.Restart();
            rep = ConvertOperation.Run(new ConvertRequest { InputPath = path, OutputPath = output });
            Report("convert", rep.RowsWritten, sw.Elapsed);
            Console.WriteLine($"  convert+address allocates {(GC.GetTotalAllocatedBytes(true) - a2) / rows} B/row");
            Console.WriteLine($"gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)} allocated {GC.GetTotalAllocatedBytes() / 1048576} MB");
        }
        return 0;
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
            var sw = Stopwatch.StartNew();
            var rep = ConvertOperation.Run(new ConvertRequest { InputPath = path, OutputPath = output, Addresses = addresses });
            var s = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"convert{(addresses ? "" : " --no-address")} {rep.RowsWritten:N0} rows {s:0.000} s {rep.RowsWritten / s:N0} rows/s {(GC.GetTotalAllocatedBytes(true) - a0) / Math.Max(1, rep.RowsWritten)} B/row");
        }
        return 0;
    }
}
