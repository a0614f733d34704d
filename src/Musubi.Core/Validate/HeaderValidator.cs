using Musubi.Issues;
using Musubi.Map;
using Musubi.Read;
using Musubi.Schemas;

namespace Musubi.Validate;

/// <summary>Checks of a table's header against the schema it was mapped to (machine-readability rules, required columns).</summary>
internal static class HeaderValidator
{
    /// <summary>Reports the header's problems; true when a required field has no source column.</summary>
    public static bool Check(RawTable table, TableSchema schema, TableMapping mapping, string? publisher, IssueLog log)
    {
        var fields = schema.Fields;
        var requiredMissing = false;
        if (table.HeaderRowNumber > 1)
            log.Add(IssueCode.HeaderNotFirstRow, table.HeaderRowNumber, null, string.Join(" / ", table.Preamble), null,
                $"the header is on row {table.HeaderRowNumber}; title or note rows above it break the machine-readability rule (L3-01)");
        if (table.Format is "csv" or "tsv" && !table.Encoding.StartsWith("UTF-8", StringComparison.OrdinalIgnoreCase))
            log.Add(IssueCode.NotUtf8, null, null, table.Encoding, "UTF-8", $"the file is {table.Encoding}; output is UTF-8");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in mapping.Columns)
        {
            if (c.Source.Length == 0)
                log.Add(IssueCode.HeaderBlank, table.HeaderRowNumber, $"(column {c.Index + 1})", "", null, $"column {c.Index + 1} has no name");
            else if (!seen.Add(c.Source))
                log.Add(IssueCode.HeaderDuplicate, table.HeaderRowNumber, c.Source, c.Source, null, $"column name '{c.Source}' appears more than once");
            switch (c.How)
            {
                case MatchKind.Alias or MatchKind.Normalized or MatchKind.Synonym or MatchKind.Fuzzy or MatchKind.Vocabulary:
                    log.Add(IssueCode.HeaderRenamed, table.HeaderRowNumber, c.Source, c.Source, c.Field,
                        $"column '{c.Source}' is the standard field {c.Field} ({c.How.ToString().ToLowerInvariant()} match)");
                    break;
                case MatchKind.Unmapped when c.Source.Length > 0:
                    log.Add(IssueCode.ColumnUnmapped, table.HeaderRowNumber, c.Source, c.Source, null,
                        $"column '{c.Source}' matches no field of {schema.Id}; its values go to the extra-columns file");
                    break;
            }
        }
        for (var f = 0; f < fields.Count; f++)
        {
            if (fields[f].Level != FieldLevel.Required || mapping.FieldSource[f] >= 0) continue;
            if (mapping.CombinedCoordinateColumn >= 0 && fields[f].Name is StandardFields.Latitude or StandardFields.Longitude) continue;
            if (fields[f].Name == StandardFields.LocalGovernmentCode && publisher is not null) continue;
            // 所在地_連結表記 is built from the parts when the parts have columns (the record check still sees empty rows).
            if (fields[f].Name == StandardFields.AddressFull && (Mapped(schema, mapping, StandardFields.AddressMunicipality) || Mapped(schema, mapping, StandardFields.AddressTown))) continue;
            requiredMissing = true;
            log.Add(IssueCode.RequiredColumnMissing, table.HeaderRowNumber, fields[f].Name, null, null,
                $"required field {fields[f].Name} (◎) has no source column (map a column to it if it is there under another name)");
        }
        return requiredMissing;
    }

    private static bool Mapped(TableSchema schema, TableMapping mapping, string field) =>
        schema.IndexOf(field) is >= 0 and var i && mapping.FieldSource[i] >= 0;
}
