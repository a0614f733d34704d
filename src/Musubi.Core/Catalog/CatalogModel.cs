namespace Musubi.Catalog;

/// <summary>A municipality or agency that publishes data: by its 全国地方公共団体コード (six digits) when it has one, else a key of the source's own ("org:NAME").</summary>
public sealed record Publisher(string Code, string Name)
{
    /// <summary>The prefecture's name for a municipality (null for agencies).</summary>
    public string? Prefecture { get; init; }
}

/// <summary>A publisher with what it has in the catalog.</summary>
public sealed record PublisherSummary(string Code, string Name, string? Prefecture, int Datasets, long Records);

/// <summary>Where a harvest takes data from. <see cref="Kind"/> is a source kind's stable name (ckan, dcat, page, urls, folder).</summary>
public sealed record CatalogSource(string Id, string Kind, string Location)
{
    public string? Name { get; init; }

    /// <summary>The publisher's code the operator gave (for sources that do not say it themselves).</summary>
    public string? PublisherCode { get; init; }

    /// <summary>How often a worker harvests it: manual, hourly, daily, weekly, monthly.</summary>
    public string Schedule { get; init; } = "daily";

    /// <summary>Kind-specific settings as JSON (page depth, CKAN filter, rows per page); null for none.</summary>
    public string? SettingsJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastHarvestAt { get; init; }

    /// <summary>The id of the last harvest job of this source.</summary>
    public long? LastJobId { get; init; }
}

/// <summary>One dataset as the source describes it, keyed by (source, remote key).</summary>
public sealed record DatasetInfo
{
    public required string SourceId { get; init; }

    /// <summary>The source's stable key of the dataset (CKAN id, DCAT IRI, page link, relative path).</summary>
    public required string RemoteKey { get; init; }

    public string? Name { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? License { get; init; }

    public string? LicenseId { get; init; }

    public string? LicenseUrl { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Frequency { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    /// <summary>As the source wrote it.</summary>
    public string? Issued { get; init; }

    public string? Modified { get; init; }

    public string? PublisherCode { get; init; }

    public string? PublisherName { get; init; }

    public string? LandingPage { get; init; }

    /// <summary>Other metadata as a JSON object (CKAN extras).</summary>
    public string? ExtrasJson { get; init; }
}

/// <summary>A stored dataset: its metadata and state.</summary>
public sealed record Dataset
{
    public required long Id { get; init; }

    public required DatasetInfo Info { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }

    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Set when the source no longer lists it (withdrawn from the national tables; history kept).</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>One resource (distribution, file) of a dataset as the source describes it.</summary>
public sealed record ResourceInfo
{
    public required string RemoteKey { get; init; }

    public string? Url { get; init; }

    public string? LocalPath { get; init; }

    public string? ArchiveEntry { get; init; }

    public string? Name { get; init; }

    public string? Format { get; init; }

    public string? MediaType { get; init; }

    public int Position { get; init; }
}

public sealed record Resource
{
    public required long Id { get; init; }

    public required long DatasetId { get; init; }

    public required ResourceInfo Info { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>One fetched state of a resource: the bytes (by hash, in the blob store) and the HTTP validators.</summary>
public sealed record ResourceVersion
{
    public required long Id { get; init; }

    public required long ResourceId { get; init; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public required DateTimeOffset FetchedAt { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public long Size { get; init; }

    /// <summary>What the bytes are (sniffed: csv, xlsx, pdf, …) and what the server declared.</summary>
    public string? MediaType { get; init; }

    public string? DeclaredMediaType { get; init; }

    /// <summary>Key of the bytes in the blob store (sha256:HEX).</summary>
    public required string BlobKey { get; init; }

    /// <summary>The URL the bytes came from after redirects (null for local files).</summary>
    public string? FinalUrl { get; init; }
}

/// <summary>The result of converting one resource version.</summary>
public sealed record Conversion
{
    public long Id { get; init; }

    public required long VersionId { get; init; }

    /// <summary>Null when no schema fitted (then <see cref="Error"/> says why).</summary>
    public string? SchemaId { get; init; }

    public double Confidence { get; init; }

    /// <summary>The converter's JSON report (null when it failed before reporting).</summary>
    public string? ReportJson { get; init; }

    public long RowsRead { get; init; }

    public long RowsWritten { get; init; }

    public long Errors { get; init; }

    public long Warnings { get; init; }

    /// <summary>True when the conversion finished (it may still have issues).</summary>
    public bool Succeeded { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset ConvertedAt { get; init; }
}

/// <summary>What a resource publishes now: the version whose records are in the national table.</summary>
public sealed record Publication(long ResourceId, long VersionId, long ConversionId, string SchemaId, DateTimeOffset PublishedAt, long Rows);

/// <summary>One change of what is published: <see cref="NewVersionId"/> null means withdrawn.</summary>
public sealed record PublicationChange(long Id, long ResourceId, long? OldVersionId, long? NewVersionId, DateTimeOffset At, string Reason);

/// <summary>
/// A converted row to store: values by standard field name, plus where it came from. <see cref="PublisherCode"/> is the row's
/// own 全国地方公共団体コード; the store files the row under its dataset's publisher when the dataset has one (a row's code may
/// be wrong, or name another body a prefecture's table lists).
/// </summary>
public sealed record RecordRow(string ValuesJson, int SourceRow, double? Lat, double? Lng, string? PublisherCode);

/// <summary>
/// One record as the store holds it, for <see cref="ICatalogReader.ReadRecordBytes"/>: the publisher code and values_json
/// (a JSON object keyed by standard field name) as UTF-8 bytes that stay valid only while the handler runs.
/// </summary>
public readonly ref struct RawRecord(long id, long datasetId, long resourceId, long versionId, int sourceRow, ReadOnlySpan<byte> publisherCode, ReadOnlySpan<byte> valuesJson)
{
    public long Id { get; } = id;

    public long DatasetId { get; } = datasetId;

    public long ResourceId { get; } = resourceId;

    public long VersionId { get; } = versionId;

    public int SourceRow { get; } = sourceRow;

    /// <summary>The record's 全国地方公共団体コード in UTF-8; empty when it has none.</summary>
    public ReadOnlySpan<byte> PublisherCode { get; } = publisherCode;

    /// <summary>values_json in UTF-8.</summary>
    public ReadOnlySpan<byte> ValuesJson { get; } = valuesJson;
}

/// <summary>Receives one record of <see cref="ICatalogReader.ReadRecordBytes"/>.</summary>
public delegate void RawRecordHandler(RawRecord record);

/// <summary>One row of a national table, knowing its publisher, dataset, resource, version and source row.</summary>
public sealed record UnifiedRecord
{
    /// <summary>Monotonically increasing: a keyset cursor ("after id") never misses or repeats a row.</summary>
    public required long Id { get; init; }

    public required string SchemaId { get; init; }

    public string? PublisherCode { get; init; }

    public required long DatasetId { get; init; }

    public required long ResourceId { get; init; }

    public required long VersionId { get; init; }

    public required int SourceRow { get; init; }

    public double? Lat { get; init; }

    public double? Lng { get; init; }

    /// <summary>A JSON object keyed by standard field name (empty values left out).</summary>
    public required string ValuesJson { get; init; }
}

/// <summary>Provenance of records for an export: the dataset and resource they came from.</summary>
public sealed record RecordProvenance(long DatasetId, string SourceId, string DatasetTitle, string? PublisherName, string? ResourceUrl, string? LandingPage);

/// <summary>A rectangle in WGS84 degrees.</summary>
public readonly record struct BoundingBox(double MinLng, double MinLat, double MaxLng, double MaxLat);

/// <summary>Which records of one schema to read (published ones only), in id order after <see cref="AfterId"/>.</summary>
public sealed record RecordQuery(string SchemaId)
{
    public string? PublisherCode { get; init; }

    public BoundingBox? BoundingBox { get; init; }

    /// <summary>Keyset cursor: only records with an id greater than this.</summary>
    public long AfterId { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>Rows skipped after the filters (CKAN's offset paging; the keyset cursor is cheaper).</summary>
    public int Offset { get; init; }

    /// <summary>Only the records of this version (a resource's published table).</summary>
    public long? VersionId { get; init; }

    /// <summary>Field → value: only records whose values_json has exactly this string value for each field.</summary>
    public IReadOnlyDictionary<string, string>? FieldEquals { get; init; }
}

/// <summary>Which datasets to list.</summary>
public sealed record DatasetQuery
{
    public string? SourceId { get; init; }

    public string? PublisherCode { get; init; }

    /// <summary>Only datasets with a resource published in this schema.</summary>
    public string? SchemaId { get; init; }

    /// <summary>Include datasets deleted at the source.</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>Keyset cursor on dataset id.</summary>
    public long AfterId { get; init; }

    public int Limit { get; init; } = 100;
}

/// <summary>A dataset with its publisher, and per resource: its versions, the latest conversion and what is published.</summary>
public sealed record DatasetDetail(Dataset Dataset, Publisher? Publisher, IReadOnlyList<ResourceDetail> Resources);

public sealed record ResourceDetail(Resource Resource, IReadOnlyList<ResourceVersion> Versions, Conversion? LatestConversion, Publication? Published,
    IReadOnlyList<PublicationChange> History);

/// <summary>A dataset in a list: its metadata, publisher and the schemas it publishes.</summary>
public sealed record DatasetSummary(Dataset Dataset, string? PublisherName, IReadOnlyList<string> Schemas, int Resources, long Records);

/// <summary>Records of one schema per publisher.</summary>
public sealed record PublisherCount(string? PublisherCode, string? PublisherName, long Records);
