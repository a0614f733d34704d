using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Musubi.Web.Pages;

namespace Musubi.Web.Hosting;

/// <summary>
/// Error answers: an API request (<c>/api/…</c>, <c>/openapi/…</c>) gets RFC 9457 Problem Details; a page request
/// gets the HTML error page in its language. Never a stack trace: exceptions go to the log only.
/// </summary>
internal static class ErrorResponses
{
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    public static void Use(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel's own refusals (body too large, bad request line) keep their status; anything else is a 500.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context => Write(context, context.Response.StatusCode),
        });
        // Bodiless error statuses (no route matched, 405, 400 from binding …) get a body the same way.
        app.UseStatusCodePages(context => Write(context.HttpContext, context.HttpContext.Response.StatusCode));
    }

    public static async Task Write(HttpContext context, int statusCode)
    {
        if (IsApi(context.Request) || !AcceptsHtml(context.Request))
        {
            // Problem Details whatever the Accept header says (a browser asking for an API URL gets JSON too).
            var problem = new ProblemDetails { Status = statusCode };
            problem.Extensions["traceId"] = context.TraceIdentifier;
            await TypedResults.Problem(problem).ExecuteAsync(context);
            return;
        }
        await HtmlPage.Render<ErrorPage>(new { StatusCode = statusCode }, statusCode).ExecuteAsync(context);
    }

    /// <summary>Browsers send Accept: text/html; a client with no Accept or with */* gets the page too.</summary>
    private static bool AcceptsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);
    }
}
