namespace Musubi.Registry;

public enum LocalGovernmentKind
{
    Prefecture,
    /// <summary>政令指定都市 (has wards).</summary>
    DesignatedCity,
    City,
    /// <summary>東京都の特別区.</summary>
    SpecialWard,
    Town,
    Village,
    /// <summary>A designated city's ward (行政区).</summary>
    Ward,
}

/// <summary>One prefecture, municipality or designated-city ward.</summary>
/// <param name="Code">6-digit 全国地方公共団体コード with check digit.</param>
/// <param name="County">郡, when the municipality belongs to one.</param>
/// <param name="City">Municipality name (null for a prefecture).</param>
/// <param name="Ward">Designated-city ward (null otherwise).</param>
/// <param name="Kana">Reading in hiragana.</param>
/// <param name="Abolished">Null while current; otherwise "abolished YYYY-MM-DD".</param>
public sealed record LocalGovernment(
    string Code,
    LocalGovernmentKind Kind,
    string Prefecture,
    string? County,
    string? City,
    string? Ward,
    string Kana,
    string? Abolished)
{
    /// <summary>Municipality as written after the prefecture: 郡 + city + ward (e.g. 上北郡横浜町, 大阪市北区).</summary>
    public string CityName { get; } = (County ?? "") + (City ?? "") + (Ward ?? "");

    /// <summary>Full name: prefecture + 郡 + city + ward.</summary>
    public string FullName { get; } = Prefecture + (County ?? "") + (City ?? "") + (Ward ?? "");

    public bool IsCurrent => Abolished is null;

    public string PrefectureCode => LocalGovernmentCode.PrefectureOf(Code);
}
