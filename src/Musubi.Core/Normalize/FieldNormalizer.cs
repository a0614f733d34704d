using System.Runtime.CompilerServices;
using System.Text;
using Musubi.Chars;
using Musubi.Issues;
using Musubi.Schemas;

namespace Musubi.Normalize;

/// <summary>
/// Normalizes one cell according to its field: the normalizer is chosen by <see cref="FieldSchema.Format"/>, then by
/// <see cref="FieldSchema.Type"/>; afterwards a value outside <see cref="FieldConstraints.Enum"/> is matched
/// NFKC/space-insensitively (enum-normalized) or reported (enum-mismatch).
/// </summary>
/// <remarks>
/// Hot path: values already in standard form return <see cref="Normalized.Same"/> without allocating.
/// Decision: in typed fields (numbers, dates, times, years, codes, coordinates, phone, postal code, e-mail, URL) a cell
/// holding only a dash ("-", "－", "―", "ー") is a missing-value placeholder and becomes empty (missing-placeholder);
/// boolean fields treat a dash as false (see <see cref="Flag"/>); text, list, kana and id fields keep it.
/// </remarks>
public static class FieldNormalizer
{
    public static Normalized Normalize(FieldSchema field, string raw) => Normalize(field, raw, null);

    /// <summary>Normalizes a cell; <paramref name="isKnownLgCode"/> (the code registry) is used by lg-code fields.</summary>
    public static Normalized Normalize(FieldSchema field, string raw, Func<string, bool>? isKnownLgCode)
    {
        ArgumentNullException.ThrowIfNull(field);
        raw ??= "";
        Normalized r;
        if (raw.Length == 0)
        {
            r = field.Type == "boolean" ? Flag.Normalize(raw, field.TrueValues, field.FalseValues) : Normalized.Same(raw);
        }
        else
        {
            r = Dispatch(KindOf(field), field, raw, isKnownLgCode);
        }
        return ApplyEnum(field, raw, r);
    }

    /// <summary>The normalizer a field uses, decided once per field instead of once per cell.</summary>
    internal enum Kind
    {
        Text, Integer, Number, Boolean, Date, Time, Year, DateTime,
        LgCode, CorporateNumber, Kana, Phone, PostalCode, Email, Uri, List, Latitude, Longitude, TownId, Id,
    }

    /// <summary>Same choice as <see cref="Normalize(FieldSchema, string, Func{string, bool}?)"/>: by format, then by type.</summary>
    internal static Kind KindOf(FieldSchema field) => field.Format switch
    {
        "default" or null or "" => KindOfType(field),
        "lg-code" => Kind.LgCode,
        "corporate-number" => Kind.CorporateNumber,
        "kana" => Kind.Kana,
        "phone" => Kind.Phone,
        "postal-code" => Kind.PostalCode,
        "email" => Kind.Email,
        "uri" => Kind.Uri,
        "list" => Kind.List,
        "latitude" => Kind.Latitude,
        "longitude" => Kind.Longitude,
        "town-id" => Kind.TownId,
        "id" => Kind.Id,
        _ => KindOfType(field),
    };

    private static Kind KindOfType(FieldSchema field) => field.Type switch
    {
        "string" or null or "" => Kind.Text,
        "integer" => Kind.Integer,
        "number" => Kind.Number,
        "boolean" => Kind.Boolean,
        "date" => Kind.Date,
        "time" => Kind.Time,
        "year" => Kind.Year,
        "datetime" => Kind.DateTime,
        _ => Kind.Text,
    };

    /// <summary>Normalizes a non-empty cell with the field's precomputed <paramref name="kind"/> (see <see cref="KindOf"/>).</summary>
    internal static Normalized Normalize(FieldSchema field, Kind kind, string raw, Func<string, bool>? isKnownLgCode) =>
        ApplyEnum(field, raw, Dispatch(kind, field, raw, isKnownLgCode));

    private static Normalized Dispatch(Kind kind, FieldSchema field, string raw, Func<string, bool>? isKnownLgCode) => kind switch
    {
        Kind.Text => PlainText.Normalize(raw),
        Kind.Integer => Typed(raw) ?? NumberText.NormalizeInteger(raw),
        Kind.Number => Typed(raw) ?? NumberText.NormalizeNumber(raw),
        Kind.Boolean => Flag.Normalize(raw, field.TrueValues, field.FalseValues),
        Kind.Date => Typed(raw) ?? JapaneseDate.Normalize(raw),
        Kind.Time => Typed(raw) ?? ClockTime.Normalize(raw),
        Kind.Year => Typed(raw) ?? JapaneseDate.NormalizeYear(raw),
        Kind.DateTime => Typed(raw) ?? DateTimeText.Normalize(raw),
        Kind.LgCode => Typed(raw) ?? LocalGovernmentCodeNormalizer.Normalize(raw, isKnownLgCode),
        Kind.CorporateNumber => Typed(raw) ?? CorporateNumber.Normalize(raw),
        Kind.Kana => KanaText.Normalize(raw),
        Kind.Phone => Typed(raw) ?? PhoneNumber.Normalize(raw),
        Kind.PostalCode => Typed(raw) ?? PostalCode.Normalize(raw),
        Kind.Email => Typed(raw) ?? EmailAddress.Normalize(raw),
        Kind.Uri => Typed(raw) ?? WebAddress.Normalize(raw),
        Kind.List => ListText.Normalize(raw),
        Kind.Latitude => Coordinates.NormalizeLatitude(raw),
        Kind.Longitude => Coordinates.NormalizeLongitude(raw),
        Kind.TownId => Typed(raw) ?? TownId.Normalize(raw),
        Kind.Id => Identifier.Normalize(raw),
        _ => PlainText.Normalize(raw),
    };

    private static Normalized ApplyEnum(FieldSchema field, string raw, Normalized r)
    {
        var allowed = field.Constraints?.Enum;
        if (allowed is { Count: > 0 } && r.Outcome != Outcome.Invalid && r.Value.Length > 0)
        {
            return field.Format == "list" ? CheckEnumList(field.Name, allowed, raw, r) : CheckEnum(field.Name, allowed, raw, r);
        }
        return r;
    }

    /// <summary>True when the cell (trimmed, including U+3000) is one of the missing values.</summary>
    public static bool IsMissing(string raw, IReadOnlyList<string> missingValues)
    {
        ArgumentNullException.ThrowIfNull(missingValues);
        if (raw is null)
        {
            return true;
        }
        var t = CharText.Trim(raw);
        for (int i = 0; i < missingValues.Count; i++)
        {
            if (t.SequenceEqual(missingValues[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Dash placeholder in a typed field → empty; null otherwise (cheap: only looks at short cells starting with a dash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Normalized? Typed(string raw)
    {
        if (raw.Length > 8 || !(CharText.IsDashLike(raw[0]) || CharText.IsSpace(raw[0])) || !CharText.IsDashPlaceholder(raw))
        {
            return null;
        }
        return Normalized.Fix("", IssueCode.MissingPlaceholder, "placeholder for a missing value; left empty");
    }

    private static Normalized CheckEnum(string fieldName, IReadOnlyList<string> allowed, string raw, Normalized r)
    {
        for (int i = 0; i < allowed.Count; i++)
        {
            if (string.Equals(allowed[i], r.Value, StringComparison.Ordinal))
            {
                return r;
            }
        }
        var index = EnumIndexes.GetValue(allowed, static a => BuildIndex(a));
        if (index.TryGetValue(EnumKey(r.Value), out var match) && match is not null)
        {
            return Normalized.Fix(match, IssueCode.EnumNormalized, $"written as the listed value {match}");
        }
        // Real files are wider than the list: spelling variants, sub-kinds, two-level kinds (data/codes/value-rules.json).
        if (ValueRules.Resolve(fieldName, allowed, r.Value) is { } resolved)
        {
            return resolved.Allowed
                ? r
                : Normalized.Fix(resolved.Value, IssueCode.EnumSynonym, $"'{r.Value}' written as the listed value {resolved.Value} ({resolved.Why})");
        }
        return Normalized.Bad(raw, IssueCode.EnumMismatch, "not one of the listed values");
    }

    /// <summary>Enum check for list fields: every ";"-separated item must be a listed value.</summary>
    private static Normalized CheckEnumList(string fieldName, IReadOnlyList<string> allowed, string raw, Normalized r)
    {
        if (r.Value.IndexOf(';') < 0)
        {
            return CheckEnum(fieldName, allowed, raw, r);
        }
        var items = r.Value.Split(';');
        bool changed = false;
        for (int i = 0; i < items.Length; i++)
        {
            var one = CheckEnum(fieldName, allowed, raw, Normalized.Same(items[i]));
            if (one.Outcome == Outcome.Invalid)
            {
                return Normalized.Bad(raw, IssueCode.EnumMismatch, $"{items[i]} is not one of the listed values");
            }
            changed |= one.Outcome == Outcome.Fixed;
            items[i] = one.Value;
        }
        return changed ? Normalized.Fix(string.Join(';', items), IssueCode.EnumNormalized, "items written as the listed values") : r;
    }

    private static readonly ConditionalWeakTable<IReadOnlyList<string>, Dictionary<string, string?>> EnumIndexes = new();

    private static Dictionary<string, string?> BuildIndex(IReadOnlyList<string> allowed)
    {
        var d = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var a in allowed)
        {
            string k = EnumKey(a);
            // Two listed values with the same key are ambiguous: map the key to null.
            d[k] = d.TryGetValue(k, out var existing) && existing != a ? null : a;
        }
        return d;
    }

    /// <summary>NFKC, no white space, invariant upper case; dash variants unified.</summary>
    internal static string EnumKey(string s)
    {
        string n;
        try
        {
            n = s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            n = s; // lone surrogates
        }
        var sb = new StringBuilder(n.Length);
        foreach (char c in n)
        {
            if (CharText.IsSpace(c))
            {
                continue;
            }
            sb.Append(CharText.IsDashLike(c) && c != 'ー' ? '-' : char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
