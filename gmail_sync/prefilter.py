"""Long phrase tables searched fast: RE2 tells which texts cannot match, Python's `re` finds
the match in the few that can.

Python's `re` tries every alternative at every word of a sentence, so a table of a few hundred
phrases costs hundreds of microseconds per sentence, and most sentences match none of them.
RE2 (Google's automaton-based engine) answers "could any of these phrases be here?" in one
pass whatever their number. It has no lookarounds and only an ASCII `\\b`, so it searches a
*relaxed* copy of each pattern: lookarounds, word boundaries and anchors dropped, bounded
repeats left open, `\\w` spelt as Unicode letters and digits. Every relaxation only widens what
matches, so a text the relaxed copy rejects is one the exact pattern rejects too; the exact
pattern then decides, and the result is the same as searching with `re` alone
(gmail_sync/tests/test_prefilter.py checks both on every sentence of the mail corpora).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import re2
from re2 import _re2  # the engine itself: the package's str wrapper costs more than a search

# RE2 builds its automaton lazily within this budget per pattern; past it, it falls back to a
# slower (still linear) search instead of failing.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 64 << 20
_UNANCHORED = re2._Anchor.UNANCHORED
_NO_MATCH = (-1, -1)
_LOOKAROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")
# Python's str classes are Unicode-wide, RE2's shorthands ASCII: spelt out (or wider).
_WIDER = {r"\w": r"\pL\pN_", r"\d": r"\pN", r"\s": r"\s\pZ\x85"}


class Phrases:
    """A compiled pattern with Python `re`'s search, finditer and findall, prefiltered."""

    __slots__ = ("exact", "_quick")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.exact = re.compile(pattern, flags)
        self._quick = _re2.RE2(relaxed(pattern, flags).encode(), _RE2_OPTIONS)
        if not self._quick.ok():
            raise ValueError(f"RE2 cannot search {pattern!r}: {self._quick.error()}")

    @property
    def pattern(self) -> str:
        return self.exact.pattern

    def may_match(self, text: str) -> bool:
        encoded = text.encode()
        return self._quick.Match(_UNANCHORED, encoded, 0, len(encoded))[0] != _NO_MATCH

    def search(self, text: str) -> re.Match[str] | None:
        return self.exact.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.exact.finditer(text) if self.may_match(text) else iter(())

    def findall(self, text: str) -> list[str]:
        return self.exact.findall(text) if self.may_match(text) else []


def relaxed(pattern: str, flags: int = 0) -> str:
    """The pattern as RE2 can search it, matching everything it matches and possibly more."""
    if flags & re.VERBOSE:
        raise ValueError("verbose patterns cannot be relaxed")
    inline = "".join(
        letter
        for flag, letter in ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))
        if flags & flag
    )
    body = _unbounded(_relaxed_tokens(pattern))
    return f"(?{inline}){body}" if inline else body


def _relaxed_tokens(pattern: str) -> str:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(_relaxed_escape(pattern[index : index + 2], in_class))
            index += 2
        elif in_class:
            # "]" right after "[" or "[^" is a literal bracket, not the end of the class
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
            out.append(char)
            index += 1
        elif char == "[":
            in_class = True
            opener = "[^" if pattern.startswith("[^", index) else "["
            out.append(opener)
            index += len(opener)
        elif pattern.startswith(_LOOKAROUND_OPENERS, index):
            index = _group_end(pattern, index)
        elif char == "(" and (
            not pattern.startswith("(?", index) or pattern.startswith("(?P<", index)
        ):
            # capturing or named: RE2 answers fastest when there is no group to report
            index = (
                pattern.index(">", index) + 1 if pattern.startswith("(?P<", index) else (index + 1)
            )
            out.append("(?:")
        elif char in "^$":
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _relaxed_escape(escape: str, in_class: bool) -> str:
    if escape in _WIDER:
        return _WIDER[escape] if in_class else f"[{_WIDER[escape]}]"
    if escape == r"\W" and not in_class:
        return "[^" + _WIDER[r"\w"] + "]"
    if escape in (r"\b", r"\B", r"\A", r"\Z") and not in_class:
        return ""
    if escape in (r"\W", r"\b") and in_class:  # never written in our tables
        raise ValueError(f"cannot relax {escape} in a character class")
    return escape


def _group_end(pattern: str, start: int) -> int:
    """The index just past the group opening at `start`."""
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _unbounded(pattern: str) -> str:
    """`x{0,3}` -> `x*`, `x{2,5}?` -> `x*`: RE2's automaton grows with every counted repeat."""
    return re.sub(r"(?<!\\)\{\d*,?\d*\}\??", "*", pattern)
