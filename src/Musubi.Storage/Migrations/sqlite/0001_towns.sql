-- The town (町字) registry. IF NOT EXISTS: a store made before migrations existed already has these tables.
CREATE TABLE IF NOT EXISTS towns (
    lg_code TEXT NOT NULL,
    town_id TEXT NULL,
    town TEXT NOT NULL,
    koaza TEXT NOT NULL DEFAULT '',
    lat REAL NULL,
    lng REAL NULL);
CREATE INDEX IF NOT EXISTS towns_lg_code ON towns (lg_code);
CREATE TABLE IF NOT EXISTS town_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    towns INTEGER NOT NULL,
    cities INTEGER NOT NULL);
