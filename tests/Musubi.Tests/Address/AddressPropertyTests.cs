using CsCheck;
using Musubi.Address;

namespace Musubi.Tests.Address;

/// <summary>Property tests: idempotence and robustness to noise, over addresses built from the in-memory towns.</summary>
public sealed class AddressPropertyTests
{
    private static readonly AddressNormalizer N = AddressNormalizerTests.N;

    private static readonly (string Pref, string City, string Town)[] Places = AddressNormalizerTests.Towns
        .Select(t => N.Normalize(Musubi.Registry.LocalGovernmentRegistry.Default.ByCode(t.LgCode)!.FullName + t.Town))
        .Where(r => r.Level == 3)
        .Select(r => (r.Pref!, r.City!, r.Town!))
        .ToArray();

    /// <summary>A normalized address: prefecture + municipality + town + "N-N".</summary>
    private static readonly Gen<(string Pref, string City, string Town, string Numbers)> GenAddress =
        Gen.Select(Gen.Int[0, Places.Length - 1], Gen.Int[1, 999], Gen.Int[1, 99])
            .Select((i, a, b) => (Places[i].Pref, Places[i].City, Places[i].Town, $"{a}-{b}"));

    private static string Text((string Pref, string City, string Town, string Numbers) a) => a.Pref + a.City + a.Town + a.Numbers;

    private static (string?, string?, string?, string?, string?, int) Key(AddressResult r) => (r.Pref, r.City, r.Town, r.Rest, r.LgCode, r.Level);

    [Fact]
    public void Normalizing_a_normalized_address_changes_nothing() =>
        GenAddress.Sample(a =>
        {
            var r = N.Normalize(Text(a));
            Assert.Equal(3, r.Level);
            var again = N.Normalize(r.ToText());
            Assert.Equal(Key(r), Key(again));
            Assert.Equal((a.Pref, a.City, a.Town, a.Numbers), (r.Pref!, r.City!, r.Town!, r.Rest!));
        }, iter: 2_000);

    private static readonly Dictionary<char, string> Variants = new()
    {
        ['ケ'] = "ヶが",
        ['ノ'] = "の之",
        ['沢'] = "澤",
        ['浜'] = "濱",
        ['崎'] = "\uFA11",
        ['辺'] = "邊邉",
        ['高'] = "髙",
        ['島'] = "嶋",
    };

    private static string Noise(string text, int seed, bool omitPref, string pref)
    {
        var rnd = new Random(seed);
        if (omitPref && text.StartsWith(pref, StringComparison.Ordinal)) text = text[pref.Length..];
        // 丁目 written with digits or as a dash: 二丁目 → 2丁目 / 2- / ２丁目.
        var chome = text.IndexOf("丁目", StringComparison.Ordinal);
        if (chome > 0 && "一二三四五六七八九".IndexOf(text[chome - 1]) is var d and >= 0 && (chome < 2 || !"一二三四五六七八九十".Contains(text[chome - 2])))
        {
            var digit = (char)('1' + d);
            text = rnd.Next(3) switch
            {
                0 => text[..(chome - 1)] + digit + text[chome..],
                1 => text[..(chome - 1)] + digit + "-" + text[(chome + 2)..],
                _ => text,
            };
        }
        var sb = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            var x = c;
            if (c is >= '0' and <= '9' && rnd.Next(2) == 0) x = (char)(c - '0' + '０');
            if (c == '-') x = "-－−‐ー―"[rnd.Next(6)];
            if (Variants.TryGetValue(c, out var v) && rnd.Next(2) == 0) x = v[rnd.Next(v.Length)];
            sb.Append(x);
            if (!char.IsDigit(c) && rnd.Next(8) == 0) sb.Append(rnd.Next(2) == 0 ? ' ' : '　');
            if (rnd.Next(10) == 0 && x > 0x3000) sb.Append('\uFE00');
        }
        return sb.ToString();
    }

    [Fact]
    public void Noise_gives_the_same_result() =>
        Gen.Select(GenAddress, Gen.Int, Gen.Bool).Sample((a, seed, omit) =>
        {
            var clean = N.Normalize(Text(a));
            // Omitting the prefecture is only noise when the municipality name is unique or the town decides.
            var noisy = N.Normalize(Noise(Text(a), seed, omit, a.Pref));
            Assert.Equal(Key(clean), Key(noisy));
        }, iter: 3_000);
}
