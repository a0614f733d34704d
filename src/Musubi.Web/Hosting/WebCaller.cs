using Microsoft.AspNetCore.Http;
using Musubi.Operations;

namespace Musubi.Web.Hosting;

/// <summary>
/// Who a web request is, for <c>operation.RunAsync(request, context.Caller(), ct)</c>. Anonymous until sign-in and
/// API tokens exist (issue 14: administrators and tokens may write; anonymous callers read only); they change only this.
/// </summary>
public static class WebCaller
{
    public static Caller Caller(this HttpContext context) => Operations.Caller.Anonymous;
}
