using Musubi.Address;
using Musubi.Issues;
using Musubi.Map;
using Musubi.Normalize;
using Musubi.Read;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>
/// The normalize stage for one table: turns each source row into the schema's field order with every cell normalized
/// (memoized per distinct value), the coordinate pair judged together, and values the row implies filled in (the
/// publisher's code, 地方公共団体名, the 所在地 block). Checks of the finished record are the validate stage's.
/// </summary>
internal sealed class RowNormalizer
{
    private readonly TableSchema _schema;
    private readonly TableMapping _mapping;
    private readonly FieldSchema[] _fields;
    private readonly FieldNormalizer.Kind[] _kinds;
    private readonly FieldMemo<MemoCell>[] _memos;
    private readonly int[] _fieldSource;
    private string? _lastNameCode;
    private string? _lastName;
    private readonly string[] _columnNames;
    private readonly IReadOnlyList<string> _missing;
    private readonly int _lgCodeIndex;
    private readonly int _latIndex;
    private readonly int _lonIndex;
    private readonly bool _hasCoordinates;
    private readonly Func<string, bool>? _isKnownLgCode;
    private readonly int _nameIndex;
    private readonly int _maxMissingLength;
    private readonly AddressStep? _address;

    private readonly LocalGovernmentRegistry _governments;

    public RowNormalizer(TableSchema schema, TableMapping mapping, string? publisher, LocalGovernmentRegistry governments, AddressStep? address, IssueLog log)
    {
        _schema = schema;
        _mapping = mapping;
        _fields = [.. schema.Fields];
        _kinds = [.. _fields.Select(FieldNormalizer.KindOf)];
        _memos = [.. _fields.Select(_ => new FieldMemo<MemoCell>())];
        _missing = schema.MissingValues;
        _maxMissingLength = _missing.Count == 0 ? 0 : _missing.Max(m => m.Length);
        Log = log;
        _governments = governments;
        _columnNames = [.. _fields.Select(f => f.Name)];
        _lgCodeIndex = schema.IndexOf(StandardFields.LocalGovernmentCode);
        _latIndex = schema.IndexOf(StandardFields.Latitude);
        _lonIndex = schema.IndexOf(StandardFields.Longitude);
        _hasCoordinates = _latIndex >= 0 && _lonIndex >= 0;
        Publisher = publisher;
        // A 5-digit code is ambiguous ("11100": さいたま市 11100+check, or 清田区 0+11100): the registry and the
        // publisher's prefecture decide.
        var registry = governments;
        var publisherPrefecture = Publisher?[..2];
        _isKnownLgCode = publisherPrefecture is null
            ? registry.IsKnown
            : code => registry.IsKnown(code) && code.StartsWith(publisherPrefecture, StringComparison.Ordinal);
        _nameIndex = schema.IndexOf(StandardFields.LocalGovernmentName);
        _address = address;
        _fieldSource = [.. mapping.FieldSource];
        // For enum fields whose rules narrow a kind with other cells of the row: those cells' columns (any, mapped or not).
        _derivedFlags = mapping.DerivedFlags as (int, int)[] ?? [.. mapping.DerivedFlags];
        _narrowColumns = [.. _fields.Select((field, f) => field.Constraints?.Enum is { Count: > 0 } && ValueRules.NarrowColumns(field.Name) is { Count: > 0 } names
            ? mapping.Columns.Where(c => c.Index != mapping.FieldSource[f] && names.Any(n => HeaderName.Key(n) == HeaderName.Key(c.Source))).Select(c => c.Index).ToArray()
            : [])];
    }

    private readonly int[][] _narrowColumns;

    // An array, not the mapping's IReadOnlyList: a foreach over the interface allocates an enumerator on every row.
    private readonly (int Field, int Column)[] _derivedFlags;

    public IssueLog Log { get; }

    public string? Publisher { get; }

    public bool RequiredFieldErrors { get; private set; }

    /// <summary>The managing body's code when the file's addresses all lie in one municipality (<see cref="OwnerCode"/>); used only without a publisher.</summary>
    public string? OwnerFromAddresses { get; init; }

    public void Process(RawRow row, string[] values)
    {
        var cells = row.Cells;
        var sources = _fieldSource;
        for (var f = 0; f < sources.Length; f++)
        {
            var src = sources[f];
            if ((uint)src >= (uint)cells.Length)
            {
                values[f] = "";
                continue;
            }
            if (_hasCoordinates && (f == _latIndex || f == _lonIndex)) continue;
            values[f] = NormalizeCell(row.RowNumber, f, cells[src], cells);
        }
        if (_hasCoordinates) NormalizeCoordinates(row, values);
        var derived = _derivedFlags;
        for (var i = 0; i < derived.Length; i++) DeriveFlag(row, values, derived[i].Field, derived[i].Column);
        if (_lgCodeIndex >= 0 && values[_lgCodeIndex].Length == 0 && Publisher is not null)
        {
            values[_lgCodeIndex] = Publisher;
            if (Log.Count(IssueCode.LgCodeFromPublisher))
                Log.Keep(Issue.Of(IssueCode.LgCodeFromPublisher, row.RowNumber, _columnNames[_lgCodeIndex], "", Publisher,
                    "empty 全国地方公共団体コード filled with the publisher's code"));
        }
        else if (_lgCodeIndex >= 0 && values[_lgCodeIndex].Length == 0 && OwnerFromAddresses is { } owner)
        {
            values[_lgCodeIndex] = owner;
            if (Log.Count(IssueCode.LgCodeFromAddresses))
                Log.Keep(Issue.Of(IssueCode.LgCodeFromAddresses, row.RowNumber, _columnNames[_lgCodeIndex], "", owner,
                    "empty 全国地方公共団体コード filled with the one municipality every address of the file lies in"));
        }
        if (_nameIndex >= 0 && values[_nameIndex].Length == 0 && _lgCodeIndex >= 0 && values[_lgCodeIndex].Length == 6
            && NameOf(values[_lgCodeIndex]) is { } name)
        {
            values[_nameIndex] = name;
            if (Log.Count(IssueCode.LgNameFilled))
                Log.Keep(Issue.Of(IssueCode.LgNameFilled, row.RowNumber, StandardFields.LocalGovernmentName, "", name, "地方公共団体名 filled from 全国地方公共団体コード"));
        }
        _address?.Apply(row.RowNumber, values, Log);
    }

    /// <summary>A yes/no field from a count column: more than 0 is yes, 0 is no; anything else leaves it empty.</summary>
    private void DeriveFlag(RawRow row, string[] values, int f, int column)
    {
        var cell = column < row.Cells.Length ? row.Cells[column] : "";
        if (values[f].Length > 0 || !int.TryParse(Musubi.Chars.CharText.Compact(cell), out var count) || count < 0) return;
        var field = _fields[f];
        values[f] = count > 0 ? field.TrueValues?[0] ?? "true" : field.FalseValues?[0] ?? "false";
        if (Log.Count(IssueCode.FlagFromCount))
            Log.Keep(Issue.Of(IssueCode.FlagFromCount, row.RowNumber, field.Name, cell, values[f],
                $"{field.Name} derived from the count in column '{_mapping.Columns[column].Source}' (the count is kept in the extra file)"));
    }

    /// <summary>地方公共団体名 for a code; rows of one file repeat one code, so the last answer is kept.</summary>
    private string? NameOf(string code)
    {
        if (!string.Equals(code, _lastNameCode, StringComparison.Ordinal))
        {
            _lastName = _governments.ByCode(code)?.FullName;
            _lastNameCode = code;
        }
        return _lastName;
    }

    private string NormalizeCell(int rowNumber, int f, string raw, string[]? cells = null)
    {
        if (raw.Length == 0) return "";
        var memo = _memos[f];
        if (!memo.TryGet(raw, out var cell))
        {
            cell = Compute(f, raw);
            memo.Add(raw, cell);
        }
        var field = _fields[f];
        switch (cell.Placeholder)
        {
            case PlaceholderKind.None:
                if (cell.Result.Outcome == Outcome.Unchanged) return cell.Result.Value;
                if (cell.Result.Code == IssueCode.EnumMismatch && cells is not null && _narrowColumns[f] is { Length: > 0 } by
                    && Narrow(field, raw, cells, by) is { } narrowed)
                {
                    if (Log.Count(IssueCode.EnumSynonym))
                        Log.Keep(Issue.Of(IssueCode.EnumSynonym, rowNumber, field.Name, raw, narrowed,
                            $"'{raw.Trim()}' with the row's other kind cells is the listed value {narrowed} (data/codes/value-rules.json)"));
                    return narrowed;
                }
                return Record(rowNumber, field, raw, cell.Result);
            case PlaceholderKind.Logged:
                if (Log.Count(IssueCode.MissingPlaceholder))
                    Log.Keep(Issue.Of(IssueCode.MissingPlaceholder, rowNumber, field.Name, raw, "", $"placeholder '{raw.Trim()}' means no value; written as empty"));
                return "";
            default:
                return "";
        }
    }

    /// <summary>The kind narrowed with the row's other cells (認可保育園 + 区立 → 認可公立保育所), or null.</summary>
    private static string? Narrow(FieldSchema field, string raw, string[] cells, int[] by)
    {
        var texts = new List<string>(by.Length + 1) { raw.Trim() };
        foreach (var c in by)
            if (c < cells.Length) texts.Add(cells[c].Trim());
        return ValueRules.Narrow(field.Name, field.Constraints!.Enum!, texts);
    }

    private MemoCell Compute(int f, string raw)
    {
        var field = _fields[f];
        if (MaybeMissing(raw) && FieldNormalizer.IsMissing(raw, _missing))
        {
            // For 1/blank flags an empty cell is the value "no", not a missing value.
            return new MemoCell(default, field.FalseValues is { Count: > 0 } fv && fv[0].Length == 0 ? PlaceholderKind.Silent : PlaceholderKind.Logged);
        }
        var n = FieldNormalizer.Normalize(field, _kinds[f], raw, _isKnownLgCode);
        return new MemoCell(n, PlaceholderKind.None);
    }

    internal enum PlaceholderKind : byte { None, Logged, Silent }

    internal readonly record struct MemoCell(Normalized Result, PlaceholderKind Placeholder);

    /// <summary>Cheap pre-check: a cell longer than every missing value and not padded with spaces cannot be one.</summary>
    private bool MaybeMissing(string raw) =>
        raw.Length <= _maxMissingLength || IsWhiteSpace(raw[0]) || IsWhiteSpace(raw[^1]);

    /// <summary>char.IsWhiteSpace without the Unicode table lookup for printable ASCII and for kana/kanji (above U+3000).</summary>
    private static bool IsWhiteSpace(char c) => c <= '\u3000' && (c <= ' ' || c >= '\u007F') && char.IsWhiteSpace(c);

    /// <summary>Logs what a normalizer did (with the catalog's severity for its code) and returns the value to write.</summary>
    private string Record(int rowNumber, FieldSchema field, string raw, Normalized n)
    {
        switch (n.Outcome)
        {
            case Outcome.Fixed:
                var code = n.Code!;
                if (Log.Count(code)) Log.Keep(Issue.Of(code, rowNumber, field.Name, raw, n.Value, n.Message ?? Title(code)));
                break;
            case Outcome.Invalid:
                var bad = n.Code!;
                if (field.Level == FieldLevel.Required) RequiredFieldErrors = true;
                if (Log.Count(bad)) Log.Keep(Issue.Of(bad, rowNumber, field.Name, raw, null, n.Message ?? Title(bad)));
                break;
        }
        return n.Value;
    }

    private static string Title(string code) => IssueCatalog.Find(code)?.Title ?? code;

    /// <summary>緯度 and 経度 are normalized together: one may only be judged with the other (swapped columns, 0/0).</summary>
    private void NormalizeCoordinates(RawRow row, string[] values)
    {
        var cells = row.Cells;
        string rawLat, rawLon;
        var combined = _mapping.CombinedCoordinateColumn;
        var latSrc = _mapping.FieldSource[_latIndex];
        var lonSrc = _mapping.FieldSource[_lonIndex];
        if (latSrc < 0 && lonSrc < 0 && combined >= 0)
        {
            var cell = combined < cells.Length ? cells[combined] : "";
            if (cell.Trim().Length == 0 || FieldNormalizer.IsMissing(cell, _missing)) { values[_latIndex] = values[_lonIndex] = ""; return; }
            if (!Coordinates.TrySplitPair(cell, out rawLat, out rawLon))
            {
                Log.Add(IssueCode.InvalidCoordinate, row.RowNumber, _mapping.Columns[combined].Source, cell, null, "expected 'latitude,longitude' in one cell");
                values[_latIndex] = values[_lonIndex] = "";
                return;
            }
            if (Log.Count(IssueCode.CoordinatesSplit))
                Log.Keep(Issue.Of(IssueCode.CoordinatesSplit, row.RowNumber, _mapping.Columns[combined].Source, cell, $"{rawLat.Trim()} / {rawLon.Trim()}",
                    "one cell held latitude and longitude; split into 緯度 and 経度"));
        }
        else
        {
            rawLat = latSrc >= 0 && latSrc < cells.Length ? cells[latSrc] : "";
            rawLon = lonSrc >= 0 && lonSrc < cells.Length ? cells[lonSrc] : "";
        }
        var latMissing = rawLat.Length == 0 || (MaybeMissing(rawLat) && FieldNormalizer.IsMissing(rawLat, _missing));
        var lonMissing = rawLon.Length == 0 || (MaybeMissing(rawLon) && FieldNormalizer.IsMissing(rawLon, _missing));
        if (latMissing || lonMissing)
        {
            values[_latIndex] = NormalizeCell(row.RowNumber, _latIndex, rawLat);
            values[_lonIndex] = NormalizeCell(row.RowNumber, _lonIndex, rawLon);
            return;
        }
        var pair = Coordinates.NormalizePair(rawLat, rawLon);
        if (pair.Latitude.Code == IssueCode.CoordinatesSwapped)
        {
            // One issue for the pair, not one per cell.
            values[_latIndex] = pair.Latitude.Value;
            values[_lonIndex] = pair.Longitude.Value;
            if (Log.Count(IssueCode.CoordinatesSwapped))
                Log.Keep(Issue.Of(IssueCode.CoordinatesSwapped, row.RowNumber, StandardFields.CoordinatePair, $"{rawLat},{rawLon}", $"{values[_latIndex]},{values[_lonIndex]}",
                    "緯度 and 経度 were swapped (checked against Japan's bounds)"));
            return;
        }
        if (pair.Latitude.Code == IssueCode.CoordinatesZero && pair.Longitude.Code == IssueCode.CoordinatesZero)
        {
            values[_latIndex] = values[_lonIndex] = "";
            if (Log.Count(IssueCode.CoordinatesZero))
                Log.Keep(Issue.Of(IssueCode.CoordinatesZero, row.RowNumber, StandardFields.CoordinatePair, $"{rawLat},{rawLon}", "", "0,0 is not a place in Japan; written as missing"));
            return;
        }
        values[_latIndex] = Record(row.RowNumber, _fields[_latIndex], rawLat, pair.Latitude);
        values[_lonIndex] = Record(row.RowNumber, _fields[_lonIndex], rawLon, pair.Longitude);
    }



}
