using Musubi.Embedded;
namespace Musubi.Registry;

/// <summary>One 町域 served by a postal code.</summary>
public sealed record PostalCodeEntry(string PostalCode, string LgCode, string Prefecture, string City, string Town);

/// <summary>
/// 7-digit postal code → prefecture, municipality (with its code) and 町域, from Japan Post's KEN_ALL
/// (embedded data/registry/postal-codes.tsv.gz; regenerate with scripts/registry/build.mjs).
/// </summary>
public sealed class PostalCodeRegistry
{
    private static readonly Lazy<PostalCodeRegistry> LazyDefault = new(() => new PostalCodeRegistry(LocalGovernmentRegistry.Default));

    private readonly Dictionary<int, PostalCodeEntry[]> _byCode = [];

    public static PostalCodeRegistry Default => LazyDefault.Value;

    public RegistrySource Info { get; }

    public int Count => _byCode.Count;

    private PostalCodeRegistry(LocalGovernmentRegistry governments)
    {
        var temp = new Dictionary<int, List<PostalCodeEntry>>();
        var lines = 0;
        foreach (var line in EmbeddedData.Lines("registry/postal-codes.tsv.gz"))
        {
            var t1 = line.IndexOf('\t');
            var t2 = t1 < 0 ? -1 : line.IndexOf('\t', t1 + 1);
            if (t2 < 0) continue;
            var zip = line[..t1];
            var lg = line[(t1 + 1)..t2];
            var g = governments.ByCode(lg);
            var entry = new PostalCodeEntry(zip, lg, g?.Prefecture ?? "", g?.CityName ?? "", line[(t2 + 1)..]);
            var key = int.Parse(zip, System.Globalization.CultureInfo.InvariantCulture);
            if (!temp.TryGetValue(key, out var list)) temp[key] = list = [];
            list.Add(entry);
            lines++;
        }
        foreach (var (k, v) in temp) _byCode[k] = [.. v];
        Info = RegistrySource.FromMeta("postal-codes.tsv.gz", lines);
    }

    /// <summary>The 町域 for a postal code ("1000001", "100-0001", "〒１００－０００１"); empty when unknown.</summary>
    public IReadOnlyList<PostalCodeEntry> Lookup(string? postalCode)
    {
        if (postalCode is null) return [];
        var digits = 0;
        var value = 0;
        foreach (var ch in postalCode)
        {
            var c = ch is >= '０' and <= '９' ? (char)(ch - '０' + '0') : ch;
            if (c is >= '0' and <= '9')
            {
                if (++digits > 7) return [];
                value = value * 10 + (c - '0');
            }
        }
        return digits == 7 && _byCode.TryGetValue(value, out var list) ? list : [];
    }
}
