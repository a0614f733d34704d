#!/usr/bin/env bash
# Starts a local PostgreSQL (Debian package) and runs the town-store tests against it, as CI does.
# Usage (as root): scripts/test/postgres.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi
version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
pg_ctlcluster "$version" main start || true   # already running is fine
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres';\""
su postgres -c "psql -qtc \"SELECT 1 FROM pg_database WHERE datname = 'musubi_test'\"" | grep -q 1 || su postgres -c "createdb musubi_test"
export MUSUBI_TEST_PG="Host=127.0.0.1;Username=postgres;Password=postgres;Database=musubi_test"
dotnet test "$root/tests/Musubi.Tests" --filter "FullyQualifiedName~TownStore"
