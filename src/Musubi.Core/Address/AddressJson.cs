using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Musubi.Address;

/// <summary>The JSON shape of an <see cref="AddressResult"/>: pref, city, town, rest, building, lgCode, townId, lat, lng, level.</summary>
public static class AddressJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter w, AddressResult r)
    {
        w.WriteStartObject();
        w.WriteString("pref", r.Pref);
        w.WriteString("city", r.City);
        w.WriteString("town", r.TownWithKoaza);
        w.WriteString("rest", r.Rest);
        w.WriteString("building", r.Building);
        w.WriteString("lgCode", r.LgCode);
        w.WriteString("townId", r.TownId);
        if (r.Lat is { } lat) w.WriteNumber("lat", lat); else w.WriteNull("lat");
        if (r.Lng is { } lng) w.WriteNumber("lng", lng); else w.WriteNull("lng");
        w.WriteNumber("level", r.Level);
        w.WriteEndObject();
    }

    /// <summary>One compact JSON object (no trailing newline).</summary>
    public static string Serialize(AddressResult r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options)) Write(w, r);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
