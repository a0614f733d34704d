-- The catalog: publishers, sources, datasets, resources, versions, conversions, what is published (and its log),
-- harvest jobs and items, and the unified records of every standard dataset. Times are ISO-8601 UTC text.
CREATE TABLE publishers (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefecture TEXT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    name TEXT NULL,
    publisher_code TEXT NULL,
    schedule TEXT NOT NULL DEFAULT 'daily',
    settings_json TEXT NULL,
    created_at TEXT NOT NULL,
    last_harvest_at TEXT NULL,
    last_job_id INTEGER NULL,
    removed_at TEXT NULL);
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL,
    remote_key TEXT NOT NULL,
    name TEXT NULL,
    title TEXT NOT NULL,
    description TEXT NULL,
    license TEXT NULL,
    license_id TEXT NULL,
    license_url TEXT NULL,
    tags_json TEXT NOT NULL DEFAULT '[]',
    categories_json TEXT NOT NULL DEFAULT '[]',
    frequency TEXT NULL,
    contact_name TEXT NULL,
    contact_email TEXT NULL,
    issued TEXT NULL,
    modified TEXT NULL,
    publisher_code TEXT NULL,
    publisher_name TEXT NULL,
    landing_page TEXT NULL,
    extras_json TEXT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    deleted_at TEXT NULL,
    UNIQUE (source_id, remote_key));
CREATE INDEX datasets_publisher ON datasets (publisher_code);
CREATE TABLE resources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id INTEGER NOT NULL REFERENCES datasets (id),
    remote_key TEXT NOT NULL,
    url TEXT NULL,
    local_path TEXT NULL,
    archive_entry TEXT NULL,
    name TEXT NULL,
    format TEXT NULL,
    media_type TEXT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT NULL,
    UNIQUE (dataset_id, remote_key));
CREATE TABLE resource_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id INTEGER NOT NULL REFERENCES resources (id),
    sha256 TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    etag TEXT NULL,
    last_modified TEXT NULL,
    size INTEGER NOT NULL,
    media_type TEXT NULL,
    declared_media_type TEXT NULL,
    blob_key TEXT NOT NULL,
    final_url TEXT NULL);
CREATE INDEX resource_versions_resource ON resource_versions (resource_id, id);
CREATE TABLE conversions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES resource_versions (id),
    schema_id TEXT NULL,
    confidence REAL NOT NULL DEFAULT 0,
    report_json TEXT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_written INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    succeeded INTEGER NOT NULL,
    error TEXT NULL,
    converted_at TEXT NOT NULL);
CREATE INDEX conversions_version ON conversions (version_id);
CREATE TABLE publications (
    resource_id INTEGER PRIMARY KEY REFERENCES resources (id),
    version_id INTEGER NOT NULL REFERENCES resource_versions (id),
    conversion_id INTEGER NOT NULL REFERENCES conversions (id),
    schema_id TEXT NOT NULL,
    published_at TEXT NOT NULL,
    rows INTEGER NOT NULL);
CREATE TABLE publication_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id INTEGER NOT NULL,
    old_version_id INTEGER NULL,
    new_version_id INTEGER NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL);
CREATE INDEX publication_log_resource ON publication_log (resource_id, id);
CREATE TABLE harvest_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NULL,
    heartbeat_at TEXT NULL,
    lease_owner TEXT NULL,
    lease_until TEXT NULL,
    counts_json TEXT NULL,
    message TEXT NULL);
CREATE INDEX harvest_jobs_source ON harvest_jobs (source_id, id);
-- At most one unfinished job per source: two workers (or a worker and a CLI harvest) never run the same source twice.
CREATE UNIQUE INDEX harvest_jobs_open ON harvest_jobs (source_id) WHERE finished_at IS NULL;
CREATE TABLE harvest_items (
    job_id INTEGER NOT NULL REFERENCES harvest_jobs (id),
    resource_id INTEGER NOT NULL,
    url TEXT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NULL,
    version_id INTEGER NULL,
    schema_id TEXT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT NULL,
    lease_until TEXT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (job_id, resource_id));
-- Unified records: id is the keyset cursor (INTEGER PRIMARY KEY AUTOINCREMENT never reuses an id).
CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    schema_id TEXT NOT NULL,
    publisher_code TEXT NULL,
    dataset_id INTEGER NOT NULL,
    resource_id INTEGER NOT NULL,
    version_id INTEGER NOT NULL,
    source_row INTEGER NOT NULL,
    lat REAL NULL,
    lng REAL NULL,
    values_json TEXT NOT NULL);
CREATE INDEX records_schema ON records (schema_id, id);
CREATE INDEX records_schema_publisher ON records (schema_id, publisher_code, id);
CREATE INDEX records_version ON records (version_id);
CREATE INDEX records_schema_geo ON records (schema_id, lat, lng);
