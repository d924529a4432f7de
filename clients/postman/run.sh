#!/usr/bin/env bash
# The clients against the real server: starts gunicorn with the production settings (DEBUG=0) on
# a fresh PostgreSQL database and a free loopback port, then runs
#   1. the extension's node unit tests (npm test),
#   2. the Postman collection with newman (every assertion must pass),
#   3. the browser end-to-end test: Debian's Chromium loads clients/extension and captures the
#      fixture job page through the real popup (clients/e2e/extension_capture.mjs).
# Every step runs even when an earlier one fails; the exit status is non-zero if any failed.
# gunicorn is always stopped.
#
# Usage: clients/postman/run.sh [all|unit|postman|e2e]...   (default: all)
#        clients/postman/run.sh serve   (just the server, until interrupted; for trying things)
# Environment:
#   POSTMAN_DB_NAME   database to drop and recreate (default jobhax_postman)
#   PGHOST/PGPORT/PGUSER  PostgreSQL server (default 127.0.0.1:5432, postgres, trust auth)
#   REDIS_URL         used for cache/broker when set (default: redis://127.0.0.1:6379/7 if it
#                     answers, else none: in-process tasks and local-memory cache)
#   CHROMIUM          browser binary (default /usr/bin/chromium or `chromium` on PATH)
#   CI=true           a missing Chromium fails the e2e step instead of skipping it
#   SKIP_NPM_CI=1     reuse clients/node_modules as it is
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CLIENTS="$ROOT/clients"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
GUNICORN="$(dirname "$PYTHON")/gunicorn"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB_NAME="${POSTMAN_DB_NAME:-jobhax_postman}"

STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(all)
wants() { local s; for s in "${STEPS[@]}"; do [ "$s" = all ] || [ "$s" = "$1" ] && return 0; done; return 1; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

FAILED=()
step() {  # step <name> <command...>: run, time and record a step
  local name="$1" start rc
  shift
  echo "--- $name"
  start=$(date +%s)
  "$@"
  rc=$?
  echo "--- $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in $(($(date +%s) - start))s"
  [ $rc -eq 0 ] || FAILED+=("$name")
  return $rc
}

die() { echo "run.sh: $*" >&2; exit 1; }

# --- node dependencies ------------------------------------------------------------------------
if [ "${SKIP_NPM_CI:-0}" != 1 ]; then
  step "npm ci" bash -c "cd '$CLIENTS' && npm ci --no-audit --no-fund --loglevel=error" \
    || die "npm ci failed"
fi

if wants unit; then
  step "extension unit tests (npm test)" bash -c "cd '$CLIENTS' && npm test --silent"
fi

SERVE=0
for s in "${STEPS[@]}"; do [ "$s" = serve ] && SERVE=1; done
if [ $SERVE = 0 ] && ! wants postman && ! wants e2e; then
  [ ${#FAILED[@]} -eq 0 ] || { echo "FAILED: ${FAILED[*]}"; exit 1; }
  exit 0
fi

# --- the server -------------------------------------------------------------------------------
[ -x "$PYTHON" ] || die "no Python at $PYTHON (run make test or make run first)"
[ -x "$GUNICORN" ] || die "no gunicorn at $GUNICORN"
pg_isready -q || die "PostgreSQL is not answering on $PGHOST:$PGPORT"

dropdb --if-exists --force "$DB_NAME" && createdb "$DB_NAME" || die "could not recreate $DB_NAME"

export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB_NAME"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=ERROR
# What a production install configures: the web client's origin and the extension's id (CORS),
# and a mail backend (password reset answers 19 without one); locmem keeps the mail in-process.
export CORS_ALLOWED_ORIGINS=http://localhost:3000
export CORS_ALLOWED_EXTENSION_IDS=abcdefghijklmnopabcdefghijklmnop
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
FIELD_ENCRYPTION_KEY="$("$PYTHON" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export SECRET_KEY FIELD_ENCRYPTION_KEY
if [ -z "${REDIS_URL:-}" ] && redis-cli -u redis://127.0.0.1:6379/7 ping >/dev/null 2>&1; then
  export REDIS_URL=redis://127.0.0.1:6379/7
fi
# Throttle counters live in the cache: a fresh prefix per run, so reruns start from zero.
export CACHE_KEY_PREFIX="jobhax-clients-$$-$(date +%s)"

cd "$ROOT" || die "no $ROOT"
"$PYTHON" manage.py migrate --noinput -v 0 || die "migrate failed"
# A throwaway server (its database is dropped next run): the well-known development clients.
"$PYTHON" manage.py create_dev_clients --allow-without-debug || die "create_dev_clients failed"
"$PYTHON" manage.py collectstatic --noinput -v 0 || die "collectstatic failed"

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE_URL="http://127.0.0.1:$PORT"
"$GUNICORN" jobhax.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 \
  --no-control-socket --access-logfile "$WORK/access.log" >"$WORK/gunicorn.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 60); do
  curl -fsS "$BASE_URL/api/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; die "gunicorn exited"; }
  sleep 0.5
done
curl -fsS "$BASE_URL/api/health" || { cat "$WORK/gunicorn.log"; die "no /api/health at $BASE_URL"; }
echo
echo "server: $BASE_URL (gunicorn pid $SERVER_PID, DEBUG=0, $DATABASE_URL, REDIS_URL=${REDIS_URL:-none})"

if [ $SERVE = 1 ]; then
  echo "serving until interrupted (Ctrl-C)"
  wait "$SERVER_PID"
  exit 0
fi

# --- the collection ---------------------------------------------------------------------------
if wants postman; then
  step "collection is up to date (build_collection.py --check)" \
    "$PYTHON" "$CLIENTS/postman/build_collection.py" --check
  step "Postman collection (newman)" "$CLIENTS/node_modules/.bin/newman" run \
    "$CLIENTS/postman/jobhax.postman_collection.json" \
    --environment "$CLIENTS/postman/jobhax.postman_environment.json" \
    --env-var "base_url=$BASE_URL" \
    --reporters cli --reporter-cli-no-banner --reporter-cli-no-console --color off
fi

# --- the browser ------------------------------------------------------------------------------
if wants e2e; then
  step "browser end-to-end (Chromium + extension)" \
    env BASE_URL="$BASE_URL" node "$CLIENTS/e2e/extension_capture.mjs"
fi

if [ ${#FAILED[@]} -ne 0 ]; then
  echo "server log (last 40 lines):"
  tail -n 40 "$WORK/gunicorn.log"
  echo "FAILED: ${FAILED[*]}"
  exit 1
fi
echo "all client checks passed"
