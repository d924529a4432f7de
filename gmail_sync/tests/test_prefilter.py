"""The quick RE2 search never rejects a text the exact pattern matches, so prefiltered tables
read mail exactly as Python's `re` alone would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gmail_sync import phrases
from gmail_sync.parsing import parse_rfc822
from gmail_sync.prefilter import Phrases, relaxed
from gmail_sync.reading import read

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "mail_corpus"


def every_table() -> dict[str, Phrases]:
    tables = {name: value for name, value in vars(phrases).items() if isinstance(value, Phrases)}
    tables.update({f"ANY_EVENT[{kind}]": table for kind, table in phrases.ANY_EVENT.items()})
    tables.update({f"NOT_JOB[{family}]": table for family, table in phrases.NOT_JOB.items()})
    return tables


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*/mail/*.eml")):
        reading = read(parse_rfc822(path.read_bytes()))
        texts += [reading.subject, *reading.sentences, reading.signature, reading.footer]
    return texts


def test_every_table_is_prefiltered():
    assert {
        "ANY_NOT_JOB",
        "ANY_ROLE",
        "CONDITIONAL",
        "FOOTER",
        "DECISIVE",
        "ANY_EVENT[rejection]",
        "NOT_JOB[scam]",
    } <= set(every_table())


@pytest.mark.parametrize("name", sorted(every_table()))
def test_the_quick_search_passes_whatever_the_exact_pattern_finds(name, corpus_texts):
    table = every_table()[name]

    missed = [
        text for text in corpus_texts if table.exact.search(text) and not table.may_match(text)
    ]

    assert not missed, missed[:3]
    assert any(table.exact.search(text) for text in corpus_texts) or name in (
        "OFFER_DENIED",
        "INTERVIEW_LATER",
    )


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bunfortunately\b(?![^.]*\breply\b)", "Unfortunately, no."),
        (r"(?<!not )selected", "you were selected"),
        (r"^thanks", "thanks for applying"),
        (r"offer(?:ed)?$", "we offered"),
        (r"[\w-]+ role", "a data-engineer role"),
        (r"café\b", "Café Nord hires"),
        (r"(?P<name>[A-Z]\w+) has invited you", "Ørsted has invited you"),
        (r"(?:\w+ ){0,3}?interview", "a short phone interview"),
        (r"within \d+ days", "within ٣ days"),
        (r"next\sstep", "next\u00a0step"),
    ],
)
def test_a_relaxed_pattern_matches_whatever_the_pattern_matches(pattern, text):
    assert re.search(pattern, text, re.IGNORECASE)
    assert Phrases(pattern, re.IGNORECASE).may_match(text)


def test_relaxing_drops_what_re2_cannot_search():
    assert relaxed(r"\bno\b(?!t)(?<=o)", re.IGNORECASE) == "(?i)no"
    assert relaxed(r"a{2,5}?b{3}") == "a*b*"
    assert relaxed(r"(?P<x>a)(b)") == "(?:a)(?:b)"


def test_a_verbose_pattern_is_refused_not_misread():
    with pytest.raises(ValueError):
        relaxed("a  # a comment", re.VERBOSE)
