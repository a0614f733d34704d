using Musubi.Source;

namespace Musubi.Harvest.Gather;

/// <summary>
/// Gathers a local folder the operator drops files into: every table file inside it (recursively; CSV, TSV, XLSX, XLS, and
/// .txt or extension-less files whose content is a table) is a dataset with one resource, keyed by its path relative to the
/// folder; a ZIP is a dataset whose resources are the tables inside it (named as <see cref="ArchiveExpander"/> names them).
/// Hidden files, symbolic links and unreadable folders are skipped.
/// </summary>
public sealed class FolderGatherer : ISourceGatherer
{
    public SourceKind Kind => SourceKind.Folder;

    public Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default)
    {
        var root = source.Location;
        if (!Directory.Exists(root))
            return Task.FromResult(GatherResult.Failed(source, new(GatherFailureReason.NotFound, $"source {source.Id}: folder {root} not found")));
        root = Path.GetFullPath(root);

        var warnings = new List<string>();
        var datasets = new List<GatheredDataset>();
        string? incomplete = null;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            MatchType = MatchType.Simple,
            ReturnSpecialDirectories = false,
        };
        var files = new List<string>();
        foreach (var f in Directory.EnumerateFiles(root, "*", options))
        {
            if (files.Count >= context.Limits.MaxFolderFiles)
            {
                incomplete = $"more than {context.Limits.MaxFolderFiles:N0} files";
                break;
            }
            if (Path.GetFileName(f).StartsWith('.')) continue;
            files.Add(f);
        }
        files.Sort(StringComparer.Ordinal);

        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rel = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            var ext = Path.GetExtension(path).ToLowerInvariant();
            FileInfo info;
            MediaKind kind;
            try
            {
                info = new FileInfo(path);
                if (info.Length == 0) continue;
                kind = MediaSniffer.Sniff(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warnings.Add($"{rel}: cannot be read ({e.Message}); skipped");
                incomplete ??= "some files could not be read";
                continue;
            }
            var modified = SourceTime.Parse(info.LastWriteTimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            var title = Path.GetFileNameWithoutExtension(path);

            if (kind == MediaKind.Zip)
            {
                datasets.Add(ZipDataset(path, rel, title, info, modified, context, warnings));
                continue;
            }
            var table = MediaSniffer.IsTable(kind) || (kind == MediaKind.Text && ext is ".csv" or ".tsv");
            if (!table)
            {
                if (Array.IndexOf(Listing.TableExtensions, ext) >= 0 && ext != ".txt")
                    warnings.Add($"{rel}: named {ext} but holds {kind}; skipped");
                continue;
            }
            datasets.Add(new GatheredDataset
            {
                Key = rel,
                Title = title,
                Modified = modified,
                Publisher = null,
                Resources =
                [
                    new GatheredResource
                    {
                        Key = rel,
                        LocalPath = path,
                        Name = Path.GetFileName(path),
                        Format = Listing.FormatOf(MediaSniffer.Extension(kind == MediaKind.Text ? MediaKind.Csv : kind)),
                        Size = info.Length,
                        Modified = modified,
                    },
                ],
            });
        }
        return Task.FromResult(new GatherResult
        {
            Source = source,
            Datasets = datasets,
            Warnings = warnings,
            IsComplete = incomplete is null,
            IncompleteReason = incomplete,
        });
    }

    private static GatheredDataset ZipDataset(string path, string rel, string title, FileInfo info, SourceTime? modified, GatherContext ctx, List<string> warnings)
    {
        var listing = ArchiveExpander.List(path, ctx.TempDirectory, ctx.Limits.Archive);
        foreach (var w in listing.Warnings) warnings.Add(w);
        var resources = new List<GatheredResource>();
        if (!listing.IsOk)
        {
            // Keep the archive as one resource so the failure is reported per item, not as a vanished dataset.
            warnings.Add($"{rel}: {listing.Failure!.Message}");
            resources.Add(new GatheredResource { Key = rel, LocalPath = path, Name = Path.GetFileName(path), Format = "ZIP", Size = info.Length, Modified = modified });
        }
        else
        {
            foreach (var e in listing.Entries)
            {
                if (resources.Count >= ctx.Limits.MaxResourcesPerDataset) break;
                resources.Add(new GatheredResource
                {
                    Key = rel + "!" + e.Name,
                    LocalPath = path,
                    ArchiveEntry = e.Name,
                    Name = e.Name,
                    Format = Listing.FormatOf(MediaSniffer.Extension(e.Kind)),
                    Size = e.Length,
                    Modified = e.Modified is { } m ? SourceTime.Parse(m.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)) : modified,
                });
            }
        }
        return new GatheredDataset
        {
            Key = rel,
            Title = title,
            Modified = modified,
            Resources = resources,
            ResourcesIncomplete = listing.Entries.Count > resources.Count,
        };
    }
}
