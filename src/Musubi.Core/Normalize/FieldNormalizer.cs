using System.Runtime.CompilerServices;
using System.Text;
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
            r = field.Format switch
            {
                "default" or null or "" => ByType(field, raw),
                "lg-code" => Typed(raw) ?? LocalGovernmentCode.Normalize(raw, isKnownLgCode),
                "corporate-number" => Typed(raw) ?? CorporateNumber.Normalize(raw),
                "kana" => KanaText.Normalize(raw),
                "phone" => Typed(raw) ?? PhoneNumber.Normalize(raw),
                "postal-code" => Typed(raw) ?? PostalCode.Normalize(raw),
                "email" => Typed(raw) ?? EmailAddress.Normalize(raw),
                "uri" => Typed(raw) ?? WebAddress.Normalize(raw),
                "list" => ListText.Normalize(raw),
                "latitude" => Coordinates.NormalizeLatitude(raw),
                "longitude" => Coordinates.NormalizeLongitude(raw),
                "town-id" => Typed(raw) ?? TownId.Normalize(raw),
                "id" => Identifier.Normalize(raw),
                _ => ByType(field, raw),
            };
        }
        var allowed = field.Constraints?.Enum;
        if (allowed is { Count: > 0 } && r.Outcome != Outcome.Invalid && r.Value.Length > 0)
        {
            return field.Format == "list" ? CheckEnumList(allowed, raw, r) : CheckEnum(allowed, raw, r);
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

    private static Normalized ByType(FieldSchema field, string raw) => field.Type switch
    {
        "string" or null or "" => PlainText.Normalize(raw),
        "integer" => Typed(raw) ?? NumberText.NormalizeInteger(raw),
        "number" => Typed(raw) ?? NumberText.NormalizeNumber(raw),
        "boolean" => Flag.Normalize(raw, field.TrueValues, field.FalseValues),
        "date" => Typed(raw) ?? JapaneseDate.Normalize(raw),
        "time" => Typed(raw) ?? ClockTime.Normalize(raw),
        "year" => Typed(raw) ?? JapaneseDate.NormalizeYear(raw),
        "datetime" => Typed(raw) ?? DateTimeText.Normalize(raw),
        _ => PlainText.Normalize(raw),
    };

    /// <summary>Dash placeholder in a typed field → empty; null otherwise (cheap: only looks at short cells starting with a dash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Normalized? Typed(string raw)
    {
        if (raw.Length > 8 || !(CharText.IsDashLike(raw[0]) || CharText.IsSpace(raw[0])) || !CharText.IsDashPlaceholder(raw))
        {
            return null;
        }
        return Normalized.Fix("", IssueCodes.MissingPlaceholder, "placeholder for a missing value; left empty");
    }

    private static Normalized CheckEnum(IReadOnlyList<string> allowed, string raw, Normalized r)
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
            return Normalized.Fix(match, IssueCodes.EnumNormalized, $"written as the listed value {match}");
        }
        return Normalized.Bad(raw, IssueCodes.EnumMismatch, "not one of the listed values");
    }

    /// <summary>Enum check for list fields: every ";"-separated item must be a listed value.</summary>
    private static Normalized CheckEnumList(IReadOnlyList<string> allowed, string raw, Normalized r)
    {
        if (r.Value.IndexOf(';') < 0)
        {
            return CheckEnum(allowed, raw, r);
        }
        var items = r.Value.Split(';');
        bool changed = false;
        for (int i = 0; i < items.Length; i++)
        {
            var one = CheckEnum(allowed, raw, Normalized.Same(items[i]));
            if (one.Outcome == Outcome.Invalid)
            {
                return Normalized.Bad(raw, IssueCodes.EnumMismatch, $"{items[i]} is not one of the listed values");
            }
            changed |= one.Outcome == Outcome.Fixed;
            items[i] = one.Value;
        }
        return changed ? Normalized.Fix(string.Join(';', items), IssueCodes.EnumNormalized, "items written as the listed values") : r;
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
