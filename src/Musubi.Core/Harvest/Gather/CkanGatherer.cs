using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Gathers a CKAN Action API site. The listing must hold every dataset exactly once even while the remote site changes,
/// so it pages by key, not by offset: <c>package_search</c> sorted <c>id asc</c> with <c>fq=+id:{"last" TO *]</c>
/// — an addition or deletion elsewhere cannot shift the pages. Sites that ignore or reject that filter are paged by
/// offset (sorted <c>id asc</c>, de-duplicated by id, with the total cross-checked; a pass during which the count moved is
/// run again, and a listing that still disagrees is marked incomplete). Sites without a usable <c>package_search</c>
/// fall back to <c>package_list</c> + <c>package_show</c>. Private and deleted datasets simply are not listed. A site that
/// answers HTML, JSON without the CKAN envelope, or <c>success: false</c> is reported as not CKAN.
/// </summary>
public sealed partial class CkanGatherer : ISourceGatherer
{
    private const string Accept = "application/json";

    public SourceKind Kind => SourceKind.Ckan;

    public async Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(source.Location, UriKind.Absolute, out var location) || location.Scheme is not ("http" or "https"))
            return GatherResult.Failed(source, new(GatherFailureReason.InvalidSource, $"source {source.Id}: “{source.Location}” is not an http(s) URL"));
        var run = new Run(source, context, cancellationToken);
        return await run.ExecuteAsync(location).ConfigureAwait(false);
    }

    /// <summary>The action URL roots to try for a configured location, most likely first.</summary>
    internal static IReadOnlyList<Uri> CandidateRoots(Uri location)
    {
        var text = location.GetLeftPart(UriPartial.Path);
        if (!text.EndsWith('/')) text += "/";
        var path = new Uri(text).AbsolutePath;
        if (path.EndsWith("/action/", StringComparison.Ordinal)) return [new Uri(text)];
        if (path.EndsWith("/api/", StringComparison.Ordinal))
            return [new Uri(text + "3/action/"), new Uri(text + "action/"), new Uri(text)];
        return [new Uri(text + "api/3/action/"), new Uri(text + "api/action/")];
    }

    private sealed class Run(SourceDefinition source, GatherContext ctx, CancellationToken ct)
    {
        private readonly List<string> _warnings = [];
        private readonly int _rows = Math.Clamp(source.PageSize, 1, 1000);
        private Uri _root = null!;
        private Uri _siteBase = null!;
        private int _requests;
        private int _pages;

        public async Task<GatherResult> ExecuteAsync(Uri location)
        {
            // 1. Find the API root: the first candidate that answers package_search with a CKAN envelope.
            var notCkan = new List<string>();
            Call? probe = null;
            foreach (var root in CandidateRoots(location))
            {
                var call = await CallAsync(root, "package_search", Query(("q", "*:*"), ("rows", "1"), ("fq", Filter(null)))).ConfigureAwait(false);
                if (call.Fatal is not null) return Fail(call.Fatal);
                if (call.Result is { } r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number
                    && r.TryGetProperty("results", out var rs) && rs.ValueKind == JsonValueKind.Array)
                {
                    _root = root;
                    probe = call;
                    break;
                }
                notCkan.Add(call.Problem ?? $"{root}package_search: the result has no count/results");
                // A CKAN-like site without package_search may still have package_list.
                if (call.Envelope)
                {
                    _root = root;
                    break;
                }
            }
            if (_root is null)
            {
                // No package_search anywhere: a CKAN-like site may still answer package_list.
                foreach (var root in CandidateRoots(location))
                {
                    var call = await CallAsync(root, "package_list", "").ConfigureAwait(false);
                    if (call.Fatal is not null) return Fail(call.Fatal);
                    if (call.Envelope && call.Result is { ValueKind: JsonValueKind.Array })
                    {
                        _root = root;
                        break;
                    }
                }
            }
            if (_root is null)
                return Fail(new(GatherFailureReason.NotCkan, $"source {source.Id}: {location} does not answer as a CKAN Action API ({string.Join("; ", notCkan)})"));
            _siteBase = SiteBase(_root);

            if (probe is null)
            {
                _warnings.Add($"{_root}package_search is not usable ({string.Join("; ", notCkan)}); listing with package_list + package_show");
                return await ListAndShowAsync().ConfigureAwait(false);
            }
            var expected = probe.Count;

            // 2. Key-set paging; 3. offset paging when the site does not honour the id range.
            var keyset = await KeysetPassAsync().ConfigureAwait(false);
            if (keyset.Fatal is not null) return Fail(keyset.Fatal, keyset);
            if (keyset.Supported)
            {
                var final = await CountAsync().ConfigureAwait(false);
                var incomplete = keyset.Incomplete;
                if (incomplete is null && final is { } f && keyset.Seen.Count != f)
                {
                    // Key-set paging cannot lose a dataset that existed before and after the pass; a difference means
                    // datasets were added or removed meanwhile: the next harvest sees them.
                    _warnings.Add($"the site's count changed while paging ({expected} before, {f} after, {keyset.Seen.Count} listed); datasets added or removed meanwhile are seen next time");
                }
                return Done(keyset, incomplete);
            }

            _warnings.Add($"{_root}package_search ignores the id range filter ({keyset.Why}); paging by offset");
            Pass? pass = null;
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                pass = await OffsetPassAsync().ConfigureAwait(false);
                if (pass.Fatal is not null) return Fail(pass.Fatal, pass);
                if (pass.Incomplete is not null)
                {
                    // A stalled or broken pass may be the site changing under us: run it again, unless a cap was reached.
                    if (pass.Capped || attempt == 3) return Done(pass, pass.Incomplete);
                    _warnings.Add($"offset pass {attempt}: {pass.Incomplete}; running it again");
                    continue;
                }
                var final = await CountAsync().ConfigureAwait(false);
                var stable = pass.FirstCount == pass.LastCount && pass.LastCount == final && pass.Seen.Count == final;
                if (stable) return Done(pass, null);
                _warnings.Add($"offset pass {attempt}: the site changed while paging (count {pass.FirstCount} → {pass.LastCount} → {final}, {pass.Seen.Count} distinct ids)");
            }
            return Done(pass!, "the site kept changing while it was paged by offset; datasets may be missing from this listing");
        }

        private async Task<Pass> KeysetPassAsync()
        {
            var pass = new Pass { Supported = true };
            string? last = null;
            while (true)
            {
                if (++_pages > ctx.Limits.MaxPages) return pass.Cap($"more than {ctx.Limits.MaxPages} pages");
                var call = await CallAsync(_root, "package_search", Query(("q", "*:*"), ("fq", Filter(last)), ("sort", "id asc"), ("rows", _rows.ToString()), ("start", "0"))).ConfigureAwait(false);
                if (call.Fatal is not null) return pass.FailWith(call.Fatal);
                // A site that rejects the sort or the id range is not key-set capable (offset paging then meets any other problem again).
                if (!call.IsSearch) return pass.Unsupported(call.Problem ?? "no search result");
                if (last is null) pass.FirstCount = call.Count;
                pass.LastCount = call.Count;
                // An empty page while the site counts more after it: a broken page, not the end (the rest would look deleted).
                if (call.Results.Count == 0 && call.Count > 0)
                    return pass.Stop($"{call.Url}: an empty page while the site counts {call.Count} more datasets");
                var ids = new List<string>();
                string? previous = last;
                foreach (var item in call.Results)
                {
                    var id = IdOf(item);
                    if (id is null)
                    {
                        _warnings.Add($"{call.Url}: a result without an id was skipped");
                        pass.Incomplete ??= "some results had no id";
                        continue;
                    }
                    if (previous is not null && string.CompareOrdinal(id, previous) <= 0)
                        return pass.Unsupported(last is null ? "results are not sorted by id" : $"a page after id {last} returned id {id}");
                    previous = id;
                    ids.Add(id);
                    if (!Add(pass, item, id)) return pass.Cap($"more than {ctx.Limits.MaxDatasets:N0} datasets");
                }
                ctx.Progress?.Invoke($"{source.Id}: {pass.Seen.Count} datasets");
                if (ids.Count == 0 || call.Count <= call.Results.Count) return pass;
                last = ids[^1];
            }
        }

        private async Task<Pass> OffsetPassAsync()
        {
            var pass = new Pass();
            var start = 0;
            var first = true;
            while (true)
            {
                if (++_pages > ctx.Limits.MaxPages) return pass.Cap($"more than {ctx.Limits.MaxPages} pages");
                var call = await CallAsync(_root, "package_search", Query(("q", "*:*"), ("fq", Filter(null)), ("sort", "id asc"), ("rows", _rows.ToString()), ("start", start.ToString()))).ConfigureAwait(false);
                if (call.Fatal is not null) return pass.FailWith(call.Fatal);
                if (!call.IsSearch) return pass.Stop(call.Problem ?? "a page had no search result");
                if (first) pass.FirstCount = call.Count;
                first = false;
                pass.LastCount = call.Count;
                if (call.Results.Count == 0) return pass;
                var fresh = 0;
                foreach (var item in call.Results)
                {
                    var id = IdOf(item);
                    if (id is null)
                    {
                        pass.Incomplete ??= "some results had no id";
                        continue;
                    }
                    if (pass.Seen.ContainsKey(id)) continue;
                    fresh++;
                    if (!Add(pass, item, id)) return pass.Cap($"more than {ctx.Limits.MaxDatasets:N0} datasets");
                }
                ctx.Progress?.Invoke($"{source.Id}: {pass.Seen.Count} datasets");
                if (fresh == 0 && start > 0) return pass.Stop($"paging does not advance (start={start} returned only datasets already listed)");
                start += call.Results.Count;
                if (start >= call.Count) return pass;
            }
        }

        private async Task<GatherResult> ListAndShowAsync()
        {
            var list = await CallAsync(_root, "package_list", "").ConfigureAwait(false);
            if (list.Fatal is not null) return Fail(list.Fatal);
            if (list.Result is not { ValueKind: JsonValueKind.Array } names)
                return Fail(new(GatherFailureReason.NotCkan, $"source {source.Id}: {_root}package_list does not answer a list ({list.Problem ?? "not an array"})"));
            var pass = new Pass();
            foreach (var n in names.EnumerateArray())
            {
                if (n.ValueKind != JsonValueKind.String) continue;
                if (pass.Seen.Count >= ctx.Limits.MaxDatasets)
                {
                    pass.Incomplete = $"more than {ctx.Limits.MaxDatasets:N0} datasets";
                    break;
                }
                var name = n.GetString()!;
                var show = await CallAsync(_root, "package_show", Query(("id", name))).ConfigureAwait(false);
                if (show.Fatal is { Reason: GatherFailureReason.FetchFailed, Fetch.Reason: FetchFailureReason.PrivateAddressRefused } fatal) return Fail(fatal, pass);
                var dict = show.Result;
                // One CKAN-like portal answers package_show with an array of one package.
                if (dict is { ValueKind: JsonValueKind.Array } arr && arr.GetArrayLength() > 0) dict = arr[0];
                if (dict is not { ValueKind: JsonValueKind.Object } obj)
                {
                    _warnings.Add($"package_show {name}: {show.Fatal?.Message ?? show.Problem ?? "no package"}");
                    pass.Incomplete ??= "some datasets could not be read with package_show";
                    continue;
                }
                var id = IdOf(obj) ?? name;
                if (!pass.Seen.ContainsKey(id)) Add(pass, obj, id);
            }
            return Done(pass, pass.Incomplete);
        }

        private async Task<int?> CountAsync()
        {
            var call = await CallAsync(_root, "package_search", Query(("q", "*:*"), ("fq", Filter(null)), ("rows", "0"))).ConfigureAwait(false);
            return call.IsSearch ? call.Count : null;
        }

        private bool Add(Pass pass, JsonElement item, string id)
        {
            if (pass.Seen.ContainsKey(id)) return true;
            if (pass.Seen.Count >= ctx.Limits.MaxDatasets) return false;
            try
            {
                pass.Seen[id] = CkanPackage.ToDataset(item, id, _siteBase, ctx.Limits, _warnings);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                // One bad record must not end the listing; but it is then not complete.
                _warnings.Add($"dataset {id}: unreadable ({e.Message}); skipped");
                pass.Incomplete ??= "some datasets could not be read";
            }
            return true;
        }

        /// <summary>The fq for a page: the source's filter and, for key-set paging, ids after <paramref name="after"/>.</summary>
        private string Filter(string? after)
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(source.CkanFilter)) parts.Add($"+({source.CkanFilter.Trim()})");
            if (after is not null) parts.Add($"+id:{{\"{after.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" TO *]");
            return string.Join(' ', parts);
        }

        private async Task<Call> CallAsync(Uri root, string action, string query)
        {
            var url = new Uri(root, action + (query.Length > 0 ? "?" + query : ""));
            var page = await Listing.FetchAsync(ctx, url, Accept, ct).ConfigureAwait(false);
            _requests += page.Fetch.Requests;
            try
            {
                var fetch = page.Fetch;
                if (!fetch.IsOk)
                {
                    var f = fetch.Failure!;
                    // Not reaching the site at all is fatal; an HTTP error from one action may mean "try another root or action".
                    if (f.Reason is FetchFailureReason.HttpStatus && (int?)fetch.StatusCode is 400 or 403 or 404 or 405 or 409 or 410 or 501)
                        return new Call(url) { Problem = $"{action} answered HTTP {(int)fetch.StatusCode!}" };
                    return new Call(url) { Fatal = Listing.FetchFailure(fetch, $"source {source.Id}") };
                }
                if (page.Kind is not (MediaKind.Json or MediaKind.JsonLd))
                {
                    var what = page.Kind == MediaKind.Html ? "an HTML page" : $"{page.Kind} content";
                    return new Call(url) { Problem = $"{url} answered {what}, not CKAN JSON" };
                }
                JsonDocument doc;
                try
                {
                    await using var fs = new FileStream(fetch.TempFilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
                    doc = await JsonDocument.ParseAsync(fs, new JsonDocumentOptions { MaxDepth = 128 }, ct).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    return new Call(url) { Problem = $"{url} answered broken JSON ({e.Message.Split(" Path:")[0]})" };
                }
                using var owned = doc;
                var top = doc.RootElement;
                if (top.ValueKind != JsonValueKind.Object || !top.TryGetProperty("success", out var success))
                    return new Call(url) { Problem = $"{url} answered JSON without the CKAN envelope (`success` missing)" };
                if (success.ValueKind != JsonValueKind.True)
                {
                    var message = top.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.Object
                        ? (err.TryGetProperty("message", out var m) ? m.ToString() : err.GetRawText())
                        : "success is not true";
                    return new Call(url) { Problem = $"{action} failed: {message}", Envelope = true };
                }
                if (!top.TryGetProperty("result", out var result))
                    return new Call(url) { Problem = $"{url} answered an envelope without `result`", Envelope = true };
                // The document lives as long as the call: clone what the caller keeps.
                var kept = result.Clone();
                var call = new Call(url) { Result = kept, Envelope = true };
                if (kept.ValueKind == JsonValueKind.Object && kept.TryGetProperty("count", out var c) && c.TryGetInt32(out var count)
                    && kept.TryGetProperty("results", out var rs) && rs.ValueKind == JsonValueKind.Array)
                {
                    call.IsSearch = true;
                    call.Count = count;
                    call.Results = [.. rs.EnumerateArray()];
                }
                else if (action == "package_search") call.Problem = $"{url}: the result has no count/results";
                return call;
            }
            finally
            {
                Listing.Done(page);
            }
        }

        private GatherResult Done(Pass pass, string? incomplete) => new()
        {
            Source = source,
            Datasets = [.. pass.Seen.Values],
            Warnings = _warnings,
            IsComplete = incomplete is null,
            IncompleteReason = incomplete,
            CanonicalUrl = _root,
            Requests = _requests,
        };

        private GatherResult Fail(GatherFailure failure, Pass? partial = null)
        {
            var r = GatherResult.Failed(source, failure, _warnings, _requests);
            return partial is null ? r : r with { Datasets = [.. partial.Seen.Values], CanonicalUrl = _root };
        }

        private static string? IdOf(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object) return null;
            foreach (var key in (ReadOnlySpan<string>)["id", "uuid", "name"])
                if (item.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) return s;
            return null;
        }

        private static string Query(params (string Key, string? Value)[] pairs)
        {
            var sb = new StringBuilder();
            foreach (var (k, v) in pairs)
            {
                if (string.IsNullOrEmpty(v)) continue;
                if (sb.Length > 0) sb.Append('&');
                sb.Append(k).Append('=').Append(Uri.EscapeDataString(v));
            }
            return sb.ToString();
        }

        private static Uri SiteBase(Uri root)
        {
            var s = root.AbsoluteUri;
            foreach (var tail in (ReadOnlySpan<string>)["api/3/action/", "api/action/", "api/"])
                if (s.EndsWith(tail, StringComparison.Ordinal)) return new Uri(s[..^tail.Length]);
            return root;
        }
    }

    /// <summary>One listing pass.</summary>
    private sealed class Pass
    {
        public Dictionary<string, GatheredDataset> Seen { get; } = new(StringComparer.Ordinal);
        public bool Supported { get; set; }
        public string? Why { get; set; }
        public string? Incomplete { get; set; }
        public GatherFailure? Fatal { get; set; }
        public int FirstCount { get; set; } = -1;
        public int LastCount { get; set; } = -1;

        public Pass Unsupported(string why)
        {
            Supported = false;
            Why = why;
            return this;
        }

        public Pass Stop(string why)
        {
            Incomplete ??= why;
            return this;
        }

        /// <summary>True when a cap (pages, datasets) ended the pass: running it again would not help.</summary>
        public bool Capped { get; private set; }

        public Pass Cap(string why)
        {
            Capped = true;
            return Stop(why);
        }

        public Pass FailWith(GatherFailure failure)
        {
            Fatal = failure;
            return this;
        }
    }

    /// <summary>One API call's outcome: a result, or a problem (try something else), or a fatal failure.</summary>
    private sealed class Call(Uri url)
    {
        public Uri Url { get; } = url;
        public JsonElement? Result { get; init; }
        public string? Problem { get; set; }
        public GatherFailure? Fatal { get; init; }

        /// <summary>The answer was a CKAN envelope (even with success false): the root is right.</summary>
        public bool Envelope { get; init; }

        public bool IsSearch { get; set; }
        public int Count { get; set; }
        public List<JsonElement> Results { get; set; } = [];
    }

    [GeneratedRegex(@"^[a-z]{0,2}(\d{6})$", RegexOptions.CultureInvariant)]
    internal static partial Regex OrgCodeName();
}
