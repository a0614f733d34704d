using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;

namespace Musubi.Source;

/// <summary>Opens a TCP connection to one checked address (a seam: tests wrap it to prove nothing leaves loopback).</summary>
internal delegate ValueTask<Stream> SocketConnector(IPEndPoint endpoint, CancellationToken cancellationToken);

/// <summary>
/// Fetches untrusted URLs for the harvester. Every connection goes to an address that <see cref="AddressGuard"/> allowed,
/// checked in the connect callback on the address actually used (so DNS rebinding and redirects are covered) and before
/// any connection attempt; redirects are followed by hand (http/https only, capped, loops detected); the body streams to
/// a temporary file while its SHA-256 is computed, with size, idle and total time limits; transient failures are retried
/// with exponential back-off and jitter (Polly); requests to one host are limited in number and rate.
/// </summary>
/// <remarks>Thread-safe; make one per process (it owns the connection pool) and dispose it at the end.</remarks>
public sealed class SafeFetcher : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly HttpClient _client;
    private readonly IHostResolver _resolver;
    private readonly SocketConnector _connector;
    private readonly HostGates _gates;
    private readonly ResiliencePipeline<Attempt> _retry;

    public SafeFetcher(FetchOptions? options = null, IHostResolver? resolver = null, TimeProvider? time = null)
        : this(options ?? new FetchOptions(), resolver ?? SystemHostResolver.Instance, time ?? TimeProvider.System, DefaultConnectAsync)
    {
    }

    internal SafeFetcher(FetchOptions options, IHostResolver resolver, TimeProvider time, SocketConnector connector)
    {
        Options = options;
        _resolver = resolver;
        _connector = connector;
        _gates = new HostGates(options.MaxConcurrentPerHost, options.MinIntervalPerHost, time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would make the connect callback connect to the proxy and the guard check the wrong address.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            // Our connect callback applies ConnectTimeout per address; the handler's own limit only backs it up.
            ConnectTimeout = options.ConnectTimeout * 4,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxResponseHeadersLength = 64,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _retry = options.MaxRetries <= 0 ? ResiliencePipeline<Attempt>.Empty : new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Transient == true),
                DelayGenerator = args =>
                {
                    // Honour Retry-After (429/503), capped; otherwise Polly's exponential delay with jitter.
                    var after = args.Outcome.Result?.RetryAfter;
                    return ValueTask.FromResult<TimeSpan?>(after is { } a ? (a > options.MaxRetryDelay ? options.MaxRetryDelay : a) : null);
                },
            })
            .Build();
    }

    public FetchOptions Options { get; }

    /// <summary>GET <paramref name="url"/>, conditionally when <paramref name="previous"/> has validators.</summary>
    public Task<FetchResult> FetchAsync(Uri url, FetchValidators? previous = null, CancellationToken cancellationToken = default) =>
        FetchAsync(new FetchRequest(url) { Previous = previous }, cancellationToken);

    /// <summary>
    /// Runs one fetch to the end. Never throws for anything the remote side does: the result says Ok, NotModified or
    /// Failed with a typed reason. Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        var state = new FetchState(request);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(Options.TotalTimeout);
        try
        {
            var attempt = await _retry.ExecuteAsync(
                static (s, _) => s.Fetcher.AttemptAsync(s.State, s.Total, s.Caller),
                (Fetcher: this, State: state, Total: total.Token, Caller: cancellationToken),
                total.Token).ConfigureAwait(false);
            return attempt.Result with { Requests = state.Requests };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The total time ran out while waiting to retry.
            var last = state.Last?.Failure?.Message;
            return Failed(state, state.LastUrl, FetchFailureReason.Timeout,
                $"{state.LastUrl}: total time limit of {Seconds(Options.TotalTimeout)} reached after {state.Requests} request(s)" + (last is null ? "" : $"; last: {last}"))
                with
            { Requests = state.Requests };
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Attempt> AttemptAsync(FetchState state, CancellationToken total, CancellationToken caller)
    {
        var result = await AttemptCoreAsync(state, total, caller).ConfigureAwait(false);
        state.Last = result.Result;
        return result;
    }

    private async ValueTask<Attempt> AttemptCoreAsync(FetchState state, CancellationToken total, CancellationToken caller)
    {
        var request = state.Request;
        var url = request.Url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { RedirectKey(url) };
        var redirects = 0;
        while (true)
        {
            state.LastUrl = url;
            if (PreCheck(url) is { } refused) return Final(Failed(state, url, refused.Reason, refused.Message) with { Redirects = redirects });

            using var lease = await _gates.EnterAsync(url, total).ConfigureAwait(false);
            using var phase = CancellationTokenSource.CreateLinkedTokenSource(total);
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
            message.Headers.TryAddWithoutValidation("Accept", request.Accept ?? "*/*");
            if (request.Previous?.ETag is { Length: > 0 } etag) message.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (request.Previous?.LastModified is { } lm) message.Headers.IfModifiedSince = lm;

            HttpResponseMessage response;
            state.Requests++;
            phase.CancelAfter(Options.ConnectTimeout + Options.IdleTimeout);
            try
            {
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, phase.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !caller.IsCancellationRequested)
            {
                return SendFailure(state, url, redirects, e, total);
            }

            using (response)
            {
                var status = response.StatusCode;
                var code = (int)status;
                if (code is 301 or 302 or 303 or 307 or 308)
                {
                    var location = response.Headers.Location;
                    if (location is null)
                        return Final(Failed(state, url, FetchFailureReason.BadRedirect, $"{url}: HTTP {code} redirect without a Location header") with { StatusCode = status, Redirects = redirects });
                    Uri next;
                    try
                    {
                        next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    }
                    catch (UriFormatException)
                    {
                        return Final(Failed(state, url, FetchFailureReason.BadRedirect, $"{url}: redirect to an unusable Location “{location.OriginalString}”") with { StatusCode = status, Redirects = redirects });
                    }
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        return Final(Failed(state, url, FetchFailureReason.SchemeRefused, $"{url}: redirect to a {next.Scheme}: URL is refused (only http and https are followed)") with { StatusCode = status, Redirects = redirects });
                    if (++redirects > Options.MaxRedirects)
                        return Final(Failed(state, url, FetchFailureReason.TooManyRedirects, $"{request.Url}: more than {Options.MaxRedirects} redirects") with { StatusCode = status, Redirects = redirects - 1 });
                    if (!visited.Add(RedirectKey(next)))
                        return Final(Failed(state, next, FetchFailureReason.RedirectLoop, $"{request.Url}: redirect loop (back to {next} after {redirects} redirect(s))") with { StatusCode = status, Redirects = redirects });
                    url = next;
                    continue;
                }

                var etagOut = response.Headers.ETag?.ToString();
                var lastModified = response.Content.Headers.LastModified;
                var contentType = response.Content.Headers.ContentType?.ToString();
                if (status == HttpStatusCode.NotModified && request.Previous is { IsEmpty: false } previous)
                {
                    return Final(new FetchResult
                    {
                        Outcome = FetchOutcome.NotModified,
                        RequestedUrl = request.Url,
                        FinalUrl = url,
                        StatusCode = status,
                        ETag = etagOut ?? previous.ETag,
                        LastModified = lastModified ?? previous.LastModified,
                        Redirects = redirects,
                    });
                }
                if (code is < 200 or > 299)
                {
                    var transient = code is >= 500 or 408 or 429;
                    var failed = Failed(state, url, FetchFailureReason.HttpStatus, $"{url}: HTTP {code} {response.ReasonPhrase}".TrimEnd())
                        with
                    { StatusCode = status, DeclaredContentType = contentType, Redirects = redirects };
                    return new Attempt(failed, transient, transient ? RetryAfter(response.Headers.RetryAfter) : null);
                }

                return await ReadBodyAsync(state, url, response, phase, total, caller, redirects, etagOut, lastModified, contentType).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<Attempt> ReadBodyAsync(FetchState state, Uri url, HttpResponseMessage response, CancellationTokenSource phase,
        CancellationToken total, CancellationToken caller, int redirects, string? etag, DateTimeOffset? lastModified, string? contentType)
    {
        var max = state.Request.MaxBodyBytes ?? Options.MaxBodyBytes;
        var declared = response.Content.Headers.ContentLength;
        FetchResult Fail(FetchFailureReason reason, string message) =>
            Failed(state, url, reason, message) with { StatusCode = response.StatusCode, DeclaredContentType = contentType, Redirects = redirects };

        if (declared > max)
            return Final(Fail(FetchFailureReason.TooLarge, $"{url}: declares {declared:N0} bytes; the limit is {max:N0}"));

        var dir = state.Request.TempDirectory ?? Options.TempDirectory ?? Path.GetTempPath();
        string path;
        FileStream file;
        try
        {
            Directory.CreateDirectory(dir);
            path = Path.Combine(dir, $"musubi-fetch-{Guid.NewGuid():N}.part");
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Final(Fail(FetchFailureReason.LocalIo, $"{url}: cannot write a temporary file in {dir}: {e.Message}"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long length = 0;
        var ok = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (file.ConfigureAwait(false))
            {
                phase.CancelAfter(Options.IdleTimeout);
                var body = await response.Content.ReadAsStreamAsync(phase.Token).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    while (true)
                    {
                        phase.CancelAfter(Options.IdleTimeout);
                        var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), phase.Token).ConfigureAwait(false);
                        if (n == 0) break;
                        length += n;
                        if (length > max)
                            return Final(Fail(FetchFailureReason.TooLarge, $"{url}: body exceeds the limit of {max:N0} bytes"));
                        hash.AppendData(buffer, 0, n);
                        try
                        {
                            await file.WriteAsync(buffer.AsMemory(0, n), total).ConfigureAwait(false);
                        }
                        catch (IOException e)
                        {
                            throw new LocalWriteException(e);
                        }
                    }
                }
            }
            // Automatic decompression drops Content-Length, so this check applies to identity bodies only.
            if (declared is { } d && length < d)
                return new Attempt(Fail(FetchFailureReason.Truncated, $"{url}: connection closed after {length:N0} of {d:N0} bytes"), true, null);

            ok = true;
            return Final(new FetchResult
            {
                Outcome = FetchOutcome.Ok,
                RequestedUrl = state.Request.Url,
                FinalUrl = url,
                StatusCode = response.StatusCode,
                DeclaredContentType = contentType,
                ETag = etag,
                LastModified = lastModified,
                Length = length,
                Sha256 = System.Convert.ToHexStringLower(hash.GetHashAndReset()),
                TempFilePath = path,
                Redirects = redirects,
            });
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            if (total.IsCancellationRequested)
                return Final(Fail(FetchFailureReason.Timeout, $"{url}: total time limit of {Seconds(Options.TotalTimeout)} reached after {length:N0} bytes"));
            return new Attempt(Fail(FetchFailureReason.Timeout, $"{url}: no data for {Seconds(Options.IdleTimeout)} after {length:N0} bytes"), true, null);
        }
        catch (LocalWriteException e)
        {
            return Final(Fail(FetchFailureReason.LocalIo, $"{url}: writing the temporary file failed: {e.InnerException!.Message}"));
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            // InvalidDataException: a gzip/brotli Content-Encoding whose stream is damaged or cut.
            var of = declared is { } dl ? $" of {dl:N0}" : "";
            return new Attempt(Fail(FetchFailureReason.Truncated, $"{url}: connection closed after {length:N0}{of} bytes ({Inner(e)})"), true, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!ok) TryDelete(path);
        }
    }

    private Attempt SendFailure(FetchState state, Uri url, int redirects, Exception e, CancellationToken total)
    {
        FetchResult Fail(FetchFailureReason reason, string message) => Failed(state, url, reason, message) with { Redirects = redirects };
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is AddressRefusedException refused) return Final(Fail(FetchFailureReason.PrivateAddressRefused, $"{url}: {refused.Message}"));
            if (x is ConnectTimeoutException or TimeoutException) return new Attempt(Fail(FetchFailureReason.Timeout, $"{url}: could not connect within {Seconds(Options.ConnectTimeout)}"), true, null);
            if (x is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
                return Final(Fail(FetchFailureReason.DnsFailed, $"{url}: host “{url.Host}” not found"));
            if (x is SocketException { SocketErrorCode: SocketError.TryAgain })
                return new Attempt(Fail(FetchFailureReason.DnsFailed, $"{url}: host “{url.Host}” could not be looked up (temporary failure)"), true, null);
        }
        if (e is OperationCanceledException)
        {
            if (total.IsCancellationRequested)
                return Final(Fail(FetchFailureReason.Timeout, $"{url}: total time limit of {Seconds(Options.TotalTimeout)} reached"));
            return new Attempt(Fail(FetchFailureReason.Timeout, $"{url}: no response within {Seconds(Options.ConnectTimeout + Options.IdleTimeout)}"), true, null);
        }
        return new Attempt(Fail(FetchFailureReason.ConnectionFailed, $"{url}: connection failed ({Inner(e)})"), true, null);
    }

    /// <summary>Checks that need no network: scheme, shape, IP literals and metadata names.</summary>
    private FetchFailure? PreCheck(Uri url)
    {
        if (!url.IsAbsoluteUri) return new(FetchFailureReason.InvalidUrl, $"{url}: not an absolute URL");
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            return new(FetchFailureReason.SchemeRefused, $"{url}: the {url.Scheme}: scheme is refused (only http and https)");
        if (string.IsNullOrEmpty(url.Host)) return new(FetchFailureReason.InvalidUrl, $"{url}: no host");
        if (url.UserInfo.Length > 0) return new(FetchFailureReason.InvalidUrl, $"{url.GetLeftPart(UriPartial.Scheme)}…@{url.Host}: user names and passwords in URLs are refused");
        if (AddressGuard.CheckHostName(url.Host, Options) is { } nameRefused) return new(FetchFailureReason.PrivateAddressRefused, $"{url}: {nameRefused}");
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) && AddressGuard.Check(literal, Options) is { } ipRefused)
            return new(FetchFailureReason.PrivateAddressRefused, $"{url}: {ipRefused}");
        return null;
    }

    /// <summary>The connect callback: resolve, check every address, connect only to an allowed one.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        if (AddressGuard.CheckHostName(host, Options) is { } nameRefused) throw new AddressRefusedException(nameRefused);

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            addresses = await _resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        }

        string? firstRefusal = null;
        Exception? lastError = null;
        foreach (var address in addresses)
        {
            if (AddressGuard.Check(address, Options) is { } refusal)
            {
                firstRefusal ??= refusal;
                continue;
            }
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(Options.ConnectTimeout);
            try
            {
                return await _connector(new IPEndPoint(address, port), connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = new ConnectTimeoutException();
            }
            catch (SocketException e)
            {
                lastError = e;
            }
        }
        if (lastError is not null) throw lastError;
        if (literal is not null) throw new AddressRefusedException(firstRefusal!);
        var cut = firstRefusal!.IndexOf(" is ", StringComparison.Ordinal);
        throw new AddressRefusedException(cut < 0 ? $"“{host}” resolves to {firstRefusal}" : $"“{host}” resolves to {firstRefusal[..cut]}, which is {firstRefusal[(cut + 4)..]}");
    }

    private static async ValueTask<Stream> DefaultConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Loop detection key: the absolute URL without fragment.</summary>
    private static string RedirectKey(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    private static FetchResult Failed(FetchState state, Uri url, FetchFailureReason reason, string message) => new()
    {
        Outcome = FetchOutcome.Failed,
        RequestedUrl = state.Request.Url,
        FinalUrl = url,
        Failure = new FetchFailure(reason, message),
    };

    private static Attempt Final(FetchResult result) => new(result, false, null);

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";

    private static string Inner(Exception e)
    {
        var x = e;
        while (x.InnerException is not null) x = x.InnerException;
        return x.Message.Split('\n')[0].Trim();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The caller's temporary folder is cleaned as a whole.
        }
    }

    private sealed class FetchState(FetchRequest request)
    {
        public FetchRequest Request { get; } = request;
        public Uri LastUrl { get; set; } = request.Url;
        public FetchResult? Last { get; set; }
        public int Requests;
    }

    /// <summary>One attempt's result, whether it may be retried, and the server's Retry-After.</summary>
    internal sealed record Attempt(FetchResult Result, bool Transient, TimeSpan? RetryAfter);

    private sealed class AddressRefusedException(string message) : IOException(message);

    private sealed class ConnectTimeoutException() : IOException("connect timed out");

    /// <summary>Marks a failure writing our own temporary file (not the remote side's fault).</summary>
    private sealed class LocalWriteException(IOException inner) : Exception(inner.Message, inner);
}
