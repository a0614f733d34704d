using Microsoft.AspNetCore.HttpLogging;

namespace Musubi.Web.Hosting;

/// <summary>
/// Leaves probes and scrapes (<c>/health</c>, <c>/ready</c>, <c>/metrics</c>) out of the request log: a load balancer
/// or Prometheus asks every few seconds. The request log runs before routing (so it times everything), hence a path
/// test here instead of endpoint metadata.
/// </summary>
internal sealed class RequestLogFilter : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        var path = logContext.HttpContext.Request.Path;
        if (path.Equals("/health") || path.Equals("/ready") || path.Equals("/metrics"))
            logContext.LoggingFields = HttpLoggingFields.None;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
