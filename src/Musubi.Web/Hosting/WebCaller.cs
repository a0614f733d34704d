using Microsoft.AspNetCore.Http;
using Musubi.Operations;

namespace Musubi.Web.Hosting;

/// <summary>The request's caller, as the operations see it (set by <see cref="Authentication"/>).</summary>
public sealed record CallerFeature(Caller Caller);

/// <summary>
/// Who a web request is, for <c>operation.RunAsync(request, context.Caller(), ct)</c>: anonymous unless a valid API
/// token or an administrator's session came with it (Authentication); anonymous callers read only.
/// </summary>
public static class WebCaller
{
    public static Caller Caller(this HttpContext context) => context.Features.Get<CallerFeature>()?.Caller ?? Operations.Caller.Anonymous;
}
