"""Render a labelled mail corpus from its story files into real mail files.

    python tests/mail_corpus/render.py tests/mail_corpus/dev        # writes dev/mail + labels
    python tests/mail_corpus/render.py tests/mail_corpus/dev --check  # fails if out of date

A corpus folder holds `corpus.json` (the mailbox owner), `stories/*.json` (what people write)
and, rendered from them, `mail/NNNN.eml` (what the importer reads: RFC 822 files as a Google
Takeout export has them, with `X-GM-THRID` and `X-Gmail-Labels`) and `labels.json` (what each
file is, for `manage.py eval_mail`). File names say nothing about their content.

A story is one application (or, with `"company": null`, a set of unrelated not-job mails):

    {"id": "acme-data-engineer", "company": "Acme Robotics", "title": "Data Engineer",
     "messages": [{"kind": "application_confirmation", "date": "2026-03-02T09:15:00-05:00",
                   "from": "Acme Robotics Careers <careers@acmerobotics.com>",
                   "subject": "We received your application", "text": "Hi Jamie, ..."}]}

Message keys (only kind, date, from, subject and text or html are required):

* kind: application_confirmation | interview_invitation | assessment | rejection | offer |
  not_job; onsite: true for an onsite / final-round interview invitation.
* date: ISO 8601 with its UTC offset. from, to, cc, reply_to: address headers (to defaults to
  the mailbox owner).
* subject; text (plain body); html (an HTML body; without it, "html"/"alternative" layouts get
  one made from the text).
* layout: plain (default) | html | alternative (text + HTML) | mixed (alternative + the
  attachments).
* encoding: 7bit | 8bit | quoted-printable (default) | base64; charset: utf-8 (default) or any
  codec name Python knows (iso-8859-1, windows-1252, ...).
* thread: "new" (default for a story's first message) or "reply" (In-Reply-To/References the
  story's previous message, same Gmail thread). quote: true appends the previous message as
  quoted history ("On <date>, <sender> wrote:" and "> " lines; a blockquote in HTML).
* footer: text appended after the body (legal notices, unsubscribe lines).
* labels: Gmail labels, e.g. ["Sent"] for mail the owner sent (default ["Inbox"]).
* attachments: [{"filename": "offer.pdf", "content_type": "application/pdf", "text": "..."}];
  a text/calendar attachment is an invitation.
* headers: extra headers, e.g. {"List-Unsubscribe": "<https://...>"}.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any

KINDS = (
    "application_confirmation",
    "interview_invitation",
    "assessment",
    "rejection",
    "offer",
    "not_job",
)
LAYOUTS = ("plain", "html", "alternative", "mixed")
ENCODINGS = ("7bit", "8bit", "quoted-printable", "base64")
_URL = re.compile(r"https?://[^\s<>\"')]+")


class SpecError(ValueError):
    pass


@dataclass
class Rendered:
    name: str
    raw: bytes
    label: dict[str, Any]


def load_stories(corpus: Path) -> list[dict[str, Any]]:
    stories: list[dict[str, Any]] = []
    for path in sorted((corpus / "stories").glob("*.json")):
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise SpecError(f"{path}: {error}") from None
        for story in loaded:
            story["_file"] = path.name
            stories.append(story)
    return stories


def render_corpus(corpus: Path) -> tuple[list[Rendered], dict[str, Any]]:
    owner = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    stories = load_stories(corpus)
    seen_ids: set[str] = set()
    rendered: list[Rendered] = []
    story_labels: dict[str, Any] = {}
    for story in stories:
        story_id = story.get("id")
        if not story_id or story_id in seen_ids:
            raise SpecError(f"{story.get('_file')}: missing or repeated story id {story_id!r}")
        seen_ids.add(story_id)
        if story.get("company") is not None:
            story_labels[story_id] = {"company": story["company"], "title": story.get("title", "")}
        rendered.extend(_render_story(story, owner, start=len(rendered)))
    labels = {
        "owner": owner,
        "stories": story_labels,
        "messages": {item.name: item.label for item in rendered},
    }
    return rendered, labels


def _render_story(story: dict[str, Any], owner: dict[str, Any], start: int) -> list[Rendered]:
    out: list[Rendered] = []
    previous: tuple[dict[str, Any], str, str] | None = None  # (spec, Message-ID, plain text)
    thread_root = ""
    references: list[str] = []
    for position, spec in enumerate(story["messages"]):
        where = f"{story['_file']}: story {story['id']} message {position + 1}"
        _validate(spec, story, where)
        serial = start + len(out) + 1
        message_id = _message_id(story["id"], position, spec)
        replying = spec.get("thread", "new") == "reply"
        if replying and previous is None:
            raise SpecError(f"{where}: a reply needs a previous message in the story")
        if replying:
            references = [*references, previous[1]]
        else:
            references, thread_root = [], message_id
        message, text = _build(
            spec,
            owner,
            message_id,
            references,
            previous if spec.get("quote") else None,
            thread_root,
            where,
        )
        label = {
            "story": story["id"] if story.get("company") is not None else None,
            "kind": spec["kind"],
        }
        if spec.get("onsite"):
            label["onsite"] = True
        out.append(Rendered(f"{serial:04d}.eml", message.as_bytes(policy=SMTP), label))
        previous = (spec, message_id, text)
    return out


def _validate(spec: dict[str, Any], story: dict[str, Any], where: str) -> None:
    for key in ("kind", "date", "from", "subject"):
        if key not in spec:
            raise SpecError(f"{where}: missing {key!r}")
    if spec["kind"] not in KINDS:
        raise SpecError(f"{where}: unknown kind {spec['kind']!r}")
    if story.get("company") is None and spec["kind"] != "not_job":
        raise SpecError(f"{where}: a story without a company holds only not_job mail")
    if "text" not in spec and "html" not in spec:
        raise SpecError(f"{where}: needs text or html")
    if spec.get("layout", "plain") not in LAYOUTS:
        raise SpecError(f"{where}: unknown layout {spec.get('layout')!r}")
    if spec.get("encoding", "quoted-printable") not in ENCODINGS:
        raise SpecError(f"{where}: unknown encoding {spec.get('encoding')!r}")
    try:
        when = datetime.fromisoformat(spec["date"])
    except ValueError:
        raise SpecError(f"{where}: date {spec['date']!r} is not ISO 8601") from None
    if when.tzinfo is None:
        raise SpecError(f"{where}: date {spec['date']!r} needs its UTC offset")


def _message_id(story_id: str, position: int, spec: dict[str, Any]) -> str:
    digest = hashlib.sha1(f"{story_id}/{position}".encode()).hexdigest()[:16]
    domain = parseaddr(spec["from"])[1].rpartition("@")[2] or "mail.example"
    return f"<{digest}.{position}@{domain}>"


def _thread_id(root_message_id: str) -> str:
    """Gmail thread ids are 64-bit numbers; Takeout writes them in decimal."""
    return str(int(hashlib.sha1(root_message_id.encode()).hexdigest()[:15], 16))


def _build(
    spec: dict[str, Any],
    owner: dict[str, Any],
    message_id: str,
    references: list[str],
    quoted: tuple[dict[str, Any], str, str] | None,
    thread_root: str,
    where: str,
) -> tuple[EmailMessage, str]:
    """The message and its plain text (quoted history included, for the next reply to quote)."""
    message = EmailMessage()
    message["From"] = spec["from"]
    message["To"] = spec.get("to") or f"{owner['name']} <{owner['address']}>"
    for key, header in (("cc", "Cc"), ("reply_to", "Reply-To")):
        if spec.get(key):
            message[header] = spec[key]
    message["Subject"] = spec["subject"]
    message["Date"] = format_datetime(datetime.fromisoformat(spec["date"]))
    message["Message-ID"] = message_id
    if references:
        message["In-Reply-To"] = references[-1]
        message["References"] = " ".join(references)
    message["X-GM-THRID"] = _thread_id(thread_root)
    message["X-Gmail-Labels"] = ",".join(spec.get("labels") or ["Inbox"])
    for name, value in (spec.get("headers") or {}).items():
        message[name] = value
    text, markup = _bodies(spec, quoted)
    charset = spec.get("charset", "utf-8")
    cte = spec.get("encoding", "quoted-printable")
    layout = spec.get("layout", "plain")
    try:
        if layout == "plain":
            message.set_content(text, charset=charset, cte=cte)
        elif layout == "html":
            message.set_content(markup, subtype="html", charset=charset, cte=cte)
        else:
            message.set_content(text, charset=charset, cte=cte)
            message.add_alternative(markup, subtype="html", charset=charset, cte=cte)
        if layout == "mixed":
            for attachment in spec.get("attachments") or ():
                _attach(message, attachment)
    except (UnicodeError, LookupError, ValueError) as error:
        raise SpecError(f"{where}: cannot encode ({error})") from None
    _fix_boundaries(message, message_id)
    return message, text


def _bodies(
    spec: dict[str, Any], quoted: tuple[dict[str, Any], str, str] | None
) -> tuple[str, str]:
    text = spec.get("text") or _text_of_html(spec["html"])
    footer = spec.get("footer", "")
    if footer:
        text = f"{text.rstrip()}\n\n{footer.strip()}\n"
    markup = spec.get("html") or _html_of_text(text)
    if spec.get("html") and footer:
        markup = _append_html(markup, _html_of_text(footer, fragment=True))
    if quoted is not None:
        previous_spec, _, previous_text = quoted
        text = f"{text.rstrip()}\n\n{_quote_text(previous_spec, previous_text)}"
        markup = _append_html(markup, _quote_html(previous_spec, previous_text))
    return (text if text.endswith("\n") else text + "\n"), markup


def _quote_header(spec: dict[str, Any]) -> str:
    when = datetime.fromisoformat(spec["date"])
    name, address = parseaddr(spec["from"])
    who = f"{name} <{address}>" if name else address
    return f"On {when:%a, %b} {when.day}, {when:%Y at %-I:%M %p} {who} wrote:"


def _quote_text(spec: dict[str, Any], previous_text: str) -> str:
    lines = previous_text.rstrip().splitlines()
    return (
        _quote_header(spec)
        + "\n\n"
        + "\n".join(f"> {line}" if line else ">" for line in lines)
        + "\n"
    )


def _quote_html(spec: dict[str, Any], previous_text: str) -> str:
    return (
        f'<div class="gmail_quote"><div>{html.escape(_quote_header(spec))}</div>'
        f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc '
        f'solid;padding-left:1ex">{_html_of_text(previous_text, fragment=True)}'
        f"</blockquote></div>"
    )


def _html_of_text(text: str, *, fragment: bool = False) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "\n".join(
        f"<p>{_linkify(html.escape(p)).replace(chr(10), '<br>')}</p>" for p in paragraphs
    )
    if fragment:
        return body
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>p{margin:0 0 1em}</style>'
        f'</head><body style="font-family:Arial,sans-serif">{body}</body></html>'
    )


def _linkify(escaped: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)


def _append_html(markup: str, fragment: str) -> str:
    if "</body>" in markup:
        return markup.replace("</body>", fragment + "</body>", 1)
    return markup + fragment


def _text_of_html(markup: str) -> str:
    """Only for quoting an HTML-only message: the importer never sees this."""
    text = re.sub(r"(?is)<(script|style).*?</\1>", "", markup)
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</h\d>|</li>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _attach(message: EmailMessage, attachment: dict[str, Any]) -> None:
    maintype, _, subtype = attachment.get("content_type", "application/octet-stream").partition("/")
    content = attachment.get("text", "").encode("utf-8")
    if maintype == "text":
        message.add_attachment(
            content.decode(), subtype=subtype, filename=attachment.get("filename")
        )
    else:
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=attachment.get("filename")
        )


def _fix_boundaries(message: EmailMessage, message_id: str) -> None:
    """Deterministic MIME boundaries, so rendering twice gives the same bytes."""
    for depth, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"==jh{hashlib.sha1(f'{message_id}{depth}'.encode()).hexdigest()}")


def write(corpus: Path, rendered: list[Rendered], labels: dict[str, Any]) -> None:
    folder = corpus / "mail"
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*.eml"):
        stale.unlink()
    for item in rendered:
        (folder / item.name).write_bytes(item.raw)
    (corpus / "labels.json").write_text(
        json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def is_current(corpus: Path, rendered: list[Rendered], labels: dict[str, Any]) -> list[str]:
    """What differs between the rendered corpus and the files on disk."""
    problems = []
    on_disk = {path.name for path in (corpus / "mail").glob("*.eml")}
    expected = {item.name for item in rendered}
    problems += [f"stale file {name}" for name in sorted(on_disk - expected)]
    for item in rendered:
        path = corpus / "mail" / item.name
        if not path.exists() or path.read_bytes() != item.raw:
            problems.append(f"{item.name} differs")
    labels_path = corpus / "labels.json"
    if not labels_path.exists() or json.loads(labels_path.read_text("utf-8")) != labels:
        problems.append("labels.json differs")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="render in memory and print a summary; write nothing",
    )
    args = parser.parse_args()
    failed = False
    for corpus in args.corpus:
        try:
            rendered, labels = render_corpus(corpus)
        except SpecError as error:
            sys.exit(f"{corpus}: {error}")
        if args.check:
            problems = is_current(corpus, rendered, labels)
            if problems:
                failed = True
                print(f"{corpus}: out of date ({', '.join(problems[:5])}); run render.py")
            continue
        if not args.validate:
            write(corpus, rendered, labels)
        kinds: dict[str, int] = {}
        for item in rendered:
            kinds[item.label["kind"]] = kinds.get(item.label["kind"], 0) + 1
        print(f"{corpus}: {len(rendered)} messages, {len(labels['stories'])} applications, {kinds}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
