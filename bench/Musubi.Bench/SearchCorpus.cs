using Musubi.Registry;
using Musubi.Schemas;
using Musubi.Search;

namespace Musubi.Bench;

/// <summary>
/// Invented but realistic search documents: facility names made of Japanese place-like words and facility types per
/// standard, kana readings, addresses with the registry's real municipality names, coordinates around each
/// prefecture's capital (offset per municipality), and catalog entries titled the ways municipal portals title them.
/// Deterministic for a seed.
/// </summary>
public static class SearchCorpus
{
    // Approximate coordinates of each prefecture's capital (index = prefecture number − 1).
    private static readonly (double Lat, double Lon)[] Capitals =
    [
        (43.06, 141.35), (40.82, 140.74), (39.70, 141.15), (38.27, 140.87), (39.72, 140.10), (38.24, 140.36), (37.75, 140.47),
        (36.34, 140.45), (36.57, 139.88), (36.39, 139.06), (35.86, 139.65), (35.61, 140.12), (35.69, 139.69), (35.45, 139.64),
        (37.90, 139.02), (36.70, 137.21), (36.59, 136.63), (36.07, 136.22), (35.66, 138.57), (36.65, 138.18), (35.39, 136.72),
        (34.98, 138.38), (35.18, 136.91), (34.73, 136.51), (35.00, 135.87), (35.02, 135.76), (34.69, 135.52), (34.69, 135.18),
        (34.69, 135.83), (34.23, 135.17), (35.50, 134.24), (35.47, 133.05), (34.66, 133.93), (34.40, 132.46), (34.19, 131.47),
        (34.07, 134.56), (34.34, 134.04), (33.84, 132.77), (33.56, 133.53), (33.61, 130.42), (33.25, 130.30), (32.74, 129.87),
        (32.79, 130.74), (33.24, 131.61), (31.91, 131.42), (31.56, 130.56), (26.21, 127.68),
    ];

    internal static readonly (string Word, string Kana)[] Places =
    [
        ("中央", "チュウオウ"), ("北", "キタ"), ("南", "ミナミ"), ("東", "ヒガシ"), ("西", "ニシ"), ("本町", "ホンマチ"), ("駅前", "エキマエ"),
        ("若葉", "ワカバ"), ("緑ケ丘", "ミドリガオカ"), ("桜", "サクラ"), ("旭", "アサヒ"), ("栄", "サカエ"), ("大通", "オオドオリ"),
        ("城山", "シロヤマ"), ("川端", "カワバタ"), ("港", "ミナト"), ("新田", "シンデン"), ("山手", "ヤマテ"), ("日の出", "ヒノデ"),
        ("宮前", "ミヤマエ"), ("松原", "マツバラ"), ("青葉", "アオバ"), ("千代", "チヨ"), ("富士見", "フジミ"), ("泉", "イズミ"),
        ("高砂", "タカサゴ"), ("柳町", "ヤナギマチ"), ("浜田", "ハマダ"), ("岡本", "オカモト"), ("清水", "シミズ"), ("長澤", "ナガサワ"),
        ("第一", "ダイイチ"), ("第二", "ダイニ"), ("みどり", "ミドリ"), ("ひばり", "ヒバリ"), ("さくら", "サクラ"),
    ];

    internal static readonly Dictionary<string, (string Word, string Kana)[]> Facilities = new()
    {
        ["aed"] = [("市役所", "シヤクショ"), ("公民館", "コウミンカン"), ("小学校", "ショウガッコウ"), ("中学校", "チュウガッコウ"), ("体育館", "タイイクカン"), ("図書館", "トショカン"), ("コミュニティセンター", "コミュニティセンター"), ("駅", "エキ"), ("スポーツセンター", "スポーツセンター")],
        ["evacuation-site"] = [("小学校", "ショウガッコウ"), ("中学校", "チュウガッコウ"), ("公園", "コウエン"), ("高等学校", "コウトウガッコウ"), ("体育館", "タイイクカン"), ("広場", "ヒロバ"), ("運動公園", "ウンドウコウエン"), ("集会所", "シュウカイジョ")],
        ["public-toilet"] = [("公園トイレ", "コウエントイレ"), ("駅前公衆トイレ", "エキマエコウシュウトイレ"), ("海岸トイレ", "カイガントイレ"), ("駐車場トイレ", "チュウシャジョウトイレ")],
        ["tourist-facility"] = [("城跡", "シロアト"), ("神社", "ジンジャ"), ("寺", "テラ"), ("美術館", "ビジュツカン"), ("展望台", "テンボウダイ"), ("温泉", "オンセン"), ("資料館", "シリョウカン"), ("庭園", "テイエン")],
        ["childcare-facility"] = [("保育園", "ホイクエン"), ("こども園", "コドモエン"), ("幼稚園", "ヨウチエン"), ("児童館", "ジドウカン"), ("保育所", "ホイクショ")],
        ["medical-institution"] = [("クリニック", "クリニック"), ("病院", "ビョウイン"), ("歯科医院", "シカイイン"), ("内科医院", "ナイカイイン"), ("眼科", "ガンカ")],
        ["public-facility"] = [("市民会館", "シミンカイカン"), ("図書館", "トショカン"), ("公民館", "コウミンカン"), ("出張所", "シュッチョウジョ"), ("文化センター", "ブンカセンター"), ("市営プール", "シエイプール")],
        ["fire-water-supply"] = [("消火栓", "ショウカセン"), ("防火水槽", "ボウカスイソウ")],
    };

    internal static readonly Dictionary<string, string[]> Kinds = new()
    {
        ["childcare-facility"] = ["認可保育所", "認定こども園", "幼稚園", "小規模保育事業"],
        ["fire-water-supply"] = ["消火栓", "防火水槽", "プール"],
        ["medical-institution"] = ["病院", "診療所", "歯科診療所"],
        ["evacuation-site"] = ["指定緊急避難場所", "指定避難所"],
    };

    internal static readonly string[] Notes = ["", "", "", "土日祝日は閉館", "駐車場あり", "バリアフリー対応", "改修工事中", "24時間利用可", "2階に設置"];
    internal static readonly string[] OtherTitles = ["人口統計", "予算書", "議会会議録", "統計書", "ごみ収集日一覧", "入札結果", "観光客数の推移", "学校給食の献立", "公共施設の利用状況", "水道料金表"];
    internal static readonly string[] Categories = ["防災", "健康・福祉", "子育て", "観光", "まちづくり", "人口・世帯", "行政", "教育", "環境", "産業"];
    internal static readonly string[] Licences = ["CC-BY-4.0", "CC-BY-4.0", "CC-BY-4.0", "CC-BY-4.0", "CC0-1.0", "政府標準利用規約2.0"];
    internal static readonly string[] FormatSets = ["CSV", "CSV,XLSX", "XLSX", "PDF", "CSV,PDF", "JSON,CSV"];

    public static readonly string[] Standards = [.. Facilities.Keys];

    public sealed record Municipality(LocalGovernment Gov, double Lat, double Lon);

    public static List<Municipality> Municipalities()
    {
        var list = new List<Municipality>();
        foreach (var g in LocalGovernmentRegistry.Default.All)
        {
            if (!g.IsCurrent || g.Kind is LocalGovernmentKind.Prefecture or LocalGovernmentKind.DesignatedCity) continue;
            var (lat, lon) = Capitals[int.Parse(g.Code[..2], System.Globalization.CultureInfo.InvariantCulture) - 1];
            // Each municipality sits at a fixed offset from its prefecture's capital.
            var r = new Random(int.Parse(g.Code, System.Globalization.CultureInfo.InvariantCulture));
            list.Add(new Municipality(g, lat + ((r.NextDouble() - 0.5) * 0.5), lon + ((r.NextDouble() - 0.5) * 0.5)));
        }
        // Shuffled once, so that the bias towards the front of the list (big cities have more rows) is not a bias to 北海道.
        var shuffle = new Random(7);
        return [.. list.OrderBy(_ => shuffle.Next())];
    }

    public static IEnumerable<SearchDocument> Records(int count, int seed = 1)
    {
        var rnd = new Random(seed);
        var munis = Municipalities();
        var schemas = SchemaCatalog.Default;
        var start = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));
        for (var i = 0; i < count; i++)
        {
            // Some municipalities have many more rows than others: a power bias towards the front of the shuffled list.
            var m = munis[(int)(Math.Pow(rnd.NextDouble(), 1.6) * munis.Count)];
            var std = Standards[rnd.Next(Standards.Length)];
            var (pw, pk) = Places[rnd.Next(Places.Length)];
            var (fw, fk) = Facilities[std][rnd.Next(Facilities[std].Length)];
            var name = pw + fw;
            var town = Places[rnd.Next(Places.Length)].Word;
            var address = $"{m.Gov.FullName}{town}{rnd.Next(1, 6)}丁目{rnd.Next(1, 30)}番{rnd.Next(1, 20)}号";
            var row = new Dictionary<string, string?>
            {
                ["全国地方公共団体コード"] = m.Gov.Code,
                ["ID"] = i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                ["名称"] = name,
                ["名称_カナ"] = pk + fk,
                ["所在地_連結表記"] = address,
                ["所在地_都道府県"] = m.Gov.Prefecture,
                ["所在地_市区町村"] = m.Gov.CityName,
                ["緯度"] = (m.Lat + ((rnd.NextDouble() - 0.5) * 0.06)).ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
                ["経度"] = (m.Lon + ((rnd.NextDouble() - 0.5) * 0.06)).ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
                ["電話番号"] = $"0{rnd.Next(10, 99)}-{rnd.Next(100, 999)}-{rnd.Next(1000, 9999)}",
                ["備考"] = Notes[rnd.Next(Notes.Length)],
            };
            if (Kinds.TryGetValue(std, out var kinds)) row["種別"] = kinds[rnd.Next(kinds.Length)];
            yield return SearchDocuments.FromRecord($"record:{std}:{m.Gov.Code}:{i:D7}", schemas.Find(std)!, row, start.AddMinutes(i % 500_000));
        }
    }

    public static IEnumerable<SearchDocument> Datasets(int count, int seed = 2)
    {
        var rnd = new Random(seed);
        var munis = Municipalities();
        var schemas = SchemaCatalog.Default;
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(9));
        for (var i = 0; i < count; i++)
        {
            var m = munis[(int)(Math.Pow(rnd.NextDouble(), 1.6) * munis.Count)];
            var standard = rnd.Next(3) > 0 ? schemas.All.ElementAt(rnd.Next(schemas.All.Count)) : null;
            var year = rnd.Next(1, 8);
            var title = standard is null
                ? $"{OtherTitles[rnd.Next(OtherTitles.Length)]}（令和{year}年度）"
                : rnd.Next(4) switch
                {
                    0 => standard.Title,
                    1 => $"{m.Gov.CityName}{standard.Title}",
                    2 => $"{standard.Keywords[rnd.Next(standard.Keywords.Count)]}一覧（令和{year}年{rnd.Next(1, 13)}月時点）",
                    _ => $"第{rnd.Next(1, 5)}版 一覧表",
                };
            var formats = FormatSets[rnd.Next(FormatSets.Length)].Split(',');
            yield return new SearchDocument
            {
                Id = $"dataset:{m.Gov.Code}:{i:D6}",
                Kind = SearchKind.Dataset,
                Title = title,
                Description = $"{m.Gov.FullName}が公開している{(standard?.Title ?? title)}のデータです。{Notes[rnd.Next(Notes.Length)]}",
                Tags = standard is null ? [Categories[rnd.Next(Categories.Length)]] : [.. standard.Keywords.Take(2)],
                Keywords = [$"{m.Gov.CityName}役所", Categories[rnd.Next(Categories.Length)] + "課"],
                MunicipalityCode = m.Gov.Code,
                StandardDatasetId = standard?.Id,
                Categories = [Categories[rnd.Next(Categories.Length)]],
                Formats = formats,
                Licence = Licences[rnd.Next(Licences.Length)],
                Modified = start.AddMinutes(rnd.Next(1_000_000)),
            };
        }
    }
}
