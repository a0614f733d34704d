using Musubi.Schemas;

namespace Musubi.Normalize;

// Temporary stand-in until the normalize stage lands.
public static class FieldNormalizer
{
    public static Normalized Normalize(FieldSchema field, string raw)
    {
        var t = raw.Trim();
        return t == raw ? Normalized.Same(raw) : Normalized.Fix(t, "text-trimmed");
    }

    public static bool IsMissing(string raw, IReadOnlyList<string> missingValues)
    {
        var t = raw.Trim();
        foreach (var m in missingValues)
            if (t == m) return true;
        return false;
    }
}
