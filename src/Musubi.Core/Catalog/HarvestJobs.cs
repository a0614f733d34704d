namespace Musubi.Catalog;

public enum HarvestJobState
{
    Queued,
    Running,

    /// <summary>Every item processed (some may have failed: see the counts).</summary>
    Done,

    /// <summary>The job could not run (the gather failed outright).</summary>
    Failed,

    /// <summary>The process stopped before the job finished; the next harvest of the source resumes it.</summary>
    Interrupted,
}

/// <summary>What a job did, per outcome.</summary>
public sealed record HarvestCounts
{
    public int Datasets { get; init; }

    public int Resources { get; init; }

    public int Fetched { get; init; }

    public int Unchanged { get; init; }

    public int Converted { get; init; }

    public int Published { get; init; }

    /// <summary>Converted but kept unpublished (shrunk sharply, no rows).</summary>
    public int Held { get; init; }

    /// <summary>Not a table (PDF, HTML, …).</summary>
    public int Skipped { get; init; }

    public int Failed { get; init; }

    public int Deleted { get; init; }

    public long Records { get; init; }
}

/// <summary>One harvest of one source.</summary>
public sealed record HarvestJob
{
    public required long Id { get; init; }

    public required string SourceId { get; init; }

    public required HarvestJobState State { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public HarvestCounts Counts { get; init; } = new();

    public string? Message { get; init; }

    /// <summary>The process holding the job (host:pid:…) and until when; a job whose lease expired may be taken over.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }
}

/// <summary>A job taken by one owner: new, or resumed after an interruption.</summary>
public sealed record JobClaim(long JobId, string SourceId, bool Resumed);

public enum HarvestItemOutcome
{
    Pending,
    Unchanged,
    Published,

    /// <summary>Converted and kept, but not published (see the reason).</summary>
    Held,
    Skipped,
    Failed,
}

/// <summary>One resource of a job and what became of it.</summary>
public sealed record HarvestItem
{
    public required long JobId { get; init; }

    public required long ResourceId { get; init; }

    public string? Url { get; init; }

    public required HarvestItemOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    public long? VersionId { get; init; }

    public string? SchemaId { get; init; }

    public long Rows { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
