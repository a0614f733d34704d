using System.Text;
using Musubi.Schemas;
using Musubi.Tests.Support;

namespace Musubi.Tests.Schemas;

/// <summary>Header rows of real municipal files (../shared/corpus/raw) against the schemas' names and aliases.</summary>
public class SchemaCorpusHeaderTests
{
    static SchemaCorpusHeaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Fold(string s) =>
        string.Concat(s.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)));

    private static string[] ReadHeader(string relativePath)
    {
        var bytes = File.ReadAllBytes(SharedPaths.Get("corpus", "raw", relativePath));
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding(932).GetString(bytes);
        }
        var first = text.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r');
        return first.Split(',').Select(c => c.Trim('"')).ToArray();
    }

    [SharedFact]
    public void Current_format_files_have_exactly_the_schema_fields_in_order()
    {
        (string File, string Schema)[] files =
        [
            ("ichikawa/122033_101_public_facility.csv", "public-facility"),
            ("ichikawa/122033_102_cultural_property.csv", "cultural-property"),
            ("ichikawa/122033_105_preschool.csv", "childcare-facility"),
            ("ichikawa/122033_108_aed.csv", "aed"),
            ("ichikawa/122033_109_care_service.csv", "care-service"),
            ("ichikawa/122033_201_multipurpose_toilet.csv", "public-toilet"),
            ("ichikawa/122033_210_sakura_map.csv", "tourist-facility"),
            ("iida/67211.csv", "childcare-facility"),
            ("mapprint/170003_evacuation_space.csv", "evacuation-site"),
            ("yaizu/222127_public_toilet.csv", "public-toilet"),
        ];
        foreach (var (file, id) in files)
        {
            var schema = SchemaCatalog.Default.Find(id)!;
            Assert.Equal(schema.Fields.Select(f => f.Name), ReadHeader(file));
        }
    }

    [SharedFact]
    public void Old_format_and_variant_headers_map_one_to_one_through_aliases()
    {
        (string File, string Schema, string[] Unmapped)[] files =
        [
            ("yaizu/222127_evacuation_space.csv", "evacuation-site", []),
            ("okinawa/473022_evacuation_space.csv", "evacuation-site", []),
            ("yaizu/222127_public_wireless_lan.csv", "public-wifi", []),
            ("tablelinker-gghatano/tokyo/132098_public_toilet.csv", "public-toilet", []),
            ("tokyo-kosodate/132217preschoolhoi-you.csv", "childcare-facility", []),
            ("tablelinker/shimabara_tourism.csv", "tourist-facility", ["バリアフリー情報"]),
            ("oita/aed.csv", "aed", []),
            ("tablelinker-gghatano/sapporo/011002hospital.csv", "medical-institution", ["区コード"]),
            ("takamatsu/public_toilet/data.csv", "public-toilet", ["identification"]),
            ("nonoichi-chino/172120_public-facility.csv", "public-facility", ["_id"]),
            ("matsuyama/382019_evacuation_space.csv", "evacuation-site", [""]),
        ];
        foreach (var (file, id, unmapped) in files)
        {
            var schema = SchemaCatalog.Default.Find(id)!;
            var lookup = new Dictionary<string, string>();
            foreach (var f in schema.Fields)
            {
                foreach (var key in f.Aliases.Prepend(f.Name))
                    lookup[Fold(key)] = f.Name;
            }
            var mapped = new List<string>();
            foreach (var column in ReadHeader(file).Where(c => !unmapped.Contains(c)))
            {
                Assert.True(lookup.TryGetValue(Fold(column), out var field), $"{file}: column '{column}' maps to no field of {id}");
                mapped.Add(field!);
            }
            Assert.Equal(mapped.Count, mapped.Distinct().Count());
        }
    }
}
