using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Musubi.Web.Hosting;

/// <summary>
/// The files under <c>src/Musubi.Web/wwwroot</c> (embedded in the assembly), served at <c>/static/…</c>.
/// Pages link them through <see cref="Url"/>, which adds <c>?v=</c> and a hash of the content: such a URL never
/// changes meaning, so it is cached for a year (<c>immutable</c>); a URL without it (e.g. an image a style sheet
/// names) is revalidated with its ETag.
/// </summary>
public sealed class StaticAssets
{
    public const string RequestPath = "/static";
    private const string VersionParameter = "v";

    private readonly ConcurrentDictionary<string, string> _versionedUrls = new(StringComparer.Ordinal);

    public StaticAssets() : this(new ManifestEmbeddedFileProvider(typeof(StaticAssets).Assembly, "wwwroot")) { }

    public StaticAssets(IFileProvider files) => Files = files;

    public IFileProvider Files { get; }

    /// <summary>
    /// The URL path of an asset (relative to the site's base, e.g. <c>/static/css/site.css?v=1a2b3c4d5e</c>), given its
    /// path under wwwroot (<c>css/site.css</c>). Throws for a file that does not exist, so a typo fails the page tests.
    /// </summary>
    public string Url(string path) => _versionedUrls.GetOrAdd(path, p =>
    {
        var file = Files.GetFileInfo(p);
        if (!file.Exists) throw new FileNotFoundException($"static asset wwwroot/{p} does not exist");
        using var stream = file.CreateReadStream();
        var hash = System.Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 5));
        return $"{RequestPath}/{p}?{VersionParameter}={hash}";
    });

    internal StaticFileOptions FileOptions()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        return new StaticFileOptions
        {
            FileProvider = Files,
            RequestPath = RequestPath,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.GetTypedHeaders();
                headers.CacheControl = context.Context.Request.Query.ContainsKey(VersionParameter)
                    ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                    : new CacheControlHeaderValue { Public = true, NoCache = true };
            },
        };
    }
}
