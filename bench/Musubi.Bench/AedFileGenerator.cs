using System.Globalization;
using System.Text;

namespace Musubi.Bench;

/// <summary>
/// Writes an AED-like table in CP932 with realistic messiness: a title row, old column names, 5-digit codes,
/// full-width digits, 和暦 dates, times like 8時30分, flags as ○/×/有/無, swapped or missing coordinates,
/// phone numbers with full-width hyphens, and a footnote row. Deterministic for a given row count.
/// </summary>
public static class AedFileGenerator
{
    private static readonly string[] Wards = ["西区", "北区", "大宮区", "見沼区", "中央区", "桜区", "浦和区", "南区", "緑区", "岩槻区"];
    private static readonly string[] Kinds = ["市役所", "公民館", "小学校", "中学校", "図書館", "体育館", "コミュニティセンター", "保育園", "消防署", "駅"];
    private static readonly string[] Kana = ["シヤクショ", "コウミンカン", "しょうがっこう", "ﾁｭｳｶﾞｯｺｳ", "トショカン", "タイイクカン", "コミュニティセンター", "ほいくえん", "ショウボウショ", "エキ"];
    private static readonly string[] Days = ["月火水木金", "月～金", "毎日", "火～日", "月,水,金"];
    private static readonly string[] Flags = ["有", "無", "○", "×", "-", "1", ""];

    public static void Write(string path, int rows)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var w = new StreamWriter(stream, Encoding.GetEncoding(932), 1 << 20) { NewLine = "\r\n" };
        Write(w, rows, 42);
    }

    /// <summary>The same table to any writer (the harvest benchmark's server makes one small table per resource).</summary>
    public static void Write(TextWriter w, int rows, int seed)
    {
        w.WriteLine("さいたま市AED設置場所一覧（令和５年４月１日現在）,,,,,,,,,,,,,,,,");
        w.WriteLine("都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,住所,方書,緯度,経度,設置位置,電話番号,利用可能曜日,開始時間,終了時間,小児対応設備の有無,備考");
        var rng = new Random(seed);
        var sb = new StringBuilder(256);
        for (var i = 1; i <= rows; i++)
        {
            sb.Clear();
            var k = rng.Next(Kinds.Length);
            var ward = Wards[rng.Next(Wards.Length)];
            sb.Append(rng.Next(4) == 0 ? "11100" : "111007").Append(',');
            sb.Append(i).Append(',');
            sb.Append("埼玉県,さいたま市,");
            sb.Append(ward).Append(Kinds[k]).Append(i % 1000).Append(',');
            sb.Append(ward).Append(Kana[k]).Append(',');
            var chome = rng.Next(1, 9);
            var addr = rng.Next(3) switch
            {
                0 => $"さいたま市{ward}上木崎{chome}丁目{rng.Next(1, 30)}番{rng.Next(1, 20)}号",
                1 => $"埼玉県さいたま市{ward}上木崎{ToFullWidth(chome.ToString(CultureInfo.InvariantCulture))}－{rng.Next(1, 30)}－{rng.Next(1, 20)}",
                _ => $"さいたま市{ward}上木崎{chome}-{rng.Next(1, 30)}-{rng.Next(1, 20)}",
            };
            sb.Append(addr).Append(',');
            sb.Append(rng.Next(5) == 0 ? "1階" : "").Append(',');
            var lat = (35.8 + rng.NextDouble() * 0.2).ToString("0.000000", CultureInfo.InvariantCulture);
            var lon = (139.5 + rng.NextDouble() * 0.2).ToString("0.000000", CultureInfo.InvariantCulture);
            switch (rng.Next(20))
            {
                case 0: sb.Append(lon).Append(',').Append(lat); break; // swapped
                case 1: sb.Append("-,-"); break;
                case 2: sb.Append("0,0"); break;
                default: sb.Append(lat).Append(',').Append(lon); break;
            }
            sb.Append(',');
            sb.Append(rng.Next(2) == 0 ? "正面玄関" : "1階事務室前").Append(',');
            sb.Append(rng.Next(3) == 0 ? "０４８－８２９－１１１１" : "048-829-1111").Append(',');
            sb.Append(Days[rng.Next(Days.Length)]).Append(',');
            sb.Append(rng.Next(3) == 0 ? "8時30分" : "08:30").Append(',');
            sb.Append(rng.Next(3) == 0 ? "17:15:00" : "17:15").Append(',');
            sb.Append(Flags[rng.Next(Flags.Length)]).Append(',');
            sb.Append(rng.Next(4) switch { 0 => "令和元年5月1日設置", 1 => "H30.4.1更新", _ => "" });
            w.WriteLine(sb);
        }
        w.WriteLine("※この一覧は令和5年4月1日時点のものです。,,,,,,,,,,,,,,,,");
    }

    private static string ToFullWidth(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '0' and <= '9') chars[i] = (char)(chars[i] - '0' + '０');
        return new string(chars);
    }
}
