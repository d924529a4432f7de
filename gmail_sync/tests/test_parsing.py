"""Parsing Gmail API dicts and RFC 822 bytes into ParsedMail. Pure: no Django, no database."""

import base64
import json
import mailbox
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gmail_sync.classifier import MailKind, classify
from gmail_sync.parsing import (
    MAX_BODY_CHARS,
    MalformedMessage,
    html_to_text_and_links,
    normalise_whitespace,
    parse_gmail_message,
    parse_rfc822,
)

FIXTURES = Path(__file__).parent / "fixtures"
RFC822 = FIXTURES / "rfc822"
CASES = sorted(FIXTURES.glob("*.json"))


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def parse_fixture(name: str):
    return parse_gmail_message(load(name)["message"])


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def simple_message(*, subject="Hello", body=b"Thank you for applying.", headers=(), **top):
    return {
        "id": "f00dfeed00000001",
        "threadId": "f00dfeed00000001",
        "labelIds": ["INBOX"],
        "internalDate": "1736847000000",
        **top,
        "payload": {
            "mimeType": "text/plain",
            "headers": [
                {"name": "Subject", "value": subject},
                {"name": "From", "value": "Careers <careers@sunfield-energy.example>"},
                {"name": "Date", "value": "Tue, 14 Jan 2025 09:30:00 +0000"},
                *headers,
            ],
            "body": {"data": b64url(body)},
        },
    }


# --------------------------------------------------------------------------- every fixture


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_fixture_parses_as_expected(path: Path):
    case = json.loads(path.read_text(encoding="utf-8"))
    expected, message = case["expected"], case["message"]
    if "parse_error" in expected:
        with pytest.raises(MalformedMessage) as error:
            parse_gmail_message(message)
        assert error.value.reason == expected["parse_error"]
        return

    mail = parse_gmail_message(message)

    assert mail.msg_id == message["id"]
    assert mail.thread_id == message["threadId"]
    assert mail.date.tzinfo is not None
    assert mail.date_from_header == expected.get("date_from_header", True)
    if "date" in expected:
        assert mail.date.isoformat() == expected["date"]
    if "subject" in expected:
        assert mail.subject == expected["subject"]
    if "text_contains" in expected:
        assert expected["text_contains"] in mail.text
    if "text_excludes" in expected:
        assert expected["text_excludes"] not in mail.text
    assert mail.is_sent_by_user == expected.get("is_sent_by_user", False)
    assert mail.text or mail.subject


# --------------------------------------------------------------------------- dates


def test_date_header_keeps_the_senders_time_zone():
    indeed = parse_fixture("indeed_application_cp1252")  # -0800
    workday = parse_fixture("workday_confirmation_latin1")  # +0530

    assert indeed.date.utcoffset() == timedelta(hours=-8)
    assert indeed.date.astimezone(UTC) == datetime(2025, 2, 4, 0, 45, 12, tzinfo=UTC)
    assert workday.date.utcoffset() == timedelta(hours=5, minutes=30)
    assert workday.date.astimezone(UTC) == datetime(2025, 3, 12, 4, 45, tzinfo=UTC)


def test_missing_date_uses_internal_date_and_records_it():
    mail = parse_fixture("no_date_header")

    assert mail.date == datetime(2025, 2, 12, 14, 30, tzinfo=UTC)
    assert mail.date_from_header is False


def test_no_date_header_and_no_internal_date_is_malformed():
    message = load("no_date_header")["message"]
    del message["internalDate"]

    with pytest.raises(MalformedMessage, match="no usable date"):
        parse_gmail_message(message)


def test_zone_unknown_date_is_read_as_utc():
    message = simple_message()
    message["payload"]["headers"][2]["value"] = "Tue, 14 Jan 2025 09:30:00 -0000"

    mail = parse_gmail_message(message)

    assert mail.date == datetime(2025, 1, 14, 9, 30, tzinfo=UTC)
    assert mail.date_from_header is True


# --------------------------------------------------------------------------- bodies


def test_html_only_mail_becomes_plain_text_with_its_links():
    mail = parse_fixture("linkedin_applied_html_only")

    assert "Senior Backend Engineer" in mail.text
    assert "Northwind Robotics · Lisbon, Portugal (Hybrid)" in mail.text
    assert "<" not in mail.text and "var tracking" not in mail.text
    assert "td{font-family" not in mail.text
    assert "\u200c" not in mail.text
    assert "https://www.linkedin.com/jobs/view/3812345678/?trackingId=eml" in mail.links
    assert mail.html.startswith("<!DOCTYPE html>")


def test_quoted_printable_left_in_the_body_is_decoded():
    mail = parse_fixture("greenhouse_confirmation_qp")

    assert "We’ve received your application" in mail.text
    assert "=E2" not in mail.text and "=\n" not in mail.text
    assert "?gh_src=eml&ref=3D\n" in mail.text  # "=3D3D" on the wire is a literal "=3D"
    assert "https://boards.greenhouse.io/copperleafsystems/jobs/4412345?gh_src=eml" in mail.links


def test_quoted_printable_header_on_an_already_decoded_body_changes_nothing():
    body = b"Thank you for applying. Listing: https://sunfield-energy.example/jobs?page=20"
    message = simple_message(
        body=body, headers=[{"name": "Content-Transfer-Encoding", "value": "quoted-printable"}]
    )

    assert parse_gmail_message(message).text == body.decode()


def test_windows_1252_and_latin_1_bodies_keep_their_accents_and_punctuation():
    indeed = parse_fixture("indeed_application_cp1252")
    workday = parse_fixture("workday_confirmation_latin1")

    assert "Quillstone Labs – Denver, CO" in indeed.text
    assert "“Dana Whitfield résumé.pdf”" in indeed.text
    assert "Zürich" in workday.text and "Jonas Müller" in workday.text


def test_padded_and_unpadded_base64url_decode_alike():
    text = "Thank you for applying to Sunfield Energy?>>"
    padded = base64.urlsafe_b64encode(text.encode()).decode()
    assert padded.endswith("=")
    with_padding = simple_message(body=b"")
    with_padding["payload"]["body"]["data"] = padded
    without_padding = simple_message(body=text.encode())

    assert parse_gmail_message(with_padding).text == text
    assert parse_gmail_message(without_padding).text == text


def test_broken_html_markup_does_not_stop_the_text_extraction():
    text, _ = html_to_text_and_links("<p>Thank you</p><![OCTYPE html]><p>for applying.</p>")

    assert text == "Thank you\n\nfor applying."


@pytest.mark.parametrize("charset", ["x-fixture-unknown", "zlib", "utf\x008", "rot13"])
def test_unknown_or_non_text_charsets_are_read_as_utf8(charset: str):
    message = simple_message(
        body="Thank you for applying – Zürich".encode(),
        headers=[{"name": "Content-Type", "value": f"text/plain; charset={charset}"}],
    )

    assert parse_gmail_message(message).text == "Thank you for applying – Zürich"


def test_encoded_word_with_a_garbage_charset_is_still_read():
    message = simple_message(subject="=?utf-\ufffd?Q?Thank_you?= for applying")

    assert parse_gmail_message(message).subject == "Thank you for applying"


def test_deeply_nested_multipart_is_walked_without_recursion():
    part = {"mimeType": "text/plain", "headers": [], "body": {"data": b64url(b"Deep inside")}}
    for _ in range(5000):
        part = {"mimeType": "multipart/mixed", "headers": [], "parts": [part]}
    message = simple_message()
    message["payload"] = {**part, "headers": message["payload"]["headers"]}

    assert parse_gmail_message(message).text == "Deep inside"


def test_broken_base64_is_salvaged_instead_of_failing():
    mail = parse_fixture("broken_base64")

    assert "Battery Storage Engineer position" in mail.text


def test_attachments_are_not_read_as_body_text():
    mail = parse_fixture("lever_interview_onsite_nested")

    assert "onsite interview at our Portland office" in mail.text
    assert "Onsite-agenda.pdf" not in mail.text


def test_plain_text_part_is_preferred_and_html_kept_for_storage():
    mail = parse_fixture("lever_confirmation")

    assert mail.text.startswith("Hi Dana,\n\nThanks for applying")
    assert "<table" in mail.html


def test_five_megabyte_body_is_capped_not_rejected():
    filler = "Our benefits include a generous learning budget. " * 110_000  # ~5.4 MB
    body = f"Thank you for applying to Sunfield Energy.\n{filler}".encode()

    mail = parse_gmail_message(simple_message(body=body))

    assert len(body) > 5_000_000
    assert len(mail.text) == MAX_BODY_CHARS
    assert mail.truncated is True
    assert mail.text.startswith("Thank you for applying to Sunfield Energy.")


def test_body_cap_is_configurable():
    mail = parse_gmail_message(simple_message(body=b"x" * 500), max_body_chars=100)

    assert len(mail.text) == 100 and mail.truncated


def test_mail_with_neither_subject_nor_body_is_malformed_but_subject_alone_is_enough():
    with pytest.raises(MalformedMessage, match="no subject and no body"):
        parse_gmail_message(simple_message(subject="", body=b"   \r\n "))

    assert parse_gmail_message(simple_message(subject="Offer", body=b"")).subject == "Offer"


def test_message_without_id_is_malformed():
    message = simple_message()
    del message["id"]

    with pytest.raises(MalformedMessage, match="missing message id"):
        parse_gmail_message(message)


# --------------------------------------------------------------------------- headers


def test_sender_recipients_and_labels_are_read():
    mail = parse_fixture("sent_by_user")

    assert mail.sender_name == "Dana Whitfield"
    assert mail.sender_address == "dana.whitfield@example.com"
    assert mail.sender_domain == "example.com"
    assert mail.recipients == ("priya.nandakumar@harborlight-health.example",)
    assert mail.label_ids == ("SENT",)
    assert mail.is_sent_by_user is True


def test_encoded_word_headers_are_decoded():
    message = simple_message(subject="=?UTF-8?B?WW91ciBhcHBsaWNhdGlvbiDigJMgWsO8cmljaA==?=")
    message["payload"]["headers"][1]["value"] = "=?ISO-8859-1?Q?J=F6rg_at_Kestrel?= <j@k.example>"

    mail = parse_gmail_message(message)

    assert mail.subject == "Your application – Zürich"
    assert mail.sender_name == "Jörg at Kestrel"


def test_normalise_whitespace_keeps_paragraphs_and_drops_padding():
    text = "Hello\u00a0 \t Dana,\r\n\r\n\r\n\r\nThank\u200b you \n  for applying.  "

    assert normalise_whitespace(text) == "Hello Dana,\n\nThank you\nfor applying."


def test_html_entities_and_line_breaks_become_text():
    text, links = html_to_text_and_links(
        "<p>Caf&eacute; &amp; Co<br>Line two</p><a href='mailto:x@y.example'>mail</a>"
        "<a href='https://cafe.example/jobs/1'>job</a>"
    )

    assert text == "Café & Co\nLine two\n\nmailjob"
    assert links == ["https://cafe.example/jobs/1"]


# --------------------------------------------------------------------------- RFC 822 / mbox


def test_eml_confirmation_parses_like_a_gmail_message():
    mail = parse_rfc822((RFC822 / "greenhouse_confirmation.eml").read_bytes())
    result = classify(mail)

    assert mail.msg_id == "gh-0001@us.greenhouse-mail.io"
    assert mail.date.utcoffset() == timedelta(hours=-8)
    assert "We’ve received your application" in mail.text
    assert (result.kind, result.company, result.job_title, result.source) == (
        MailKind.APPLICATION_CONFIRMATION,
        "Copperleaf Systems",
        "Site Reliability Engineer",
        "Greenhouse",
    )


def test_eml_in_latin_1_with_encoded_subject_and_gmail_thread_id():
    mail = parse_rfc822((RFC822 / "workday_rejection_latin1.eml").read_bytes())

    assert mail.subject == "Ihre Bewerbung / Your application - Zürich"
    assert "Zürich" in mail.text and "Jonas Müller" in mail.text
    # Takeout's decimal X-GM-THRID, spelt as the Gmail API spells thread ids (hex).
    assert mail.thread_id == f"{1826354637281920:x}"
    assert mail.date.utcoffset() == timedelta(hours=1)
    assert classify(mail).kind is MailKind.REJECTION


def test_takeout_sent_label_marks_the_users_own_mail():
    mail = parse_rfc822((RFC822 / "sent_reply.eml").read_bytes())

    assert mail.label_ids == ("SENT", "OPENED")
    assert mail.is_sent_by_user is True
    assert mail.thread_id == "hh-0000@harborlight-health.example"
    assert classify(mail).kind is MailKind.NOT_JOB


def test_eml_without_message_id_gets_a_stable_id_and_needs_a_date():
    raw = (RFC822 / "no_message_id_no_date.eml").read_bytes()
    received = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    with pytest.raises(MalformedMessage, match="no usable date"):
        parse_rfc822(raw)
    first = parse_rfc822(raw, received_at=received)
    second = parse_rfc822(raw, received_at=received)

    assert first.msg_id.startswith("sha256-") and first.msg_id == second.msg_id
    assert first.date == received and first.date_from_header is False


def test_mbox_entries_parse_exactly_like_their_eml_files():
    box = mailbox.mbox(str(RFC822 / "takeout.mbox"), create=False)
    names = [
        "greenhouse_confirmation",
        "workday_rejection_latin1",
        "linkedin_job_alert",
        "sent_reply",
    ]
    try:
        from_mbox = [parse_rfc822(entry.as_bytes()) for entry in box]
    finally:
        box.close()
    from_files = [parse_rfc822((RFC822 / f"{name}.eml").read_bytes()) for name in names]

    assert from_mbox == from_files
    assert [classify(mail).kind for mail in from_mbox] == [
        MailKind.APPLICATION_CONFIRMATION,
        MailKind.REJECTION,
        MailKind.NOT_JOB,
        MailKind.NOT_JOB,
    ]
