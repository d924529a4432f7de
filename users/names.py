"""One spelling per account: how usernames and emails are stored, compared and counted.

Every place that asks "which account is this name?" (registration, login, the login throttles,
password reset, social login) goes through `fold`, so a name typed in another case, in
fullwidth letters or with a long s reaches the same account and the same throttle bucket, and
the database keeps the folded names unique (users.models.AccountName).
"""

import unicodedata


def normalize(text: str) -> str:
    """What is stored: NFKC, so compatibility forms (fullwidth letters, ligatures, the long s
    "ſ") become the letters people read, as Django does for usernames."""
    return unicodedata.normalize("NFKC", text.strip())


def fold(text: str) -> str:
    """What is compared: Unicode's NFKC case folding (NFKC, case-fold, NFKC again, since
    folding can undo the normalisation), so "ALICE", "Alice" and "ａｌｉｃｅ" are one name and
    "STRASSE" is "straße". Never shown; only compared and indexed."""
    return unicodedata.normalize("NFKC", normalize(text).casefold())


def normalize_email(email: str) -> str:
    """An email as stored: NFKC, the domain in lower case (it is case-insensitive), the local
    part as the user typed it."""
    local, at, domain = normalize(email).rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else normalize(email)


def is_email_shaped(text: str) -> bool:
    return "@" in text
