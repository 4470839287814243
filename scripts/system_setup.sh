#!/usr/bin/env bash
# What the whole test suite needs from the system, on a fresh Debian machine: PostgreSQL 15 with PostGIS (the
# storage tests run on it too), Chromium (page tests, driven by Playwright without a browser download), GDAL's
# ogrinfo (the OGC API client test), poppler-utils (pdftotext, pdffonts and pdftoppm read documents back in tests)
# and fonts-noto-cjk (the Korean, Japanese and Chinese faces of documents, ADR 0016). Installs only what `dpkg -s`
# says is missing, then starts PostgreSQL when it does not answer. `make test` runs this first; run it alone to
# prepare a machine.
set -euo pipefail

PACKAGES="postgresql-15-postgis-3 chromium gdal-bin poppler-utils fonts-noto-cjk"
PG_HOST=127.0.0.1
PG_PORT=5432

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=$(for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  echo "system_setup: installing $(echo $missing | tr '\n' ' ')"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; then
  echo "system_setup: starting PostgreSQL 15"
  as_root pg_ctlcluster --skip-systemctl-redirect 15 main start
  for _ in $(seq 1 30); do pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && break; sleep 1; done
fi
pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || { echo "system_setup: PostgreSQL does not answer on $PG_HOST:$PG_PORT" >&2; exit 1; }

# The tests connect as postgres without a password (trust on the loopback) and create their databases, each of
# which gets PostGIS from the first migration; check that this works before the suite relies on it.
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -qtA \
  -c "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'" | grep -q 1 \
  || { echo "system_setup: PostgreSQL at $PG_HOST:$PG_PORT has no PostGIS extension" >&2; exit 1; }
echo "system_setup: PostgreSQL with PostGIS, Chromium, GDAL, poppler and Noto CJK are ready"
