namespace Musubi.Schemas;

/// <summary>
/// Names of the standard's fields that the code treats specially (the common leading block of every schema, the
/// 所在地 block, coordinates). The names are the standard's own, as in data/schemas; this is the one list of them in code.
/// </summary>
public static class StandardFields
{
    public const string LocalGovernmentCode = "全国地方公共団体コード";
    public const string Id = "ID";
    public const string LocalGovernmentName = "地方公共団体名";
    public const string Name = "名称";
    public const string Latitude = "緯度";
    public const string Longitude = "経度";

    /// <summary>How an issue about the coordinate pair names its column.</summary>
    public const string CoordinatePair = "緯度,経度";

    public const string AddressFull = "所在地_連結表記";
    public const string AddressPrefecture = "所在地_都道府県";
    public const string AddressMunicipality = "所在地_市区町村";
    public const string AddressTown = "所在地_町字";
    public const string AddressRest = "所在地_番地以下";
    public const string Building = "建物名等(方書)";
    public const string AddressLocalGovernmentCode = "所在地_全国地方公共団体コード";
    public const string TownId = "町字ID";
    public const string Phone = "電話番号";
}
