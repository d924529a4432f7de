"""A large synthetic job-search mailbox, made from the fixture messages as templates.

Each story is one application at a company of its own: a confirmation, then some of assessment,
interview, offer or rejection, days apart (some in the confirmation's thread, some not), with
not-job mail in between. Every generated mail is checked against the classifier, so a story's
expected end (status, rejected) is known. Used by the worker-kill test and `make bench-sync`.
"""

from __future__ import annotations

import base64
import copy
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from gmail_sync.classifier import AUTO_APPLY_CONFIDENCE, Classification, MailKind, classify
from gmail_sync.parsing import parse_gmail_message
from jobapps.models import ApplicationStatus
from tests.fakes.gmail_server import build_message

from .conftest import CASES

ADJECTIVES = (
    "Amber",
    "Basalt",
    "Cedar",
    "Cobalt",
    "Coral",
    "Crimson",
    "Dune",
    "Ember",
    "Fern",
    "Granite",
    "Harbor",
    "Indigo",
    "Juniper",
    "Krypton",
    "Lattice",
    "Maple",
    "Nimbus",
    "Onyx",
    "Pebble",
    "Quartz",
    "Raven",
    "Saffron",
    "Tundra",
    "Umber",
    "Velvet",
    "Willow",
    "Xenon",
    "Yarrow",
    "Zephyr",
    "Aurora",
)
NOUNS = (
    "Analytics",
    "Robotics",
    "Freight",
    "Labs",
    "Dynamics",
    "Energy",
    "Health",
    "Kitchen",
    "Mobility",
    "Systems",
    "Networks",
    "Studios",
    "Foods",
    "Logistics",
    "Bank",
    "Games",
    "Dental",
    "Orchard",
    "Parcel",
    "Works",
    "Software",
    "Biotech",
    "Aerospace",
    "Media",
    "Insurance",
    "Textiles",
    "Optics",
    "Farms",
    "Marine",
    "Security",
)
TITLES = (
    "Data Engineer",
    "Backend Developer",
    "Product Designer",
    "Platform Engineer",
    "Machine Learning Engineer",
    "Frontend Developer",
    "Risk Analyst",
    "Office Manager",
    "Supply Chain Analyst",
    "Gameplay Programmer",
    "Site Reliability Engineer",
    "Embedded Software Engineer",
    "Solutions Architect",
    "QA Analyst",
    "Technical Writer",
    "Mobile Developer",
    "Security Engineer",
    "Database Administrator",
    "Scrum Master",
    "Marketing Analyst",
)
FOLLOW_UP_KINDS = (
    MailKind.ASSESSMENT,
    MailKind.INTERVIEW_INVITATION,
    MailKind.OFFER,
    MailKind.REJECTION,
)
STATUS_BY_KIND = {
    MailKind.APPLICATION_CONFIRMATION: ApplicationStatus.APPLIED,
    MailKind.ASSESSMENT: ApplicationStatus.PHONE_SCREEN,
    MailKind.OFFER: ApplicationStatus.OFFER,
}
RANK = {
    ApplicationStatus.APPLIED: 1,
    ApplicationStatus.PHONE_SCREEN: 2,
    ApplicationStatus.ONSITE_INTERVIEW: 3,
    ApplicationStatus.OFFER: 4,
}
_URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class Template:
    name: str
    kind: MailKind
    subject: str
    sender: str
    text: str
    company: str
    title: str


@dataclass
class Story:
    company: str
    title: str
    status_id: int = ApplicationStatus.APPLIED
    rejected: bool = False


@dataclass
class Mailbox:
    messages: list[dict[str, Any]]
    stories: list[Story]

    def expected_applications(self) -> dict[tuple[str, str], tuple[int, bool]]:
        return {(s.company, s.title): (s.status_id, s.rejected) for s in self.stories}


def _templates() -> dict[MailKind, list[Template]]:
    templates: dict[MailKind, list[Template]] = {}
    for name, case in sorted(CASES.items()):
        expected = case["expected"]
        if not expected.get("company") or not expected.get("job_title"):
            continue
        mail = parse_gmail_message(case["message"])
        if "\ufffd" in mail.text:  # the broken-encoding fixtures
            continue
        sender = f"{mail.sender_name} <{mail.sender_address}>"
        template = Template(
            name,
            MailKind(expected["kind"]),
            mail.subject,
            sender,
            mail.text,
            expected["company"],
            expected["job_title"],
        )
        templates.setdefault(template.kind, []).append(template)
    return templates


def _slugs(company: str) -> list[tuple[str, str]]:
    words = company.split()
    return [("".join(words).lower(), "{joined}"), ("-".join(words).lower(), "{hyphened}")]


def _render(template: Template, company: str, title: str, serial: int) -> tuple[str, str, str]:
    def swap(text: str) -> str:
        text = text.replace(template.title, title).replace(template.company, company)
        for slug, placeholder in _slugs(template.company):
            text = text.replace(slug, placeholder)
        text = text.format(
            joined="".join(company.split()).lower(), hyphened="-".join(company.split()).lower()
        )
        # Every posting its own URL (two stories must never look like one posting): its ids
        # made unique, since a canonical job URL keeps only the posting's id.
        return _URL.sub(unique_ids, text)

    def unique_ids(url: re.Match[str]) -> str:
        return re.sub(r"\d+", lambda d: f"{d.group(0)}{serial:05d}", url.group(0))

    escaped = [
        value.replace("{", "{{").replace("}", "}}")
        for value in (template.subject, template.sender, template.text)
    ]
    subject, sender, text = (swap(value) for value in escaped)
    return subject, sender, text


def _message(
    subject: str, sender: str, text: str, when: datetime, msg_id: str, thread_id: str
) -> dict[str, Any]:
    message = build_message(
        subject=subject, sender=sender, body_text=text, date=when, thread_id=thread_id
    )
    message["id"] = msg_id
    return message


def _reads_as(
    message: dict[str, Any], template: Template, company: str, title: str
) -> Classification | None:
    result = classify(parse_gmail_message(message))
    fits = (
        result.kind is template.kind
        and result.company == company
        and result.job_title == title
        and result.confidence >= AUTO_APPLY_CONFIDENCE
    )
    return result if fits else None


class _Generator:
    def __init__(self, seed: int, now: datetime) -> None:
        self.random = random.Random(seed)
        self.now = now
        self.templates = _templates()
        self.not_job = [
            case["message"] for case in CASES.values() if case["expected"].get("kind") == "not_job"
        ]
        self.serial = 0
        self.companies = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
        self.random.shuffle(self.companies)

    def next_id(self) -> str:
        self.serial += 1
        return f"{0x1A00000000000000 + self.serial:016x}"

    def mail(
        self, kind: MailKind, company: str, title: str, when: datetime, thread_id: str | None
    ) -> tuple[dict[str, Any], Classification] | None:
        """A mail of `kind` about the job that the classifier reads back as such."""
        candidates = list(self.templates[kind])
        self.random.shuffle(candidates)
        msg_id = self.next_id()
        for template in candidates:
            subject, sender, text = _render(template, company, title, self.serial)
            message = _message(subject, sender, text, when, msg_id, thread_id or msg_id)
            reading = _reads_as(message, template, company, title)
            if reading is not None:
                return message, reading
        return None

    def story(self) -> tuple[Story, list[dict[str, Any]]] | None:
        company = self.companies.pop()
        title = self.random.choice(TITLES)
        when = self.now - timedelta(days=self.random.uniform(30, 330))
        first = self.mail(MailKind.APPLICATION_CONFIRMATION, company, title, when, None)
        if first is None:
            return None
        messages, story = [first[0]], Story(company, title)
        kinds = [kind for kind in FOLLOW_UP_KINDS if self.random.random() < 0.35]
        if MailKind.OFFER in kinds and MailKind.REJECTION in kinds:
            kinds.remove(self.random.choice((MailKind.OFFER, MailKind.REJECTION)))
        for kind in kinds:
            when += timedelta(days=self.random.uniform(1, 6))
            thread_id = first[0]["threadId"] if self.random.random() < 0.5 else None
            made = self.mail(kind, company, title, when, thread_id)
            if made is not None:
                messages.append(made[0])
                _advance(story, made[1])
        return story, messages

    def filler(self) -> dict[str, Any]:
        message = copy.deepcopy(self.random.choice(self.not_job))
        when = self.now - timedelta(days=self.random.uniform(1, 330))
        message["id"] = message["threadId"] = self.next_id()
        message["internalDate"] = str(int(when.timestamp() * 1000))
        for header in message["payload"]["headers"]:
            if header["name"].lower() == "date":
                header["value"] = format_datetime(when)
        return message


def _advance(story: Story, reading: Classification) -> None:
    if reading.kind is MailKind.REJECTION:
        story.rejected = True
        return
    target = STATUS_BY_KIND.get(reading.kind) or (
        ApplicationStatus.ONSITE_INTERVIEW if reading.is_onsite else ApplicationStatus.PHONE_SCREEN
    )
    if RANK[target] > RANK[story.status_id]:
        story.status_id = target


def job_mailbox(
    count: int, *, seed: int = 7, not_job_share: float = 0.2, now: datetime | None = None
) -> Mailbox:
    """`count` messages (job stories plus not-job filler), in no particular order."""
    generator = _Generator(seed, now or datetime.now(UTC))
    messages: list[dict[str, Any]] = []
    stories: list[Story] = []
    while len(messages) < count:
        if generator.random.random() < not_job_share:
            messages.append(generator.filler())
            continue
        made = generator.story()
        if made is None:
            continue
        story, story_messages = made
        if len(messages) + len(story_messages) > count:
            messages.extend(generator.filler() for _ in range(count - len(messages)))
            break
        stories.append(story)
        messages.extend(story_messages)
    generator.random.shuffle(messages)
    return Mailbox(messages, stories)


# --------------------------------------------------------------------------- ordinary mail
# What else a mailbox holds: receipts, newsletters, social and personal mail, account notices.
# (subject, sender, body); {name}, {amount}, {day} and {place} vary per message. Some say
# words a job search query cannot tell apart ("offer", "application", "role").
ORDINARY = (
    (
        "Your order has shipped",
        "Parcelpoint Orders <orders@parcelpoint.example>",
        "Good news, {name}! Order #{number} left our warehouse today and should reach you by "
        "{day}. Track it from your account page.",
    ),
    (
        "Receipt for your visit to {place}",
        "{place} <receipts@squarepay.example>",
        "Thanks for stopping by. Total charged: ${amount}. Keep this email as your receipt.",
    ),
    (
        "Your electricity bill is ready",
        "Brightline Energy <billing@brightline.example>",
        "Hi {name}, your bill for last month is ${amount}, due on {day}. Pay online or set up "
        "autopay to never miss a date.",
    ),
    (
        "This week in home cooking",
        "The Simmer Pot <newsletter@simmerpot.example>",
        "Three one-pan dinners, a reader's lemon cake and how to keep herbs fresh for longer. "
        "Read the full issue on our site. Unsubscribe at any time.",
    ),
    (
        "Weekend offer: 25% off everything",
        "Northwind Outfitters <deals@northwind.example>",
        "Our biggest offer of the season ends {day}. Jackets, boots and tents, all 25% off with "
        "code TRAIL25.",
    ),
    (
        "{name} commented on your photo",
        "Snapgrid <notify@snapgrid.example>",
        '{name} wrote: "What a view! Where was this taken?" Reply from the app.',
    ),
    (
        "You're invited: {name}'s birthday picnic",
        "{name} <{handle}@mailbox.example>",
        "Hi! We're doing a picnic at {place} on {day}, from noon. Bring a blanket if you have "
        "one. Let me know if you can make it!",
    ),
    (
        "Dinner on {day}?",
        "{name} <{handle}@mailbox.example>",
        "Are you around on {day}? Thinking of trying that new noodle place near {place}. My "
        "treat this time.",
    ),
    (
        "Your statement is available",
        "Harborview Credit Union <alerts@harborview.example>",
        "Your monthly statement is ready to view in online banking. Balance on the statement "
        "date: ${amount}.",
    ),
    (
        "Appointment reminder: {day}",
        "Maple Street Dental <frontdesk@maplestreet.example>",
        "This is a reminder of your cleaning with Dr. Okoye on {day} at 9:30. Reply C to "
        "confirm or call us to reschedule.",
    ),
    (
        "Your trip to {place} is booked",
        "Skyway Travel <bookings@skyway.example>",
        "Booking reference {number}. Flight out {day}, seat 14C. Check in opens 24 hours before "
        "departure.",
    ),
    (
        "New sign-in to your account",
        "Cloudnest Security <security@cloudnest.example>",
        "We noticed a new sign-in from a Chrome browser on Linux. If this was you, there's "
        "nothing to do. If not, change your password now.",
    ),
    (
        "Library card application approved",
        "Riverside Public Library <hello@rplib.example>",
        "Welcome, {name}! Your library card application was approved. Pick up your card at the "
        "front desk and start borrowing today.",
    ),
    (
        "Volunteer roles for the spring fair",
        "Oakdale Community Garden <garden@oakdale.example>",
        "We need hands for the spring fair on {day}: setup, the plant stall and the bake sale. "
        "Reply with the role you'd like.",
    ),
    (
        "Photos from {place}",
        "{name} <{handle}@mailbox.example>",
        "Finally sorted the pictures from our trip to {place}. The album link is below. The one "
        "of the sunset is my favourite.",
    ),
    (
        "Your subscription renews on {day}",
        "Streamly <billing@streamly.example>",
        "Your plan renews automatically on {day} for ${amount}. Manage your plan in settings.",
    ),
)
_PEOPLE = ("Maya", "Tomas", "Priya", "Kwame", "Elena", "Jun", "Fatima", "Liam", "Aiko", "Diego")
_PLACES = ("Lisbon", "the harbour", "Oak Park", "Kyoto", "the old mill", "Cape Town", "Riverside")


def ordinary_mailbox(
    count: int, *, seed: int = 11, now: datetime | None = None
) -> list[dict[str, Any]]:
    """`count` ordinary (not job) mails over the past year."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    messages = []
    for serial in range(count):
        subject, sender, body = rng.choice(ORDINARY)
        name = rng.choice(_PEOPLE)
        values = {
            "name": name,
            "handle": name.lower(),
            "place": rng.choice(_PLACES),
            "amount": f"{rng.uniform(4, 240):.2f}",
            "number": rng.randint(10000, 99999),
            "day": (now + timedelta(days=rng.randint(1, 20))).strftime("%A, %B %d"),
        }
        message = build_message(
            subject=subject.format(**values),
            sender=sender.format(**values),
            body_text=body.format(**values),
            date=now - timedelta(days=rng.uniform(1, 330)),
        )
        message["id"] = message["threadId"] = f"{0x2B00000000000000 + serial:016x}"
        messages.append(message)
    return messages


def as_rfc822(message: dict[str, Any]) -> bytes:
    """A synthetic Gmail `format=full` message (single text part) as the bytes of an .eml file
    or an mbox entry, with Takeout's thread id header."""
    payload = message["payload"]
    headers = [f"{header['name']}: {header['value']}" for header in payload["headers"]]
    headers += [
        f"Message-ID: <{message['id']}@synthetic.example>",
        f"X-GM-THRID: {int(message['threadId'], 16)}",
    ]
    body = base64.urlsafe_b64decode(payload["body"]["data"] + "==").decode()
    return ("\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()
