using Musubi.Schemas;

namespace Musubi.Map;

/// <summary>One source column and where it goes.</summary>
public sealed record ColumnMapping(int Index, string Source, string? Field, MatchKind How);

/// <summary>The mapping of one source table onto one schema.</summary>
public sealed class TableMapping
{
    public TableMapping(TableSchema schema, IReadOnlyList<ColumnMapping> columns)
    {
        Schema = schema;
        Columns = columns;
        FieldSource = new int[schema.Fields.Count];
        Array.Fill(FieldSource, -1);
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            var name = schema.Fields[f].Name;
            foreach (var c in columns)
            {
                if (c.Field == name && c.How != MatchKind.Split)
                {
                    FieldSource[f] = c.Index;
                    break;
                }
            }
        }
        foreach (var c in columns)
        {
            if (c.How == MatchKind.Split) CombinedCoordinateColumn = c.Index;
        }
        UnmappedColumns = columns.Where(c => c.How == MatchKind.Unmapped).ToList();
    }

    public TableSchema Schema { get; }

    public IReadOnlyList<ColumnMapping> Columns { get; }

    /// <summary>For each schema field (by position), the source column index, or -1.</summary>
    public int[] FieldSource { get; }

    /// <summary>Source column holding "lat,lon" in one cell, or -1.</summary>
    public int CombinedCoordinateColumn { get; } = -1;

    public IReadOnlyList<ColumnMapping> UnmappedColumns { get; }

    /// <summary>Yes/no fields (by position) derived from a count column (source index) that stays unmapped.</summary>
    public IReadOnlyList<(int Field, int Column)> DerivedFlags { get; init; } = NoDerivedFlags;

    /// <summary>An array, not <c>[]</c>: Array.Empty of a tuple is generic code compiled at start-up.</summary>
    internal static readonly (int Field, int Column)[] NoDerivedFlags = new (int, int)[0];

    public int MappedFieldCount => FieldSource.Count(i => i >= 0) + (CombinedCoordinateColumn >= 0 ? 2 : 0);
}
