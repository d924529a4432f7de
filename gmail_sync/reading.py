"""Read a mail the way a person does before deciding what it means: what the sender wrote now,
with the quoted history, a forward's header block, the signature and the footer set aside.

Pure: `ParsedMail` in, `Reading` out. Quoted history and forward headers are found by
mail-parser-reply (the library knows the reply headers of many mail clients and languages);
the signature and the footer by the short rules below, sentence by sentence, because a
sign-off line starts the library's signature and would swallow the decisive paragraph of a
mail that says "Thank you," on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache

from mailparser_reply import EmailReplyParser

from gmail_sync import phrases
from gmail_sync.parsing import ParsedMail

# The start of the body states a mail's purpose; this also bounds regex work on huge mails.
READ_CHARS = 20_000
MAX_SENTENCE_CHARS = 600
# Reply headers ("On ... wrote:", "Am ... schrieb:") of the languages job mail comes in most;
# each language more costs a tenth of a millisecond a mail.
_REPLY_LANGUAGES = ("en", "de", "fr", "es", "nl")
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(re|fwd?|aw|wg|tr|rv|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
# What any quoted history or forward starts with, in the languages read; a mail without any of
# these (most automated mail) is read whole without asking the reply parser.
_MAY_HOLD_HISTORY = re.compile(
    r"(?m)^\s*>|wrote:|schrieb:|a écrit|escribió|schreef|^\s*(?:from|von|de|van|sent|gesendet|"
    r"envoyé|enviado)\s*:|-{2,}\s*(?:original|forwarded|ursprüngliche|message|mensaje)|"
    r"begin forwarded|_{10,}",
    re.IGNORECASE,
)
_FORWARD_MARK = re.compile(
    r"(?:-{2,}\s*(?:forwarded message|original message)\s*-{2,}"
    r"|begin forwarded message:?)\s*$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"^[>* ]*(from|subject|date|sent|to|cc)\s*:\s*(.*)$", re.IGNORECASE | re.MULTILINE
)
# Where one sentence ends: . ! ? followed by space and an upper-case letter, a digit or a
# quote; or a line break. Abbreviations (e.g., Inc., Dr.) are protected first.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9À-Þ])|\n+")
_ABBREVIATION = re.compile(
    r"\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|llc|dr|mr|mrs|ms|prof|sr|jr|st|no|vs|approx|dept"
    r"|u\.s|u\.k|a\.m|p\.m|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul"
    r"|aug|sep|sept|oct|nov|dec)\.",
    re.IGNORECASE,
)
_DOT = "\ue002"  # stands in for an abbreviation's dot while sentences are split
_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


@dataclass(frozen=True)
class Reading:
    subject: str  # without Re:/Fwd: prefixes
    is_reply: bool
    is_forward: bool
    sentences: tuple[str, ...]  # what the sender wrote now, one sentence each
    signature: str  # the sign-off and the lines under it (name, role, company)
    footer: str  # legal notices, unsubscribe lines, platform boilerplate
    quoted: str  # earlier mails of the thread, as quoted below this one
    sender_name: str  # the forwarded mail's sender when the owner forwarded one
    sender_address: str

    @property
    def body(self) -> str:
        return " ".join(self.sentences)

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2]


def read(mail: ParsedMail) -> Reading:
    subject, is_reply, is_forward = split_subject(mail.subject)
    text = mail.text[:READ_CHARS].translate(_TYPOGRAPHY)
    if _MAY_HOLD_HISTORY.search(text):
        replies = [reply for reply in _reply_parser().read(text=text).replies if reply.full_body]
        own = replies[0].full_body if replies else ""
    else:  # no reply header, quote or forward mark anywhere: all of it is this mail
        replies, own = [], text.strip()
    earlier = replies[1:]
    sender_name, sender_address = mail.sender_name, mail.sender_address
    if earlier and (is_forward or _FORWARD_MARK.search(own)) and _is_short_note(own):
        # The owner forwarded a mail with a line or two of their own: read the forwarded mail
        # as if it had come in directly, from its own sender and with its own subject.
        forwarded = earlier[0]
        headers = dict(
            (name.lower(), value.strip()) for name, value in _HEADER_LINE.findall(forwarded.headers)
        )
        sender_name, sender_address = parseaddr(headers.get("from", ""))
        sender_address = sender_address.lower()
        subject = split_subject(headers.get("subject", subject))[0] or subject
        own, earlier = forwarded.full_body, earlier[1:]
    paragraphs = _paragraphs(_FORWARD_MARK.sub("", own))
    kept, signature, footer = _set_aside(paragraphs, sender_name)
    return Reading(
        subject=subject.translate(_TYPOGRAPHY),
        is_reply=is_reply,
        is_forward=is_forward,
        sentences=tuple(sentence for paragraph in kept for sentence in split_sentences(paragraph)),
        signature=signature,
        footer=footer,
        quoted="\n\n".join(_unquote(reply.full_body) for reply in earlier),
        sender_name=sender_name,
        sender_address=sender_address,
    )


@lru_cache(maxsize=1)
def _reply_parser() -> EmailReplyParser:
    return EmailReplyParser(languages=list(_REPLY_LANGUAGES))


def split_subject(subject: str) -> tuple[str, bool, bool]:
    """'Re: Fwd: Your application' -> ('Your application', is_reply, is_forward)."""
    match = _SUBJECT_PREFIX.match(subject)
    if not match:
        return subject.strip(), False, False
    prefixes = {word.lower()[:2] for word in re.findall(r"[A-Za-z]+", match.group(0))}
    return (
        subject[match.end() :].strip(),
        bool(prefixes & {"re", "aw", "sv", "rv"}),
        bool(prefixes & {"fw", "wg", "tr"}),
    )


def _is_short_note(text: str) -> bool:
    return len(_FORWARD_MARK.sub("", text).split()) <= 40


def _unquote(text: str) -> str:
    return re.sub(r"(?m)^(?:> ?)+", "", text)


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs with hard-wrapped lines joined (a line that ends
    without punctuation and continues in lower case belongs to the same sentence)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            wrapped = not re.search(r"[.!?:;,]$", joined) and line[:1].islower()
            last_line = joined.rpartition("\n")[2]
            joined += (" " if wrapped or _ends_mid_sentence(last_line) else "\n") + line
        paragraphs.append(joined)
    return paragraphs


def _ends_mid_sentence(line: str) -> bool:
    """A hard-wrapped line of prose: long, and not ending a sentence or a layout line
    ("Talent Acquisition | Blue Mahoe Telecommunications" above the address)."""
    return len(line) >= 50 and not re.search(r"[.!?:]$|\s[|·•]\s", line)


def _set_aside(paragraphs: list[str], sender_name: str = "") -> tuple[list[str], str, str]:
    """(paragraphs the sender wrote now, signature, footer). The signature starts at a sign-off
    ("Best regards,") or, without one, at the sender's name over their role and company."""
    kept: list[str] = []
    signature: list[str] = []
    footer: list[str] = []
    in_signature = False
    for paragraph in paragraphs:
        first_line, _, rest = paragraph.partition("\n")
        if phrases.is_footer(paragraph):
            footer.append(paragraph)
        elif in_signature and _is_signature_block(paragraph):
            signature.append(paragraph)
        elif (
            phrases.SIGN_OFF.match(first_line)
            # after what they wrote, never before it ("indeed" heading Indeed Apply's mail)
            or (kept and _is_the_senders_name(first_line, sender_name))
        ) and _is_signature_block(rest):
            in_signature = True
            signature.append(paragraph)
        else:
            # Prose after a signature is a P.S. or a footer without the usual words: read it.
            kept.append(paragraph)
    return kept, "\n\n".join(signature), "\n\n".join(footer)


def _is_the_senders_name(line: str, sender_name: str) -> bool:
    """ "Marisol Ortega" (or "Marisol") on a line of its own, from Marisol Ortega."""
    words = sender_name.split()
    line = line.strip(" -–,").casefold()
    return len(words) >= 2 and line in (sender_name.casefold(), words[0].casefold())


def _is_signature_block(text: str) -> bool:
    """Name, role, company, phone and address lines: short, without sentences."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) <= 8 and all(
        len(line) <= 90 and not re.search(r"[a-z]{3}[.!?]\s+[A-Z]", line) for line in lines
    )


def split_sentences(paragraph: str) -> list[str]:
    protected = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", _DOT), paragraph)
    sentences = []
    for piece in _SENTENCE_END.split(protected):
        sentence = " ".join(piece.replace(_DOT, ".").split())
        if sentence:
            sentences.append(sentence[:MAX_SENTENCE_CHARS])
    return sentences
