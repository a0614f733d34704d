using System.Diagnostics;
using System.Net;

namespace Musubi.Harvest;

/// <summary>Lease owners are "host:pid:nonce": a killed harvest on this machine is known dead at once, without waiting for its lease.</summary>
public static class JobOwners
{
    private static readonly string Host = Dns.GetHostName();

    public static string New() => $"{Host}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>True when <paramref name="owner"/> is a process of this machine that no longer runs.</summary>
    public static bool IsGone(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length < 3 || parts[0] != Host || !int.TryParse(parts[1], out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
