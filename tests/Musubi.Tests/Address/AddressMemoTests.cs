using System.Reflection;
using System.Text.Json;
using Musubi.Address;
using Musubi.Registry;
using Musubi.Tests.Support;
using Xunit.Sdk;

namespace Musubi.Tests.Address;

/// <summary>
/// The normalizer remembers matching outcomes per thread (AddressNormalizer.MatchMemo): with the memo, every result
/// must equal the one computed without it, whatever was normalized before and however full the memo is.
/// </summary>
public sealed class AddressMemoTests(GeoloniaTownsFixture fixture) : IClassFixture<GeoloniaTownsFixture>
{
    private static readonly string?[] Hints = [null, "131016", "13101", "130001", "141046", "14100", "111007", "11100", "011100", "262013", "x"];

    /// <summary>Every address of the normalizer tests (their first string argument), a mix of the oddities handled.</summary>
    internal static IEnumerable<string> TestInputs()
    {
        foreach (var m in typeof(AddressNormalizerTests).GetMethods())
            foreach (var a in m.GetCustomAttributes<InlineDataAttribute>())
                foreach (var row in a.GetData(m))
                    if (row.Length > 0 && row[0] is string s) yield return s;
    }

    /// <summary>The address, and the same with other 番地, with the prefecture or the first characters left out, in full-width digits.</summary>
    internal static IEnumerable<string> Variants(string a)
    {
        yield return a;
        yield return a + "1-2-3";
        yield return a + "12番地";
        yield return a + " 5";
        yield return a + "三丁目4番";
        if (a.Length > 3) yield return a[3..];
        if (a.Length > 6) yield return a[..^2];
        yield return string.Concat(a.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c));
    }

    private static void AssertSame(AddressNormalizer memo, AddressNormalizer plain, IEnumerable<string> inputs, string?[] hints, int seed)
    {
        var cases = inputs.SelectMany(Variants).SelectMany(a => hints.Select(h => (a, h))).ToList();
        var rnd = new Random(seed);
        // In order, then shuffled twice: the memo is filled by one address and used by another.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var (a, h) in cases)
            {
                var expected = plain.Normalize(a, h);
                var actual = memo.Normalize(a, h);
                if (expected != actual) Assert.Fail($"'{a}' (hint {h ?? "none"}): {actual} with the memo, {expected} without");
            }
            rnd.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cases));
        }
    }

    [Fact]
    public void Memo_gives_the_uncached_result_with_towns_in_memory()
    {
        var towns = TownRegistry.FromRecords(AddressNormalizerTests.Towns);
        var memo = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: true);
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: false);
        AssertSame(memo, plain, TestInputs().Distinct(), Hints, 1);
    }

    [Fact]
    public void Memo_gives_the_uncached_result_without_towns()
    {
        var memo = new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: true);
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: false);
        AssertSame(memo, plain, TestInputs().Distinct(), Hints, 2);
    }

    [Fact]
    public void Memo_overflow_keeps_results_right()
    {
        // Far more distinct municipalities (hence memo keys) than the memo has slots, twice over.
        var memo = new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: true);
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, TownRegistry.Empty, memo: false);
        var inputs = LocalGovernmentRegistry.Default.All.Where(g => g.Kind != LocalGovernmentKind.Prefecture)
            .SelectMany(g => new[] { g.FullName + "本町1-2", g.CityName + "中央3丁目4番5号" }).ToList();
        Assert.True(inputs.Count > 3000);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var a in inputs)
            {
                foreach (var h in new string?[] { null, "131016" })
                {
                    var expected = plain.Normalize(a, h);
                    var actual = memo.Normalize(a, h);
                    if (expected != actual) Assert.Fail($"'{a}' (hint {h ?? "none"}): {actual} with the memo, {expected} without");
                }
            }
        }
    }

    [Fact]
    public void Memo_is_per_thread_and_safe_under_concurrency()
    {
        var towns = TownRegistry.FromRecords(AddressNormalizerTests.Towns);
        var memo = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: true);
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: false);
        var cases = TestInputs().Distinct().SelectMany(Variants).SelectMany(a => Hints.Select(h => (a, h))).ToArray();
        var expected = cases.Select(c => plain.Normalize(c.a, c.h)).ToArray();
        Parallel.For(0, 4, w =>
        {
            for (var i = 0; i < cases.Length; i++)
            {
                var k = (i * 7 + w * 13) % cases.Length;
                Assert.Equal(expected[k], memo.Normalize(cases[k].a, cases[k].h));
            }
        });
    }

    [SharedFact]
    public void Memo_gives_the_uncached_result_with_the_geolonia_towns()
    {
        var towns = fixture.Normalizer!.Towns;
        var memo = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: true);
        var plain = new AddressNormalizer(LocalGovernmentRegistry.Default, towns, memo: false);
        var dir = Path.Combine(SharedPaths.Root!, "reference", "address-cases");
        var inputs = new List<string>();
        foreach (var file in new[] { "geolonia-cases-a.jsonl", "abr-geocoder-e2e-cases.jsonl" })
            foreach (var line in File.ReadLines(Path.Combine(dir, file)))
            {
                using var doc = JsonDocument.Parse(line);
                inputs.Add(doc.RootElement.GetProperty("input").GetString()!);
            }
        AssertSame(memo, plain, inputs.Concat(TestInputs()).Distinct(), [null, "131016", "130001", "262013", "011011"], 3);
    }
}
