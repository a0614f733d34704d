#!/usr/bin/env bash
# The crash test at full strength: `musubi harvest` SIGKILLed KILLS times (default 20) at random moments in a row, then
# resumed; the `musubi export` must equal an uninterrupted run's, on SQLite and on PostgreSQL (MUSUBI_TEST_PG; without it
# the PostgreSQL case is skipped with a message). CI runs the same test with 5 kills (CrashResumeTests).
# Usage: MUSUBI_TEST_PG="Host=127.0.0.1;Username=postgres;Password=postgres;Database=musubi_test" scripts/test/crash-harvest.sh [KILLS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export MUSUBI_CRASH_KILLS="${1:-20}"
dotnet test "$root/tests/Musubi.Tests" --filter "FullyQualifiedName~CrashResumeTests" --logger "console;verbosity=normal"
