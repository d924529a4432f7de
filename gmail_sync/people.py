"""The person behind a job mail: a recruiter or a hiring manager writing in their own name, whom
the user may want to call or thank. Never a no-reply or team mailbox, a board, an ATS or a
vendor, and never the user."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gmail_sync.companies import ATS, BOARD, VENDOR, platform_of
from gmail_sync.reading import Reading

ROLE_RECRUITER = "recruiter"
ROLE_HIRING_MANAGER = "hiring manager"


@dataclass(frozen=True)
class MailContact:
    name: str
    email: str
    role: str = ""  # ROLE_RECRUITER, ROLE_HIRING_MANAGER, or "" when the mail does not say
    phone: str = ""
    linkedin_url: str = ""


_ROLE_MAILBOX = re.compile(
    r"^[^@]*(?:no-?reply|do-?not-?reply|careers?|jobs|recruit|talent|hiring|\bhr\b|people|"
    r"notifications?|team|apply|applications?|candidates?|info|hello|contact|staffing|"
    r"employment|admissions?|support|mailer|bounce|calendar)",
    re.IGNORECASE,
)
_PERSON_NAME = re.compile(r"^[A-ZÀ-ÞĀ-Ž][\w'’.-]+(?:\s+[A-ZÀ-ÞĀ-Ž][\w'’.-]+){1,3}$")
_RECRUITING_ROLE = re.compile(
    r"\b(?:recruit\w*|talent|sourc\w*|people partner|hr|human "
    r"resources|staffing|headhunter|consultant)\b",
    re.IGNORECASE,
)
_MANAGING_ROLE = re.compile(
    r"\b(?:manager|head of|lead|director|founder|co-founder|ceo|cto|"
    r"coo|vp|vice president|chief|principal|supervisor)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\d ().-]{7,}\d)(?![\w/])")
# A number is a phone number where it looks like one: "+44 ...", "(973) ...", "07700 ...", or
# on a line that says so ("m: 555 0148", "Tel 612 ..."), not a company or VAT number.
_PHONE_LINE = re.compile(
    r"\b(?:tel|phone|mobile|mob|cell|direct|office|m|t|p)\b\.?:?", re.IGNORECASE
)
_LINKEDIN_PROFILE = re.compile(
    r"^https?://(?:[a-z]{2,3}\.)?linkedin\.com/in/[\w%-]+/?$", re.IGNORECASE
)


def sender_as_contact(
    reading: Reading, links: Iterable[str], owner_names: Iterable[str] = ()
) -> MailContact | None:
    """The person who wrote the mail, or None for a mailbox of a team, a platform or the user."""
    name = _person_name(reading.sender_name)
    address = reading.sender_address
    owner = {part.casefold() for full in owner_names for part in (full, *full.split())}
    if (
        not name
        or not address
        or _ROLE_MAILBOX.match(address)
        or platform_of(reading.sender_domain)[1] in (ATS, BOARD, VENDOR)
        or name.casefold() in owner
    ):
        return None
    signature = reading.signature
    return MailContact(
        name=name[:200],
        email=address[:254],
        role=_role(signature),
        phone=_phone(signature),
        linkedin_url=next((link for link in links if _LINKEDIN_PROFILE.match(link)), ""),
    )


def _person_name(display_name: str) -> str:
    """'Kerry Lambton', from 'Kerry Lambton', 'Kerry Lambton (Marlowe)' or 'Kerry Lambton |
    Harbourline'; "" for 'Acme Careers' or an address."""
    name = re.split(
        r"\s*(?:\(|\||\bat\b|\bfrom\b|\s-\s|\s–\s|@)", display_name.strip(" \"'"), maxsplit=1
    )[0].strip()
    if (
        not _PERSON_NAME.match(name)
        or _RECRUITING_ROLE.search(name)
        or re.search(
            r"\b(?:team|careers|jobs|notifications?|support|group|inc|ltd|llc)\b",
            name,
            re.IGNORECASE,
        )
    ):
        return ""
    return name


def _role(signature: str) -> str:
    """What the signature says the person does: recruiting first (a 'Talent Acquisition
    Manager' recruits), then managing."""
    lines = [line for line in signature.split("\n")[:8] if line.strip()]
    if any(_RECRUITING_ROLE.search(line) for line in lines):
        return ROLE_RECRUITER
    if any(_MANAGING_ROLE.search(line) for line in lines):
        return ROLE_HIRING_MANAGER
    return ""


def _phone(signature: str) -> str:
    for line in signature.split("\n"):
        for match in _PHONE.finditer(line):
            number = match.group(0).strip()
            digits = re.sub(r"\D", "", number)
            if 8 <= len(digits) <= 15 and (
                number[0] in "+(0" or _PHONE_LINE.search(line[: match.start()])
            ):
                return number[:50]
    return ""
