using System.Diagnostics;
using Musubi.Map;
using Musubi.Normalize;
using Musubi.Read;
using Musubi.Schemas;

namespace Musubi.Bench;

/// <summary>`normalize FILE SCHEMA`: time spent in FieldNormalizer alone over the mapped cells (rows buffered first).</summary>
public static class NormalizeTimer
{
    public static int Run(string path, string schemaId)
    {
        var schema = SchemaCatalog.Default.Find(schemaId)!;
        var rows = new List<string[]>();
        TableMapping? mapping = null;
        foreach (var t in TableReader.Open(path))
        {
            using (t)
            {
                mapping = ColumnMapper.Map(schema, t.Header);
                foreach (var r in t.Rows) rows.Add(r.Cells);
            }
        }
        var perField = new double[schema.Fields.Count];
        for (var round = 0; round < 3; round++)
        {
            Array.Clear(perField);
            var total = Stopwatch.StartNew();
            for (var f = 0; f < schema.Fields.Count; f++)
            {
                var src = mapping!.FieldSource[f];
                if (src < 0) continue;
                var field = schema.Fields[f];
                var sw = Stopwatch.StartNew();
                foreach (var cells in rows)
                {
                    var raw = cells[src];
                    if (!FieldNormalizer.IsMissing(raw, schema.MissingValues)) FieldNormalizer.Normalize(field, raw);
                }
                perField[f] = sw.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine($"round {round}: {total.Elapsed.TotalMilliseconds:0} ms for {rows.Count:N0} rows");
        }
        for (var f = 0; f < schema.Fields.Count; f++)
            if (perField[f] > 0) Console.WriteLine($"  {schema.Fields[f].Name,-20} {schema.Fields[f].Type}/{schema.Fields[f].Format,-12} {perField[f],8:0.0} ms");
        return 0;
    }
}
