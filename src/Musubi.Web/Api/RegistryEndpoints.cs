using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Musubi.Address;
using Musubi.Registry;
using Musubi.Web.Hosting;

namespace Musubi.Web.Api;

/// <summary>Base-registry look-ups in <c>/api/v1</c>: local-government codes, postal codes, address normalization.</summary>
internal static class RegistryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var registry = api.MapGroup("").WithTags("Registries");

        registry.MapGet("/local-governments/{code}", async (string code, LookupLocalGovernmentOperation op, HttpContext http) =>
                (await op.RunAsync(new LookupLocalGovernmentRequest(code), http.Caller(), http.RequestAborted))
                .ToHttp(g => TypedResults.Ok(LocalGovernmentDto.From(g))))
            .WithName("GetLocalGovernment")
            .WithSummary("A local government by its 全国地方公共団体コード")
            .WithDescription("6 digits with the check digit; 5 digits (the check digit is added) and codes that lost their leading zero are accepted.")
            .Produces<LocalGovernmentDto>().ProducesProblem(StatusCodes.Status404NotFound);

        registry.MapGet("/local-governments", async (string? name, string? prefecture, bool? abolished, int? limit, FindLocalGovernmentsOperation op, HttpContext http) =>
                (await op.RunAsync(new FindLocalGovernmentsRequest(name, prefecture, abolished ?? false, limit ?? 100), http.Caller(), http.RequestAborted))
                .ToHttp(list => TypedResults.Ok(list.Select(LocalGovernmentDto.From).ToList()), FieldName))
            .WithName("FindLocalGovernments")
            .WithSummary("Local governments by name (kanji or hiragana reading) and prefecture")
            .Produces<List<LocalGovernmentDto>>().ProducesProblem(StatusCodes.Status400BadRequest);

        registry.MapGet("/postal-codes/{code}", async (string code, LookupPostalCodeOperation op, HttpContext http) =>
                (await op.RunAsync(new LookupPostalCodeRequest(code), http.Caller(), http.RequestAborted))
                .ToHttp(list => TypedResults.Ok(list.Select(e => new PostalCodeDto(e.PostalCode, e.LgCode, e.Prefecture, e.City, e.Town)).ToList())))
            .WithName("GetPostalCode")
            .WithSummary("The 町域 of a postal code (1000001, 100-0001 or 〒１００－０００１)")
            .Produces<List<PostalCodeDto>>().ProducesProblem(StatusCodes.Status404NotFound);

        registry.MapGet("/address/normalize", async (string? text, string? hint, NormalizeAddressOperation op, HttpContext http) =>
            {
                if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
                    return TypedResults.Problem(detail: "give the address as ?text= (at most 500 characters)", statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["kind"] = "invalid_input", ["field"] = "text" });
                return (await op.RunAsync(new NormalizeAddressRequest(text, hint), http.Caller(), http.RequestAborted))
                    .ToHttp(r => TypedResults.Ok(AddressDto.From(text, r)));
            })
            .WithName("NormalizeAddress")
            .WithSummary("Normalize a Japanese address: prefecture, municipality, town, codes and a representative point")
            .Produces<AddressDto>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static string FieldName(string field) => field switch
    {
        "Limit" => "limit",
        "Prefecture" => "prefecture",
        _ => field.ToLowerInvariant(),
    };
}

/// <summary>A local government.</summary>
/// <param name="Code">6-digit 全国地方公共団体コード with check digit.</param>
/// <param name="Kind">prefecture, designated_city, city, special_ward, town, village or ward.</param>
/// <param name="Name">Full name (prefecture + 郡 + city + ward).</param>
/// <param name="Kana">Reading in hiragana.</param>
/// <param name="Abolished">Null while current.</param>
public sealed record LocalGovernmentDto(string Code, string Kind, string Name, string Prefecture, string PrefectureCode, string? County, string? City, string? Ward, string Kana, string? Abolished)
{
    public static LocalGovernmentDto From(LocalGovernment g) => new(g.Code, KindName(g.Kind), g.FullName, g.Prefecture, g.PrefectureCode, g.County, g.City, g.Ward, g.Kana, g.Abolished);

    private static string KindName(LocalGovernmentKind kind) => kind switch
    {
        LocalGovernmentKind.Prefecture => "prefecture",
        LocalGovernmentKind.DesignatedCity => "designated_city",
        LocalGovernmentKind.City => "city",
        LocalGovernmentKind.SpecialWard => "special_ward",
        LocalGovernmentKind.Town => "town",
        LocalGovernmentKind.Village => "village",
        _ => "ward",
    };
}

/// <summary>One 町域 of a postal code.</summary>
public sealed record PostalCodeDto(string PostalCode, string LgCode, string Prefecture, string City, string Town);

/// <summary>A normalized address. <c>level</c>: 0 nothing recognized, 1 prefecture, 2 municipality, 3 town.</summary>
public sealed record AddressDto(string Input, string? Prefecture, string? City, string? Town, string? Rest, string? LgCode, string? TownId, double? Lat, double? Lon, int Level, string Normalized)
{
    public static AddressDto From(string input, AddressResult r) =>
        new(input, r.Pref, r.City, r.TownWithKoaza, r.Rest, r.LgCode, r.TownId, r.Lat, r.Lng, r.Level, r.ToText());
}
