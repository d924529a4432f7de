"""The Gmail search of a first (full) sync: mail from the supported boards and ATSs, or with a
job-search subject, within the look-back window.

The senders come from the classifier's own table, so a board added there is searched too. The
search only narrows what is fetched; the classifier still decides what each mail means.
"""

from gmail_sync.classifier import SOURCE_BY_DOMAIN

# Subject wording of job mail sent from an employer's own domain (the board and ATS senders
# are matched by domain). Kept broad: a false hit costs one fetch, a miss loses an application.
SUBJECT_PHRASES: tuple[str, ...] = (
    "thank you for applying",
    "thanks for applying",
    "your application",
    "application received",
    "application submitted",
    "application confirmation",
    "thank you for your interest",
    "interview",
    "next steps",
    "assessment",
    "coding challenge",
    "take-home",
    "job offer",
    "offer letter",
    "offer of employment",
    "unfortunately",
)


def sender_domains() -> list[str]:
    return sorted(SOURCE_BY_DOMAIN)


def build_search_query(lookback_days: int) -> str:
    """e.g. `(from:(ashbyhq.com OR ...) OR subject:("thank you for applying" OR ...))
    newer_than:365d -in:chats -in:drafts`."""
    senders = " OR ".join(sender_domains())
    subjects = " OR ".join(f'"{phrase}"' for phrase in SUBJECT_PHRASES)
    return (
        f"(from:({senders}) OR subject:({subjects})) "
        f"newer_than:{lookback_days}d -in:chats -in:drafts"
    )
