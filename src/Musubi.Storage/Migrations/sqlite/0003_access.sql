-- API tokens (musubi_<key>_<secret>: only the SHA-256 of the secret is kept) and portal administrators
-- (PBKDF2-SHA256 password hashes). Written for both engines alike.
CREATE TABLE api_tokens (
    token_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE administrators (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
