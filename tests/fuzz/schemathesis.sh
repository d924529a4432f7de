#!/usr/bin/env bash
# Schema-driven fuzzing: schemathesis reads /api/schema/ from a live gunicorn on PostgreSQL and
# sends every operation generated requests as an authenticated user. Fails on any 5xx, any
# response the schema does not describe (status, content type, body), and any response that is
# not the envelope with a code of the contract's table (tests/fuzz/hooks.py).
#
# Not fuzzed: auth_social_user and update_gmail_token (they call Google/LinkedIn; faked in
# users/tests), and rotate_calendar_key (it takes no input, and would retire the key the
# calendar.ics feed is fuzzed with; users/tests/test_calendar.py). Fuzzed because they cannot hurt the run: logout, change_password and the reset
# flows need a token, password or emailed link the fuzzer cannot know, and mail goes nowhere.
#
#   bash tests/fuzz/schemathesis.sh    # CI bound: 25 examples per operation, 240 s hard limit
# Env: FUZZ_PG (server URL, default postgres://postgres@127.0.0.1:5432), FUZZ_DB (jobhax_fuzz),
#      FUZZ_PORT (a free one), FUZZ_MAX_EXAMPLES, FUZZ_TIMEOUT, FUZZ_SEED.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=.venv/bin/python
PG=${FUZZ_PG:-postgres://postgres@127.0.0.1:5432}
DB=${FUZZ_DB:-jobhax_fuzz}
PORT=${FUZZ_PORT:-$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-25}
TIMEOUT=${FUZZ_TIMEOUT:-240}
SEED=${FUZZ_SEED:-2019}
WORK=$(mktemp -d)

unset REDIS_URL  # no broker: nothing here queues a task that reaches Google (no Google account)
export DATABASE_URL="$PG/$DB" DEBUG=0 ALLOWED_HOSTS=127.0.0.1 METRICS_CACHE_SECONDS=0 \
  LOG_LEVEL=ERROR \
  EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
  THROTTLE_LOGIN_IP=100000/min THROTTLE_LOGIN_USERNAME=100000/min \
  THROTTLE_REGISTER_IP=100000/min THROTTLE_PASSWORD_RESET=100000/min \
  THROTTLE_VERIFICATION_EMAIL=100000/min
# (Throttling is off in effect so the public endpoints' logic is fuzzed, not their 429;
# tests/test_security_matrix.py tests throttling at the shipped rates.)
SECRET_KEY=$($PY -c "import secrets; print(secrets.token_urlsafe(50))")
FIELD_ENCRYPTION_KEY=$($PY -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")
export SECRET_KEY FIELD_ENCRYPTION_KEY

server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
$PY manage.py migrate --noinput -v 0
$PY bench/seed.py --users 2 --apps 30 --prefix fuzz --tokens-out "$WORK/tokens"
TOKEN=$(head -1 "$WORK/tokens")
# Real ids of the fuzzed user's own objects, so reads and edits get past "not found" and their
# 200 answers are checked against the schema too. The last ones: the fuzzer's deletes try
# small ids (1, 2, ...) first.
read -r READ_APP EDIT_APP NOTE_ID CONTACT_ID EVENT_ID CALENDAR_KEY < <($PY manage.py shell -v 0 -c "
import datetime
from jobapps.models import Contact, Event, JobApplication, Note
apps = list(JobApplication.objects.filter(user__username='fuzz000').order_by('pk').values_list('pk', flat=True))
note = Note.objects.create(job_application_id=apps[-3], description='fuzz').pk
soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
contact = [Contact.objects.create(job_application_id=apps[-3], name=f'Fuzz Contact {n}', email=f'fuzz{n}@example.com').pk for n in range(20)][-1]
event = [Event.objects.create(job_application_id=apps[-3], kind='video', start=soon + datetime.timedelta(hours=n)).pk for n in range(20)][-1]
from users.models import Provider, ProviderCredential
from users.services import profile_of
owner = JobApplication.objects.get(pk=apps[0]).user
ProviderCredential.objects.create(user=owner, provider=Provider.LINKEDIN, uid='li-fuzz', access_token='li-token', profile={'id': 'li-fuzz', 'first_name': 'Fuzz', 'headline': 'Tester'})
print(apps[-1], apps[-2], note, contact, event, profile_of(user=owner).calendar_key)")
cat > "$WORK/schemathesis.toml" <<TOML
[cache]
enabled = false  # every run independent; nothing written into the repository

[[operations]]
include-path-regex = "^/api/jobapps/(get_status_history|get_jobapp_detail|get_jobapp_notes)\$"
parameters = { "query.jobapp_id" = $READ_APP }

[[operations]]
include-path-regex = "^/api/jobapps/(update_jobapp|edit_jobapp|add_jobapp_note)\$"
parameters = { "body.jobapp_id" = $EDIT_APP }

[[operations]]
include-path = "/api/jobapps/update_jobapp_note"
parameters = { "body.jobapp_note_id" = $NOTE_ID }

[[operations]]
include-path-regex = "^/api/jobapps/(get_jobapp_contacts|get_jobapp_events)\$"
parameters = { "query.jobapp_id" = $READ_APP }

[[operations]]
include-path-regex = "^/api/jobapps/(add_jobapp_contact|add_jobapp_event)\$"
parameters = { "body.jobapp_id" = $EDIT_APP }

[[operations]]
include-path = "/api/jobapps/update_jobapp_contact"
parameters = { "body.jobapp_contact_id" = $CONTACT_ID }

[[operations]]
include-path = "/api/jobapps/update_jobapp_event"
parameters = { "body.jobapp_event_id" = $EVENT_ID }

[[operations]]
include-path = "/api/users/calendar.ics"
parameters = { "query.key" = "$CALENDAR_KEY" }
TOML

.venv/bin/gunicorn jobhax.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
  --worker-class sync --log-level warning --error-logfile "$WORK/gunicorn.log" &
server_pid=$!
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done

status=0
SCHEMATHESIS_HOOKS=tests.fuzz.hooks PYTHONPATH=. timeout --signal=INT "$TIMEOUT" \
  .venv/bin/st --config-file "$WORK/schemathesis.toml" run "http://127.0.0.1:$PORT/api/schema/" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,ignored_auth,envelope \
  --exclude-path /api/users/auth_social_user --exclude-path /api/users/update_gmail_token \
  --exclude-path /api/users/rotate_calendar_key \
  --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 2 --no-color \
  --generation-database none \
  --report junit --report-junit-path "$WORK/junit.xml" || status=$?
if [[ $status -ne 0 ]]; then
  echo "schemathesis failed (exit $status); gunicorn log:" >&2
  tail -50 "$WORK/gunicorn.log" >&2 || true
fi
exit $status
