"""A learned second reading, for mail in which no phrase family finds an event.

People write about hiring in more ways than phrase families list: "we've decided to promote
Mirela", "the client's matter settled, so the review is cancelled", "Perfect -- you're on my
calendar for Wednesday". A naive Bayes model of the words and word pairs of each kind of mail,
trained on the labelled development corpus (`manage.py train_mail_model`), reads such a mail a
second time. Only a guess this model is very sure of counts, and it then goes through every check
a phrase's event does (bulk senders, hiring context, alerts, scams, the company's name).

The model is a small table of counts (`kind_model.json.gz`): scoring a mail is a dictionary
lookup per word, with no numerical library to load in every worker.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("kind_model.json.gz")
NOT_JOB = "not_job"
# A word or word pair seen in fewer training mails than this says nothing reliable.
MIN_MAILS_PER_TOKEN = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Guess:
    kind: str
    probability: float
    position: int  # of the sentence that says it most: 0 is the subject
    sentence: str


def tokens(text: str) -> list[str]:
    """The words of a sentence, casefolded, and each pair of neighbouring words."""
    words = _WORD.findall(text.casefold())
    return [*words, *(f"{first} {second}" for first, second in pairwise(words))]


class KindModel:
    def __init__(self, kinds: list[str], mails: list[int], counts: dict[str, list[int]]) -> None:
        self.kinds = kinds
        self._not_job = kinds.index(NOT_JOB)
        vocabulary = len(counts)
        totals = [sum(column) for column in zip(*counts.values(), strict=True)]
        self._prior = [math.log((n + 1) / (sum(mails) + len(kinds))) for n in mails]
        self._weights = {
            token: [
                math.log((count + 1) / (total + vocabulary))
                for count, total in zip(row, totals, strict=True)
            ]
            for token, row in counts.items()
        }

    def guess(self, sentences: Sequence[str]) -> Guess | None:
        """The likeliest kind of a mail (its subject first, then its sentences), with the
        sentence that says it most; None when the mail holds no known word."""
        by_sentence = [{t for t in tokens(s) if t in self._weights} for s in sentences]
        seen = set().union(*by_sentence)
        if not seen:
            return None
        kind, probability = self._likeliest(seen)
        position = max(range(len(sentences)), key=lambda i: self._lean(by_sentence[i], kind))
        return Guess(self.kinds[kind], probability, position, sentences[position])

    def _likeliest(self, seen: set[str]) -> tuple[int, float]:
        scores = list(self._prior)
        for token in seen:
            for index, weight in enumerate(self._weights[token]):
                scores[index] += weight
        top = max(scores)
        return scores.index(top), 1 / sum(math.exp(score - top) for score in scores)

    def _lean(self, sentence_tokens: set[str], kind: int) -> float:
        """How much a sentence's words say `kind` rather than not-job."""
        other = self._not_job
        return sum(self._weights[t][kind] - self._weights[t][other] for t in sentence_tokens)


def train(
    examples: Iterable[tuple[str, Sequence[str]]], kinds: Sequence[str], digest: str = ""
) -> dict:
    """The model's table from (kind, sentences) examples: per token, in how many mails of each
    kind it appears; `digest` names the corpus it came from."""
    kinds = list(kinds)
    mails = [0] * len(kinds)
    counts: dict[str, list[int]] = {}
    for kind, sentences in examples:
        index = kinds.index(kind)
        mails[index] += 1
        for token in {t for sentence in sentences for t in tokens(sentence)}:
            counts.setdefault(token, [0] * len(kinds))[index] += 1
    kept = {t: row for t, row in counts.items() if sum(row) >= MIN_MAILS_PER_TOKEN}
    return {"corpus": digest, "kinds": kinds, "mails": mails, "counts": dict(sorted(kept.items()))}


def corpus_digest(labels_path: Path) -> str:
    """Which labelled corpus a model was trained on (a test checks it is the current one)."""
    return hashlib.sha256(labels_path.read_bytes()).hexdigest()[:16]


def save(table: dict, path: Path = MODEL_PATH) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(table, out, ensure_ascii=False, separators=(",", ":"))


def read_table(path: Path = MODEL_PATH) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        return json.load(source)


@lru_cache(maxsize=1)
def model() -> KindModel:
    table = read_table()
    return KindModel(table["kinds"], table["mails"], table["counts"])
