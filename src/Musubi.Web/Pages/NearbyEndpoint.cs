using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Address;
using Musubi.Operations;
using Musubi.Web.Hosting;
using Musubi.Web.Localization;

namespace Musubi.Web.Pages;

/// <summary>Finds the nearest places of the standard datasets the page shows; registered by whatever serves records (the search index).</summary>
public interface INearbyFinder
{
    Task<IReadOnlyList<NearbyGroup>> FindAsync(GeoPoint point, Lang lang, CancellationToken cancellationToken);

    /// <summary>A point for an address known only to its municipality (lgCode) and the text after it, from the data itself.</summary>
    GeoPoint? Locate(string lgCode, string? rest);
}

/// <summary>GET /nearby?address=… or ?lat=…&amp;lon=…: the point from the address normalizer or the browser, then the nearest places.</summary>
internal static class NearbyEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, string? address, string? lat, string? lon)
    {
        var ui = http.RequestServices.GetRequiredService<UiStrings>();
        var lang = http.Lang();
        GeoPoint? point = null;
        string? normalized = null;
        string? problem = null;
        if (TryCoordinate(lat, -90, 90, out var la) && TryCoordinate(lon, -180, 180, out var lo))
        {
            point = new GeoPoint(la, lo);
        }
        else if (!string.IsNullOrWhiteSpace(address))
        {
            var op = http.RequestServices.GetService<NormalizeAddressOperation>();
            var result = op is null ? default(Result<AddressResult>?) : await op.RunAsync(new NormalizeAddressRequest(address.Length > 200 ? address[..200] : address), http.Caller(), http.RequestAborted);
            if (result is { IsOk: true } ok && ok.Value is { } r)
            {
                normalized = r.Level > 0 ? r.ToText() : null;
                if (r.Lat is { } rl && r.Lng is { } rn) point = new GeoPoint(rl, rn);
                else if (r.LgCode is { } lg && http.RequestServices.GetService<INearbyFinder>() is { } locator) point = locator.Locate(lg, r.Rest);
            }
            if (point is null) problem = ui.Get(lang, normalized is null ? "nearby.address_unknown" : "nearby.address_no_point");
        }

        IReadOnlyList<NearbyGroup> groups = [];
        if (point is { } p && http.RequestServices.GetService<INearbyFinder>() is { } finder)
            groups = await finder.FindAsync(p, lang, http.RequestAborted);

        return HtmlPage.Render<Nearby>(new Dictionary<string, object?>
        {
            ["Address"] = address,
            ["Normalized"] = normalized,
            ["Point"] = point,
            ["Problem"] = problem,
            ["Groups"] = groups,
        }, statusCode: problem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static bool TryCoordinate(string? text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max && double.IsFinite(value);
}
