"""Seeds users with realistic job-search data, fast (bulk_create), and issues their bearer tokens.

    DATABASE_URL=postgres://... python bench/seed.py --users 50 --apps 500 --tokens-out tokens.txt

Each user gets `--apps` applications spread over the last year, as the 12-month charts show them
(titles, companies and sources drawn from realistic lists, a fifth rejected), 1-4 status-history
rows each moving forward through the pipeline, 0-2 notes, and for some an employer's email linked
to the application (what the response-time metric reads). Every user shares one password hash
(hashing 50 Argon2 passwords would be most of the seeding time). Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobhax.settings")

PASSWORD = "bench-password-not-secret-1"
CLIENT_ID = "jobhax-bench-client"
CLIENT_SECRET = "jobhax-bench-secret"
# A year of applications: the 12-month charts see (nearly) all of them, as a user's would.
DAYS_SPREAD = 365

TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "Backend Engineer",
    "Frontend Engineer",
    "Full Stack Developer",
    "Android Developer",
    "iOS Developer",
    "Data Engineer",
    "Data Scientist",
    "Machine Learning Engineer",
    "DevOps Engineer",
    "Site Reliability Engineer",
    "Platform Engineer",
    "QA Engineer",
    "Engineering Manager",
    "Product Engineer",
    "Security Engineer",
    "Python Developer",
    "Java Developer",
    "Staff Engineer",
]
COMPANY_STEMS = [
    "Genuent",
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Cyberdyne",
    "Soylent",
    "Tyrell",
    "Aperture",
    "Black Mesa",
    "Vandelay",
    "Pied Piper",
    "Dunder Mifflin",
    "Massive Dynamic",
    "Oscorp",
    "Gringotts",
    "Monarch",
    "Nakatomi",
    "Prestige",
    "Sterling Cooper",
    "Virtucon",
    "Zorg",
    "Blue Sun",
    "Ollivander",
    "Quark",
    "Yoyodyne",
]
COMPANY_SUFFIXES = ["", " Inc", " Labs", " Systems", " Technologies", " Group", " Health"]
SOURCES = (
    ["LinkedIn"] * 5
    + ["Indeed"] * 3
    + ["Hired.com"] * 2
    + ["Vettery", "Referral", "Company site", ""]
)
NOTES = [
    "Recruiter reached out on LinkedIn.",
    "Sent a thank-you email after the call.",
    "Asked about remote work; they are hybrid.",
    "Take-home assignment due Friday.",
    "Salary band discussed: within range.",
    "Follow up in two weeks.",
]


def seed(
    *, users: int, apps: int, seed_value: int = 2019, prefix: str = "bench", token_days: int = 7
) -> list[tuple[str, list[int]]]:
    """Creates the OAuth client, `users` users with `apps` applications each; returns, per
    user, an access token and the ids of the user's applications."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from oauth2_provider.generators import generate_client_secret
    from oauth2_provider.models import AccessToken, Application, RefreshToken

    from jobapps.models import ApplicationStatus, JobApplication, JobEmail, Note, StatusHistory

    rng = random.Random(seed_value)
    User = get_user_model()
    now = timezone.now()
    companies = [stem + suffix for stem in COMPANY_STEMS for suffix in COMPANY_SUFFIXES]
    forward = [
        ApplicationStatus.TO_APPLY,
        ApplicationStatus.APPLIED,
        ApplicationStatus.PHONE_SCREEN,
        ApplicationStatus.ONSITE_INTERVIEW,
        ApplicationStatus.OFFER,
    ]

    with transaction.atomic():
        app, _ = Application.objects.get_or_create(
            client_id=CLIENT_ID,
            defaults={
                "name": "JobHax bench",
                "client_secret": CLIENT_SECRET,
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_PASSWORD,
            },
        )
        password_hash = make_password(PASSWORD)
        people = User.objects.bulk_create(
            User(
                username=f"{prefix}{n:03d}",
                email=f"{prefix}{n:03d}@example.com",
                first_name="Bench",
                last_name=f"User {n}",
                password=password_hash,
            )
            for n in range(users)
        )
        if not all(person.pk for person in people):  # SQLite before 3.35 returns no ids
            people = list(User.objects.filter(username__startswith=prefix).order_by("username"))

        jobapps = []
        for person in people:
            for _ in range(apps):
                applied = now - timedelta(
                    days=rng.uniform(0, DAYS_SPREAD), minutes=rng.randrange(1440)
                )
                jobapps.append(
                    JobApplication(
                        user=person,
                        job_title=rng.choice(TITLES),
                        company=rng.choice(companies),
                        apply_date=applied,
                        source=rng.choice(SOURCES),
                        is_rejected=rng.random() < 0.2,
                        application_status_id=ApplicationStatus.APPLIED,
                    )
                )
        jobapps = JobApplication.objects.bulk_create(jobapps, batch_size=5000)

        history, notes, emails = [], [], []
        for jobapp in jobapps:
            start = 0 if rng.random() < 0.1 else 1  # a tenth start as "To Apply"
            steps = min(len(forward) - start, rng.choice([1, 1, 1, 2, 2, 3, 4]))
            when = jobapp.apply_date
            for status_id in forward[start : start + steps]:
                history.append(
                    StatusHistory(
                        job_application=jobapp, application_status_id=status_id, changed_at=when
                    )
                )
                when += timedelta(days=rng.uniform(2, 15))
            jobapp.application_status_id = forward[start + steps - 1]
            for _ in range(rng.choice([0, 1, 1, 2])):
                notes.append(Note(job_application=jobapp, description=rng.choice(NOTES)))
            if steps > 1 and rng.random() < 0.6:
                emails.append(
                    JobEmail(
                        user_id=jobapp.user_id,
                        msg_id=f"{prefix}-{jobapp.pk}",
                        subject=f"Next steps with {jobapp.company}",
                        sender="recruiting@example.com",
                        date=jobapp.apply_date + timedelta(days=rng.uniform(1, 10)),
                        job_application=jobapp,
                        kind=JobEmail.Kind.INTERVIEW_INVITATION,
                        company=jobapp.company,
                        job_title=jobapp.job_title,
                        outcome=JobEmail.Outcome.APPLIED,
                    )
                )
        JobApplication.objects.bulk_update(jobapps, ["application_status"], batch_size=5000)
        StatusHistory.objects.bulk_create(history, batch_size=5000)
        Note.objects.bulk_create(notes, batch_size=5000)
        JobEmail.objects.bulk_create(emails, batch_size=5000)
        try:  # what the services keep from the history and the emails (jobapps.answers)
            from jobapps.answers import refresh_first_answers
        except ImportError:  # a checkout from before (BENCH_APP_DIR) has nothing to keep
            pass
        else:
            refresh_first_answers(jobapp.pk for jobapp in jobapps)
        try:  # each user's count of live applications, the paged list's total
            from jobapps.live_counts import refresh_live_counts
        except ImportError:  # a checkout from before: the total is counted when read
            pass
        else:
            refresh_live_counts(person.pk for person in people)

        tokens = []
        ids_of: dict[int, list[int]] = {}
        for jobapp in jobapps:
            ids_of.setdefault(jobapp.user_id, []).append(jobapp.pk)
        for person in people:
            token = AccessToken.objects.create(
                user=person,
                application=app,
                token=generate_client_secret(),
                expires=now + timedelta(days=token_days),
                scope="read write",
            )
            RefreshToken.objects.create(
                user=person, application=app, token=generate_client_secret(), access_token=token
            )
            tokens.append((token.token, ids_of.get(person.pk, [])))
    print(
        f"seeded {len(people)} users, {len(jobapps)} applications, {len(history)} history "
        f"rows, {len(notes)} notes, {len(emails)} emails",
        file=sys.stderr,
    )
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--apps", type=int, default=500, help="applications per user")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--prefix", default="bench", help="username prefix")
    parser.add_argument(
        "--tokens-out",
        type=Path,
        required=True,
        help="file to write the access tokens to, one a line",
    )
    parser.add_argument(
        "--users-out",
        type=Path,
        help='file to write "<token> <app id>,<app id>,..." to, one user a line',
    )
    args = parser.parse_args()
    started = time.perf_counter()
    tokens = seed(users=args.users, apps=args.apps, seed_value=args.seed, prefix=args.prefix)
    args.tokens_out.write_text("".join(f"{token}\n" for token, _ in tokens))
    if args.users_out:
        args.users_out.write_text(
            "".join(f"{token} {','.join(map(str, ids))}\n" for token, ids in tokens)
        )
    print(f"seeding took {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
