"""Decide what a parsed mail means for the user's job search. Pure: `ParsedMail` in, result out.

How a mail is decided:

1. The user's own sent mail, and mail from alert/newsletter mailboxes, is never a job mail.
2. Every phrase table below is searched in the subject and the start of the body. Each hit has
   a weight; later stages get a bonus so that "Thank you for applying... unfortunately we have
   decided to move forward with other candidates" is a rejection, not a confirmation.
3. A hard-negative phrase (job alert, "finish your application", newsletter, recruiter cold mail)
   in the same sentence as the winning hit, or before it, makes the mail NOT_JOB: such mails
   state their purpose first and only mention interviews or applications further down.
4. Company, job title and job URL come from the extraction patterns, then from the sender.

The tables are data so that a new board or a new wording is one line, not a new branch.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from gmail_sync.parsing import ParsedMail


class MailKind(StrEnum):
    APPLICATION_CONFIRMATION = "application_confirmation"
    INTERVIEW_INVITATION = "interview_invitation"
    ASSESSMENT = "assessment"
    REJECTION = "rejection"
    OFFER = "offer"
    NOT_JOB = "not_job"


@dataclass(frozen=True)
class Classification:
    kind: MailKind
    company: str = ""  # "" when unknown (also for every NOT_JOB result)
    job_title: str = ""
    job_url: str = ""
    source: str = ""  # board/ATS display name, COMPANY_WEBSITE, or "" for NOT_JOB
    evidence: str = ""  # the sentence that decided the kind
    confidence: float = 0.0  # 0..1; below AUTO_APPLY_CONFIDENCE keep it as a suggestion
    is_onsite: bool = False  # interview invitations only: onsite rather than phone/video


# Results at or above this confidence are safe to apply without asking the user.
AUTO_APPLY_CONFIDENCE = 0.7

COMPANY_WEBSITE = "Company website"

# Sender (or link) domain -> source display name. Subdomains match too (hire.lever.co).
SOURCE_BY_DOMAIN: dict[str, str] = {
    "linkedin.com": "LinkedIn",
    "indeed.com": "Indeed",
    "indeedemail.com": "Indeed",
    "hired.com": "Hired.com",
    "vettery.com": "Vettery",
    "greenhouse.io": "Greenhouse",
    "greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever",
    "myworkday.com": "Workday",
    "myworkdayjobs.com": "Workday",
    "ashbyhq.com": "Ashby",
    "smartrecruiters.com": "SmartRecruiters",
    "icims.com": "iCIMS",
    "jobvite.com": "Jobvite",
    "ziprecruiter.com": "ZipRecruiter",
}
# Boards send in their own name, so their display name never names the employer.
BOARD_SOURCES = frozenset({"LinkedIn", "Indeed", "Hired.com", "Vettery", "ZipRecruiter"})
# Companies often mail through their own domain with ATS links; only ATS links identify the
# source (every company footer links to LinkedIn).
ATS_SOURCES = frozenset(set(SOURCE_BY_DOMAIN.values()) - BOARD_SOURCES)

# Parts of a sender's mailbox name that mark bulk mail: jobalerts-noreply@, newsletter@, ...
NOT_JOB_SENDER_TOKENS = frozenset({
    "jobalert", "jobalerts", "alert", "alerts", "newsletter", "newsletters", "news", "digest",
    "marketing", "promo", "promotions", "recommendations",
})

# Domains whose name is not the employer's: free mail, assessment and scheduling platforms.
NOT_EMPLOYER_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
    "hackerrank.com", "hackerrankforwork.com", "codility.com", "codesignal.com",
    "hackerearth.com", "testgorilla.com", "calendly.com", "goodtime.io",
})

# kind -> (regex, weight). Searched case-insensitively over subject + body.
KIND_PHRASES: dict[MailKind, tuple[tuple[str, float], ...]] = {
    MailKind.REJECTION: (
        (r"decided to (?:move|go) forward with (?:other|another|different) "
         r"(?:candidates?|applicants?)", 0.95),
        (r"(?:will not|won't|not) be (?:moving|going) forward", 0.9),
        (r"(?:decided|chosen|chose) (?:not to|to not) (?:move|proceed|pursue|progress)", 0.9),
        (r"(?:not|unable to) (?:move|moving|proceed|proceeding) forward with your "
         r"(?:application|candidacy)", 0.9),
        (r"pursue (?:other|another) (?:candidates?|applicants?)", 0.9),
        (r"(?:position|role|job) has (?:now )?been filled", 0.9),
        (r"(?:not|no longer) (?:be )?(?:progressing|considering) your (?:application|candidacy)",
         0.9),
        (r"your (?:application|candidacy) (?:was|has been) (?:unsuccessful|declined|rejected)",
         0.9),
        (r"(?:unable|not able) to (?:extend|make) (?:you )?an offer", 0.9),
        (r"not (?:a|the right) (?:match|fit) (?:for|at) this time", 0.8),
        # A bare "unfortunately" is too weak, and "unfortunately we cannot reply to every
        # applicant" sits in the footer of many confirmations.
        (r"\bunfortunately,?(?![^.!?\n]*\b(?:respond|reply|replies|contact)\b)[^.!?\n]{0,200}?"
         r"\b(?:not|unable|other candidates|another candidate)\b", 0.75),
    ),
    MailKind.OFFER: (
        (r"(?:pleased|happy|delighted|excited|thrilled) to (?:extend |make |present )?(?:you )?"
         r"(?:with )?(?:an? |the )?(?:formal |official |verbal |written )?offer", 0.95),
        (r"offer of employment", 0.9),
        (r"(?:extend|extending) (?:you )?an offer", 0.9),
        (r"congratulations[^.!?\n]{0,80}\boffer\b", 0.9),
        (r"offer letter", 0.8),
    ),
    MailKind.ASSESSMENT: (
        (r"coding (?:challenge|assessment|exercise|test)", 0.9),
        (r"take[- ]home (?:assignment|exercise|project|challenge|test|assessment)", 0.9),
        (r"\b(?:hackerrank|codility|codesignal|hackerearth|testgorilla)\b", 0.85),
        (r"(?:online|technical|skills?|cognitive) (?:assessment|test)", 0.85),
        (r"complete (?:the|this|an|our) (?:assessment|challenge|test)", 0.85),
    ),
    MailKind.INTERVIEW_INVITATION: (
        (r"invite you (?:to|for) (?:an? )?(?:\w+ )?interview", 0.95),
        (r"(?:wants|would like) to interview you", 0.95),
        (r"interview request", 0.95),
        (r"schedule (?:an?|your|the) (?:\w+ )?(?:interview|phone screen|call)", 0.9),
        (r"on-?site (?:interview|visit)", 0.9),
        (r"(?:phone|video|technical|initial|recruiter) (?:screen|screening|interview)", 0.85),
        (r"next steps?[^.!?\n]{0,80}\b(?:interview|phone screen|call)\b", 0.85),
        (r"(?:would like|like|love|want) to (?:meet|speak with|chat with) you", 0.85),
        (r"availability for (?:an? )?(?:[\w-]+ ){0,3}?(?:interview|call)", 0.85),
    ),
    MailKind.APPLICATION_CONFIRMATION: (
        (r"your application (?:was|has been) (?:sent|submitted|received)", 0.9),
        (r"you applied (?:for|to)", 0.9),
        (r"indeed application:", 0.9),
        (r"thank(?:s| you) for (?:applying|your application|submitting your application)", 0.85),
        (r"(?:we(?:'ve| have)?|has) received your application", 0.85),
        (r"application (?:received|confirmation|submitted)", 0.85),
        (r"your application to", 0.8),
        (r"thank(?:s| you) for your interest in[^.!?\n]{0,100}"
         r"\b(?:position|role|opening|job|career)", 0.75),
    ),
}

# Later stages win near-ties: every rejection or interview mail also thanks you for applying.
STAGE_BONUS: dict[MailKind, float] = {
    MailKind.REJECTION: 0.15,
    MailKind.OFFER: 0.12,
    MailKind.ASSESSMENT: 0.10,
    MailKind.INTERVIEW_INVITATION: 0.08,
    MailKind.APPLICATION_CONFIRMATION: 0.0,
}

# Hard negatives, by what they reveal. Reminders only count at the start of a sentence so that
# "To complete your application, please take the coding test" stays an assessment.
NOT_JOB_PHRASES: dict[str, tuple[str, ...]] = {
    "job alert": (
        r"jobs? you may be interested in",
        r"new jobs? (?:matching|for you|that match|near you)",
        r"\bjob alerts?\b",
        r"recommended jobs?",
        r"jobs? (?:picked|recommended|selected) for you",
        r"\b\d+\+? new jobs?\b",
        r"similar jobs",
    ),
    "application reminder": (
        r"(?:^|(?<=[.!?] ))(?:please |don't forget to )?(?:finish|complete|continue) your "
        r"application",
        r"finish your application",
        r"you (?:started|began) (?:an|your) application",
        r"haven't (?:finished|completed|submitted) your application",
        r"pick up where you left off",
        r"application is (?:still )?(?:incomplete|unfinished)",
    ),
    "newsletter": (
        r"\bnewsletter\b",
        r"weekly digest",
        r"(?:career|job search|interview) tips",
        r"\bwebinar\b",
    ),
    "recruiter outreach": (
        r"came across your (?:profile|resume|background)",
        r"open to (?:new|other) (?:opportunities|roles|positions)",
        r"are you (?:open|interested) (?:to|in) (?:exploring|new|a new|a change)",
        r"(?:i'm|i am) (?:a|an) (?:\w+ )?recruiter",
        r"reaching out (?:about|regarding|with) (?:a|an|this) (?:\w+ ){0,3}?"
        r"(?:role|opportunity|position)",
        r"your (?:background|experience|profile) (?:caught my eye|stood out)",
    ),
}

# ---- company / title extraction. Case-sensitive (company names are capitalised); the fixed
# wording is wrapped in (?i:...).
_STOPWORDS = (r"(?:for|and|was|has|have|is|are|to|at|in|on|with|via|we|you|your|our|team|will|"
              r"who|that|this|as|by|about|regarding|would|wants|sent|from|through)\b")
_NOT_A_NAME = r"(?!(?i:the|a|an|our|this|your|us|my|you)\b)"
_NAME_WORD = r"[\w&@+'’\-]+"
COMPANY = (rf"(?P<company>{_NOT_A_NAME}[\w&@]{_NAME_WORD[:-1]}*"
           rf"(?:(?: (?!{_STOPWORDS})|\.(?=\w)){_NAME_WORD}){{0,6}})")
TITLE = r"(?P<title>[A-Z0-9][\w/&+#,'’()\-.: ]{0,90}?)"
# What may follow a name: punctuation, a separator, the end of the line or a lowercase stopword.
_END = rf"(?=[.!?,;:)(\n]|$| [-–|·] | {_STOPWORDS})"
_ROLE_WORD = r"(?: (?i:position|role|job|opening|vacancy))"

EXTRACTION_PATTERNS: tuple[str, ...] = (
    # "You applied for Data Engineer at Acme", "interest in the SRE position at Acme"
    rf"(?i:you applied (?:for|to)|your application (?:for|to)|applying (?:for|to)"
    rf"|applied (?:for|to)|application (?:for|to)|interest in|consideration for"
    rf"|interview (?:you )?for|(?:position|role) of)"
    rf"(?: (?i:the|a|an))? {TITLE}{_ROLE_WORD}? (?i:at|with) {COMPANY}{_END}",
    rf"(?i:your application for) (?:(?i:the) )?{TITLE}{_ROLE_WORD}?{_END}",
    # LinkedIn's card: "Your application was sent to Acme" then the title as its own paragraph
    rf"(?i:your application was sent to) {COMPANY}\.?\n\n(?P<title>[^\n]{{2,100}})\n",
    r"(?i:indeed application): (?P<title>[^\n]{2,100})",
    r"(?i:application (?:received|submitted|confirmation)) ?[-–:|] ?(?P<title>[^\n(]{2,100})",
    rf"(?i:thank(?:s| you) for (?:applying|your application|your interest|submitting your "
    rf"application)) (?i:to|at|in|with) {COMPANY}{_END}",
    rf"(?i:invited by|on behalf of|your update from|interview request from"
    rf"|interview invitation from|offer to join|offer from|welcome to"
    rf"|(?:was|were|been) (?:sent|submitted) to|your application to)"
    rf" {COMPANY}{_END}",
    rf"(?:^|(?<=[.!?] )){COMPANY} (?i:wants to interview you|would like to interview you"
    rf"|sent you an interview request|is interested in (?:you|your profile))",
    rf"(?i:interview you for) (?:(?i:the|a|an) )?{TITLE}(?:{_ROLE_WORD}\b|{_END})",
    rf"(?i:for|as) (?i:the|a|an) {TITLE}{_ROLE_WORD}\b",
)

JOB_URL_PATTERNS: tuple[str, ...] = (
    r"linkedin\.com/(?:comm/)?jobs/view/",
    r"indeed\.com/(?:viewjob|rc/clk|m/viewjob)",
    r"greenhouse\.io/.+/jobs/\d+",
    r"jobs\.lever\.co/",
    r"myworkdayjobs\.com/",
    r"jobs\.ashbyhq\.com/",
    r"jobs\.smartrecruiters\.com/",
    r"icims\.com/jobs/\d+",
    r"jobs\.jobvite\.com/",
    r"ziprecruiter\.com/(?:jobs|c/|k/)",
    r"hired\.com/(?:jobs|job)/",
    r"[?&]gh_jid=\d+",
    r"/(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies))/[^/?#\s]+",
)
_NOT_A_JOB_LINK = re.compile(r"unsubscribe|preferences|privacy|settings|/help", re.IGNORECASE)

# Sender display-name words that belong to the mailer, not the company ("Acme Hiring Team").
_SENDER_NOISE = re.compile(
    r"\b(?:(?:careers?|jobs|talent|recruiting) at|hiring team|recruiting team|talent acquisition"
    r"|talent team|people team|recruiting|recruitment|careers?|jobs|talent|hr|team|no-?reply"
    r"|notifications?|via \w+)\b",
    re.IGNORECASE,
)
_ROLE_MAILBOX = re.compile(
    r"^[^@]*(?:no-?reply|careers?|jobs|recruit|talent|hiring|\bhr\b|people|notifications?|team"
    r"|apply)", re.IGNORECASE
)
_ONSITE = re.compile(r"\b(?:on-?site|in-person|in person|final round|visit (?:our|the) office)",
                     re.IGNORECASE)
_REMOTE_CALL = re.compile(r"\b(?:phone|video|zoom|google meet|teams call|screening call)\b",
                          re.IGNORECASE)

# The start of the body states a mail's purpose; this also bounds regex work on huge mails.
CLASSIFY_CHARS = 20_000
MAX_EVIDENCE_CHARS = 300
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s|\n")
_SUBJECT_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.IGNORECASE)
_TYPOGRAPHIC_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"})


def _compile_kind_phrases() -> dict[MailKind, tuple[tuple[re.Pattern[str], float], ...]]:
    return {
        kind: tuple((re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in table)
        for kind, table in KIND_PHRASES.items()
    }


_KIND_REGEXES = _compile_kind_phrases()
_NOT_JOB_REGEXES = tuple(
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for patterns in NOT_JOB_PHRASES.values()
    for pattern in patterns
)
_EXTRACTION_REGEXES = tuple(re.compile(p, re.MULTILINE) for p in EXTRACTION_PATTERNS)
_JOB_URL_REGEXES = tuple(re.compile(p, re.IGNORECASE) for p in JOB_URL_PATTERNS)


@dataclass(frozen=True)
class _Hit:
    kind: MailKind
    weight: float
    start: int
    end: int

    @property
    def score(self) -> float:
        return self.weight + STAGE_BONUS.get(self.kind, 0.0)


# --------------------------------------------------------------------------- public API


def classify(mail: ParsedMail) -> Classification:
    """What this mail means for the user's applications (see the module docstring)."""
    if mail.is_sent_by_user:
        return Classification(MailKind.NOT_JOB, evidence="Sent by the user.", confidence=1.0)
    if _is_bulk_sender(mail.sender_address):
        return Classification(
            MailKind.NOT_JOB, evidence=f"Bulk mail from {mail.sender_address}.", confidence=0.95
        )
    text = _matching_text(mail)
    hit = _winning_hit(text)
    negative = _first_negative(text)
    if negative is not None and (
        hit is None or _sentence_start(text, negative[0]) <= _sentence_start(text, hit.start)
    ):
        return Classification(MailKind.NOT_JOB, evidence=_sentence(text, *negative), confidence=0.9)
    if hit is None:
        return Classification(MailKind.NOT_JOB, confidence=0.7)
    return _job_classification(mail, text, hit)


def normalise_company(name: str) -> str:
    """'Bluefin Analytics, Inc.' -> 'bluefin analytics': the key the sync matches companies by."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.'’]", "", text.replace("&", " and "))
    words = re.sub(r"[^\w\s]|_", " ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def title_similarity(a: str, b: str) -> float:
    """0..1 similarity of two job titles, ignoring word order, case and common abbreviations.

    The mean of a token-set ratio (a title contained in the other, "Engineer" in "Senior
    Engineer", scores high) and a token-sort ratio (so every extra word still costs a little).
    """
    tokens_a, tokens_b = _title_tokens(a), _title_tokens(b)
    if not tokens_a or not tokens_b:
        return 0.0
    return round((_token_set_ratio(tokens_a, tokens_b) + _ratio(
        " ".join(sorted(tokens_a)), " ".join(sorted(tokens_b))
    )) / 2, 4)


# --------------------------------------------------------------------------- deciding the kind


def _is_bulk_sender(address: str) -> bool:
    local_part = address.partition("@")[0]
    return any(token in NOT_JOB_SENDER_TOKENS for token in re.split(r"[-_.+]", local_part))


def _matching_text(mail: ParsedMail) -> str:
    """Subject, blank line, body with hard-wrapped lines re-joined (paragraphs kept)."""
    body = re.sub(r"(?<!\n)\n(?!\n)", " ", mail.text[:CLASSIFY_CHARS])
    subject = _SUBJECT_PREFIX.sub("", mail.subject)
    return f"{subject}\n\n{body}".translate(_TYPOGRAPHIC_QUOTES)


def _winning_hit(text: str) -> _Hit | None:
    hits = [hit for kind in _KIND_REGEXES if (hit := _best_hit_for_kind(kind, text))]
    return max(hits, key=lambda hit: (hit.score, -hit.start), default=None)


def _best_hit_for_kind(kind: MailKind, text: str) -> _Hit | None:
    best: _Hit | None = None
    for regex, weight in _KIND_REGEXES[kind]:
        match = regex.search(text)
        if match and (best is None or (weight, -match.start()) > (best.weight, -best.start)):
            best = _Hit(kind, weight, match.start(), match.end())
    return best


def _first_negative(text: str) -> tuple[int, int] | None:
    matches = [m for regex in _NOT_JOB_REGEXES if (m := regex.search(text))]
    first = min(matches, key=lambda m: m.start(), default=None)
    return (first.start(), first.end()) if first else None


def _sentence_start(text: str, position: int) -> int:
    start = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, position):
        start = match.end()
    return start


def _sentence(text: str, start: int, end: int) -> str:
    following_break = _SENTENCE_BREAK.search(text, end)
    stop = following_break.start() if following_break else len(text)
    return text[_sentence_start(text, start):stop].strip()[:MAX_EVIDENCE_CHARS]


def _job_classification(mail: ParsedMail, text: str, hit: _Hit) -> Classification:
    source = _source(mail)
    company, title = _extract_company_and_title(text)
    company = company or _company_from_sender(mail, source)
    evidence = _sentence(text, hit.start, hit.end)
    return Classification(
        kind=hit.kind,
        company=company,
        job_title=title,
        job_url=_job_url(mail.links),
        source=source,
        evidence=evidence,
        confidence=_confidence(hit.weight, source, company),
        is_onsite=hit.kind is MailKind.INTERVIEW_INVITATION and _is_onsite(evidence, text),
    )


def _confidence(phrase_weight: float, source: str, company: str) -> float:
    """The phrase's weight, plus trust for a known board/ATS sender; a result naming no company
    loses some, since only its thread can tie it to an application."""
    known_sender = 0.05 if source != COMPANY_WEBSITE else 0.0
    company_bonus = 0.05 if company else -0.1
    return round(min(max(phrase_weight + known_sender + company_bonus, 0.0), 0.99), 2)


def _is_onsite(evidence: str, text: str) -> bool:
    if _ONSITE.search(evidence):
        return True
    if _REMOTE_CALL.search(evidence):
        return False
    return bool(_ONSITE.search(text)) and not _REMOTE_CALL.search(text)


# --------------------------------------------------------------------------- source and URL


def _source(mail: ParsedMail) -> str:
    by_sender = _source_for_host(mail.sender_domain)
    if by_sender:
        return by_sender
    for link in mail.links:
        by_link = _source_for_host(_host_of(link))
        if by_link in ATS_SOURCES:
            return by_link
    return COMPANY_WEBSITE


def _host_of(link: str) -> str:
    try:
        return urlsplit(link).hostname or ""
    except ValueError:  # "http://[broken" in a mangled mail
        return ""


def _source_for_host(host: str) -> str:
    return next(filter(None, map(SOURCE_BY_DOMAIN.get, _domain_and_parents(host))), "")


def _domain_and_parents(host: str) -> list[str]:
    """'us.greenhouse-mail.io' -> ['us.greenhouse-mail.io', 'greenhouse-mail.io']."""
    labels = host.lower().rstrip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def _job_url(links: tuple[str, ...]) -> str:
    for regex in _JOB_URL_REGEXES:
        for link in links:
            if regex.search(link) and not _NOT_A_JOB_LINK.search(link):
                return link
    return ""


# --------------------------------------------------------------------------- company and title


def _extract_company_and_title(text: str) -> tuple[str, str]:
    """Both from the first pattern that yields them; the subject (first line) is tried first."""
    subject, _, body = text.partition("\n\n")
    company = title = ""
    for regex in _EXTRACTION_REGEXES:
        for part in (subject, body):
            match = regex.search(part)
            if not match:
                continue
            found = match.groupdict()
            company = company or _clean_company(found.get("company") or "")
            title = title or _clean_title(found.get("title") or "")
            if company and title:
                return company, title
    return company, title


def _clean_company(value: str) -> str:
    return value.strip(" \t.,;:!?\"'’-")[:100]


def _clean_title(value: str) -> str:
    value = re.sub(r"^(?:the |(?:position|role) of )", "", value.strip(), flags=re.IGNORECASE)
    value = re.sub(r"\s*\([^)]*\d[^)]*\)\s*$", "", value)  # requisition ids: "(R-20417)"
    value = re.sub(r"\s+(?:position|role|job|opening)$", "", value, flags=re.IGNORECASE)
    return value.strip(" \t.,;:!?\"'-")[:120]


def _company_from_sender(mail: ParsedMail, source: str) -> str:
    """The employer named by the mailer: 'Acme Hiring Team', acme@myworkday.com, acme.com."""
    if source in BOARD_SOURCES:
        return ""
    name = " ".join(_SENDER_NOISE.sub(" ", mail.sender_name).split()).strip(" -|,")
    # A person writing from the company ("Priya Nandakumar") names nobody's employer; mailers
    # writing from a role mailbox or through an ATS use the company's name.
    from_mailer = source in ATS_SOURCES or _ROLE_MAILBOX.search(mail.sender_address)
    if name and from_mailer and name.lower() not in _ATS_NAMES:
        return name
    if source == "Workday":
        return mail.sender_address.partition("@")[0].replace("-", " ").title()
    if source == COMPANY_WEBSITE and not _is_not_employer_domain(mail.sender_domain):
        return _company_from_domain(mail.sender_domain)
    return ""


def _is_not_employer_domain(domain: str) -> bool:
    return any(parent in NOT_EMPLOYER_DOMAINS for parent in _domain_and_parents(domain))


def _company_from_domain(domain: str) -> str:
    labels = [label for label in domain.split(".")[:-1] if label not in _GENERIC_DOMAIN_LABELS]
    return labels[-1].replace("-", " ").title() if labels else ""


_ATS_NAMES = frozenset(source.lower() for source in SOURCE_BY_DOMAIN.values())
_GENERIC_DOMAIN_LABELS = frozenset({"co", "com", "org", "net", "ac", "gov", "mail", "email",
                                    "careers", "jobs", "hr", "recruiting", "www"})
_COMPANY_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "corp", "corporation",
    "co", "company", "plc", "ag", "sa", "sas", "sarl", "bv", "nv", "pty", "srl", "spa", "oy",
    "ab", "kk", "pvt",
})
_TITLE_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "eng": "engineer", "engr": "engineer",
    "dev": "developer", "mgr": "manager", "swe": "software engineer", "sre": "site reliability "
    "engineer", "ml": "machine learning", "qa": "quality assurance",
}


def _title_tokens(title: str) -> set[str]:
    words = re.findall(r"[a-z0-9+#]+", title.lower())
    expanded = " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)
    return set(expanded.split())


def _token_set_ratio(a: set[str], b: set[str]) -> float:
    common = " ".join(sorted(a & b))
    with_a = f"{common} {' '.join(sorted(a - b))}".strip()
    with_b = f"{common} {' '.join(sorted(b - a))}".strip()
    return max(_ratio(common, with_a), _ratio(common, with_b), _ratio(with_a, with_b))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0
