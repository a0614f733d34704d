using System.Globalization;
using Musubi.Chars;
using Musubi.Issues;

namespace Musubi.Normalize;

/// <summary>A latitude/longitude pair normalized together.</summary>
public readonly record struct CoordinatePair(Normalized Latitude, Normalized Longitude);

/// <summary>
/// Latitude and longitude (WGS84/JGD decimal degrees) as written in municipal files: decimal strings, full-width digits,
/// degrees-minutes-seconds (35°41'22.3", 35度41分22.3秒, 35:41:22.3, with N/E or 北緯/東経), pairs in one cell.
/// Output is an invariant-culture decimal; a valid source value's digits are kept as written (its precision is the source's).
/// </summary>
/// <remarks>
/// Decisions: "0" (and 0/0 pairs) means "not surveyed" and becomes empty (coordinates-zero); values are checked against
/// Japan's bounds (latitude 20–46, longitude 122–154); a pair whose latitude is in the longitude range and longitude in the
/// latitude range is swapped back (coordinates-swapped); decimals are never rounded away (a source's 8 or 12 decimals stay:
/// rounding is not a fix); only degrees-minutes-seconds converted to decimal degrees get 7 decimals (≈1 cm).
/// </remarks>
public static class Coordinates
{
    public const double MinLatitude = 20, MaxLatitude = 46, MinLongitude = 122, MaxLongitude = 154;

    private const int MaxDecimals = 7;

    /// <summary>Longest fraction kept as written by the fast path (beyond it the slow path still keeps the digits).</summary>
    private const int MaxKeptDecimals = 15;

    public static bool IsInJapanLatitude(double v) => v is >= MinLatitude and <= MaxLatitude;

    public static bool IsInJapanLongitude(double v) => v is >= MinLongitude and <= MaxLongitude;

    /// <summary>Parses decimal degrees or degrees-minutes-seconds (any notation above); S/W/南緯/西経 give negative values.</summary>
    public static bool TryParseDegrees(string? text, out double degrees)
    {
        degrees = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var p = Parse(text);
        degrees = (double)p.Value;
        return p.Status is Status.Ok or Status.Zero;
    }

    public static Normalized NormalizeLatitude(string raw) =>
        IsCanonicalInRange(raw, 20, 46) ? Normalized.Same(raw) : Finish(raw, Parse(raw), latitude: true);

    public static Normalized NormalizeLongitude(string raw) =>
        IsCanonicalInRange(raw, 122, 154) ? Normalized.Same(raw) : Finish(raw, Parse(raw), latitude: false);

    /// <summary>Fast path without parsing: plain ASCII decimal, 1–15 decimals (or none), min ≤ value ≤ max.</summary>
    private static bool IsCanonicalInRange(string s, int min, int max)
    {
        int i = 0, whole = 0;
        while (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            if (i == 3)
            {
                return false;
            }
            whole = (whole * 10) + (s[i] - '0');
            i++;
        }
        if (i == 0 || (i > 1 && s[0] == '0'))
        {
            return false;
        }
        bool fractionZero = true;
        if (i < s.Length)
        {
            if (s[i] != '.' || s.Length - i - 1 is < 1 or > MaxKeptDecimals)
            {
                return false;
            }
            for (int k = i + 1; k < s.Length; k++)
            {
                char c = s[k];
                if (!CharText.IsAsciiDigit(c))
                {
                    return false;
                }
                fractionZero &= c == '0';
            }
        }
        return whole >= min && (whole < max || (whole == max && fractionZero));
    }

    /// <summary>Normalizes a latitude and a longitude together, repairing swapped columns and 0/0 placeholders.</summary>
    public static CoordinatePair NormalizePair(string latitude, string longitude)
    {
        if (IsCanonicalInRange(latitude, 20, 46) && IsCanonicalInRange(longitude, 122, 154))
        {
            return new(Normalized.Same(latitude), Normalized.Same(longitude));
        }
        var la = Parse(latitude);
        var lo = Parse(longitude);
        if (la.Status == Status.Zero && lo.Status is Status.Zero or Status.Empty or Status.Placeholder)
        {
            return new(ZeroOrSame(latitude), lo.Status == Status.Zero ? ZeroOrSame(longitude) : Finish(longitude, lo, false));
        }
        if (la.Status == Status.Ok && lo.Status == Status.Ok)
        {
            double a = (double)la.Value, o = (double)lo.Value;
            if (!(IsInJapanLatitude(a) && IsInJapanLongitude(o)) && IsInJapanLongitude(a) && IsInJapanLatitude(o))
            {
                const string msg = "latitude and longitude were swapped";
                return new(Normalized.Fix(lo.Text, IssueCode.CoordinatesSwapped, msg), Normalized.Fix(la.Text, IssueCode.CoordinatesSwapped, msg));
            }
        }
        return new(Finish(latitude, la, true), Finish(longitude, lo, false));
    }

    /// <summary>Splits a "lat,lon" cell (separators , ， 、 ; / or white space).</summary>
    public static bool TrySplitPair(string cell, out string latitude, out string longitude)
    {
        latitude = longitude = "";
        var t = CharText.TrimFold(cell).AsSpan();
        int sep = t.IndexOfAny(",、;/");
        if (sep >= 0)
        {
            if (t[(sep + 1)..].IndexOfAny(",、;/") >= 0)
            {
                return false;
            }
            latitude = CharText.Trim(t[..sep]).ToString();
            longitude = CharText.Trim(t[(sep + 1)..]).ToString();
            return latitude.Length > 0 && longitude.Length > 0;
        }
        int sp = -1;
        for (int i = 0; i < t.Length; i++)
        {
            if (CharText.IsSpace(t[i]))
            {
                sp = i;
                break;
            }
        }
        if (sp < 0)
        {
            return false;
        }
        var rest = CharText.Trim(t[sp..]);
        foreach (char c in rest)
        {
            if (CharText.IsSpace(c))
            {
                return false;
            }
        }
        latitude = t[..sp].ToString();
        longitude = rest.ToString();
        return true;
    }

    /// <summary>Normalizes a cell holding both coordinates ("35.68,139.76").</summary>
    public static CoordinatePair NormalizeCell(string cell)
    {
        if (TrySplitPair(cell, out var la, out var lo))
        {
            return NormalizePair(la, lo);
        }
        var bad = Normalized.Bad(cell, IssueCode.InvalidCoordinate, "not a latitude,longitude pair");
        return new(bad, bad);
    }

    private enum Status : byte
    {
        Empty,
        Placeholder,
        Zero,
        Ok,
        Bad,
    }

    private readonly record struct Parsed(Status Status, decimal Value, string Text, string? Code);

    private static Normalized ZeroOrSame(string raw) =>
        raw.Length == 0 ? Normalized.Same(raw) : Normalized.Fix("", IssueCode.CoordinatesZero, "0 means no coordinate; left empty");

    private static Normalized Finish(string raw, Parsed p, bool latitude)
    {
        switch (p.Status)
        {
            case Status.Empty:
                return raw.Length == 0 ? Normalized.Same(raw) : Normalized.Fix("", IssueCode.TextTrimmed, "blank cell");
            case Status.Placeholder:
                return Normalized.Fix("", IssueCode.MissingPlaceholder, "placeholder for a missing value; left empty");
            case Status.Zero:
                return ZeroOrSame(raw);
            case Status.Bad:
                return Normalized.Bad(raw, IssueCode.InvalidCoordinate, latitude ? "not a latitude" : "not a longitude");
        }
        double v = (double)p.Value;
        if (latitude ? !IsInJapanLatitude(v) : !IsInJapanLongitude(v))
        {
            return Normalized.Bad(raw, IssueCode.CoordinateOutOfRange, latitude ? "latitude outside Japan (20–46)" : "longitude outside Japan (122–154)");
        }
        return p.Code is null ? Normalized.Same(raw) : Normalized.Fix(p.Text, p.Code, p.Code switch
        {
            IssueCode.CoordinateDms => "degrees-minutes-seconds converted to decimal degrees",
            IssueCode.CoordinateRounded => "rounded to 7 decimals",
            _ => "written as a plain decimal number",
        });
    }

    private static bool IsPlainDecimal(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (s.Length > 0 && s[0] == '-')
        {
            i = 1;
        }
        int intDigits = 0;
        while (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            i++;
            intDigits++;
        }
        if (intDigits == 0 || intDigits > 3)
        {
            return false;
        }
        if (i == s.Length)
        {
            return true;
        }
        if (s[i] != '.')
        {
            return false;
        }
        i++;
        int dec = 0;
        while (i < s.Length && CharText.IsAsciiDigit(s[i]))
        {
            i++;
            dec++;
        }
        return i == s.Length && dec >= 1 && dec <= 20;
    }

    /// <summary>Separators that may trail or lead a coordinate written out of a pair (after width folding).</summary>
    private static readonly char[] StraySeparators = [',', '、', ';', '/', '，', '；'];

    private static Parsed Parse(string raw)
    {
        if (raw.Length == 0)
        {
            return new(Status.Empty, 0, raw, null);
        }
        if (IsPlainDecimal(raw))
        {
            return FromDecimal(raw, raw, null);
        }
        if (CharText.IsDashPlaceholder(raw))
        {
            return new(Status.Placeholder, 0, "", null);
        }
        if (raw.Length > 100)
        {
            return new(Status.Bad, 0, raw, null);
        }
        string s = CharText.Compact(raw);
        if (s.Length == 0)
        {
            return new(Status.Empty, 0, "", null);
        }
        // A separator left over from a "lat,lon" column split by hand ("35.6812," or ",139.7671") carries no meaning.
        s = s.Trim(StraySeparators);
        if (s.Length == 0)
        {
            return new(Status.Bad, 0, raw, null);
        }
        if (s[0] == '+')
        {
            s = s[1..];
        }
        if (IsPlainDecimal(s))
        {
            return FromDecimal(raw, s, IssueCode.CoordinateFormat);
        }
        return ParseDms(s);
    }

    private static Parsed FromDecimal(string raw, string s, string? code)
    {
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
        {
            return new(Status.Bad, 0, raw, null);
        }
        if (d == 0)
        {
            return new(Status.Zero, 0, "", null);
        }
        return new(Status.Ok, d, s, code);
    }

    private static Parsed ParseDms(string s)
    {
        int sign = 1;
        ReadOnlySpan<char> t = s;
        int before = t.Length;
        if (t.StartsWith("北緯") || t.StartsWith("東経"))
        {
            t = t[2..];
        }
        else if (t.StartsWith("南緯") || t.StartsWith("西経"))
        {
            t = t[2..];
            sign = -1;
        }
        else if (t.Length > 0 && t[0] is 'N' or 'E' or 'n' or 'e')
        {
            t = t[1..];
        }
        else if (t.Length > 0 && t[0] is 'S' or 'W' or 's' or 'w')
        {
            t = t[1..];
            sign = -1;
        }
        else if (t.Length > 0 && t[^1] is 'N' or 'E' or 'n' or 'e')
        {
            t = t[..^1];
        }
        else if (t.Length > 0 && t[^1] is 'S' or 'W' or 's' or 'w')
        {
            t = t[..^1];
            sign = -1;
        }

        bool hemisphere = t.Length != before;
        Span<decimal> parts = stackalloc decimal[3];
        int n = 0, i = 0;
        bool dms = false;
        while (i < t.Length)
        {
            int start = i;
            while (i < t.Length && (CharText.IsAsciiDigit(t[i]) || t[i] == '.'))
            {
                i++;
            }
            if (i == start || n == 3 || !decimal.TryParse(t[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal v))
            {
                return new(Status.Bad, 0, s, null);
            }
            int unit;
            if (i == t.Length)
            {
                unit = n; // trailing number without a mark: next position
            }
            else
            {
                char c = t[i++];
                unit = c switch
                {
                    '°' or '度' or 'º' or '˚' => 0,
                    '\'' or '′' or '分' or '’' => 1,
                    '"' or '″' or '秒' or '”' => 2,
                    ':' => n,
                    _ => -1,
                };
                if (unit == 1 && c == '\'' && i < t.Length && t[i] == '\'')
                {
                    unit = 2;
                    i++;
                }
                dms = true;
            }
            if (unit != n)
            {
                return new(Status.Bad, 0, s, null);
            }
            parts[n++] = v;
        }
        if ((!dms && !(hemisphere && n == 1)) || n == 0 || (n >= 2 && parts[1] >= 60) || (n == 3 && parts[2] >= 60))
        {
            return new(Status.Bad, 0, s, null);
        }
        decimal deg = parts[0] + (n >= 2 ? parts[1] / 60m : 0) + (n == 3 ? parts[2] / 3600m : 0);
        deg = Math.Round(sign * deg, MaxDecimals, MidpointRounding.AwayFromZero);
        if (deg == 0)
        {
            return new(Status.Zero, 0, "", null);
        }
        string text = deg.ToString("0.#######", CultureInfo.InvariantCulture);
        return new(Status.Ok, deg, text, dms ? IssueCode.CoordinateDms : IssueCode.CoordinateFormat);
    }
}
