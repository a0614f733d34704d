using System.Text.Json;

namespace Musubi.Harvest.Gather;

/// <summary>A CKAN package dict (package_search result or package_show) as a <see cref="GatheredDataset"/>.</summary>
internal static class CkanPackage
{
    /// <summary>Extras keys that hold the update frequency (Tokyo uses 更新頻度).</summary>
    private static readonly string[] FrequencyKeys = ["更新頻度", "update_frequency", "frequency", "accrual_periodicity", "dcat_accrualPeriodicity"];

    /// <summary>Extras keys that may hold the publisher's 全国地方公共団体コード.</summary>
    private static readonly string[] CodeKeys = ["全国地方公共団体コード", "地方公共団体コード", "団体コード", "lg_code", "local_government_code", "publisher_code"];

    private static readonly string[] IssuedKeys = ["issued", "公開日", "作成日"];

    public static GatheredDataset ToDataset(JsonElement p, string id, Uri siteBase, GatherLimits limits, List<string> warnings)
    {
        var name = Str(p, "name");
        var extras = Extras(p);
        var org = p.TryGetProperty("organization", out var o) && o.ValueKind == JsonValueKind.Object ? o : (JsonElement?)null;
        var orgName = org is { } og ? Str(og, "name") : null;
        var publisher = org is { } oo ? Str(oo, "title") ?? Str(oo, "display_name") ?? Str(oo, "name") : Str(p, "author");

        string? code = null;
        foreach (var k in CodeKeys)
            if (extras.TryGetValue(k, out var v) && Listing.LgCode(v) is { } c)
            {
                code = c;
                break;
            }
        // Some catalogs name each municipality's organization by its code (Tokyo: t132292 = 西東京市).
        if (code is null && orgName is not null && CkanGatherer.OrgCodeName().Match(orgName) is { Success: true } m)
            code = Listing.LgCode(m.Groups[1].Value);

        // ckanext-scheming DCAT-AP schemas put these at the top level rather than in extras.
        string? frequency = Str(p, "frequency");
        foreach (var k in FrequencyKeys)
            if (frequency is null && extras.TryGetValue(k, out var v) && v.Length > 0)
            {
                frequency = v;
                break;
            }

        string? issued = Str(p, "issued");
        foreach (var k in IssuedKeys)
            if (issued is null && extras.TryGetValue(k, out var v) && v.Length > 0)
            {
                issued = v;
                break;
            }

        var resources = new List<GatheredResource>();
        var dropped = 0;
        if (p.TryGetProperty("resources", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            var n = 0;
            foreach (var r in rs.EnumerateArray())
            {
                n++;
                if (r.ValueKind != JsonValueKind.Object) continue;
                if (resources.Count >= limits.MaxResourcesPerDataset)
                {
                    dropped++;
                    continue;
                }
                var rid = Str(r, "id") ?? $"#{n}";
                var rawUrl = Str(r, "url");
                var url = Listing.HttpUrl(rawUrl, siteBase);
                if (url is null)
                {
                    warnings.Add($"dataset {id}, resource {rid}: URL “{Truncate(rawUrl)}” is not http(s); skipped");
                    dropped++;
                    continue;
                }
                resources.Add(new GatheredResource
                {
                    Key = rid,
                    Url = url,
                    Name = Str(r, "name"),
                    Description = Str(r, "description"),
                    Format = Str(r, "format"),
                    MediaType = Str(r, "mimetype"),
                    Size = r.TryGetProperty("size", out var sz) && sz.ValueKind == JsonValueKind.Number && sz.TryGetInt64(out var size) ? size
                        : sz.ValueKind == JsonValueKind.String && long.TryParse(sz.GetString(), out var ss) ? ss : null,
                    Modified = SourceTime.Parse(Str(r, "last_modified") ?? Str(r, "metadata_modified") ?? Str(r, "created")),
                });
            }
        }
        if (dropped > 0 && resources.Count >= limits.MaxResourcesPerDataset)
            warnings.Add($"dataset {id}: more than {limits.MaxResourcesPerDataset:N0} resources; the rest were not taken");

        var contact = p.TryGetProperty("contact", out var ct) && ct.ValueKind == JsonValueKind.Array && ct.GetArrayLength() > 0 ? ct[0] : default;
        var landing = Listing.HttpUrl(Str(p, "url"), null);
        if (landing is null && name is not null) landing = new Uri(siteBase, "dataset/" + Uri.EscapeDataString(name));

        return new GatheredDataset
        {
            Key = id,
            Name = name,
            Title = Str(p, "title") ?? name ?? id,
            Description = Str(p, "notes") ?? Str(p, "description"),
            License = Str(p, "license_title") ?? Str(p, "license_id"),
            LicenseId = Str(p, "license_id"),
            LicenseUrl = Str(p, "license_url"),
            Tags = Names(p, "tags", "display_name", "name"),
            Categories = Names(p, "groups", "title", "display_name", "name"),
            UpdateFrequency = frequency,
            ContactName = Str(p, "maintainer") ?? Str(p, "author") ?? Str(contact, "name"),
            ContactEmail = Str(p, "maintainer_email") ?? Str(p, "author_email") ?? Str(contact, "email"),
            Issued = SourceTime.Parse(issued ?? Str(p, "metadata_created")),
            Modified = SourceTime.Parse(Str(p, "metadata_modified")),
            Publisher = publisher,
            PublisherCode = code,
            LandingPage = landing,
            Resources = resources,
            ResourcesIncomplete = dropped > 0,
            Extras = extras,
        };
    }

    private static Dictionary<string, string> Extras(JsonElement p)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!p.TryGetProperty("extras", out var ex)) return d;
        if (ex.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in ex.EnumerateArray())
                if (e.ValueKind == JsonValueKind.Object && Str(e, "key") is { } k) d.TryAdd(k, Str(e, "value") ?? "");
        }
        else if (ex.ValueKind == JsonValueKind.Object)
        {
            foreach (var e in ex.EnumerateObject()) d.TryAdd(e.Name, e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : e.Value.GetRawText());
        }
        return d;
    }

    private static List<string> Names(JsonElement p, string property, params string[] keys)
    {
        var list = new List<string>();
        if (!p.TryGetProperty(property, out var arr) || arr.ValueKind != JsonValueKind.Array) return list;
        foreach (var item in arr.EnumerateArray())
        {
            string? v = null;
            if (item.ValueKind == JsonValueKind.String) v = item.GetString();
            else if (item.ValueKind == JsonValueKind.Object)
                foreach (var k in keys)
                    if ((v = Str(item, k)) is not null) break;
            if (!string.IsNullOrWhiteSpace(v) && !list.Contains(v)) list.Add(v);
        }
        return list;
    }

    /// <summary>A non-empty string property (numbers as their text), else null.</summary>
    public static string? Str(JsonElement obj, string key)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(key, out var v)) return null;
        var s = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";
}
