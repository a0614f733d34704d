using System.Diagnostics;
using Musubi.Address;
using Musubi.Convert;
using Musubi.Normalize;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Bench;

/// <summary>`startup FILE`: what a conversion pays before its first row (each step's first use, JIT included).</summary>
internal static class StartupTimer
{
    public static int Run(string file)
    {
        var sw = Stopwatch.StartNew();
        void Lap(string what)
        {
            Console.WriteLine($"{what,-36} {sw.Elapsed.TotalMilliseconds,8:0.0} ms");
            sw.Restart();
        }
        var asm = typeof(SchemaCatalog).Assembly;
        var names = asm.GetManifestResourceNames().Where(n => n.StartsWith("schemas/", StringComparison.Ordinal)).ToList();
        var texts = names.Select(n => new StreamReader(asm.GetManifestResourceStream(n)!).ReadToEnd()).ToList();
        Lap("  schema resources read");
        _ = SchemaCatalog.Parse(texts[0]);
        Lap("  first schema parsed");
        foreach (var t in texts.Skip(1)) _ = SchemaCatalog.Parse(t);
        Lap("  other schemas parsed");
        _ = SchemaCatalog.Default.All.Count;
        Lap("schema catalog");
        _ = IssueCatalog.Find("missing-placeholder");
        Lap("issue catalog");
        _ = LocalGovernmentRegistry.Default.IsKnown("111007");
        Lap("local-government registry");
        _ = AddressNormalizer.Create(null);
        Lap("address normalizer (no towns)");
        var tables = Musubi.Read.TableReader.Open(file);
        Lap("open + detect encoding + header");
        var ranking = new Musubi.Detect.SchemaDetector(SchemaCatalog.Default).Rank(tables[0].Header, file, tables[0].Preamble);
        Lap("schema detection");
        _ = Musubi.Map.ColumnMapper.Map(ranking[0].Schema, tables[0].Header, null);
        Lap("column mapping");
        var n = 0;
        foreach (var r in tables[0].Rows) n++;
        Lap($"read {n} rows");
        foreach (var t in tables) t.Dispose();
        var temp = Path.GetTempFileName();
        ConvertOperation.Run(new ConvertRequest { InputPath = file, OutputPath = temp });
        Lap("first conversion");
        ConvertOperation.Run(new ConvertRequest { InputPath = file, OutputPath = temp });
        Lap("second conversion");
        File.Delete(temp);
        return 0;
    }
}
