using Musubi.Address;
using Musubi.Map;
using Musubi.Normalize;
using Musubi.Read;
using Musubi.Registry;
using Musubi.Schemas;
using Musubi.Validate;

namespace Musubi.Convert;

/// <summary>Per-table state of a conversion: normalizes and validates one row at a time into the schema's field order.</summary>
internal sealed class RowContext
{
    private const int DuplicateCheckLimit = 4_000_000;

    private readonly TableSchema _schema;
    private readonly TableMapping _mapping;
    private readonly FieldSchema[] _fields;
    private readonly FieldNormalizer.Kind[] _kinds;
    private readonly FieldMemo[] _memos;
    private readonly int[] _fieldSource;
    private readonly int[] _requiredPerRow;
    private string? _lastNameCode;
    private string? _lastName;
    private readonly string[] _columnNames;
    private readonly IReadOnlyList<string> _missing;
    private readonly HashSet<ulong> _ids = [];
    private readonly BitSet _numericIds = new();
    private int _idCount;
    private readonly int _lgCodeIndex;
    private readonly int _latIndex;
    private readonly int _lonIndex;
    private readonly bool[] _checkPerRow;
    private readonly bool _hasCoordinates;
    private readonly Func<string, bool>? _isKnownLgCode;
    private readonly int _nameIndex;
    private readonly int _maxMissingLength;
    private readonly AddressStep? _address;
    private bool _duplicateLimitReached;

    public RowContext(ConvertRequest request, TableSchema schema, TableMapping mapping, RawTable table)
    {
        _schema = schema;
        _mapping = mapping;
        _fields = [.. schema.Fields];
        _kinds = [.. _fields.Select(FieldNormalizer.KindOf)];
        _memos = [.. _fields.Select(_ => new FieldMemo())];
        _missing = schema.MissingValues;
        _maxMissingLength = _missing.Count == 0 ? 0 : _missing.Max(m => m.Length);
        Log = new IssueLog(request.MaxIssuesPerCode);
        _columnNames = [.. _fields.Select(f => f.Name)];
        IdIndex = IndexOf(schema.PrimaryKey ?? "ID");
        _lgCodeIndex = IndexOf("全国地方公共団体コード");
        _latIndex = IndexOf("緯度");
        _lonIndex = IndexOf("経度");
        _hasCoordinates = _latIndex >= 0 && _lonIndex >= 0;
        Publisher = PublisherCode.Resolve(request.Publisher, request.InputPath);
        // A 5-digit code is ambiguous ("11100": さいたま市 11100+check, or 清田区 0+11100): the registry and the
        // publisher's prefecture decide.
        var registry = LocalGovernmentRegistry.Default;
        var publisherPrefecture = Publisher?[..2];
        _isKnownLgCode = publisherPrefecture is null
            ? registry.IsKnown
            : code => registry.IsKnown(code) && code.StartsWith(publisherPrefecture, StringComparison.Ordinal);
        _nameIndex = IndexOf("地方公共団体名");
        if (request.Addresses)
            _address = AddressStep.For(schema, Publisher, AddressNormalizer.Create(request.DataDirectory));
        // A required column that is absent is reported once for the header, not once per row.
        _checkPerRow = new bool[_fields.Length];
        for (var f = 0; f < _fields.Length; f++)
            _checkPerRow[f] = (mapping.FieldSource[f] >= 0 || (f == _lgCodeIndex && Publisher is not null)
                || (mapping.CombinedCoordinateColumn >= 0 && (f == _latIndex || f == _lonIndex)))
                // For 1/blank flags (災害種別_*) an empty cell is the answer "no", not a missing value.
                && !(_fields[f].FalseValues is { Count: > 0 } fv && fv.Contains(""));
        _fieldSource = [.. mapping.FieldSource];
        _requiredPerRow = [.. Enumerable.Range(0, _fields.Length).Where(f => _fields[f].Level == FieldLevel.Required && _checkPerRow[f])];
        HeaderIssues(table);
    }

    public IssueLog Log { get; }

    public int IdIndex { get; }

    public string? Publisher { get; }

    public bool RequiredFieldErrors { get; private set; }

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
            values[f] = NormalizeCell(row.RowNumber, f, cells[src]);
        }
        if (_hasCoordinates) NormalizeCoordinates(row, values);
        if (_lgCodeIndex >= 0 && values[_lgCodeIndex].Length == 0 && Publisher is not null)
        {
            values[_lgCodeIndex] = Publisher;
            if (Log.Count(ValidationCodes.LgCodeFromPublisher, Severity.Fixed))
                Log.Keep(new Issue(ValidationCodes.LgCodeFromPublisher, Severity.Fixed, row.RowNumber, _columnNames[_lgCodeIndex], "", Publisher,
                    "empty 全国地方公共団体コード filled with the publisher's code"));
        }
        if (_nameIndex >= 0 && values[_nameIndex].Length == 0 && _lgCodeIndex >= 0 && values[_lgCodeIndex].Length == 6
            && NameOf(values[_lgCodeIndex]) is { } name)
        {
            values[_nameIndex] = name;
            if (Log.Count("lg-name-filled", Severity.Fixed))
                Log.Keep(new Issue("lg-name-filled", Severity.Fixed, row.RowNumber, "地方公共団体名", "", name, "地方公共団体名 filled from 全国地方公共団体コード"));
        }
        _address?.Apply(row.RowNumber, values, Log);
        foreach (var f in _requiredPerRow)
        {
            if (values[f].Length == 0)
            {
                RequiredFieldErrors = true;
                if (Log.Count(ValidationCodes.RequiredMissing, Severity.Error))
                    Log.Keep(new Issue(ValidationCodes.RequiredMissing, Severity.Error, row.RowNumber, _columnNames[f], "", null, $"required field {_columnNames[f]} (◎) has no value"));
            }
        }
        if (IdIndex >= 0 && values[IdIndex].Length > 0) CheckDuplicateId(row.RowNumber, values[IdIndex]);
    }

    /// <summary>地方公共団体名 for a code; rows of one file repeat one code, so the last answer is kept.</summary>
    private string? NameOf(string code)
    {
        if (!string.Equals(code, _lastNameCode, StringComparison.Ordinal))
        {
            _lastName = LocalGovernmentRegistry.Default.ByCode(code)?.FullName;
            _lastNameCode = code;
        }
        return _lastName;
    }

    /// <summary>Called after the last row.</summary>
    public void Finish()
    {
    }

    private string NormalizeCell(int rowNumber, int f, string raw)
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
                return cell.Result.Outcome == Outcome.Unchanged ? cell.Result.Value : Record(rowNumber, field, raw, cell.Result, cell.Severity);
            case PlaceholderKind.Logged:
                if (Log.Count(ValidationCodes.MissingPlaceholder, Severity.Fixed))
                    Log.Keep(new Issue(ValidationCodes.MissingPlaceholder, Severity.Fixed, rowNumber, field.Name, raw, "", $"placeholder '{raw.Trim()}' means no value; written as empty"));
                return "";
            default:
                return "";
        }
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
        return new MemoCell(n, PlaceholderKind.None, IssueSeverity(n));
    }

    private enum PlaceholderKind : byte { None, Logged, Silent }

    private readonly record struct MemoCell(Normalized Result, PlaceholderKind Placeholder, Severity Severity = Severity.Fixed);

    /// <summary>
    /// Per-field memo of normalized cells: a repeated value (a code, a flag, 月～金, 8時30分) is normalized once per
    /// file. Normalizers are pure functions of the field and the text, so the result is the same; issues are still
    /// logged for every row. A field whose values are mostly new after a sample is no longer memoized, and the memo
    /// is bounded, so unique text (names, IDs) costs little and memory stays flat.
    /// </summary>
    private sealed class FieldMemo
    {
        private const int Sample = 2048;
        private const int MaxEntries = 4096;
        private const int MaxLength = 64;
        private Dictionary<string, MemoCell>? _cells = new(StringComparer.Ordinal);
        private int _hits;
        private bool _sampled;

        // The reader hands out one string per repeated value (CellPool), so most lookups find the very same string
        // again: a small table keyed by the string's identity answers those without hashing its characters.
        private const int SeenSlots = 256;
        private readonly string?[] _seenKeys = new string?[SeenSlots];
        private readonly MemoCell[] _seenCells = new MemoCell[SeenSlots];

        public bool TryGet(string raw, out MemoCell cell)
        {
            if (_cells is null || raw.Length > MaxLength)
            {
                cell = default;
                return false;
            }
            var slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(raw) & (SeenSlots - 1);
            if (ReferenceEquals(_seenKeys[slot], raw))
            {
                _hits++;
                cell = _seenCells[slot];
                return true;
            }
            if (_cells.TryGetValue(raw, out cell))
            {
                _hits++;
                _seenKeys[slot] = raw;
                _seenCells[slot] = cell;
                return true;
            }
            return false;
        }

        public void Add(string raw, MemoCell cell)
        {
            if (_cells is null || raw.Length > MaxLength) return;
            _cells[raw] = cell;
            if (_cells.Count >= MaxEntries) _cells = null;
            else if (!_sampled && _hits + _cells.Count >= Sample)
            {
                _sampled = true;
                if (_hits < Sample / 2) _cells = null;
            }
        }
    }

    /// <summary>Cheap pre-check: a cell longer than every missing value and not padded with spaces cannot be one.</summary>
    private bool MaybeMissing(string raw) =>
        raw.Length <= _maxMissingLength || IsWhiteSpace(raw[0]) || IsWhiteSpace(raw[^1]);

    /// <summary>char.IsWhiteSpace without the Unicode table lookup for printable ASCII and for kana/kanji (above U+3000).</summary>
    private static bool IsWhiteSpace(char c) => c <= '\u3000' && (c <= ' ' || c >= '\u007F') && char.IsWhiteSpace(c);

    private string Record(int rowNumber, FieldSchema field, string raw, Normalized n) =>
        n.Outcome == Outcome.Unchanged ? n.Value : Record(rowNumber, field, raw, n, IssueSeverity(n));

    /// <summary>The severity an outcome is logged with: the catalog's warnings stay warnings, else fixed or error.</summary>
    private Severity IssueSeverity(Normalized n) => n.Outcome switch
    {
        Outcome.Fixed => SeverityOf(n.Code ?? "fixed") == Severity.Warning ? Severity.Warning : Severity.Fixed,
        Outcome.Invalid => SeverityOf(n.Code ?? "invalid") == Severity.Warning ? Severity.Warning : Severity.Error,
        _ => Severity.Fixed,
    };

    private string Record(int rowNumber, FieldSchema field, string raw, Normalized n, Severity severity)
    {
        switch (n.Outcome)
        {
            case Outcome.Fixed:
                var code = n.Code ?? "fixed";
                if (Log.Count(code, severity)) Log.Keep(new Issue(code, severity, rowNumber, field.Name, raw, n.Value, n.Message ?? Title(code)));
                break;
            case Outcome.Invalid:
                var bad = n.Code ?? "invalid";
                if (field.Level == FieldLevel.Required) RequiredFieldErrors = true;
                if (Log.Count(bad, severity)) Log.Keep(new Issue(bad, severity, rowNumber, field.Name, raw, null, n.Message ?? Title(bad)));
                break;
        }
        return n.Value;
    }

    private static string Title(string code) => IssueCatalog.Find(code)?.Title ?? code;

    private readonly Dictionary<string, Severity> _severities = new(StringComparer.Ordinal);

    private Severity SeverityOf(string code)
    {
        if (!_severities.TryGetValue(code, out var s)) _severities[code] = s = IssueCatalog.SeverityOf(code);
        return s;
    }

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
                Log.Add(IssueCodes.InvalidCoordinate, Severity.Error, row.RowNumber, _mapping.Columns[combined].Source, cell, null, "expected 'latitude,longitude' in one cell");
                values[_latIndex] = values[_lonIndex] = "";
                return;
            }
            if (Log.Count(ValidationCodes.CoordinatesSplit, Severity.Fixed))
                Log.Keep(new Issue(ValidationCodes.CoordinatesSplit, Severity.Fixed, row.RowNumber, _mapping.Columns[combined].Source, cell, $"{rawLat.Trim()} / {rawLon.Trim()}",
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
        if (pair.Latitude.Code == IssueCodes.CoordinatesSwapped)
        {
            // One issue for the pair, not one per cell.
            values[_latIndex] = pair.Latitude.Value;
            values[_lonIndex] = pair.Longitude.Value;
            if (Log.Count(IssueCodes.CoordinatesSwapped, Severity.Fixed))
                Log.Keep(new Issue(IssueCodes.CoordinatesSwapped, Severity.Fixed, row.RowNumber, "緯度,経度", $"{rawLat},{rawLon}", $"{values[_latIndex]},{values[_lonIndex]}",
                    "緯度 and 経度 were swapped (checked against Japan's bounds)"));
            return;
        }
        if (pair.Latitude.Code == IssueCodes.CoordinatesZero && pair.Longitude.Code == IssueCodes.CoordinatesZero)
        {
            values[_latIndex] = values[_lonIndex] = "";
            if (Log.Count(IssueCodes.CoordinatesZero, Severity.Fixed))
                Log.Keep(new Issue(IssueCodes.CoordinatesZero, Severity.Fixed, row.RowNumber, "緯度,経度", $"{rawLat},{rawLon}", "", "0,0 is not a place in Japan; written as missing"));
            return;
        }
        values[_latIndex] = Record(row.RowNumber, _fields[_latIndex], rawLat, pair.Latitude);
        values[_lonIndex] = Record(row.RowNumber, _fields[_lonIndex], rawLon, pair.Longitude);
    }

    private void CheckDuplicateId(int rowNumber, string id)
    {
        if (_duplicateLimitReached) return;
        if (_idCount >= DuplicateCheckLimit)
        {
            _duplicateLimitReached = true;
            Log.Add(ValidationCodes.DuplicateCheckLimit, Severity.Warning, rowNumber, _columnNames[IdIndex], null, null,
                $"more than {DuplicateCheckLimit:N0} IDs: duplicate IDs are not checked beyond this row");
            return;
        }
        _idCount++;
        var added = TryPlainInteger(id, out var number) ? _numericIds.Add(number) : _ids.Add(Fnv1a64(id));
        if (!added)
        {
            if (Log.Count(ValidationCodes.DuplicateId, Severity.Error))
                Log.Keep(new Issue(ValidationCodes.DuplicateId, Severity.Error, rowNumber, _columnNames[IdIndex], id, null, $"ID {id} appears more than once"));
        }
    }

    /// <summary>"1" … "99999999" without leading zeros: such IDs (the usual 連番) are tracked in a bit set, one bit each.</summary>
    private static bool TryPlainInteger(string s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 8 || s[0] == '0') return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>64-bit FNV-1a: 8 bytes per ID instead of the string, so a 10-million-row file stays within memory.</summary>
    private static ulong Fnv1a64(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    private void HeaderIssues(RawTable table)
    {
        if (table.HeaderRowNumber > 1)
            Log.Add(ValidationCodes.HeaderNotFirstRow, Severity.Warning, table.HeaderRowNumber, null, string.Join(" / ", table.Preamble), null,
                $"the header is on row {table.HeaderRowNumber}; title or note rows above it break the machine-readability rule (L3-01)");
        if (table.Format is "csv" or "tsv" && !table.Encoding.StartsWith("UTF-8", StringComparison.OrdinalIgnoreCase))
            Log.Add(ValidationCodes.NotUtf8, Severity.Warning, null, null, table.Encoding, "UTF-8", $"the file is {table.Encoding}; output is UTF-8");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _mapping.Columns)
        {
            if (c.Source.Length == 0)
                Log.Add(ValidationCodes.HeaderBlank, Severity.Warning, table.HeaderRowNumber, $"(column {c.Index + 1})", "", null, $"column {c.Index + 1} has no name");
            else if (!seen.Add(c.Source))
                Log.Add(ValidationCodes.HeaderDuplicate, Severity.Warning, table.HeaderRowNumber, c.Source, c.Source, null, $"column name '{c.Source}' appears more than once");
            switch (c.How)
            {
                case MatchKind.Alias or MatchKind.Normalized or MatchKind.Fuzzy:
                    Log.Add(ValidationCodes.HeaderRenamed, Severity.Fixed, table.HeaderRowNumber, c.Source, c.Source, c.Field,
                        $"column '{c.Source}' is the standard field {c.Field} ({c.How.ToString().ToLowerInvariant()} match)");
                    break;
                case MatchKind.Unmapped when c.Source.Length > 0:
                    Log.Add(ValidationCodes.ColumnUnmapped, Severity.Warning, table.HeaderRowNumber, c.Source, c.Source, null,
                        $"column '{c.Source}' matches no field of {_schema.Id}; its values go to the extra-columns file");
                    break;
            }
        }
        for (var f = 0; f < _fields.Length; f++)
        {
            if (_fields[f].Level != FieldLevel.Required || _mapping.FieldSource[f] >= 0) continue;
            if (_mapping.CombinedCoordinateColumn >= 0 && _fields[f].Name is "緯度" or "経度") continue;
            if (_fields[f].Name == "全国地方公共団体コード" && Publisher is not null) continue;
            RequiredFieldErrors = true;
            Log.Add(ValidationCodes.RequiredColumnMissing, Severity.Error, table.HeaderRowNumber, _fields[f].Name, null, null,
                $"required field {_fields[f].Name} (◎) has no source column (use --map \"column=field\" if it is there under another name)");
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
            if (_fields[i].Name == name) return i;
        return -1;
    }

    /// <summary>A growable set of non-negative integers, one bit each.</summary>
    private sealed class BitSet
    {
        private ulong[] _words = new ulong[1024];

        /// <summary>False when the number was already in the set.</summary>
        public bool Add(int n)
        {
            var w = n >> 6;
            if (w >= _words.Length) Array.Resize(ref _words, Math.Max(_words.Length * 2, w + 1));
            var bit = 1UL << (n & 63);
            if ((_words[w] & bit) != 0) return false;
            _words[w] |= bit;
            return true;
        }
    }
}
