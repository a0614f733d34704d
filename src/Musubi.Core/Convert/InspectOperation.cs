using Musubi.Detect;
using Musubi.Map;
using Musubi.Read;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>What Musubi sees in one table of a file, before converting.</summary>
public sealed record TableInspection(string? Sheet, string Format, string Encoding, int HeaderRow, IReadOnlyList<string> Preamble,
    IReadOnlyList<SchemaCandidate> Candidates, TableMapping Mapping);

/// <summary>Detection and mapping only, for every table of a file (the `musubi inspect` operation).</summary>
public static class InspectOperation
{
    public static IReadOnlyList<TableInspection> Run(string path, string? schemaId = null, int topCandidates = 5)
    {
        var catalog = SchemaCatalog.Default;
        var detector = new SchemaDetector(catalog);
        var forced = schemaId is null ? null : catalog.Find(schemaId) ?? throw new ArgumentException($"unknown schema '{schemaId}'");
        var tables = TableReader.Open(path);
        try
        {
            return tables.Select(t =>
            {
                var ranking = detector.Rank(t.Header, path, t.Preamble);
                var mapping = ColumnMapper.Map(forced ?? ranking[0].Schema, t.Header);
                return new TableInspection(t.Sheet, t.Format, t.Encoding, t.HeaderRowNumber, t.Preamble, ranking.Take(topCandidates).ToList(), mapping);
            }).ToList();
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
    }
}
