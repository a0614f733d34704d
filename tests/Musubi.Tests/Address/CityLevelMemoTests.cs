using System.Text.Json;
using Musubi.Address;
using Musubi.Registry;
using Musubi.Tests.Support;

namespace Musubi.Tests.Address;

/// <summary>
/// The convert step keeps municipality-level results per (hint, text before the first digit) when no town list is
/// imported (CityLevelMemo): every result must equal the normalizer's own, whatever came before.
/// </summary>
public sealed class CityLevelMemoTests
{
    private static readonly string?[] Hints = [null, "131016", "13101", "130001", "141046", "14100", "111007", "11100", "011100", "262013", "x"];

    private static IEnumerable<string> TestInputs()
    {
        foreach (var a in AddressMemoTests.TestInputs()) yield return a;
        foreach (var g in LocalGovernmentRegistry.Default.All.Where(g => g.Kind != LocalGovernmentKind.Prefecture))
        {
            yield return g.FullName + "本町1-2";
            yield return g.CityName + "中央3丁目4番5号";
            if (g.Ward is { } w) yield return w + "上木崎5-8-14";
        }
        yield return "(第2期)さいたま市北区上木崎5-8";
        yield return "〒330-0001 さいたま市浦和区高砂3-1";
        yield return "330-0001 川口市本町1";
        yield return "さいたま市北区上木崎五丁目8番14号";
        yield return "北区上木崎5丁目 さいたま市";
    }

    /// <summary>The memo tests' variants, and the text before the first digit followed by a different tail.</summary>
    private static IEnumerable<string> Variants(string a)
    {
        foreach (var v in AddressMemoTests.Variants(a)) yield return v;
        var digit = a.IndexOfAny("0123456789".ToCharArray());
        if (digit > 0) yield return a[..digit] + "9-9 別の建物 川口市";
    }

    private static void AssertSame(IEnumerable<string> inputs, int seed)
    {
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: false);
        var memo = new CityLevelMemo(new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: true));
        var cases = inputs.Distinct().SelectMany(Variants).SelectMany(a => Hints.Select(h => (a, h))).ToList();
        var rnd = new Random(seed);
        // In order, then shuffled: a result is kept from one address and used for another.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var (a, h) in cases)
            {
                var expected = plain.Normalize(a, h, cityLevelRest: false);
                var actual = memo.Normalize(a, h);
                if (expected != actual) Assert.Fail($"'{a}' (hint {h ?? "none"}): {actual} with the memo, {expected} without");
            }
            rnd.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cases));
        }
    }

    [Fact]
    public void Gives_the_normalizers_result_for_the_test_inputs_and_every_municipality() => AssertSame(TestInputs(), 3);

    [SharedFact]
    public void Gives_the_normalizers_result_for_the_public_address_cases()
    {
        var dir = Path.Combine(SharedPaths.Root!, "reference", "address-cases");
        var inputs = new[] { "geolonia-cases-a.jsonl", "abr-geocoder-e2e-cases.jsonl" }
            .SelectMany(f => File.ReadLines(Path.Combine(dir, f)))
            .Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                return doc.RootElement.GetProperty("input").GetString()!;
            })
            .ToList();
        Assert.True(inputs.Count > 4000);
        AssertSame(inputs, 4);
    }

    [Fact]
    public void Is_off_when_towns_are_imported()
    {
        var towns = TownRegistry.FromRecords(AddressNormalizerTests.Towns);
        var normalizer = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: true);
        var memo = new CityLevelMemo(normalizer);
        foreach (var a in TestInputs().Distinct().SelectMany(Variants))
            Assert.Equal(normalizer.Normalize(a, "131016", cityLevelRest: false), memo.Normalize(a, "131016"));
    }

    [Fact]
    public void Digit_search_finds_what_a_search_for_ascii_and_full_width_digits_finds()
    {
        var digits = System.Buffers.SearchValues.Create("0123456789０１２３４５６７８９");
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var text = "北区" + (char)c + "1";
            Assert.Equal(text.AsSpan().IndexOfAny(digits), CityLevelMemo.IndexOfDigit(text));
        }
    }
}
