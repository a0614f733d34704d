using System.Runtime.CompilerServices;
using Musubi.Embedded;

namespace Musubi.Chars;

/// <summary>The variant-kanji fold table (data/codes/variant-kanji.tsv, embedded as codes/variant-kanji.tsv).</summary>
internal static class VariantKanji
{
    private static readonly char[] Bmp = BuildBmp(out Supplementary, out Version);

    /// <summary>Supplementary-plane variants (e.g. U+2000B 𠀋 → 丈), applied in the clean pass.</summary>
    public static readonly Dictionary<int, char> Supplementary;

    public static readonly string Version;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => Bmp[c];

    private static char[] BuildBmp(out Dictionary<int, char> supplementary, out string version)
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++) table[i] = (char)i;
        supplementary = [];
        version = "";
        foreach (var line in EmbeddedData.Lines("codes/variant-kanji.tsv"))
        {
            if (line.StartsWith("# version:", StringComparison.Ordinal)) version = line[10..].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length < 2 || parts[1].Length != 1) continue;
            var cp = char.ConvertToUtf32(parts[0], 0);
            if (cp < 0x10000) table[cp] = parts[1][0];
            else supplementary[cp] = parts[1][0];
        }
        return table;
    }
}
