using System.Text;
using Musubi.Schemas;
using Musubi.Tests.Support;

namespace Musubi.Tests.Schemas;

public class SchemaCatalogTests
{
    public static readonly string[] Ids =
    [
        "aed", "care-service", "medical-institution", "cultural-property", "tourist-facility", "event", "public-wifi",
        "public-toilet", "fire-water-supply", "evacuation-site", "population", "public-facility", "childcare-facility",
        "open-data-catalog",
    ];

    /// <summary>Every schema in the catalog, so a newly added data/schemas/*.json is checked too.</summary>
    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var s in SchemaCatalog.Default.All)
            data.Add(s.Id);
        return data;
    }

    [Fact]
    public void The_14_standard_datasets_are_in_the_catalog()
    {
        var missing = Ids.Where(id => SchemaCatalog.Default.Find(id) is null).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The field that names a row: 名称, or the dataset's own name field.</summary>
    private static readonly Dictionary<string, string> NameField = new()
    {
        ["care-service"] = "介護サービス事業所名称",
        ["event"] = "イベント名",
        ["fire-water-supply"] = "種別",
        ["population"] = "地域名",
        ["open-data-catalog"] = "データセット_タイトル",
    };

    private static readonly HashSet<string> WithoutLocation = ["population", "open-data-catalog"];

    /// <summary>A dataset has a location when it has coordinates or an address column.</summary>
    private static bool HasLocation(TableSchema s) => s.Field("緯度") is not null || s.Field("所在地_連結表記") is not null;

    private static readonly HashSet<string> Types = ["string", "integer", "number", "boolean", "date", "time", "datetime", "year"];

    private static readonly HashSet<string> Formats =
        ["default", "lg-code", "corporate-number", "kana", "phone", "postal-code", "email", "uri", "list", "latitude", "longitude", "town-id", "id"];

    /// <summary>The address part of the common leading block, in the documented order (always complete for location datasets).</summary>
    private static readonly string[] AddressBlock =
    [
        "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下",
        "建物名等(方書)", "緯度", "経度",
    ];

    private static TableSchema Get(string id) => SchemaCatalog.Default.Find(id) ?? throw new Xunit.Sdk.XunitException($"schema {id} not found");

    /// <summary>Header folding as in mapping: NFKC, lower case, no white space.</summary>
    private static string Key(string s) =>
        string.Concat(s.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)));

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Schema_loads_with_metadata(string id)
    {
        var s = Get(id);
        Assert.Equal(id, s.Id);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", s.Version);
        Assert.False(string.IsNullOrWhiteSpace(s.Title));
        Assert.False(string.IsNullOrWhiteSpace(s.TitleEn));
        Assert.False(string.IsNullOrWhiteSpace(s.Source));
        Assert.Matches(@"^\d{2}$", s.StandardNumber);
        if (s.OldNumber is not null)
            Assert.Matches(@"^\d{2}$", s.OldNumber);
        Assert.Contains(s.Title, s.Keywords);
        Assert.NotEmpty(s.Fields);
        Assert.Contains("", s.MissingValues);
        Assert.DoesNotContain("なし", s.MissingValues);
        if (s.PrimaryKey is not null)
            Assert.NotNull(s.Field(s.PrimaryKey));
        if (s.Field("ID") is not null)
            Assert.Equal("ID", s.PrimaryKey);
    }

    [Fact]
    public void Catalog_numbers_are_unique()
    {
        var all = SchemaCatalog.Default.All;
        Assert.Equal(all.Count, all.Select(s => s.StandardNumber).Distinct().Count());
        var old = all.Where(s => s.OldNumber is not null).ToList();
        Assert.Equal(old.Count, old.Select(s => s.OldNumber).Distinct().Count());
    }

    [Fact]
    public void Only_medical_event_and_fire_water_are_derived_from_old_definitions()
    {
        var derived = Ids.Where(id => Get(id).DerivedFromOld).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["event", "fire-water-supply", "medical-institution"], derived);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Field_names_are_unique(string id)
    {
        var dupes = Get(id).Fields.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(dupes);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Aliases_map_to_exactly_one_field(string id)
    {
        // Compared after folding (NFKC, lower case, no spaces), as header mapping does: an alias may only equal its own field's name.
        var owner = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var f in Get(id).Fields)
        {
            foreach (var key in f.Aliases.Prepend(f.Name))
            {
                if (owner.TryGetValue(Key(key), out var other) && other != f.Name)
                    problems.Add($"'{key}' of {f.Name} also names {other}");
                owner[Key(key)] = f.Name;
            }
            Assert.Equal(f.Aliases.Count, f.Aliases.Distinct().Count());
            Assert.DoesNotContain(f.Name, f.Aliases);
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Types_and_formats_are_in_the_vocabulary(string id)
    {
        foreach (var f in Get(id).Fields)
        {
            Assert.True(Types.Contains(f.Type), $"{f.Name}: type {f.Type}");
            Assert.True(Formats.Contains(f.Format), $"{f.Name}: format {f.Format}");
            Assert.False(string.IsNullOrWhiteSpace(f.EnglishName), $"{f.Name}: no englishName");
            if (f.Format is "latitude" or "longitude")
                Assert.Equal("number", f.Type);
            if (f.Format is "lg-code" or "corporate-number" or "postal-code" or "phone" or "kana" or "town-id" or "id" or "list")
                Assert.Equal("string", f.Type);
        }
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Name_field_is_required(string id)
    {
        var name = NameField.GetValueOrDefault(id, "名称");
        var f = Get(id).Field(name);
        Assert.NotNull(f);
        Assert.Equal(FieldLevel.Required, f.Level);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Location_datasets_have_the_address_block_in_order_with_a_required_full_address(string id)
    {
        var s = Get(id);
        Assert.Equal(!WithoutLocation.Contains(id), HasLocation(s));
        if (!HasLocation(s))
            return;
        Assert.Equal(FieldLevel.Required, s.Field("所在地_連結表記")?.Level);

        var names = s.Fields.Select(f => f.Name).ToList();
        var name = NameField.GetValueOrDefault(id, "名称");
        var kana = s.Fields.FirstOrDefault(f => f.Format == "kana" && f.Name.StartsWith(name, StringComparison.Ordinal))?.Name;
        var english = s.Fields.FirstOrDefault(f => f.Name is "名称_英字" or "名称_英語" || f.Name == name + "_英字" || f.Name == name + "_英語")?.Name;
        string?[] leading = ["全国地方公共団体コード", "ID", name, kana, english];
        var expected = leading.OfType<string>().Concat(AddressBlock).ToList();
        var positions = expected.Select(n => (n, i: names.IndexOf(n))).ToList();
        Assert.All(positions.Skip(2), p => Assert.True(p.i >= 0, $"{id}: {p.n} missing"));
        var present = positions.Where(p => p.i >= 0).Select(p => p.i).ToList();
        Assert.Equal(present.Order(), present);
        Assert.Equal(0, names.IndexOf("全国地方公共団体コード"));
        // the address part is contiguous up to 建物名等(方書); 緯度/経度 follow as a pair
        // (公衆トイレ一覧 puts 設置位置 between them, as the definition book does)
        var from = names.IndexOf(AddressBlock[0]);
        Assert.Equal(AddressBlock[..^2], names.Skip(from).Take(AddressBlock.Length - 2));
        Assert.Equal(names.IndexOf("緯度") + 1, names.IndexOf("経度"));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Booleans_have_true_and_false_values(string id)
    {
        foreach (var f in Get(id).Fields)
        {
            if (f.Type == "boolean")
            {
                Assert.True(f.TrueValues is { Count: > 0 }, $"{f.Name}: no trueValues");
                Assert.True(f.FalseValues is { Count: > 0 }, $"{f.Name}: no falseValues");
                Assert.Empty(f.TrueValues!.Intersect(f.FalseValues!));
            }
            else
            {
                Assert.Null(f.TrueValues);
                Assert.Null(f.FalseValues);
            }
        }
    }

    [Fact]
    public void Evacuation_flags_are_one_or_empty()
    {
        var s = Get("evacuation-site");
        var flags = s.Fields.Where(f => f.Name.StartsWith("災害種別_", StringComparison.Ordinal) || f.Name == "指定避難所との重複").ToList();
        Assert.Equal(9, flags.Count);
        Assert.All(flags, f =>
        {
            Assert.Equal("boolean", f.Type);
            Assert.Equal(["1"], f.TrueValues!);
            Assert.Equal([""], f.FalseValues!);
            Assert.Equal(FieldLevel.Required, f.Level);
        });
    }

    [Theory]
    [InlineData("public-toilet", "車椅子使用者用トイレ有無")]
    [InlineData("aed", "小児対応設備の有無")]
    [InlineData("childcare-facility", "一時預かりの有無")]
    [InlineData("open-data-catalog", "ファイル_API対応有無")]
    public void Yes_no_fields_are_booleans_with_yu_mu(string id, string field)
    {
        var f = Get(id).Field(field)!;
        Assert.Equal("boolean", f.Type);
        Assert.Equal(["有"], f.TrueValues!);
        Assert.Equal(["無"], f.FalseValues!);
    }

    [Theory]
    [InlineData("medical-institution", "医療機関の種類", "無床診療所")]
    [InlineData("cultural-property", "種類", "美術工芸品")]
    [InlineData("childcare-facility", "種別", "認定こども園（幼保連携型）")]
    [InlineData("fire-water-supply", "種別", "防火水そう")]
    [InlineData("open-data-catalog", "データセット_分類", "教育・文化・スポーツ・生活")]
    [InlineData("public-toilet", "高度の種別", "地表高")]
    public void Controlled_vocabularies_are_enums(string id, string field, string member)
    {
        var f = Get(id).Field(field);
        Assert.NotNull(f?.Constraints?.Enum);
        Assert.Contains(member, f.Constraints.Enum);
    }

    [Theory]
    [InlineData("public-toilet", "バリアフリートイレ数", "多機能トイレ数")]
    [InlineData("public-toilet", "全国地方公共団体コード", "都道府県コード又は市区町村コード")]
    [InlineData("aed", "ID", "NO")]
    [InlineData("aed", "所在地_連結表記", "住所")]
    [InlineData("aed", "建物名等(方書)", "方書")]
    [InlineData("medical-institution", "利用可能曜日", "診療曜日")]
    [InlineData("medical-institution", "団体名", "法人の名称")]
    [InlineData("evacuation-site", "対象となる町会・自治会", "対象となる地区")]
    [InlineData("open-data-catalog", "データセット_タイトル", "データ名称")]
    [InlineData("public-facility", "利用可能時間特記事項", "利用可能日時特記事項")]
    public void Old_names_are_aliases(string id, string field, string alias) =>
        Assert.Contains(alias, Get(id).Field(field)!.Aliases);

    [Fact]
    public void Population_counts_are_integers()
    {
        var s = Get("population");
        Assert.Equal(46, s.Fields.Count);
        Assert.All(s.Fields.Where(f => f.Name.EndsWith("性", StringComparison.Ordinal) || f.Name is "総人口" or "世帯数"), f => Assert.Equal("integer", f.Type));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Json_round_trips(string id)
    {
        var s = Get(id);
        var again = SchemaCatalog.Parse(SchemaCatalog.ToJson(s));
        Assert.Equal(s.Fields.Select(f => (f.Name, f.Level, f.Type, f.Format)), again.Fields.Select(f => (f.Name, f.Level, f.Type, f.Format)));
    }

    [SharedFact]
    public void Public_toilet_matches_the_definition_book_item_list()
    {
        var lines = File.ReadAllLines(SharedPaths.Get("reference", "public-toilet-current-fields.csv"), Encoding.UTF8)
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var s = Get("public-toilet");
        Assert.Equal(39, lines.Count);
        Assert.Equal(lines.Select(c => c[1]), s.Fields.Select(f => f.Name));
        var levels = lines.Select(c => c[2] switch { "◎" => FieldLevel.Required, "○" or "〇" => FieldLevel.Recommended, _ => FieldLevel.Optional });
        Assert.Equal(levels, s.Fields.Select(f => f.Level));
    }
}

public sealed class SchemaDocumentTests
{
    public static TheoryData<string> Resources() =>
        [.. typeof(SchemaCatalog).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Resources))]
    public void The_dom_reader_gives_what_the_serializer_gives(string resource)
    {
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(resource)!;
        var json = new StreamReader(stream).ReadToEnd();
        Assert.Equal(SchemaCatalog.ToJson(SchemaCatalog.ParseWithSerializer(json)), SchemaCatalog.ToJson(SchemaCatalog.Parse(json)));
    }

    [Fact]
    public void Defaults_comments_and_bad_documents()
    {
        var s = SchemaCatalog.Parse("""
            // a comment
            { "id": "x", "version": "2026-01-01", "title": "t", "titleEn": "t", "source": "s", "unknown": 1,
              "fields": [ { "name": "ID", "level": "required" }, { "name": "b", "level": 1, "constraints": { "enum": ["a"], "minimum": 2 } }, ], }
            """);
        Assert.Equal([""], s.MissingValues);
        Assert.Empty(s.Keywords);
        Assert.Equal(("string", "default", FieldLevel.Required), (s.Fields[0].Type, s.Fields[0].Format, s.Fields[0].Level));
        Assert.Equal(FieldLevel.Recommended, s.Fields[1].Level);
        Assert.Equal(2, s.Fields[1].Constraints!.Minimum);
        Assert.Null(s.Fields[0].TrueValues);
        Assert.Throws<InvalidDataException>(() => SchemaCatalog.Parse("""{ "id": "x", "fields": [] }"""));
        Assert.Throws<InvalidDataException>(() => SchemaCatalog.Parse("""{ "id": "x", "version": "v", "title": "t", "titleEn": "t", "source": "s", "fields": [ { "name": "a", "level": "must" } ] }"""));
    }
}
