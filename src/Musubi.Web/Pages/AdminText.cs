using System.Globalization;

namespace Musubi.Web.Pages;

/// <summary>How the admin pages write times: UTC, to the minute (operators compare them with the logs).</summary>
internal static class AdminText
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "—";
}
