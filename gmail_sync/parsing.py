"""Turn one mail (a Gmail API message dict or raw RFC 822 bytes) into a `ParsedMail`.

Pure functions: no database, no network. Both entry points, `parse_gmail_message` for the Gmail
sync and `parse_rfc822` for `manage.py import_mail`, end in the same `_build_parsed_mail`, so a
message classifies the same way whichever road it came in by.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import hashlib
import quopri
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import Any, cast

# A 5 MB marketing mail must neither exhaust memory in the sync nor bloat the stored email row:
# text and HTML are cut to this many characters (and `truncated` is set), then still classified.
MAX_BODY_CHARS = 100_000
# HTML is far more verbose than the text it holds; parse up to this many characters of it.
HTML_PARSE_FACTOR = 10
MAX_LINKS = 100
MAX_CALENDAR_CHARS = 50_000
TEXT_TYPES = ("text/plain", "text/html")
CALENDAR_TYPES = ("text/calendar", "application/ics")
MAX_MESSAGE_ID_CHARS = 255

SENT_LABEL = "SENT"

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template"})
# Mailers pad preheaders with invisible characters; they would split words the classifier needs.
_INVISIBLE_CHARS = dict.fromkeys(map(ord, "\u00ad\u034f\u200b\u200c\u200d\u2060\ufeff"))
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_URL_TRAILING_PUNCTUATION = ".,;:!?"
# Gmail normally strips the transfer encoding from body.data; when quoted-printable markers are
# still present (double-encoded bodies) undo it, otherwise leave text such as "?page=20" alone.
_LEFTOVER_QP = re.compile(rb"=(?:\r?\n|3D|[89A-F][0-9A-F])")
# Private-use sentinels that mark <blockquote> in extracted text until _mark_quotes runs.
_QUOTE_START, _QUOTE_END = "\ue000", "\ue001"
_CONTROL_CHARS = dict.fromkeys([*range(0x20), 0x7F], " ")
_BASE64URL_ALPHABET = re.compile(r"[^A-Za-z0-9_\-]")
# Many "ISO-8859-1" mails really carry Windows-1252 punctuation (curly quotes, dashes); HTML5
# decoders make the same substitution.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}


class MalformedMessage(Exception):
    """A message that cannot be used at all; `reason` is recorded on the failed sync item."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedMail:
    msg_id: str  # Gmail's message id, or the Message-ID header for a file
    thread_id: str
    subject: str
    sender_name: str
    sender_address: str  # lower-cased
    recipients: tuple[str, ...]  # lower-cased addresses from To and Cc
    date: datetime  # always aware; keeps the sender's UTC offset when read from the Date header
    date_from_header: bool  # False when the Date header was missing/unparseable
    text: str  # plain text (HTML converted when no text/plain part), whitespace normalised
    html: str
    links: tuple[str, ...]
    label_ids: tuple[str, ...]
    is_sent_by_user: bool
    truncated: bool  # text or html was cut to the size cap
    message_id_header: str = ""  # the RFC 5322 Message-ID without <>: one message however it
    # came in (Takeout, then the Gmail sync)
    from_gmail: bool = True  # False for a file read by import_mail: msg_id is no Gmail id
    calendar: str = ""  # a calendar invitation's text/calendar part (RFC 5545), if any

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2]


@dataclass(frozen=True)
class _BodyPart:
    mime_type: str  # "text/plain" or "text/html"
    content: str


# --------------------------------------------------------------------------- Gmail API dicts


def parse_gmail_message(
    message: Mapping[str, Any], *, max_body_chars: int = MAX_BODY_CHARS
) -> ParsedMail:
    """Parse a `users.messages.get(format="full")` response."""
    if not isinstance(message, Mapping):
        raise MalformedMessage("not a message object")
    msg_id = message.get("id")
    payload = message.get("payload")
    if not msg_id:
        raise MalformedMessage("missing message id")
    if not isinstance(payload, Mapping):
        raise MalformedMessage("missing payload")
    label_ids = tuple(message.get("labelIds") or ())
    return _build_parsed_mail(
        msg_id=clean_message_id(str(msg_id)),
        thread_id=str(message.get("threadId") or msg_id),
        headers=_gmail_headers(payload),
        body_parts=list(_gmail_body_parts(payload)),
        label_ids=label_ids,
        fallback_date=_internal_date(message.get("internalDate")),
        max_body_chars=max_body_chars,
    )


def _gmail_headers(part: Mapping[str, Any]) -> dict[str, str]:
    """Header name (lower-cased) -> first value, RFC 2047 words decoded."""
    headers: dict[str, str] = {}
    for header in part.get("headers") or ():
        name = str(header.get("name", "")).lower()
        if name and name not in headers:
            headers[name] = clean_header(_decode_header_words(str(header.get("value", ""))))
    return headers


def clean_header(value: str) -> str:
    """Control characters (NUL included: PostgreSQL text cannot hold it) and line breaks out,
    whitespace runs collapsed: a broken header is read as well as it can be, never fatal."""
    return " ".join(value.translate(_CONTROL_CHARS).split())


def clean_message_id(value: str) -> str:
    """`<abc@host>` -> `abc@host`; whitespace and control characters removed."""
    return "".join(clean_header(value).split()).strip("<>")


def _decode_header_words(value: str) -> str:
    """RFC 2047 "=?charset?Q?...?=" words, each decoded as leniently as a body is."""
    if "=?" not in value:
        return value
    try:
        chunks = decode_header(value)
    except (ValueError, binascii.Error):
        return value
    return "".join(
        chunk if isinstance(chunk, str) else _decode_bytes(chunk, charset)
        for chunk, charset in chunks
    )


def _gmail_body_parts(payload: Mapping[str, Any]) -> Iterator[_BodyPart]:
    """Text and HTML leaves of the MIME tree in document order, attachments skipped.

    Walks with an explicit stack: a hostile mail nested a thousand levels deep must not hit
    Python's recursion limit.
    """
    stack = [payload]
    while stack:
        part = stack.pop()
        children = part.get("parts")
        if children:
            stack.extend(reversed(children))
        elif leaf := _gmail_text_leaf(part):
            yield leaf


def _gmail_text_leaf(part: Mapping[str, Any]) -> _BodyPart | None:
    mime_type = str(part.get("mimeType", "")).lower()
    if not _is_wanted(mime_type, attachment=_is_gmail_attachment(part)):
        return None
    headers = _gmail_headers(part)
    raw = _decode_base64url(str((part.get("body") or {}).get("data") or ""))
    if headers.get("content-transfer-encoding", "").strip().lower() == "quoted-printable":
        raw = _undo_leftover_quoted_printable(raw)
    return _BodyPart(mime_type, _decode_bytes(raw, _charset_of(headers.get("content-type", ""))))


def _is_gmail_attachment(part: Mapping[str, Any]) -> bool:
    disposition = _gmail_headers(part).get("content-disposition", "")
    return bool(part.get("filename")) or disposition.strip().lower().startswith("attachment")


def _decode_base64url(data: str) -> bytes:
    """Decode Gmail's base64url, padded or not; salvage what is decodable from broken data."""
    cleaned = _BASE64URL_ALPHABET.sub("", data.replace("+", "-").replace("/", "_"))
    if len(cleaned) % 4 == 1:  # one stray character can never be decoded: drop it
        cleaned = cleaned[:-1]
    return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))


def _undo_leftover_quoted_printable(raw: bytes) -> bytes:
    return quopri.decodestring(raw) if _LEFTOVER_QP.search(raw) else raw


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([^\";\s]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _internal_date(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


# --------------------------------------------------------------------------- RFC 822 bytes


def parse_rfc822(
    raw: bytes,
    *,
    received_at: datetime | None = None,
    max_body_chars: int = MAX_BODY_CHARS,
) -> ParsedMail:
    """Parse one .eml file or mbox entry. `received_at` (e.g. the mbox From_ line) stands in
    for a missing Date header the way Gmail's internalDate does."""
    # compat32: the default policy parses every header into objects this reader never uses
    # (three times slower); headers are decoded below, leniently.
    message = BytesParser(policy=policy.compat32).parsebytes(raw)
    headers = _rfc822_headers(message)
    msg_id = _rfc822_msg_id(headers, raw)
    labels = _takeout_labels(headers.get("x-gmail-labels", ""))
    return _build_parsed_mail(
        msg_id=msg_id,
        thread_id=_takeout_thread_id(headers) or _thread_root(headers) or msg_id,
        headers=headers,
        body_parts=list(_rfc822_body_parts(message)),
        label_ids=labels,
        fallback_date=received_at,
        max_body_chars=max_body_chars,
        from_gmail=False,
    )


def rfc822_message_id(raw: bytes, headers: Message | None = None) -> str:
    """The `msg_id` `parse_rfc822` gives these bytes, even when they do not parse as a mail:
    what `import_mail` skips a message by, or records its failure under. `headers`: the
    bytes' headers when already parsed (compat32)."""
    if headers is None:
        headers = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    return _rfc822_msg_id(_rfc822_headers(headers), raw)


def _rfc822_msg_id(headers: Mapping[str, str], raw: bytes) -> str:
    return clean_message_id(headers.get("message-id", "")) or _content_hash(raw)


def _takeout_thread_id(headers: Mapping[str, str]) -> str:
    """Takeout writes Gmail's thread id in decimal (`X-GM-THRID`); the Gmail API in hex. One
    spelling, the API's, so a thread is one thread whichever way its mails came in."""
    value = headers.get("x-gm-thrid", "").strip()
    return f"{int(value):x}" if value.isdigit() else value


def _rfc822_headers(message: Message) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key not in headers:
            headers[key] = clean_header(_decode_header_words(_without_surrogates(value)))
    return headers


def _without_surrogates(value: str) -> str:
    """Undecoded 8-bit header bytes arrive as surrogate escapes; read them as UTF-8."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _content_hash(raw: bytes) -> str:
    """A stable id for messages without Message-ID, so re-imports stay idempotent."""
    return "sha256-" + hashlib.sha256(raw).hexdigest()[:32]


def _thread_root(headers: Mapping[str, str]) -> str:
    references = (headers.get("references") or headers.get("in-reply-to") or "").split()
    return clean_message_id(references[0]) if references else ""


def _takeout_labels(value: str) -> tuple[str, ...]:
    """Google Takeout's `X-Gmail-Labels: Inbox,Sent,Category Updates` as Gmail label ids."""
    names = (name.strip() for name in value.split(","))
    return tuple(name.upper().replace(" ", "_") for name in names if name)


def _rfc822_body_parts(message: Message) -> Iterator[_BodyPart]:
    for part in message.walk():
        mime_type = part.get_content_type()
        if not _is_wanted(mime_type, attachment=_is_rfc822_attachment(part)):
            continue
        # decode=True gives the part's bytes (None for a multipart container)
        raw = cast("bytes | None", part.get_payload(decode=True)) or b""
        yield _BodyPart(mime_type, _decode_bytes(raw, part.get_content_charset()))


def _is_wanted(mime_type: str, *, attachment: bool) -> bool:
    """The text of the mail, and a calendar invitation (inline or as invite.ics)."""
    return mime_type in CALENDAR_TYPES or (mime_type in TEXT_TYPES and not attachment)


def _is_rfc822_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment" or bool(part.get_filename())


# --------------------------------------------------------------------------- shared assembly


def _build_parsed_mail(
    *,
    msg_id: str,
    thread_id: str,
    headers: Mapping[str, str],
    body_parts: list[_BodyPart],
    label_ids: tuple[str, ...],
    fallback_date: datetime | None,
    max_body_chars: int,
    from_gmail: bool = True,
) -> ParsedMail:
    subject = _strip_line(headers.get("subject", ""))
    plain = "\n\n".join(p.content for p in body_parts if p.mime_type == "text/plain")
    calendar = next((p.content for p in body_parts if p.mime_type in CALENDAR_TYPES), "")
    html = "\n".join(p.content for p in body_parts if p.mime_type == "text/html")
    html_text, html_links = html_to_text_and_links(html[: max_body_chars * HTML_PARSE_FACTOR])
    text = normalise_whitespace(plain) or html_text
    if not subject and not text:
        raise MalformedMessage("no subject and no body")
    date, date_from_header = _message_date(headers.get("date", ""), fallback_date)
    sender_name, sender_address = email.utils.parseaddr(headers.get("from", ""))
    return ParsedMail(
        msg_id=msg_id,
        message_id_header=clean_message_id(headers.get("message-id", ""))[:MAX_MESSAGE_ID_CHARS],
        thread_id=thread_id,
        subject=subject,
        sender_name=_strip_line(sender_name),
        sender_address=sender_address.strip().lower(),
        recipients=_recipients(headers),
        date=date,
        date_from_header=date_from_header,
        text=text[:max_body_chars],
        html=html[:max_body_chars],
        links=_links(html_links, text),
        label_ids=label_ids,
        is_sent_by_user=SENT_LABEL in label_ids,
        truncated=len(text) > max_body_chars or len(html) > max_body_chars,
        from_gmail=from_gmail,
        calendar=calendar[:MAX_CALENDAR_CHARS],
    )


def _strip_line(value: str) -> str:
    return " ".join(value.split())


def _recipients(headers: Mapping[str, str]) -> tuple[str, ...]:
    fields = [headers.get("to", ""), headers.get("cc", "")]
    return tuple(addr.lower() for _, addr in email.utils.getaddresses(fields) if "@" in addr)


def _message_date(header: str, fallback: datetime | None) -> tuple[datetime, bool]:
    """The Date header with its own UTC offset; else the fallback (flagged); else malformed."""
    try:
        parsed = email.utils.parsedate_to_datetime(header) if header.strip() else None
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        # "-0000" means "zone unknown": RFC 5322 says to read it as UTC.
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), True
    if fallback is None:
        raise MalformedMessage("no usable date")
    return (fallback if fallback.tzinfo else fallback.replace(tzinfo=UTC)), False


def _links(html_links: list[str], text: str) -> tuple[str, ...]:
    found = html_links + [
        m.group(0).rstrip(_URL_TRAILING_PUNCTUATION) for m in _URL_IN_TEXT.finditer(text)
    ]
    return tuple(dict.fromkeys(found))[:MAX_LINKS]


# --------------------------------------------------------------------------- text helpers


def _decode_bytes(raw: bytes, charset: str | None) -> str:
    """Decode with the declared charset; unknown charsets fall back to UTF-8; never raises."""
    name = (charset or "utf-8").strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return raw.decode(name, errors="replace")
    except (LookupError, UnicodeError, ValueError):  # unknown, non-text ("zlib") or NUL names
        return raw.decode("utf-8", errors="replace")


def normalise_whitespace(text: str) -> str:
    """Collapse runs of spaces inside lines, keep paragraph breaks (at most one blank line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE_CHARS)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text_and_links(html: str) -> tuple[str, list[str]]:
    """Visible text of an HTML body (blocks become paragraphs) and its http(s) link targets.

    The stdlib parser rather than html2text: html2text emits Markdown escapes and link syntax
    that would end up inside the sentences the classifier quotes as evidence.
    """
    if not html:
        return "", []
    extractor = _TextAndLinkExtractor()
    extractor.feed(html)
    extractor.close()
    return _mark_quotes(normalise_whitespace("".join(extractor.chunks))), extractor.links


def _mark_quotes(text: str) -> str:
    """Lines inside <blockquote> get "> " (once per level), as a text/plain reply quotes them,
    so the reader sets quoted history aside the same way for HTML-only mail."""
    if _QUOTE_START not in text:
        return text
    depth, lines = 0, []
    for line in text.split("\n"):
        depth += line.count(_QUOTE_START) - line.count(_QUOTE_END)
        line = line.replace(_QUOTE_START, "").replace(_QUOTE_END, "").strip()
        if line:
            lines.append("> " * max(depth, 0) + line)
        elif lines and lines[-1] not in ("", ">"):
            lines.append(">" if depth > 0 else "")
    return "\n".join(lines).strip()


class _TextAndLinkExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.chunks.append(f"\n\n{_QUOTE_START}")
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.chunks.append(f"{_QUOTE_END}\n\n")
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.chunks.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python's parser raises AssertionError on a bogus "<![KEYWORD" in broken HTML;
        # skip to the next ">" as a browser would.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1
