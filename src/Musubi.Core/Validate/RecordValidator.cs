using Musubi.Issues;
using Musubi.Map;
using Musubi.Schemas;

namespace Musubi.Validate;

/// <summary>
/// Checks each normalized record: required (◎) fields have a value, and IDs are unique. Runs after the normalize stage,
/// on the values that will be written.
/// </summary>
internal sealed class RecordValidator
{
    private readonly int[] _requiredPerRow;
    private readonly string[] _names;
    private readonly IssueLog _log;
    private readonly DuplicateIds? _ids;

    /// <param name="publisher">The publisher's code: it fills an empty 全国地方公共団体コード, so that field is then checked per row.</param>
    public RecordValidator(TableSchema schema, TableMapping mapping, string? publisher, IssueLog log)
    {
        _log = log;
        var fields = schema.Fields;
        _names = [.. fields.Select(f => f.Name)];
        var lgCode = schema.IndexOf(StandardFields.LocalGovernmentCode);
        var lat = schema.IndexOf(StandardFields.Latitude);
        var lon = schema.IndexOf(StandardFields.Longitude);
        // A required column that is absent is reported once for the header (HeaderValidator), not once per row.
        bool CheckPerRow(int f) =>
            (mapping.FieldSource[f] >= 0 || (f == lgCode && publisher is not null)
                || (mapping.CombinedCoordinateColumn >= 0 && (f == lat || f == lon)))
            // For 1/blank flags (災害種別_*) an empty cell is the answer "no", not a missing value.
            && !(fields[f].FalseValues is { Count: > 0 } fv && fv.Contains(""));
        _requiredPerRow = [.. Enumerable.Range(0, fields.Count).Where(f => fields[f].Level == FieldLevel.Required && CheckPerRow(f))];
        var id = schema.IndexOf(schema.PrimaryKey ?? StandardFields.Id);
        if (id >= 0) _ids = new DuplicateIds(id, _names[id], log);
    }

    /// <summary>True once a required field of some record had no value.</summary>
    public bool RequiredFieldErrors { get; private set; }

    public void Check(int rowNumber, string[] values)
    {
        foreach (var f in _requiredPerRow)
        {
            if (values[f].Length == 0)
            {
                RequiredFieldErrors = true;
                if (_log.Count(IssueCode.RequiredMissing))
                    _log.Keep(Issue.Of(IssueCode.RequiredMissing, rowNumber, _names[f], "", null, $"required field {_names[f]} (◎) has no value"));
            }
        }
        _ids?.Check(rowNumber, values);
    }
}
