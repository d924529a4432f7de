"""Gmail's search syntax, as far as JobHax's queries use it, for the fake Gmail server.

Words and quoted phrases (whole words, case-insensitive) in the subject, the body, the sender
and the recipients; implicit AND; OR and ``{...}``; parentheses; ``-`` negation; ``from:``,
``to:`` and ``subject:`` (with a word, a phrase or a parenthesised expression);
``newer_than:``/``older_than:`` (d, m, y), ``after:``/``before:``; ``in:`` and ``label:``;
``category:``. Unknown operators match nothing, as Gmail's do, so a typo in the real query
shows up as lost recall in the tests rather than passing silently.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

_TOKEN = re.compile(
    r'\s*(?:(?P<open>[({])|(?P<close>[)}])|(?P<phrase>"[^"]*")|'
    r'(?P<word>[^\s(){}"]+))'
)
_WORD = re.compile(r"[\w']+")
_CATEGORY_LABELS = {
    "primary": "CATEGORY_PERSONAL",
    "social": "CATEGORY_SOCIAL",
    "promotions": "CATEGORY_PROMOTIONS",
    "updates": "CATEGORY_UPDATES",
    "forums": "CATEGORY_FORUMS",
}


@dataclass(frozen=True)
class SearchableMessage:
    """What Gmail searches in a message: its words by field, its labels and its date."""

    subject: tuple[str, ...]
    body: tuple[str, ...]
    sender: str  # the From header, lower-cased
    recipients: str
    labels: frozenset[str]
    received: datetime

    @property
    def everything(self) -> tuple[str, ...]:
        return (*self.subject, *self.body, *_words(self.sender), *_words(self.recipients))


def searchable(message: dict[str, Any]) -> SearchableMessage:
    payload = message.get("payload") or {}
    headers = {h["name"].lower(): h["value"] for h in payload.get("headers", ())}
    return SearchableMessage(
        subject=_words(headers.get("subject", "")),
        body=_words(" ".join(_texts(payload))),
        sender=headers.get("from", "").lower(),
        recipients=" ".join(headers.get(name, "") for name in ("to", "cc")).lower(),
        labels=frozenset(message.get("labelIds") or ()),
        received=datetime.fromtimestamp(int(message.get("internalDate", 0)) / 1000, UTC),
    )


def _texts(part: dict[str, Any]) -> Iterator[str]:
    for child in part.get("parts") or ():
        yield from _texts(child)
    data = (part.get("body") or {}).get("data")
    mime_type = part.get("mimeType", "")
    if data and mime_type in ("text/plain", "text/html"):
        text = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8", "replace")
        yield html.unescape(re.sub(r"<[^>]+>", " ", text)) if mime_type == "text/html" else text


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


Matcher = Callable[[SearchableMessage], bool]


def compile_query(query: str, *, now: datetime | None = None) -> Matcher:
    """A predicate over `SearchableMessage` for a Gmail search string."""
    # Every token that is not blank is one of _TOKEN's four groups.
    tokens = [match for match in _TOKEN.finditer(query) if match.group().strip()]
    parser = _Parser(
        [(match.lastgroup or "", match.group(match.lastgroup or 0)) for match in tokens],
        now or datetime.now(UTC),
    )
    matcher = parser.expression()
    if parser.position != len(parser.tokens):
        raise ValueError(f"unbalanced search query near token {parser.position}: {query!r}")
    return matcher


class _Parser:
    """expression := term+ ("OR" term+)*; term := "-"? atom; atom := "(" expression ")" |
    operator ":" value | phrase | word."""

    def __init__(self, tokens: list[tuple[str, str]], now: datetime) -> None:
        self.tokens = tokens
        self.position = 0
        self.now = now

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self, field: str | None = None) -> Matcher:
        alternatives = [self.conjunction(field)]
        while self.peek() == ("word", "OR"):
            self.take()
            alternatives.append(self.conjunction(field))
        return (
            alternatives[0]
            if len(alternatives) == 1
            else (lambda message: any(alternative(message) for alternative in alternatives))
        )

    def conjunction(self, field: str | None) -> Matcher:
        terms = []
        while (
            (token := self.peek()) is not None and token[0] != "close" and token != ("word", "OR")
        ):
            terms.append(self.term(field))
        if not terms:
            raise ValueError("empty search expression")
        return (
            terms[0] if len(terms) == 1 else (lambda message: all(term(message) for term in terms))
        )

    def any_of(self, field: str | None) -> Matcher:
        """`{a b c}`: Gmail's other way to write a OR b OR c."""
        terms = []
        while (token := self.peek()) is not None and token[0] != "close":
            terms.append(self.term(field))
        return lambda message: any(term(message) for term in terms)

    def term(self, field: str | None) -> Matcher:
        kind, text = self.peek() or ("", "")
        if kind == "word" and text.startswith("-") and len(text) > 1:
            self.tokens[self.position] = ("word", text[1:])
            inner = self.term(field)
            return lambda message: not inner(message)
        if kind == "open":
            bracket = self.take()[1]
            inner = self.any_of(field) if bracket == "{" else self.expression(field)
            self.take()  # the closing bracket
            return inner
        self.take()
        if field in ("from", "to"):  # an address or a name, matched as written
            return _header(field, text.strip('"'))
        if kind == "phrase":
            return _contains(field, _words(text.strip('"')))
        operator, colon, value = text.partition(":")
        if colon and operator.lower() in _OPERATORS:
            return self.operator(operator.lower(), value)
        return _contains(field, _words(text))

    def operator(self, name: str, value: str) -> Matcher:
        if not value:  # subject:(...) / from:"..." : the value is the next token
            kind, text = self.peek() or ("", "")
            if kind == "open":
                self.take()
                inner = self.expression(field=name)
                self.take()
                return inner
            self.take()
            value = text.strip('"')
        if name in ("subject", "from", "to"):
            return _contains(name, _words(value)) if name == "subject" else _header(name, value)
        return _OPERATORS[name](value, self.now)


def _contains(field: str | None, words: tuple[str, ...]) -> Matcher:
    def matches(message: SearchableMessage) -> bool:
        haystack = message.subject if field == "subject" else message.everything
        return _has_run(haystack, words)

    return matches


def _has_run(haystack: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not words:
        return True
    size = len(words)
    first = words[0]
    return any(
        haystack[index : index + size] == words
        for index, word in enumerate(haystack)
        if word == first
    )


def _header(name: str, value: str) -> Matcher:
    """`from:lever.co` matches ...@hire.lever.co and not ...@clever.com; `from:acme` matches a
    sender named Acme as well."""
    pattern = re.compile(r"(?:^|[^a-z0-9])" + re.escape(value.lower()) + r"(?![a-z0-9])")
    return lambda message: bool(
        pattern.search(message.sender if name == "from" else message.recipients)
    )


def _relative(value: str) -> timedelta:
    match = re.fullmatch(r"(\d+)([dmy])", value)
    if match is None:
        raise ValueError(f"bad relative date {value!r}")
    return timedelta(days=int(match[1]) * {"d": 1, "m": 30, "y": 365}[match[2]])


def _date(value: str) -> datetime:
    if value.isdigit():
        return datetime.fromtimestamp(int(value), UTC)
    year, month, day = (int(part) for part in re.split(r"[/-]", value))
    return datetime(year, month, day, tzinfo=UTC)


def _label(value: str) -> Matcher:
    wanted = value.upper().replace("-", "_")
    if wanted == "ANYWHERE":
        return lambda message: True
    return lambda message: wanted in message.labels


def _category(value: str) -> Matcher:
    wanted = _CATEGORY_LABELS.get(value.lower(), "")
    return lambda message: wanted in message.labels


_OPERATORS: dict[str, Callable[[str, datetime], Matcher]] = {
    "newer_than": lambda v, now: lambda m: m.received >= now - _relative(v),
    "older_than": lambda v, now: lambda m: m.received < now - _relative(v),
    "after": lambda v, now: lambda m: m.received >= _date(v),
    "before": lambda v, now: lambda m: m.received < _date(v),
    "in": lambda v, now: _label(v),
    "label": lambda v, now: _label(v),
    "category": lambda v, now: _category(v),
    "subject": lambda v, now: _contains("subject", _words(v)),
    "from": lambda v, now: _header("from", v),
    "to": lambda v, now: _header("to", v),
}
