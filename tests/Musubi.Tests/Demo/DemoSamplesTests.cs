using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Musubi.Convert;
using Musubi.Issues;
using Musubi.Normalize;
using Musubi.Tests.Support;
using Musubi.Write;

namespace Musubi.Tests.Demo;

/// <summary>
/// The bundled demo sources (samples/demo, written by scripts/demo/make-samples.py): every data file converts with the
/// real converter to the standard dataset it was written as, with exactly the errors put in on purpose, and every
/// coordinate in Japan near its municipality; the fake CKAN catalogue has CKAN's shapes and points at files that exist;
/// the pages link every data file beside them.
/// </summary>
public sealed partial class DemoSamplesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-demo-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Demo => Path.Combine(SharedPaths.Repo, "samples", "demo");

    /// <summary>Where a municipality lies: every converted coordinate must be within <c>Km</c> of this point.</summary>
    private sealed record Area(string Code, double Lat, double Lng, double Km);

    private static readonly Area Sendai = new("041009", 38.268, 140.870, 35);
    private static readonly Area Matsushima = new("044016", 38.375, 141.070, 10);
    private static readonly Area Matsumoto = new("202029", 36.238, 137.972, 45);
    private static readonly Area Karuizawa = new("203211", 36.345, 138.600, 12);
    private static readonly Area Aso = new("432148", 32.950, 131.080, 25);

    /// <summary>
    /// One data file: the standard dataset it holds, its rows, and the errors it carries on purpose (code → count).
    /// <c>Title</c> is what its source calls it (the harvester passes it as a hint).
    /// </summary>
    private sealed record Expected(string File, string Source, Area Area, string Schema, int Rows, string Title, Dictionary<string, int> Errors);

    private static Dictionary<string, int> None => [];

    private static readonly Expected[] Files =
    [
        new("ckan-miyagi/files/041009/041009_aed.csv", "ckan", Sendai, "aed", 150, "AED設置箇所一覧", None),
        new("ckan-miyagi/files/041009/041009_evacuation_space.csv", "ckan", Sendai, "evacuation-site", 202, "指定緊急避難場所一覧", None),
        new("ckan-miyagi/files/041009/041009_public_toilet.xlsx", "ckan", Sendai, "public-toilet", 70, "公衆トイレ一覧", None),
        new("ckan-miyagi/files/041009/041009_tourism.csv", "ckan", Sendai, "tourist-facility", 45, "観光施設一覧", None),
        new("ckan-miyagi/files/041009/041009_population_202404.csv", "ckan", Sendai, "population", 100, "町丁別年齢別人口（令和6年4月1日現在）", None),
        new("ckan-miyagi/files/044016/ichiranhyo_r6.xlsx", "ckan", Matsushima, "aed", 30, "一覧表（令和6年度）", None),
        new("ckan-miyagi/files/044016/044016_tourism.csv", "ckan", Matsushima, "tourist-facility", 35, "観光施設一覧", None),
        new("ckan-miyagi/files/044016/044016_hinanbasho.csv", "ckan", Matsushima, "evacuation-site", 18, "指定緊急避難場所一覧", None),
        new("ckan-miyagi/files/044016/044016_toilet.csv", "ckan", Matsushima, "public-toilet", 22, "公衆トイレ一覧", None),
        new("ckan-miyagi/files/044016/044016_jinko_r6.csv", "ckan", Matsushima, "population", 11, "地区別人口（令和6年3月末）", None),
        // Matsumoto's AED list: one wrong check digit (row 43) and one NO given twice, on purpose.
        new("page-matsumoto/files/202029_aed.csv", "page", Matsumoto, "aed", 86, "AED設置場所一覧",
            new() { ["lg-code-check-digit"] = 1, ["duplicate-id"] = 1 }),
        new("page-matsumoto/files/202029_evacuation_space.csv", "page", Matsumoto, "evacuation-site", 84, "指定緊急避難場所一覧", None),
        new("page-matsumoto/files/202029_public_toilet.xlsx", "page", Matsumoto, "public-toilet", 54, "公衆トイレ一覧", None),
        new("page-matsumoto/files/202029_tourism.xlsx", "page", Matsumoto, "tourist-facility", 45, "観光施設一覧", None),
        new("page-matsumoto/files/202029_population_r6.xlsx", "page", Matsumoto, "population", 40, "地域・年齢別人口（令和6年4月1日現在）", None),
        new("page-karuizawa/files/203211_tourism.csv", "page", Karuizawa, "tourist-facility", 55, "観光施設一覧", None),
        new("page-karuizawa/files/203211_public_toilet.csv", "page", Karuizawa, "public-toilet", 33, "公衆トイレ一覧", None),
        new("page-karuizawa/files/203211_aed.csv", "page", Karuizawa, "aed", 51, "AED設置施設一覧", None),
        new("page-karuizawa/files/203211_evacuation_space.xlsx", "page", Karuizawa, "evacuation-site", 31, "指定緊急避難場所一覧", None),
        new("page-karuizawa/files/203211_population.csv", "page", Karuizawa, "population", 14, "地区別人口（令和6年4月1日現在）", None),
        // Aso's open spaces have no telephone, and 電話番号 is required in 指定緊急避難場所一覧: reported, on purpose.
        new("folder-aso/432148_evacuation_space.xlsx", "folder", Aso, "evacuation-site", 69, "432148_evacuation_space.xlsx",
            new() { ["required-missing"] = 12 }),
        new("folder-aso/【阿蘇市】AED設置箇所一覧.csv", "folder", Aso, "aed", 78, "【阿蘇市】AED設置箇所一覧.csv", None),
        new("folder-aso/432148_tourism.csv", "folder", Aso, "tourist-facility", 40, "432148_tourism.csv", None),
        new("folder-aso/432148_public_toilet.csv", "folder", Aso, "public-toilet", 28, "432148_public_toilet.csv", None),
        new("folder-aso/432148_population_r6.csv", "folder", Aso, "population", 30, "432148_population_r6.csv", None),
    ];

    /// <summary>The file that fails on purpose: the page links it as CSV, but it is the PDF print version.</summary>
    private const string PdfAsCsv = "page-karuizawa/files/203211_evacuation_space.csv";

    /// <summary>PDFs that are documents, not data (a printable map, terms of use): linked, never converted.</summary>
    private static readonly string[] Documents =
        ["ckan-miyagi/files/041009/041009_aed_map.pdf", "page-matsumoto/files/opendata_riyoukiyaku.pdf", "page-karuizawa/files/opendata_guide.pdf"];

    public static TheoryData<string> DataFiles() => new(Files.Select(f => f.File));

    private static Expected Get(string file) => Files.Single(f => f.File == file);

    private ConvertReport Convert(Expected e, string output, string? dataDir = null)
    {
        var hints = new SourceHints { Title = e.Title, Publisher = e.Area.Code };
        var request = new ConvertRequest
        {
            Input = ConvertInput.FromFile(Path.Combine(Demo, e.File), hints),
            Output = ConvertOutput.ToFile(output),
            Format = OutputFormat.Json,
        };
        var result = Ops.TryConvert(request, dataDir);
        Assert.True(result.IsOk, $"{e.File}: {result.Error?.Message}");
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Converts_to_its_standard_dataset_with_only_the_errors_put_in_on_purpose(string file)
    {
        var e = Get(file);
        var output = Path.Combine(_dir.FullName, "out.json");
        var report = Convert(e, output);

        Assert.Equal(e.Schema, report.Schema);
        Assert.True(report.Confidence >= 0.85, $"{file}: confidence {report.Confidence}");
        Assert.Equal(e.Rows, report.RowsRead);
        Assert.Equal(e.Rows, report.RowsWritten);
        var errors = report.Summary.Where(s => s.Severity == Severity.Error).ToDictionary(s => s.Code, s => (int)s.Count);
        Assert.True(errors.Count == e.Errors.Count && errors.All(kv => e.Errors.GetValueOrDefault(kv.Key) == kv.Value),
            $"{file}: errors {Show(errors)}, expected {Show(e.Errors)}");

        using var doc = JsonDocument.Parse(File.ReadAllBytes(output));
        var records = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(e.Rows, records.Count);
        var located = 0;
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
        {
            if (!record.TryGetProperty("緯度", out var latValue) || !record.TryGetProperty("経度", out var lngValue)) continue;
            if (Number(latValue) is not { } lat || Number(lngValue) is not { } lng) continue;
            located++;
            Assert.True(Coordinates.IsInJapanLatitude(lat) && Coordinates.IsInJapanLongitude(lng), $"{file}, record {i + 1}: {lat},{lng} is not in Japan");
            var km = Kilometres(lat, lng, e.Area.Lat, e.Area.Lng);
            Assert.True(km <= e.Area.Km, $"{file}, record {i + 1}: {lat},{lng} is {km:0.0} km from the municipality");
        }
        if (e.Schema != "population") Assert.True(located >= e.Rows * 0.9, $"{file}: only {located} of {e.Rows} records have coordinates");
    }

    [Fact]
    public void The_pdf_linked_as_csv_fails_with_its_reason()
    {
        var request = Ops.Request(Path.Combine(Demo, PdfAsCsv), Path.Combine(_dir.FullName, "out.csv"));
        var result = Ops.TryConvert(request);
        Assert.False(result.IsOk);
        Assert.Contains("is a PDF document, not a table", result.Error.Message, StringComparison.Ordinal);
        foreach (var d in Documents.Append(PdfAsCsv))
            Assert.True(File.ReadAllBytes(Path.Combine(Demo, d)).AsSpan().StartsWith("%PDF-"u8), d);
    }

    [Fact]
    public void Every_file_is_accounted_for()
    {
        var known = Files.Select(f => f.File).Concat(Documents).Append(PdfAsCsv)
            .Concat(["README.md", "sources.json", "ckan-miyagi/catalog.json", "page-matsumoto/index.html", "page-matsumoto/about.html", "page-karuizawa/index.html"])
            .ToHashSet(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(Demo, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Demo, p).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(present.Except(known));
        Assert.Empty(known.Except(present));
    }

    [Fact]
    public void Covers_five_municipalities_in_three_prefectures_five_datasets_and_three_source_kinds()
    {
        var municipalities = Files.Select(f => f.Area.Code).Distinct().ToList();
        Assert.True(municipalities.Count >= 5);
        Assert.True(municipalities.Select(c => c[..2]).Distinct().Count() >= 3);
        Assert.Subset(Files.Select(f => f.Schema).ToHashSet(), new HashSet<string> { "aed", "evacuation-site", "public-toilet", "tourist-facility", "population" });
        Assert.Equal(["ckan", "folder", "page"], Files.Select(f => f.Source).Distinct().Order(StringComparer.Ordinal));
        Assert.InRange(Files.Sum(f => f.Rows), 1000, 5000);
        // The dataset whose title says nothing useful still converts to AED (search by standard can find it).
        var vague = Get("ckan-miyagi/files/044016/ichiranhyo_r6.xlsx");
        Assert.DoesNotContain("AED", vague.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("aed", vague.Schema);
    }

    [Fact]
    public void The_sources_manifest_names_the_sources_that_exist()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Demo, "sources.json")));
        var sources = doc.RootElement.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["ckan-miyagi", "page-matsumoto", "page-karuizawa", "folder-aso"], sources.Select(s => s.GetProperty("id").GetString()));
        foreach (var s in sources)
        {
            var kind = s.GetProperty("kind").GetString()!;
            var path = Path.Combine(Demo, s.GetProperty("path").GetString()!);
            Assert.True(kind == "page" ? File.Exists(path) : Directory.Exists(path), path);
            var codes = s.GetProperty("publishers").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
            var folder = s.GetProperty("path").GetString()!.Split('/')[0];
            Assert.Equal(Files.Where(f => f.File.StartsWith(folder + "/", StringComparison.Ordinal)).Select(f => f.Area.Code).Distinct(), codes);
        }
    }

    [Fact]
    public void The_ckan_catalogue_has_ckan_shapes_and_every_resource_is_a_file_beside_it()
    {
        var root = Path.Combine(Demo, "ckan-miyagi");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "catalog.json")));
        var catalog = doc.RootElement;
        var results = catalog.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(results.Count, catalog.GetProperty("count").GetInt32());
        Assert.Equal("みやぎオープンデータカタログ（デモ）", catalog.GetProperty("site").GetProperty("site_title").GetString());

        var orgs = catalog.GetProperty("organizations").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
        var groups = catalog.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ToHashSet();
        var ids = results.Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // harvesters page with sort=id asc
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(results.Count, results.Select(p => p.GetProperty("name").GetString()).Distinct().Count());

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in results)
        {
            var id = p.GetProperty("id").GetString()!;
            foreach (var key in new[] { "name", "title", "notes", "license_id", "license_title", "license_url", "maintainer", "owner_org", "state", "type" })
                Assert.Equal(JsonValueKind.String, p.GetProperty(key).ValueKind);
            Assert.Equal("dataset", p.GetProperty("type").GetString());
            Assert.False(p.GetProperty("private").GetBoolean());
            foreach (var key in new[] { "metadata_created", "metadata_modified" })
                Assert.Matches(CkanTime(), p.GetProperty(key).GetString()!);
            var org = p.GetProperty("organization");
            Assert.True(orgs.ContainsKey(org.GetProperty("id").GetString()!));
            Assert.Equal(p.GetProperty("owner_org").GetString(), org.GetProperty("id").GetString());
            Assert.Contains(p.GetProperty("extras").EnumerateArray(), x => x.GetProperty("key").GetString() == "更新頻度");
            Assert.All(p.GetProperty("groups").EnumerateArray(), g => Assert.Contains(g.GetProperty("name").GetString(), groups));
            Assert.Equal(p.GetProperty("tags").GetArrayLength(), p.GetProperty("num_tags").GetInt32());
            var resources = p.GetProperty("resources").EnumerateArray().ToList();
            Assert.Equal(resources.Count, p.GetProperty("num_resources").GetInt32());
            Assert.NotEmpty(resources);
            foreach (var (r, pos) in resources.Select((r, i) => (r, i)))
            {
                Assert.Equal(id, r.GetProperty("package_id").GetString());
                Assert.Equal(pos, r.GetProperty("position").GetInt32());
                foreach (var key in new[] { "id", "name", "format", "mimetype", "url", "created", "last_modified", "state" })
                    Assert.Equal(JsonValueKind.String, r.GetProperty(key).ValueKind);
                var url = r.GetProperty("url").GetString()!;
                Assert.False(url.StartsWith('/') || url.Contains("..", StringComparison.Ordinal) || url.Contains("://", StringComparison.Ordinal), url);
                var path = Path.Combine(root, url);
                Assert.True(File.Exists(path), $"{url} does not exist");
                Assert.Equal(new FileInfo(path).Length, r.GetProperty("size").GetInt64());
                referenced.Add("ckan-miyagi/" + url);
            }
        }
        foreach (var o in orgs.Values)
            Assert.Equal(results.Count(p => p.GetProperty("owner_org").GetString() == o.GetProperty("id").GetString()), o.GetProperty("package_count").GetInt32());
        // Every file in the catalogue's folder is a resource of some package.
        var files = Directory.EnumerateFiles(Path.Combine(root, "files"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Demo, f).Replace('\\', '/'));
        Assert.Equal(files.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
        // The vague title: nothing in the package says AED.
        var vague = results.Single(p => p.GetProperty("title").GetString() == "一覧表（令和6年度）");
        Assert.DoesNotContain("AED", vague.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("page-matsumoto")]
    [InlineData("page-karuizawa")]
    public void The_page_links_every_data_file_beside_it(string folder)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Demo, folder, "index.html"));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ascii = Encoding.ASCII.GetString(bytes);
        var html = (ascii.Contains("charset=Shift_JIS", StringComparison.OrdinalIgnoreCase) ? Encoding.GetEncoding(932) : Encoding.UTF8).GetString(bytes);
        Assert.Contains("オープンデータ", html, StringComparison.Ordinal);
        var links = Href().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var external = links.Where(l => l.StartsWith("https://", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(external); // a link to a page on another site
        var local = links.Except(external).Where(l => !l.StartsWith('#')).ToList();
        foreach (var l in local)
        {
            Assert.False(l.Contains("..", StringComparison.Ordinal) || l.StartsWith('/'), l);
            Assert.True(File.Exists(Path.Combine(Demo, folder, l)), $"{folder}: {l} does not exist");
        }
        Assert.Contains(local, l => l.EndsWith(".pdf", StringComparison.Ordinal)); // an unrelated PDF
        var linked = local.Select(l => $"{folder}/{l}").ToHashSet(StringComparer.Ordinal);
        var data = Files.Select(f => f.File).Append(PdfAsCsv).Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal));
        Assert.All(data, f => Assert.Contains(f, linked));
    }

    [SharedFact]
    public void With_the_towns_imported_every_address_agrees_with_its_coordinates()
    {
        var data = Path.Combine(_dir.FullName, "data");
        var import = CliProcess.Run(_dir.FullName, "registry", "import-towns",
            SharedPaths.Get("reference", "geolonia-japanese-addresses-v1", "api", "ja"), "--data", data);
        Assert.True(import.ExitCode == 0, import.Stderr + import.Stdout);
        var problems = new List<string>();
        foreach (var e in Files)
        {
            var report = Convert(e, Path.Combine(_dir.FullName, "towns.json"), data);
            Assert.Equal(e.Schema, report.Schema);
            problems.AddRange(report.Issues
                .Where(i => i.Code is "address-coordinates-mismatch" or "address-code-mismatch" or "address-not-matched")
                .Select(i => $"{e.File}, row {i.Row}: {i.Code} {i.Value} {i.Message}"));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static double Kilometres(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lng2 - lng1) / 2), 2);
        return 6371 * 2 * Math.Asin(Math.Sqrt(a));
    }

    private static string Show(Dictionary<string, int> d) => d.Count == 0 ? "none" : string.Join(", ", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$")]
    private static partial Regex CkanTime();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
