using System.Text.Json;
using Musubi.Chars;
using Musubi.Embedded;
using static Musubi.Schemas.JsonFields;

namespace Musubi.Normalize;

/// <summary>
/// One Japanese era (元号), e.g. 令和: starts 2019-05-01, western year = era year + 2018.
/// The table is the versioned data file data/codes/eras.json (embedded as "codes/eras.json").
/// </summary>
public sealed record JapaneseEra
{
    /// <summary>Kanji name, e.g. "令和".</summary>
    public required string Name { get; init; }

    /// <summary>JIS X 0301 letter, e.g. 'R'.</summary>
    public required char Letter { get; init; }

    /// <summary>Ligature character, e.g. '㋿' (U+32FF).</summary>
    public required char Symbol { get; init; }

    /// <summary>First Gregorian day of the era (改元日).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Earliest day that may be written in this era (明治: 1868-01-25, retroactive); otherwise <see cref="Start"/>.</summary>
    public required DateOnly EarliestDay { get; init; }

    /// <summary>Last Gregorian day of the era (inclusive), or null for the current era.</summary>
    public DateOnly? End { get; init; }

    /// <summary>Western year = era year + Offset.</summary>
    public required int Offset { get; init; }

    /// <summary>The era table, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> All => Table.Value;

    /// <summary>Version (date) of the embedded era table.</summary>
    public static string TableVersion => TableDoc.Value.Version;

    public int ToWesternYear(int eraYear) => eraYear + Offset;

    /// <summary>The era by kanji name (令和), single-kanji abbreviation (令), letter (R/r) or ligature (㋿).</summary>
    public static JapaneseEra? Find(ReadOnlySpan<char> text)
    {
        foreach (var era in All)
        {
            if (text.SequenceEqual(era.Name))
            {
                return era;
            }
            if (text.Length == 1)
            {
                char c = text[0];
                if (c == era.Symbol || c == era.Name[0] || char.ToUpperInvariant(CharText.FoldWidth(c)) == era.Letter)
                {
                    return era;
                }
            }
        }
        return null;
    }

    /// <summary>The era a Gregorian date falls in (the later era on an overlap day), or null before 明治.</summary>
    public static JapaneseEra? Of(DateOnly date)
    {
        var all = All;
        for (int i = all.Count - 1; i >= 0; i--)
        {
            if (date >= all[i].EarliestDay)
            {
                return all[i];
            }
        }
        return null;
    }

    private static readonly Lazy<EraDocument> TableDoc = new(Load);

    private static readonly Lazy<IReadOnlyList<JapaneseEra>> Table = new(() => TableDoc.Value.Eras.Select(e => new JapaneseEra
    {
        Name = e.Name,
        Letter = e.Letter[0],
        Symbol = e.Symbol[0],
        Start = DateOnly.ParseExact(e.Start, "yyyy-MM-dd"),
        EarliestDay = DateOnly.ParseExact(e.RetroactiveStart ?? e.Start, "yyyy-MM-dd"),
        End = e.End is null ? null : DateOnly.ParseExact(e.End, "yyyy-MM-dd"),
        Offset = e.Offset,
    }).ToArray());

    private static EraDocument Load()
    {
        using var stream = EmbeddedData.Open("codes/eras.json");
        // Read through the JSON DOM: the serializer's first use costs ~50 ms of start-up (see Schemas/SchemaDocument).
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var eras = root.GetProperty("eras").EnumerateArray().Select(e => new EraRow(
            Text(e, "name")!, Text(e, "letter")!, Text(e, "symbol")!, Text(e, "start")!, Text(e, "retroactiveStart"), Text(e, "end"),
            e.GetProperty("offset").GetInt32())).ToList();
        return new EraDocument(Text(root, "version")!, eras);
    }


    internal sealed record EraDocument(string Version, IReadOnlyList<EraRow> Eras);

    internal sealed record EraRow(
        string Name,
        string Letter,
        string Symbol,
        string Start,
        string? RetroactiveStart,
        string? End,
        int Offset);
}
