"""Job posting URLs, normalised so one posting is tracked once whatever link led to it."""
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how the user got to a posting, not which posting it is.
TRACKING_PARAMS = frozenset({
    "gclid", "gbraid", "wbraid", "fbclid", "msclkid", "dclid", "yclid", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi",
    # LinkedIn
    "trk", "trkinfo", "refid", "trackingid", "lipi", "ebp",
})
DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMS


def normalize_job_url(url: str) -> str:
    """Lowercase scheme and host, no default port, fragment, tracking parameters or trailing
    slash; the remaining parameters sorted (their order never identifies a posting)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = DEFAULT_PORTS.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(name)
    )
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), urlencode(query), ""))
