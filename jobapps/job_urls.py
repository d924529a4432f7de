"""Job posting URLs, normalised so one posting is tracked once whatever link led to it.

`normalize_job_url` is the one place this happens: the extension's capture, the CSV import,
`edit_jobapp` and the Gmail sync all call it before storing or comparing a URL, so a posting
reached through a job board's tracking link, an ATS's apply page or an embedded board is the
same application everywhere.
"""

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how the user got to a posting, not which posting it is.
TRACKING_PARAMS = frozenset(
    {
        "gclid",
        "gbraid",
        "wbraid",
        "fbclid",
        "msclkid",
        "dclid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "source",
        "src",
        "ref",
        "referrer",
        # LinkedIn
        "trk",
        "trkinfo",
        "refid",
        "trackingid",
        "lipi",
        "ebp",
        # Greenhouse, Lever
        "gh_src",
        "lever-source",
        "lever-origin",
    }
)
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def is_tracking_param(name: str) -> bool:
    # Lever also sends `lever-source[]=...`.
    lowered = name.lower().removesuffix("[]")
    return lowered.startswith(TRACKING_PREFIXES) or lowered in TRACKING_PARAMS


def normalize_job_url(url: str) -> str:
    """The posting's canonical URL for the ATSs and boards we know (see `_canonical`);
    otherwise the URL with lowercase scheme and host and without default port, fragment,
    tracking parameters or trailing slash, the remaining parameters sorted (their order never
    identifies a posting). Normalising a normalised URL changes nothing."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[" in the host: nothing we can take apart
        return text
    link = _Link.of(parts)
    return _canonical(link) or link.generic()


class _Link:
    """A URL taken apart: lowercase host without default port, path without trailing slash
    (and its segments), query pairs without tracking parameters."""

    def __init__(self, scheme: str, host: str, path: str, query: list[tuple[str, str]]):
        self.scheme, self.host, self.path, self.query = scheme, host, path.rstrip("/"), query
        self.segments = [segment for segment in path.split("/") if segment]

    @classmethod
    def of(cls, parts: SplitResult) -> "_Link":
        scheme = parts.scheme.lower()
        host = parts.netloc.lower()
        default_port = DEFAULT_PORTS.get(scheme)
        if default_port and host.endswith(default_port):
            host = host[: -len(default_port)]
        query = [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_param(name)
        ]
        return cls(scheme, host, parts.path, query)

    def param(self, name: str) -> str:
        return next((value for key, value in self.query if key.lower() == name), "")

    def generic(self) -> str:
        return urlunsplit((self.scheme, self.host, self.path, urlencode(sorted(self.query)), ""))


# --- known ATSs and boards ----------------------------------------------------------------------
# Each returns the posting's canonical URL, or "" when the link is not one of its posting forms.

NUMBER = re.compile(r"^\d+$")
TRAILING_NUMBER = re.compile(r"(?:^|-)(\d+)$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
WORKDAY_HOST = re.compile(r"^[a-z0-9-]+\.wd\d+\.myworkdayjobs\.com$")
LOCALE = re.compile(r"^[a-z]{2}-[a-z]{2}$", re.I)
SMARTRECRUITERS_ID = re.compile(r"^(\d{6,})(?:-|$)")
INDEED_HOST = re.compile(r"^([a-z]+\.)?indeed\.[a-z.]+$")
INDEED_JOB_KEY = re.compile(r"^[0-9a-f]{16}$")


def _linkedin(link: _Link) -> str:
    """`/jobs/view/<id>`, `/jobs/view/<title>-at-<company>-<id>`, `/comm/jobs/view/<id>` (in
    LinkedIn's emails), `/jobs/search/?currentJobId=<id>`, on any LinkedIn host."""
    if link.host != "linkedin.com" and not link.host.endswith(".linkedin.com"):
        return ""
    segments = link.segments[1:] if link.segments[:1] == ["comm"] else link.segments
    job_id = ""
    if segments[:2] == ["jobs", "view"] and len(segments) >= 3:
        match = TRAILING_NUMBER.search(segments[2])
        job_id = match.group(1) if match else ""
    elif segments[:1] == ["jobs"] and NUMBER.match(link.param("currentjobid")):
        job_id = link.param("currentjobid")
    return f"https://www.linkedin.com/jobs/view/{job_id}" if job_id else ""


def _greenhouse(link: _Link) -> str:
    """`(job-)boards(.eu).greenhouse.io/<board>/jobs/<id>` and the embedded
    `/embed/job_app?for=<board>&token=<id>`, as the current job-boards host serves them."""
    region = {
        "boards.greenhouse.io": "",
        "job-boards.greenhouse.io": "",
        "boards.eu.greenhouse.io": ".eu",
        "job-boards.eu.greenhouse.io": ".eu",
    }
    if link.host not in region:
        return ""
    segments = link.segments
    if len(segments) >= 3 and segments[1] == "jobs" and NUMBER.match(segments[2]):
        board, job_id = segments[0], segments[2]
    elif (
        segments == ["embed", "job_app"] and link.param("for") and NUMBER.match(link.param("token"))
    ):
        board, job_id = link.param("for"), link.param("token")
    else:
        return ""
    return f"https://job-boards{region[link.host]}.greenhouse.io/{board.lower()}/jobs/{job_id}"


def _lever(link: _Link) -> str:
    """`jobs(.eu).lever.co/<company>/<posting uuid>` and its `/apply` page."""
    segments = link.segments
    if link.host not in ("jobs.lever.co", "jobs.eu.lever.co") or len(segments) < 2:
        return ""
    if not UUID.match(segments[1]) or segments[2:] not in ([], ["apply"]):
        return ""
    return f"https://{link.host}/{segments[0].lower()}/{segments[1].lower()}"


def _ashby(link: _Link) -> str:
    """`jobs.ashbyhq.com/<company>/<posting uuid>` and its `/application` page."""
    segments = link.segments
    if link.host != "jobs.ashbyhq.com" or len(segments) < 2 or not UUID.match(segments[1]):
        return ""
    if segments[2:] not in ([], ["application"]):
        return ""
    return f"https://jobs.ashbyhq.com/{segments[0]}/{segments[1].lower()}"


def _smartrecruiters(link: _Link) -> str:
    """`jobs.smartrecruiters.com/<Company>/<id>-<title slug>`: the id alone identifies it."""
    segments = link.segments
    if link.host != "jobs.smartrecruiters.com" or len(segments) != 2:
        return ""
    job_id = SMARTRECRUITERS_ID.match(segments[1])
    return f"https://jobs.smartrecruiters.com/{segments[0]}/{job_id.group(1)}" if job_id else ""


def _workday(link: _Link) -> str:
    """`<tenant>.wd<N>.myworkdayjobs.com/[<locale>/]<site>/job/<location>/<title>_<id>` (or
    `/details/<title>_<id>`), without the locale and the `/apply...` pages that follow it."""
    if not WORKDAY_HOST.match(link.host):
        return ""
    segments = link.segments
    if segments and LOCALE.match(segments[0]):
        segments = segments[1:]
    if len(segments) < 3 or segments[1] not in ("job", "details"):
        return ""
    if "apply" in segments:
        segments = segments[: segments.index("apply")]
    if "_" not in segments[-1]:
        return ""
    return f"https://{link.host}/" + "/".join(segments)


def _indeed(link: _Link) -> str:
    """Indeed's `viewjob?jk=<key>` and the click-through and search pages that carry one."""
    if not INDEED_HOST.match(link.host):
        return ""
    job_key = link.param("jk") or link.param("vjk")
    if not INDEED_JOB_KEY.match(job_key):
        return ""
    host = link.host.removeprefix("m.")
    if host.startswith("indeed."):
        host = "www." + host
    return f"https://{host}/viewjob?jk={job_key}"


CANONICALISERS = (_linkedin, _greenhouse, _lever, _ashby, _smartrecruiters, _workday, _indeed)


def _canonical(link: _Link) -> str:
    if link.scheme not in ("http", "https"):
        return ""
    return next((url for canonical in CANONICALISERS if (url := canonical(link))), "")
