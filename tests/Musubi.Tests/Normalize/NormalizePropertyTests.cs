using CsCheck;
using Musubi.Normalize;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Tests.Normalize;

public class NormalizePropertyTests
{
    private const long Iter = 3000;

    private static readonly Gen<string> Messy =
        Gen.Char["0123456789０１２３４５６７８９令和平成昭大明年月日度元十二三.-/:：時分秒午前後半 　\t\n\r,、;；・ー－―()（）〒@＠ﾄｳｷｮｳﾞﾟあいうカキ漢字°'\"NESWRH東経北緯▲△約人円○×有無㋿㍻+\u0000\u0085\u2028\uD800\uDC00\uFEFF"]
            .Array[0, 24].Select(a => new string(a));

    private static readonly Gen<string> AnyString = Gen.OneOf(Gen.String, Messy, Gen.String[0, 2000]);

    private static readonly FieldSchema[] Fields =
    [
        new() { Name = "s" },
        new() { Name = "i", Type = "integer" },
        new() { Name = "n", Type = "number" },
        new() { Name = "d", Type = "date" },
        new() { Name = "t", Type = "time" },
        new() { Name = "y", Type = "year" },
        new() { Name = "dt", Type = "datetime" },
        new() { Name = "b", Type = "boolean", TrueValues = ["有"], FalseValues = ["無"] },
        new() { Name = "b1", Type = "boolean", TrueValues = ["1"], FalseValues = [""] },
        new() { Name = "lg", Format = "lg-code" },
        new() { Name = "cn", Format = "corporate-number" },
        new() { Name = "k", Format = "kana" },
        new() { Name = "p", Format = "phone" },
        new() { Name = "pc", Format = "postal-code" },
        new() { Name = "e", Format = "email" },
        new() { Name = "u", Format = "uri" },
        new() { Name = "l", Format = "list" },
        new() { Name = "la", Type = "number", Format = "latitude" },
        new() { Name = "lo", Type = "number", Format = "longitude" },
        new() { Name = "tw", Format = "town-id" },
        new() { Name = "id", Format = "id" },
        new() { Name = "en", Constraints = new FieldConstraints { Enum = ["認定こども園（幼保連携型）", "病院", "有床診療所"] } },
    ];

    private static void AllFields(string s)
    {
        foreach (var f in Fields)
        {
            var r = FieldNormalizer.Normalize(f, s);
            Assert.NotNull(r.Value);
            if (r.Outcome != Outcome.Unchanged)
            {
                Assert.NotNull(r.Code);
            }
            if (r.Outcome == Outcome.Invalid)
            {
                Assert.Equal(s, r.Value);
            }
        }
        _ = Coordinates.NormalizePair(s, s);
        _ = Coordinates.NormalizeCell(s);
        _ = JapaneseDate.TryParse(s, out _);
        _ = ClockTime.TryParse(s, out _, out _);
        _ = Coordinates.TryParseDegrees(s, out _);
        _ = FieldNormalizer.IsMissing(s, ["", "-"]);
    }

    [Fact]
    public void Never_throws_on_any_string() => AnyString.Sample(AllFields, iter: Iter);

    [Fact]
    public void Never_throws_on_huge_strings()
    {
        string[] huge =
        [
            new string('9', 1 << 20),
            new string(' ', 1 << 20),
            string.Concat(Enumerable.Repeat("1 ", 1 << 19)),
            string.Concat(Enumerable.Repeat("令和5年", 1 << 17)),
            string.Concat(Enumerable.Repeat("a、", 1 << 19)),
            string.Concat(Enumerable.Repeat("ｶﾞ", 1 << 19)),
            string.Concat(Enumerable.Repeat("\uD800", 1 << 20)),
            "0" + new string('\n', 1 << 20),
        ];
        foreach (var s in huge)
        {
            AllFields(s);
        }
    }

    [Fact]
    public void Normalizing_a_normalized_value_is_unchanged() => AnyString.Sample(s =>
    {
        foreach (var f in Fields)
        {
            var r = FieldNormalizer.Normalize(f, s);
            if (r.Outcome == Outcome.Invalid)
            {
                continue;
            }
            var again = FieldNormalizer.Normalize(f, r.Value);
            Assert.True(again.Outcome == Outcome.Unchanged && again.Value == r.Value,
                $"{f.Name}: '{s}' → '{r.Value}' ({r.Code}) → '{again.Value}' ({again.Outcome} {again.Code})");
        }
    }, iter: Iter);

    private static readonly Gen<string> DateLike = Gen.OneOf(
        Gen.Select(Gen.Int[1, 70], Gen.Int[0, 14], Gen.Int[0, 33], Gen.Char["RHSTM令平昭大明㋿㍻"], (y, m, d, e) => $"{e}{y}.{m}.{d}"),
        Gen.Select(Gen.Int[1, 70], Gen.Int[0, 14], Gen.Int[0, 33], Gen.OneOf("令和", "平成", "昭和", "大正", "明治"), (y, m, d, e) => $"{e}{y}年{m}月{d}日"),
        Gen.Select(Gen.Int[1800, 2200], Gen.Int[0, 14], Gen.Int[0, 33], Gen.Char["/.-年"], (y, m, d, c) => $"{y}{c}{m}{c}{d}"),
        Gen.Int[0, 99999].Select(n => n.ToString()),
        Gen.Select(Gen.Int[0, 13], Gen.Int[0, 32], Gen.Int[0, 99], (m, d, y) => $"{m}/{d}/{y:D2}"));

    [Fact]
    public void Outputs_are_in_standard_form() => Gen.OneOf(AnyString, DateLike).Sample(s =>
    {
        var d = JapaneseDate.Normalize(s);
        if (d.Outcome == Outcome.Fixed && d.Value.Length == 10)
        {
            Assert.True(JapaneseDate.TryParse(d.Value, out var date) && JapaneseDate.ToIso(date) == d.Value, d.Value);
        }
        var t = ClockTime.Normalize(s);
        Assert.True(t.Outcome == Outcome.Invalid || t.Value.Length == 0 || ClockTime.IsCanonical(t.Value), t.Value);
        var lg = LocalGovernmentCodeNormalizer.Normalize(s);
        Assert.True(lg.Outcome == Outcome.Invalid || lg.Value.Length == 0 || LocalGovernmentCode.IsValid(lg.Value), lg.Value);
        var cn = CorporateNumber.Normalize(s);
        Assert.True(cn.Outcome == Outcome.Invalid || cn.Value.Length == 0 || CorporateNumber.IsValid(cn.Value), cn.Value);
        var pc = PostalCode.Normalize(s);
        Assert.True(pc.Outcome == Outcome.Invalid || pc.Value.Length == 0 || PostalCode.IsCanonical(pc.Value), pc.Value);
        var n = NumberText.NormalizeNumber(s);
        Assert.True(n.Outcome == Outcome.Invalid || n.Value.Length == 0 || NumberText.IsCanonical(n.Value, integer: false), n.Value);
        var i = NumberText.NormalizeInteger(s);
        Assert.True(i.Outcome == Outcome.Invalid || i.Value.Length == 0 || NumberText.IsCanonical(i.Value, integer: true), i.Value);
        var l = ListText.Normalize(s);
        Assert.True(ListText.IsCanonical(l.Value), l.Value);
        var la = Coordinates.NormalizeLatitude(s);
        Assert.True(la.Outcome == Outcome.Invalid || la.Value.Length == 0 || (Coordinates.TryParseDegrees(la.Value, out var v) && Coordinates.IsInJapanLatitude(v)), la.Value);
    }, iter: Iter);

    [Fact]
    public void Lg_code_every_five_digit_base_round_trips() => Gen.Int[1000, 47999].Sample(n =>
    {
        string five = n.ToString("D5");
        var code = LocalGovernmentCode.FromFiveDigits(five);
        Assert.True(LocalGovernmentCode.IsValid(code.Value));
        Assert.Equal(five, code.FiveDigit);
        Assert.Equal(Normalized.Same(code.Value), LocalGovernmentCodeNormalizer.Normalize(code.Value));
        Assert.Equal(code.Value, LocalGovernmentCodeNormalizer.Normalize(five, c => c == code.Value).Value);
        Assert.Equal(code.Value, LocalGovernmentCodeNormalizer.Normalize(code.Value.Replace('0', '０')).Value);
        if (code.Value[0] == '0')
        {
            Assert.Equal(code.Value, LocalGovernmentCodeNormalizer.Normalize(code.Value[1..]).Value);
        }
        int wrong = (code.Value[5] - '0' + 1) % 10;
        Assert.Equal(Outcome.Invalid, LocalGovernmentCodeNormalizer.Normalize(code.Value[..5] + wrong).Outcome);
    }, iter: Iter);

    [Fact]
    public void Corporate_number_every_base_round_trips() => Gen.Long[0, 999_999_999_999].Sample(n =>
    {
        string b = n.ToString("D12");
        var full = CorporateNumber.FromBase(b);
        Assert.True(CorporateNumber.IsValid(full.Value));
        Assert.Equal(Normalized.Same(full.Value), CorporateNumber.Normalize(full.Value));
        Assert.Equal(full.Value, CorporateNumber.Normalize(b).Value);
        char wrong = (char)('1' + ((full.Value[0] - '0') % 9));
        Assert.Equal(Outcome.Invalid, CorporateNumber.Normalize(wrong + b).Outcome);
    }, iter: Iter);

    [Fact]
    public void Wareki_and_serial_round_trip() => Gen.Int[10000, 73050].Sample(serial =>
    {
        var date = new DateOnly(1899, 12, 30).AddDays(serial);
        string iso = JapaneseDate.ToIso(date);
        Assert.Equal(Normalized.Same(iso), JapaneseDate.Normalize(iso));
        Assert.Equal(iso, JapaneseDate.Normalize(serial.ToString()).Value);
        var era = JapaneseEra.Of(date)!;
        int ey = date.Year - era.Offset;
        var r = JapaneseDate.Normalize($"{era.Name}{(ey == 1 ? "元" : ey.ToString())}年{date.Month}月{date.Day}日");
        Assert.Equal((iso, "date-wareki"), (r.Value, r.Code));
        r = JapaneseDate.Normalize($"{era.Letter}{ey:D2}.{date.Month:D2}.{date.Day:D2}");
        Assert.Equal((iso, "date-wareki"), (r.Value, r.Code));
        Assert.Equal(iso, JapaneseDate.Normalize($"{date.Year}/{date.Month}/{date.Day}").Value);
    }, iter: Iter);

    [Fact]
    public void Canonical_fast_paths_do_not_allocate()
    {
        var d = new FieldSchema { Name = "d", Type = "date" };
        var i = new FieldSchema { Name = "i", Type = "integer" };
        var t = new FieldSchema { Name = "t", Type = "time" };
        var lg = new FieldSchema { Name = "lg", Format = "lg-code" };
        var la = new FieldSchema { Name = "la", Type = "number", Format = "latitude" };
        var s = new FieldSchema { Name = "s" };
        var b = new FieldSchema { Name = "b", Type = "boolean", TrueValues = ["有"], FalseValues = ["無"] };
        var p = new FieldSchema { Name = "p", Format = "phone" };
        var u = new FieldSchema { Name = "u", Format = "uri" };
        var k = new FieldSchema { Name = "k", Format = "kana" };
        var lo = new FieldSchema { Name = "lo", Type = "number", Format = "longitude" };
        var pc = new FieldSchema { Name = "pc", Format = "postal-code" };
        var l = new FieldSchema { Name = "l", Format = "list" };
        var tw = new FieldSchema { Name = "tw", Format = "town-id" };
        var cn = new FieldSchema { Name = "cn", Format = "corporate-number" };
        string[] values = ["0001001", "8000020130001", "2023-04-01", "50700", "09:00", "131016", "35.6895", "市役所", "有", "03-1234-5678", "https://www.city.yaizu.lg.jp/a?b=1", "フルサト ノ カワ", "138.3207625", "4250000", "内科;外科", ""];
        FieldSchema[] fields = [tw, cn, d, i, t, lg, la, s, b, p, u, k, lo, pc, l, s];
        for (int n = 0; n < fields.Length; n++)
        {
            _ = FieldNormalizer.Normalize(fields[n], values[n]); // warm up
        }
        // Tiered JIT may allocate on this thread while it swaps in optimized code, so the steady state is what counts:
        // one of a few measured rounds must allocate nothing.
        long allocated = -1;
        for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++)
            {
                for (int n = 0; n < fields.Length; n++)
                {
                    var r = FieldNormalizer.Normalize(fields[n], values[n]);
                    if (r.Outcome != Outcome.Unchanged)
                    {
                        Assert.Fail($"{values[n]} should be canonical");
                    }
                }
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, allocated);
    }
}
