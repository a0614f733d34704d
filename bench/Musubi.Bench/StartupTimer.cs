using System.Diagnostics;
using Musubi.Address;
using Musubi.Convert;
using Musubi.Issues;
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
        using (var doc = System.Text.Json.JsonDocument.Parse(texts[0])) _ = doc.RootElement.GetProperty("fields").GetArrayLength();
        Lap("  first schema as JsonDocument");
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
        _ = BenchPlatform.Normalizer(null);
        Lap("address normalizer (no towns)");
        Musubi.Read.EncodingDetector.EnsureRegistered();
        Lap("code pages registered");
        _ = Musubi.Read.Cp932Encoding.Table;
        Lap("CP932 tables built");
        var sample = File.ReadAllBytes(file).AsSpan(0, Math.Min(65536, (int)new FileInfo(file).Length));
        var enc = Musubi.Read.EncodingDetector.Detect(sample, complete: false);
        Lap($"encoding detected ({enc.Name})");
        var tables = Musubi.Read.TableReader.Open(file);
        Lap("open + header");
        var ranking = new Musubi.Detect.SchemaDetector(SchemaCatalog.Default).Rank(tables[0].Header, file, null, tables[0].Preamble);
        Lap("schema detection");
        _ = Musubi.Map.ColumnMapper.Map(ranking[0].Schema, tables[0].Header, null);
        Lap("column mapping");
        var n = 0;
        foreach (var r in tables[0].Rows) n++;
        Lap($"read {n} rows");
        foreach (var t in tables) t.Dispose();
        // The conversion's own steps, each on first use (the full operation below repeats them warm).
        tables = Musubi.Read.TableReader.Open(file);
        Lap("open + header (again)");
        var mapping = Musubi.Map.ColumnMapper.Map(ranking[0].Schema, tables[0].Header, null);
        var addresses = BenchPlatform.Normalizer(null);
        Lap("address normalizer (again)");
        var log = new IssueLog();
        var step = AddressStep.For(ranking[0].Schema, null, addresses);
        var context = new RowNormalizer(ranking[0].Schema, mapping, null, LocalGovernmentRegistry.Default, step, log);
        Lap("row normalizer (address step, registry)");
        var values = new string[ranking[0].Schema.Fields.Count];
        using (var writer = new Musubi.Write.CsvRecordWriter(Stream.Null, [.. ranking[0].Schema.Fields.Select(f => f.Name)], bom: false))
        {
            Lap("CSV writer");
            var first = true;
            foreach (var r in tables[0].Rows)
            {
                if (first)
                {
                    // Each field's normalizer on its first use (static tables, JIT), before the row runs them warm.
                    var schema = ranking[0].Schema;
                    for (var f = 0; f < schema.Fields.Count; f++)
                    {
                        var src = mapping.FieldSource[f];
                        if (src < 0 || src >= r.Cells.Length || r.Cells[src].Length == 0) continue;
                        var field = schema.Fields[f];
                        _ = FieldNormalizer.Normalize(field, FieldNormalizer.KindOf(field), r.Cells[src], null);
                        Lap($"  first {FieldNormalizer.KindOf(field)} ({field.Name})");
                    }
                }
                context.Process(r, values);
                writer.Write(values);
                if (first) Lap("first row normalized and written");
                first = false;
            }
        }
        Lap("other rows normalized and written");
        foreach (var t in tables) t.Dispose();
        var temp = Path.GetTempFileName();
        var report = BenchPlatform.Convert(BenchPlatform.Request(file, temp));
        Lap("first conversion");
        _ = report.ToJson();
        Lap("report as JSON");
        BenchPlatform.Convert(BenchPlatform.Request(file, temp));
        Lap("second conversion");
        File.Delete(temp);
        return 0;
    }
}
