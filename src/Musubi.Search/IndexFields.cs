using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Musubi.Registry;
using Musubi.Schemas;
using Musubi.Search.Analysis;
using Musubi.Search.Geo;
using Musubi.Search.Places;

namespace Musubi.Search;

/// <summary>The Lucene fields of a <see cref="SearchDocument"/>, and how a document becomes them.</summary>
internal static class IndexFields
{
    public const string Id = "id";
    public const string IdHash = "idh";
    public const string Kind = "kind";
    public const string Title = "title";
    public const string TitleStored = "title_s";
    public const string TitleExact = "title_exact";
    public const string Description = "description";
    /// <summary>Tags and keywords (publisher names …): a boost field.</summary>
    public const string Meta = "meta";
    /// <summary>All text of the document (title, description, tags, keywords, content): the field every term must match.</summary>
    public const string AllText = "text";
    public const string Place = "place";
    public const string Prefecture = "pref";
    public const string Municipality = "muni";
    public const string Standard = "std";
    public const string Category = "cat";
    public const string Format = "fmt";
    public const string Licence = "lic";
    public const string Latitude = "lat";
    public const string Longitude = "lon";
    public const string Modified = "modified";
    public const string RecordFieldPrefix = "f.";

    /// <summary>Longest title (folded) indexed for the exact-title boost, and longest field value indexed as a filter term.</summary>
    public const int MaxExactTitle = 256;
    public const int MaxFilterValue = 256;
    public const int MaxShownTitle = 1000;

    public static string KindValue(SearchKind k) => k == SearchKind.Dataset ? "dataset" : "record";

    public static string FacetField(SearchFacet f) => f switch
    {
        SearchFacet.Kind => Kind,
        SearchFacet.Prefecture => Prefecture,
        SearchFacet.Municipality => Municipality,
        SearchFacet.Standard => Standard,
        SearchFacet.Category => Category,
        SearchFacet.Format => Format,
        SearchFacet.Licence => Licence,
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    /// <summary>
    /// Facet values as indexed: formats upper case (csv = CSV), a prefecture's two-digit number as its code (13 = 130001),
    /// everything else trimmed as given.
    /// </summary>
    public static string FacetValue(SearchFacet f, string v) => f switch
    {
        SearchFacet.Format => v.Trim().ToUpperInvariant(),
        SearchFacet.Prefecture when v.Trim() is { Length: 2 } p && int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 47
            => LocalGovernmentCode.FromFiveDigits(p + "000").Value,
        _ => v.Trim(),
    };

    public static string RecordField(string name) => RecordFieldPrefix + name.Trim();

    /// <summary>Folded text with white space runs collapsed to one space and trimmed (exact-match keys).</summary>
    public static string Compact(string folded)
    {
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static IEnumerable<IIndexableField> ToLucene(SearchDocument d, PlaceNames places, SchemaCatalog schemas)
    {
        if (string.IsNullOrWhiteSpace(d.Id)) throw new ArgumentException("a search document needs an id");
        var fields = new List<IIndexableField>(64)
        {
            new StringField(Id, d.Id, Field.Store.NO),
            new BinaryDocValuesField(Id, new BytesRef(d.Id)),
            new NumericDocValuesField(IdHash, StableHash.Of(d.Id)),
        };
        void Facet(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            fields.Add(new StringField(name, value, Field.Store.NO));
            fields.Add(new SortedSetDocValuesField(name, new BytesRef(value)));
        }
        void Text(string name, string? value)
        {
            var f = SearchText.Fold(value);
            if (f.Length > 0) fields.Add(new TextField(name, f, Field.Store.NO));
        }

        Facet(Kind, KindValue(d.Kind));
        // Hits are read from doc values only (no stored fields): a stored-field read decompresses a whole block per hit.
        var shown = d.Title ?? "";
        fields.Add(new BinaryDocValuesField(TitleStored, new BytesRef(shown.Length > MaxShownTitle ? shown[..MaxShownTitle] : shown)));
        var title = SearchText.Fold(d.Title);
        if (title.Length > 0) fields.Add(new TextField(Title, title, Field.Store.NO));
        var exact = Compact(title);
        if (exact.Length is > 0 and <= MaxExactTitle) fields.Add(new StringField(TitleExact, exact, Field.Store.NO));
        // Every term must match "text" (one postings list per term, cheap to intersect with filters); title,
        // description and meta only add to the score of documents that matched, so they cost per hit, not per posting.
        if (title.Length > 0) fields.Add(new TextField(AllText, title, Field.Store.NO));
        Text(Description, d.Description);
        Text(AllText, d.Description);
        foreach (var t in d.Tags.Concat(d.Keywords))
        {
            Text(Meta, t);
            Text(AllText, t);
        }
        foreach (var c in d.Content) Text(AllText, c);

        // The standard's title and keywords are not indexed: a query term found in them matches std:<id>
        // (QueryBuilder), which gives the same hits without a copy of the keywords in every record.
        var schema = d.StandardDatasetId is { Length: > 0 } sid ? schemas.Find(sid) : null;
        var muni = Code(d.MunicipalityCode);
        var pref = Code(d.PrefectureCode) ?? (muni is not null && LocalGovernmentCode.IsValid(muni) ? LocalGovernmentCode.PrefectureOf(muni) : null);
        foreach (var p in places.KeywordsOf(pref, muni)) fields.Add(new StringField(Place, p, Field.Store.NO));
        Facet(Prefecture, pref);
        Facet(Municipality, muni);
        // A designated city's ward is also filed under the city, so a filter on 京都市 finds 京都市北区 (facet counts keep the ward).
        if (places.ParentCityCode(muni) is { } city) fields.Add(new StringField(Municipality, city, Field.Store.NO));
        Facet(Standard, d.StandardDatasetId?.Trim());
        foreach (var c in d.Categories.Select(c => c.Trim()).Distinct()) Facet(Category, c);
        foreach (var f in d.Formats.Select(f => FacetValue(SearchFacet.Format, f)).Distinct()) Facet(Format, f);
        Facet(Licence, d.Licence?.Trim());

        foreach (var (name, value) in d.Fields)
        {
            if (string.IsNullOrWhiteSpace(value) || string.IsNullOrWhiteSpace(name)) continue;
            var key = RecordField(name);
            var v = Compact(SearchText.Fold(value));
            if (v.Length <= MaxFilterValue) fields.Add(new StringField(key, v, Field.Store.NO));
            if (v.Contains(';') && schema?.Field(name) is { Format: "list" })
                foreach (var part in v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    if (part.Length <= MaxFilterValue) fields.Add(new StringField(key, part, Field.Store.NO));
        }

        if (d.Location is { IsValid: true } pt)
        {
            fields.Add(new NumericDocValuesField(Latitude, BitConverter.DoubleToInt64Bits(pt.Latitude)));
            fields.Add(new NumericDocValuesField(Longitude, BitConverter.DoubleToInt64Bits(pt.Longitude)));
            foreach (var cell in GeoCells.Terms(pt)) fields.Add(new StringField(GeoCells.Field, cell, Field.Store.NO));
        }
        var ms = d.Modified.ToUnixTimeMilliseconds();
        fields.Add(new NumericDocValuesField(Modified, ms));
        return fields;
    }

    private static string? Code(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();
}
