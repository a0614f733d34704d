using System.Net;

namespace Musubi.Source;

/// <summary>What a fetch ended with.</summary>
public enum FetchOutcome
{
    /// <summary>The body was downloaded completely into <see cref="FetchResult.TempFilePath"/>.</summary>
    Ok,

    /// <summary>The server answered 304 to the conditional request: nothing changed, nothing downloaded.</summary>
    NotModified,

    /// <summary>No usable body; <see cref="FetchResult.Failure"/> says why.</summary>
    Failed,
}

/// <summary>Why a fetch failed. Stable names: the harvest job stores them.</summary>
public enum FetchFailureReason
{
    /// <summary>The host resolves to (or is) a loopback, private, link-local, metadata or other non-public address.</summary>
    PrivateAddressRefused,

    /// <summary>The URL (or a redirect) uses a scheme other than http/https, e.g. file: or ftp:.</summary>
    SchemeRefused,

    /// <summary>The URL cannot be used (not absolute, no host, user info in it).</summary>
    InvalidUrl,

    TooManyRedirects,
    RedirectLoop,

    /// <summary>A redirect without a usable Location header.</summary>
    BadRedirect,

    /// <summary>The body (declared or counted while streaming) exceeds <see cref="FetchOptions.MaxBodyBytes"/>.</summary>
    TooLarge,

    /// <summary>Connect, idle or total time limit reached.</summary>
    Timeout,

    /// <summary>The host name does not resolve.</summary>
    DnsFailed,

    /// <summary>Connection refused, reset or closed before the response.</summary>
    ConnectionFailed,

    /// <summary>The connection closed before the whole body arrived (fewer bytes than Content-Length, or a broken chunked body).</summary>
    Truncated,

    /// <summary>A status other than 2xx/304 after redirects (see <see cref="FetchResult.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>Writing the temporary file failed (disk full, folder missing).</summary>
    LocalIo,
}

/// <summary>A typed failure with one line naming the URL.</summary>
public sealed record FetchFailure(FetchFailureReason Reason, string Message)
{
    public override string ToString() => $"{Reason}: {Message}";
}

/// <summary>HTTP validators of an earlier fetch, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record FetchValidators(string? ETag, DateTimeOffset? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}

/// <summary>One request for <see cref="SafeFetcher.FetchAsync(FetchRequest, CancellationToken)"/>.</summary>
public sealed record FetchRequest(Uri Url)
{
    /// <summary>Validators of the previous fetch of this URL, for a conditional request.</summary>
    public FetchValidators? Previous { get; init; }

    /// <summary>A lower body cap for this request (e.g. for an API page), or null for <see cref="FetchOptions.MaxBodyBytes"/>.</summary>
    public long? MaxBodyBytes { get; init; }

    /// <summary>The Accept header, or null for <c>*/*</c>.</summary>
    public string? Accept { get; init; }

    /// <summary>Folder for the temporary file, or null for <see cref="FetchOptions.TempDirectory"/>.</summary>
    public string? TempDirectory { get; init; }
}

/// <summary>
/// The result of one fetch. On <see cref="FetchOutcome.Ok"/> the caller owns <see cref="TempFilePath"/> (move it into
/// the store or delete it: <see cref="DeleteTempFile"/>); on any other outcome there is no file.
/// </summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The URL asked for.</summary>
    public required Uri RequestedUrl { get; init; }

    /// <summary>The URL after redirects (the source's canonical address), or the last one tried on failure.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>The last HTTP status received, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The Content-Type the server declared (untrusted: see <see cref="MediaSniffer"/>).</summary>
    public string? DeclaredContentType { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Bytes written to <see cref="TempFilePath"/> (0 unless Ok).</summary>
    public long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the body (null unless Ok).</summary>
    public string? Sha256 { get; init; }

    public string? TempFilePath { get; init; }

    public FetchFailure? Failure { get; init; }

    /// <summary>Requests sent, retries and redirect hops included.</summary>
    public int Requests { get; init; }

    /// <summary>Redirects followed on the successful (or last) attempt.</summary>
    public int Redirects { get; init; }

    /// <summary>The validators to send next time (this response's, or the previous ones on 304 when the server sent none).</summary>
    public FetchValidators Validators => new(ETag, LastModified);

    public bool IsOk => Outcome == FetchOutcome.Ok;

    /// <summary>Deletes the temporary body file, if any. Safe to call twice.</summary>
    public void DeleteTempFile()
    {
        if (TempFilePath is null) return;
        try
        {
            File.Delete(TempFilePath);
        }
        catch (IOException)
        {
            // Best effort: the caller's temporary folder is cleaned as a whole at the end of a job.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public override string ToString() => Outcome == FetchOutcome.Failed ? $"Failed {Failure}" : $"{Outcome} {FinalUrl} {Length} bytes";
}
