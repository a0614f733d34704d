using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Musubi.Access;
using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Operations;
using Musubi.Web.Hosting;

namespace Musubi.Web.Pages;

/// <summary>
/// The admin pages: sign-in and sign-out (cookie session), and what a signed-in administrator may change. Every form
/// posts an antiforgery token (UseAntiforgery rejects a form post without one); every page is no-store.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").ExcludeFromDescription();

        admin.MapGet("/sign-in", (string? returnUrl, string? failed) =>
            HtmlPage.Render<AdminSignIn>(new { ReturnUrl = SafeReturn(returnUrl), Failed = failed == "1" }, caching: PageCaching.NoStore));

        admin.MapPost("/sign-in", async ([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, SignInOperation op, HttpContext http) =>
        {
            var result = await op.RunAsync(new SignInRequest(name ?? "", password ?? ""), Caller.Anonymous, http.RequestAborted);
            if (!result.IsOk) return Results.Redirect(Local(http, "/admin/sign-in?failed=1"));
            await Authentication.SignInAsync(http, result.Value);
            return Results.Redirect(Local(http, SafeReturn(returnUrl) ?? "/admin"));
        });

        admin.MapPost("/sign-out", async (HttpContext http) =>
        {
            await Authentication.SignOutAsync(http);
            return Results.Redirect(Local(http, "/"));
        });

        admin.MapGet("", async (HttpContext http, ListTokensOperation tokens) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            var list = await tokens.RunAsync(new ListTokensRequest(), http.Caller(), http.RequestAborted);
            return HtmlPage.Render<AdminHome>(new { Name = http.Caller().Name, Tokens = list.IsOk ? list.Value : [] }, caching: PageCaching.NoStore);
        });

        admin.MapPost("/tokens", async ([FromForm] string? name, HttpContext http, CreateTokenOperation create, ListTokensOperation tokens) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            var made = await create.RunAsync(new CreateTokenRequest(name ?? ""), http.Caller(), http.RequestAborted);
            var list = await tokens.RunAsync(new ListTokensRequest(), http.Caller(), http.RequestAborted);
            return HtmlPage.Render<AdminHome>(new
            {
                Name = http.Caller().Name,
                Tokens = list.IsOk ? list.Value : [],
                NewToken = made.IsOk ? made.Value.Token : null,
            }, statusCode: made.IsOk ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, caching: PageCaching.NoStore);
        });

        admin.MapPost("/tokens/revoke", async ([FromForm] string? key, HttpContext http, RevokeTokenOperation revoke) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            await revoke.RunAsync(new RevokeTokenRequest(key ?? ""), http.Caller(), http.RequestAborted);
            return Results.Redirect(Local(http, "/admin"));
        });

        MapHarvest(admin);
    }

    /// <summary>Sources, harvest jobs (with live progress) and failures: each page needs a signed-in administrator.</summary>
    private static void MapHarvest(RouteGroupBuilder admin)
    {
        admin.MapGet("/sources", async (HttpContext http, ListSourcesOperation sources, ListJobsOperation jobs) =>
            RequireAdmin(http) ?? await SourcesPage(http, sources, jobs, null, null, StatusCodes.Status200OK));

        admin.MapPost("/sources", async ([FromForm] string? kind, [FromForm] string? location, [FromForm] string? name, [FromForm] string? publisher,
            [FromForm] string? schedule, [FromForm] string? id, HttpContext http, AddSourceOperation add, ListSourcesOperation sources, ListJobsOperation jobs) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            var made = await add.RunAsync(new AddSourceRequest(kind ?? "", location ?? "")
            {
                Name = name,
                PublisherCode = publisher,
                Schedule = string.IsNullOrWhiteSpace(schedule) ? null : schedule,
                Id = string.IsNullOrWhiteSpace(id) ? null : id,
            }, http.Caller(), http.RequestAborted);
            if (made.IsOk) return Results.Redirect(Local(http, "/admin/sources?added=" + Uri.EscapeDataString(made.Value.Id)));
            return await SourcesPage(http, sources, jobs, null, made.Error.Message, StatusCodes.Status400BadRequest);
        });

        admin.MapPost("/sources/remove", async ([FromForm] string? id, HttpContext http, RemoveSourceOperation remove, ListSourcesOperation sources, ListJobsOperation jobs) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            var removed = await remove.RunAsync(new RemoveSourceRequest(id ?? ""), http.Caller(), http.RequestAborted);
            if (removed.IsOk) return Results.Redirect(Local(http, "/admin/sources?removed=" + Uri.EscapeDataString(removed.Value.Id)));
            return await SourcesPage(http, sources, jobs, null, removed.Error.Message, StatusCodes.Status400BadRequest);
        });

        admin.MapPost("/harvest", async ([FromForm] string? id, HttpContext http, AdminHarvests harvests) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            if (string.IsNullOrWhiteSpace(id)) return Results.Redirect(Local(http, "/admin/sources"));
            var job = await harvests.StartAsync(id, http.Caller(), http.RequestAborted);
            return Results.Redirect(Local(http, job is { } j ? $"/admin/jobs/{j}" : "/admin/jobs"));
        });

        admin.MapGet("/jobs", async (string? source, HttpContext http, ListJobsOperation jobs) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            var list = await jobs.RunAsync(new ListJobsRequest { SourceId = string.IsNullOrWhiteSpace(source) ? null : source, Limit = 100 }, http.Caller(), http.RequestAborted);
            return HtmlPage.Render<AdminJobs>(new { Jobs = list.IsOk ? list.Value : [], Source = source }, caching: PageCaching.NoStore);
        });

        admin.MapGet("/jobs/{id:long}", async (long id, HttpContext http, ShowJobOperation show) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            var job = await show.RunAsync(new ShowJobRequest(id), http.Caller(), http.RequestAborted);
            return job.IsOk
                ? HtmlPage.Render<AdminJob>(new { Detail = job.Value }, caching: PageCaching.NoStore)
                : HtmlPage.Render<ErrorPage>(new { StatusCode = 404 }, StatusCodes.Status404NotFound, PageCaching.NoStore);
        });

        // What js/admin-job.js polls while a job runs (the page works without it: a reload shows the same).
        admin.MapGet("/jobs/{id:long}/progress", async (long id, HttpContext http, ShowJobOperation show) =>
        {
            if (http.Caller().Kind != CallerKind.Administrator) return Results.Problem(detail: "sign in first", statusCode: StatusCodes.Status401Unauthorized);
            var job = await show.RunAsync(new ShowJobRequest(id), http.Caller(), http.RequestAborted);
            if (!job.IsOk) return Results.Problem(detail: job.Error.Message, statusCode: StatusCodes.Status404NotFound);
            http.Response.Headers.CacheControl = "no-store";
            var j = job.Value.Job;
            return Results.Json(new
            {
                id = j.Id,
                state = j.State.ToString().ToLowerInvariant(),
                running = IsRunning(j.State),
                counts = j.Counts,
                items = job.Value.Items.Count,
            });
        });

        admin.MapGet("/failures", async (HttpContext http, ListSourcesOperation sources, ShowJobOperation show) =>
        {
            if (RequireAdmin(http) is { } denied) return denied;
            var rows = new List<AdminFailure>();
            var list = await sources.RunAsync(new ListSourcesRequest(), http.Caller(), http.RequestAborted);
            foreach (var s in list.IsOk ? list.Value : [])
            {
                if (s.LastJobId is not { } jobId) continue;
                var job = await show.RunAsync(new ShowJobRequest(jobId), http.Caller(), http.RequestAborted);
                if (!job.IsOk) continue;
                if (job.Value.Job.State == HarvestJobState.Failed)
                    rows.Add(new AdminFailure(s, job.Value.Job, null, job.Value.Job.Message));
                rows.AddRange(job.Value.Items.Where(i => i.Outcome == HarvestItemOutcome.Failed).Select(i => new AdminFailure(s, job.Value.Job, i.Url, i.Reason)));
            }
            return HtmlPage.Render<AdminFailures>(new { Failures = rows }, caching: PageCaching.NoStore);
        });
    }

    internal static bool IsRunning(HarvestJobState state) => state is HarvestJobState.Queued or HarvestJobState.Running;

    private static async Task<IResult> SourcesPage(HttpContext http, ListSourcesOperation sources, ListJobsOperation jobs, string? notice, string? error, int status)
    {
        var list = await sources.RunAsync(new ListSourcesRequest(), http.Caller(), http.RequestAborted);
        var recent = await jobs.RunAsync(new ListJobsRequest { Limit = 500 }, http.Caller(), http.RequestAborted);
        var byId = recent.IsOk ? recent.Value.ToDictionary(j => j.Id) : [];
        var q = http.Request.Query;
        return HtmlPage.Render<AdminSources>(new
        {
            Sources = list.IsOk ? list.Value : [],
            Jobs = (IReadOnlyDictionary<long, HarvestJob>)byId,
            Added = q["added"].ToString() is { Length: > 0 } a ? a : null,
            Removed = q["removed"].ToString() is { Length: > 0 } r ? r : null,
            Error = error ?? notice,
        }, statusCode: status, caching: PageCaching.NoStore);
    }

    /// <summary>Null for a signed-in administrator; else a redirect to the sign-in page (GET) or 401 (a form post).</summary>
    internal static IResult? RequireAdmin(HttpContext http)
    {
        if (http.Caller().Kind == CallerKind.Administrator) return null;
        if (!HttpMethods.IsGet(http.Request.Method)) return Results.Problem(detail: "sign in first", statusCode: StatusCodes.Status401Unauthorized);
        return Results.Redirect(Local(http, "/admin/sign-in?returnUrl=" + Uri.EscapeDataString(http.Request.Path.Value ?? "/admin")));
    }

    /// <summary>Only a site path, never another site (open redirect).</summary>
    private static string? SafeReturn(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal) ? url : null;

    private static string Local(HttpContext http, string path) => http.Request.PathBase.Value + path;
}

/// <summary>One line of /admin/failures: a failed job (no URL) or a failed item of a source's last job.</summary>
public sealed record AdminFailure(CatalogSource Source, HarvestJob Job, string? Url, string? Reason);
