using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Musubi.Web.Health;
using Musubi.Web.Pages;
using Musubi.Web.Pages.Shared;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>The server over real HTTP on loopback: headers, caching, compression, errors, operations endpoints.</summary>
public sealed class HttpTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(endpoints: app =>
    {
        app.MapGet("/test/boom", (Func<string>)(() => throw new InvalidOperationException("secret detail <b>x</b>")));
        app.MapGet("/api/v1/test/boom", (Func<string>)(() => throw new InvalidOperationException("secret detail")));
        app.MapGet("/test/token", (IAntiforgery antiforgery, HttpContext context) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        app.MapPost("/test/form", ([FromForm] string name) => "hello " + name);
        app.MapGet("/test/form-page", () => HtmlPage.Render<PostForm>(new Dictionary<string, object?>
        {
            ["Action"] = "/test/form",
            ["ChildContent"] = (RenderFragment)(b => b.AddMarkupContent(0, "<input name=\"name\" value=\"from-page\">")),
        }, caching: PageCaching.NoStore));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpRequestMessage Get(string path, string? accept = "text/html")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/en/about")]
    [InlineData("/api/v1/status")]
    [InlineData("/no-such-page")]
    [InlineData("/static/css/site.css")]
    public async Task Every_response_has_the_security_headers(string path)
    {
        using var response = await Http.SendAsync(Get(path));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain http");
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Hsts_is_sent_when_a_trusted_proxy_says_the_request_came_over_https()
    {
        await using var server = await TestServer.StartAsync(o => o with { TrustedProxies = ["127.0.0.1"] });
        using var request = Get("/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());

        // The same header from an untrusted client changes nothing.
        using var direct = Get("/");
        direct.Headers.Add("X-Forwarded-Proto", "https");
        using var plain = await Http.SendAsync(direct);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_api_reference_page_runs_only_scripts_from_this_site()
    {
        using var response = await Http.SendAsync(Get("/api/reference"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        // The one exception in the site: Scalar's run-time styles.
        Assert.Contains("style-src 'self' 'unsafe-inline';", csp);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);

        using var script = await Http.SendAsync(Get("/api/reference/scalar/scalar.js", "*/*"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "Scalar's bundle is served by this server");
    }

    [Fact]
    public async Task Html_in_the_query_string_is_shown_encoded()
    {
        const string attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        using var response = await Http.SendAsync(Get("/search?q=" + Uri.EscapeDataString(attack)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("\"><img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);

        using var english = await Http.SendAsync(Get("/en/search?q=" + Uri.EscapeDataString(attack)));
        var englishHtml = await english.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", englishHtml);
        Assert.Contains("&lt;script&gt;", englishHtml);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Text_responses_are_compressed(string encoding)
    {
        foreach (var path in new[] { "/", "/static/css/site.css", "/openapi/v1.json" })
        {
            using var request = Get(path, "*/*");
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
            var compressed = await response.Content.ReadAsStreamAsync();
            Stream plain = encoding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
            var text = await new StreamReader(plain, Encoding.UTF8).ReadToEndAsync();
            Assert.True(text.Length > 200, path);
        }
    }

    [Fact]
    public async Task Pages_revalidate_with_an_etag_and_an_unchanged_page_is_a_304()
    {
        using var first = await Http.SendAsync(Get("/about"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoCache);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);

        using var again = Get("/about");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        // The English page is another representation with another tag.
        using var english = await Http.SendAsync(Get("/en/about"));
        Assert.NotEqual(etag, english.Headers.ETag);
    }

    [Fact]
    public async Task Versioned_static_assets_are_cached_for_a_year_and_others_revalidate()
    {
        var html = await (await Http.SendAsync(Get("/"))).Content.ReadAsStringAsync();
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/static/css/site\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(href);
        using var versioned = await Http.SendAsync(Get(href, "text/css"));
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("text/css", versioned.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString());

        using var plain = await Http.SendAsync(Get("/static/vendor/leaflet/images/marker-icon.png", "image/*"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.True(plain.Headers.CacheControl?.NoCache);
        Assert.NotNull(plain.Headers.ETag);
    }

    [Fact]
    public async Task The_vendored_front_end_files_are_served_with_their_licences()
    {
        foreach (var path in new[]
                 {
                     "vendor/design-tokens/tokens.css", "vendor/design-tokens/LICENSE.txt", "vendor/leaflet/leaflet.js",
                     "vendor/leaflet/leaflet.css", "vendor/leaflet/LICENSE.txt", "vendor/leaflet.markercluster/leaflet.markercluster.js",
                     "vendor/leaflet.markercluster/MarkerCluster.css", "vendor/leaflet.markercluster/MarkerCluster.Default.css",
                     "vendor/leaflet.markercluster/LICENSE.txt",
                 })
        {
            using var response = await Http.SendAsync(Get("/static/" + path, "*/*"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Unknown_pages_are_an_html_404_in_the_request_language()
    {
        using var ja = await Http.SendAsync(Get("/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, ja.StatusCode);
        var jaHtml = await ja.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ja\"", jaHtml);
        Assert.Contains("ページが見つかりません", jaHtml);

        using var en = await Http.SendAsync(Get("/en/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        var enHtml = await en.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\"", enHtml);
        Assert.Contains("Page not found", enHtml);
    }

    [Fact]
    public async Task A_failing_page_is_an_html_500_without_the_exception()
    {
        using var response = await Http.SendAsync(Get("/en/test/boom"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("secret", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task Api_errors_are_problem_details()
    {
        using var missing = await Http.SendAsync(Get("/api/v1/no-such-thing", "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var missingJson = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal(404, missingJson.RootElement.GetProperty("status").GetInt32());
        Assert.True(missingJson.RootElement.TryGetProperty("traceId", out _));

        // Even when a browser asks: /api paths never answer with a page.
        using var fromBrowser = await Http.SendAsync(Get("/api/v1/no-such-thing", "text/html"));
        Assert.Equal("application/problem+json", fromBrowser.Content.Headers.ContentType?.MediaType);

        using var boom = await Http.SendAsync(Get("/api/v1/test/boom", "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
        Assert.Equal("application/problem+json", boom.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret", await boom.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_endpoint_answers_name_version_and_time()
    {
        using var response = await Http.SendAsync(Get("/api/v1/status", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Musubi", json.RootElement.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
        var time = json.RootElement.GetProperty("time").GetDateTimeOffset();
        Assert.True(Math.Abs((time - DateTimeOffset.UtcNow).TotalMinutes) < 5);
    }

    [Fact]
    public async Task Openapi_document_is_valid_json_in_openapi_3_1_with_the_api_only()
    {
        using var response = await Http.SendAsync(Get("/openapi/v1.json", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1", json.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("Musubi API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/status", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
    }

    [Fact]
    public async Task Health_answers_without_checks_and_is_never_rate_limited()
    {
        await using var server = await TestServer.StartAsync(
            o => o with { RateLimit = new WebRateLimit { Burst = 2, PerSecond = 1 } },
            services => services.AddReadinessCheck("broken", (_, _) => Task.FromResult(HealthCheckResult.Unhealthy("down"))));
        for (var i = 0; i < 10; i++)
        {
            using var response = await server.Http.SendAsync(Get("/health", "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Ready_is_503_while_a_readiness_check_fails_and_200_when_it_passes()
    {
        var storeUp = false;
        await using var server = await TestServer.StartAsync(services: services => services
            .AddReadinessCheck("store", (_, _) => Task.FromResult(storeUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("store not reachable")))
            .AddReadinessCheck("throws", (_, _) => storeUp ? Task.FromResult(HealthCheckResult.Healthy()) : throw new InvalidOperationException("Host=10.1.2.3 password")));

        using (var down = await server.Http.SendAsync(Get("/ready", "application/json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var text = await down.Content.ReadAsStringAsync();
            using var json = JsonDocument.Parse(text);
            Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
            var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal("store not reachable", checks["store"].GetProperty("description").GetString());
            Assert.Equal("unhealthy", checks["throws"].GetProperty("status").GetString());
            Assert.DoesNotContain("10.1.2.3", text);
        }

        storeUp = true;
        using var up = await server.Http.SendAsync(Get("/ready", "application/json"));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    [Fact]
    public async Task Over_the_limit_a_client_gets_429_with_retry_after()
    {
        await using var server = await TestServer.StartAsync(o => o with { RateLimit = new WebRateLimit { Burst = 5, PerSecond = 1 } });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await server.Http.SendAsync(Get("/api/v1/status", "application/json"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }
        Assert.NotNull(limited);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 4, string.Join(",", statuses));
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        limited.Dispose();

        // Pages are limited the same way, and say so in the page's language. (A loaded machine may take more than a
        // second between requests, so the bucket may have a token again: ask until it is empty, as for the API.)
        HttpResponseMessage? page = null;
        for (var i = 0; i < 20 && page is null; i++)
        {
            var response = await server.Http.SendAsync(Get("/en/"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) page = response;
            else response.Dispose();
        }
        Assert.NotNull(page);
        Assert.Contains("Too many requests", await page.Content.ReadAsStringAsync());
        Assert.NotNull(page.Headers.RetryAfter);
        page.Dispose();
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_format()
    {
        using (await Http.SendAsync(Get("/"))) { }
        string text = "";
        // The exporter caches a scrape for a moment; the request above shows up at the latest in the next one.
        for (var i = 0; i < 20 && !text.Contains("http_server_request_duration"); i++)
        {
            using var response = await Http.SendAsync(Get("/metrics", "text/plain"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("http_server_request_duration")) await Task.Delay(250);
        }
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("dotnet_gc_", text);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var without = await Http.PostAsync("/test/form", new FormUrlEncodedContent([new("name", "x")]));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);

        using var tokenResponse = await Http.SendAsync(Get("/test/token", "text/plain"));
        var token = await tokenResponse.Content.ReadAsStringAsync();
        var cookie = tokenResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("musubi-af=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var with = new HttpRequestMessage(HttpMethod.Post, "/test/form")
        {
            Content = new FormUrlEncodedContent([new("name", "x"), new("__af", token)]),
        };
        with.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var accepted = await Http.SendAsync(with);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("hello x", await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_form_component_carries_a_token_the_endpoint_accepts()
    {
        using var page = await Http.SendAsync(Get("/test/form-page"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__af\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Contains("method=\"post\"", html);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("musubi-af=", StringComparison.Ordinal)).Split(';')[0];

        using var post = new HttpRequestMessage(HttpMethod.Post, "/test/form")
        {
            Content = new FormUrlEncodedContent([new("name", "from-page"), new("__af", token)]),
        };
        post.Headers.Add("Cookie", cookie);
        using var response = await Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from-page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_request_finish()
    {
        var started = new TaskCompletionSource();
        var server = await TestServer.StartAsync(endpoints: app => app.MapGet("/test/slow", async () =>
        {
            started.SetResult();
            await Task.Delay(1500);
            return "done";
        }));
        var request = server.Http.GetAsync("/test/slow");
        await started.Task;
        var stop = server.App.StopAsync();
        using var response = await request;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        await stop;
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Request_bodies_over_the_limit_are_refused()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxRequestBodyBytes = 1024 },
            endpoints: app => app.MapPost("/test/echo", async (HttpRequest r) => (await new StreamReader(r.Body).ReadToEndAsync()).Length).DisableAntiforgery());
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await server.Http.PostAsync("/test/echo", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
