"""Classifying parsed mail: kind, company, title, source, evidence. Pure: no Django needed."""

import base64
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gmail_sync import classifier, learned
from gmail_sync.classifier import (
    AUTO_APPLY_CONFIDENCE,
    MailKind,
    classify,
    normalise_company,
    title_similarity,
)
from gmail_sync.companies import employer_mailbox
from gmail_sync.parsing import ParsedMail, parse_gmail_message

FIXTURES = Path(__file__).parent / "fixtures"
CASES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(FIXTURES.glob("*.json"))
}
CLASSIFIABLE = [name for name, case in CASES.items() if "parse_error" not in case["expected"]]


def mail(
    subject: str,
    text: str,
    *,
    sender: str = "Careers <careers@gleamfreight.example>",
    labels: tuple[str, ...] = ("INBOX",),
) -> ParsedMail:
    name, _, address = sender.rpartition(" <")
    return ParsedMail(
        msg_id="m1",
        thread_id="t1",
        subject=subject,
        sender_name=name,
        sender_address=address.rstrip(">"),
        recipients=("dana.whitfield@example.com",),
        date=datetime(2025, 1, 14, 9, 30, tzinfo=UTC),
        date_from_header=True,
        text=text,
        html="",
        links=(),
        label_ids=labels,
        is_sent_by_user="SENT" in labels,
        truncated=False,
    )


# --------------------------------------------------------------------------- every fixture


@pytest.mark.parametrize("name", CLASSIFIABLE)
def test_fixture_is_classified_as_expected(name: str):
    expected = CASES[name]["expected"]

    result = classify(parse_gmail_message(CASES[name]["message"]))

    assert (result.kind.value, result.company, result.job_title, result.source) == (
        expected["kind"],
        expected["company"],
        expected["job_title"],
        expected["source"],
    )
    assert 0.0 <= result.confidence <= 1.0
    if result.kind is not MailKind.NOT_JOB:
        assert result.evidence, "a job result must quote the sentence that decided it"
        assert result.confidence >= AUTO_APPLY_CONFIDENCE
    if "job_url" in expected:
        assert result.job_url == expected["job_url"]
    if "is_onsite" in expected:
        assert result.is_onsite is expected["is_onsite"]
    if "evidence_contains" in expected:
        assert expected["evidence_contains"] in result.evidence


def test_fixtures_cover_every_kind():
    # Sources and wording are covered at scale by the labelled corpus (tests/mail_corpus).
    kinds = {CASES[name]["expected"]["kind"] for name in CLASSIFIABLE}

    assert kinds == {kind.value for kind in MailKind}


# --------------------------------------------------------------------------- deciding the kind


def test_rejection_that_thanks_for_applying_is_a_rejection_quoting_the_rejection():
    result = classify(
        mail(
            "Your application",
            "Thank you for applying to Gleam Freight. Sadly we have decided to pursue other "
            "candidates for this role. Best of luck!",
        )
    )

    assert result.kind is MailKind.REJECTION
    assert result.evidence == "Sadly we have decided to pursue other candidates for this role."


def test_hard_wrapped_plain_text_is_rejoined_before_matching():
    result = classify(
        mail(
            "Hello",
            "Dear Dana,\n\nThank you for applying for the Logistics Coordinator\nposition at"
            " Gleam\n"
            "Freight. We will be in touch.\n",
        )
    )

    assert result.kind is MailKind.APPLICATION_CONFIRMATION
    assert (result.company, result.job_title) == ("Gleam Freight", "Logistics Coordinator")


def test_sent_mail_is_never_a_job_mail_whatever_it_says():
    result = classify(
        mail(
            "Re: Offer",
            "I am pleased to accept the offer letter you sent.",
            sender="Dana Whitfield <dana.whitfield@example.com>",
            labels=("SENT"),
        )
    )

    assert result.kind is MailKind.NOT_JOB


def test_interview_mail_that_first_pitches_a_role_is_recruiter_outreach():
    result = classify(
        mail(
            "Quick question",
            "Hi Dana, are you open to new opportunities? We would like to invite you to interview "
            "for a Staff Engineer role at one of my clients.",
            sender="Sam Ortiz <sam@hirewell-partners.example>",
        )
    )

    assert result.kind is MailKind.NOT_JOB
    assert result.evidence.startswith("Hi Dana, are you open to new opportunities?")


def test_vague_mail_without_a_company_stays_below_the_auto_apply_threshold():
    result = classify(
        mail(
            "Hello",
            "Thank you for your interest in the role. We will review your details.",
            sender="Robin <robin@gmail.com>",
        )
    )

    assert result.kind is MailKind.APPLICATION_CONFIRMATION
    assert result.company == ""
    assert result.confidence < AUTO_APPLY_CONFIDENCE


def test_phone_screen_invitation_is_not_onsite_and_onsite_one_is():
    phone = classify(mail("Next steps", "We'd like to schedule a phone screen with you."))
    onsite = classify(mail("Next steps", "We'd like to invite you to an onsite interview."))

    assert phone.kind is onsite.kind is MailKind.INTERVIEW_INVITATION
    assert (phone.is_onsite, onsite.is_onsite) == (False, True)


def test_a_meeting_in_person_after_a_phone_call_is_onsite():
    visit = classify(
        mail(
            "Interview confirmation - Teller",
            "Thanks again for your time on the phone on Tuesday. I'm happy to confirm your "
            "interview on Friday at 10:00 at our Elm Street branch, 2nd floor. Visitor parking "
            "is behind the building; please bring two forms of ID. Call me if anything comes up.",
        )
    )

    assert visit.kind is MailKind.INTERVIEW_INVITATION
    assert visit.is_onsite


def test_directions_for_the_day_make_an_onsite_whatever_phone_came_before():
    reading = classify(
        mail(
            "Panel interview - Data Analyst",
            "Hi Jamie, the team went through your phone screen notes and would like to bring "
            "you in for a panel interview on Monday at 10. Take the lift to the 3rd floor, check "
            "in at the security desk with a photo ID, and call or text me if you're running "
            "late.",
        )
    )
    assert reading.kind is MailKind.INTERVIEW_INVITATION and reading.is_onsite


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Vet assistant - next step",
            "Enjoyed our chat. Could you do a working interview on Saturday the 14th from 8?",
        ),
        (
            "Charge nurse - final step",
            "The last step is a four-hour shadow shift on the unit; can you come Tuesday at 7am?",
        ),
        (
            "Yard supervisor - interview",
            "Can we meet Thursday at 2pm? We're at 4180 N Harlan Pkwy, gate 3.",
        ),
        (
            "Sollicitatie Data Engineer",
            "We nodigen je graag uit voor een gesprek op maandag 9 maart om 10.00 uur, bij ons "
            "op kantoor in Amersfoort.",
        ),
        (
            "Encargado de almacén - entrevista",
            "Te proponemos una entrevista presencial el jueves 12 a las 9:30.",
        ),
    ],
    ids=["working interview", "shadow shift", "street address", "op kantoor", "presencial"],
)
def test_a_day_at_the_workplace_or_an_address_to_come_to_is_onsite(subject, text):
    reading = classify(mail(subject, text, sender="Lena Park <lena@harlanyards.example>"))

    assert reading.kind is MailKind.INTERVIEW_INVITATION and reading.is_onsite


def test_a_time_zone_after_the_hour_is_no_street_address():
    reading = classify(
        mail(
            "Intro call - Support Lead",
            "Are you free for an intro call on Thursday, March 5 at 10:30 AM CT?",
            sender="Lena Park <lena@harlanyards.example>",
        )
    )

    assert reading.kind is MailKind.INTERVIEW_INVITATION and not reading.is_onsite


def test_a_boards_similar_jobs_link_is_no_posting():
    said = replace(
        mail(
            "Jamie, your application was sent to Orrin Foods",
            "Your application was sent to Orrin Foods. See jobs similar to this one.",
            sender="LinkedIn <jobs-noreply@linkedin.com>",
        ),
        links=("https://www.linkedin.com/jobs/collections/similar-jobs/",),
    )
    assert classify(said).job_url == ""


def test_a_national_board_is_the_source_never_the_employer():
    result = classify(
        mail(
            "Tu candidatura a Técnico/a de Compras se ha enviado",
            "Hola, Jamie: Tu candidatura a la oferta Técnico/a de Compras (Valencia) se ha "
            "enviado correctamente.",
            sender="InfoJobs <noreply@infojobs.net>",
        )
    )
    assert (result.kind, result.source, result.company) == (
        MailKind.APPLICATION_CONFIRMATION,
        "InfoJobs",
        "",
    )


def test_a_recruiter_who_heard_back_brings_the_owners_refusal_not_a_friends_news():
    said = mail(
        "Quick update",
        "Hi Jamie, I heard back from Larchfield this morning. They decided to go with someone "
        "who has run two clinics, so they won't be moving forward with you for the supervisor "
        "role.",
        sender="Gia Moretti <gia@brightpathstaffing.example>",
    )
    assert classify(said).kind is MailKind.REJECTION


def test_an_offer_made_to_other_finalists_is_no_offer():
    said = mail(
        "Quick update",
        "Hi Jamie, the client has one more interview slot left before they make an offer to "
        "one of their finalists.",
        sender="Acme Recruiting <recruiting@acme.example>",
    )
    assert classify(said).kind is not MailKind.OFFER


def test_five_megabyte_mail_is_still_classified():
    filler = "<p>Meet the team behind our award-winning culture.</p>" * 100_000
    html = (
        "<p>Thank you for applying for the Warehouse Planner position at Gleam Freight.</p>"
        + filler
    ).encode()
    message = json.loads(json.dumps(CASES["company_site_confirmation_html"]["message"]))
    message["payload"]["body"] = {
        "size": len(html),
        "data": base64.urlsafe_b64encode(html).decode(),
    }

    parsed = parse_gmail_message(message)
    result = classify(parsed)

    assert len(html) > 5_000_000 and parsed.truncated
    assert result.kind is MailKind.APPLICATION_CONFIRMATION
    assert (result.company, result.job_title) == ("Gleam Freight", "Warehouse Planner")


# --------------------------------------------------------------------------- matching helpers


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Bluefin Analytics, Inc.", "bluefin analytics"),
        ("Bluefin Analytics Inc", "bluefin analytics"),
        ("Tessellate GmbH", "tessellate"),
        ("  Northwind   Robotics Ltd. ", "northwind robotics"),
        ("Copperleaf Systems, L.L.C.", "copperleaf systems"),
        ("The Pinecrest Bank Corporation", "pinecrest bank"),
        ("Société Générale S.A.", "societe generale"),
        ("Marsh & Pike Co.", "marsh and pike"),
        ("Kessel Varga & Co.", "kessel varga"),
        ("Booking.com B.V.", "bookingcom"),
        ("Limited", "limited"),
    ],
)
def test_normalise_company(name: str, normalised: str):
    assert normalise_company(name) == normalised


def test_a_signing_services_document_name_gives_the_title_without_the_signer():
    offer = classify(
        mail(
            "Signature requested: Offer - Data Analyst - Dana Whitfield",
            "Ines shared a document with you: Offer - Data Analyst - Dana Whitfield. Here's "
            "your offer.",
        ),
        owner_names=("Dana Whitfield", "Dana", "Whitfield"),
    )

    assert (offer.kind, offer.job_title) == (MailKind.OFFER, "Data Analyst")


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Westmarch Foods - Thank you for applying (Treasury Analyst)", "Treasury Analyst"),
        ("Re: Treasury Analyst search - Westmarch Foods", "Treasury Analyst"),
        ("Examination notice - Tax Auditor (TXA-26-0412)", "Tax Auditor"),
        ("Interview: Data Scientist (vacancy 31-207)", "Data Scientist"),
        # a specialism after a comma is the title's
        ("Interview: Backend Engineer, Search", "Backend Engineer, Search"),
    ],
)
def test_the_title_is_read_without_the_subjects_own_words(subject, title):
    text = "Hi Jamie, we would like to invite you to a phone screen next week."
    assert classify(mail(subject, text)).job_title == title


def test_a_title_named_with_its_employers_legal_name_gives_that_employer():
    result = classify(
        mail(
            "Application received",
            "We have received your application for the following position:\n\n"
            "Payroll Analyst - Brightkettle Foods LLC (R0041187)\n\nA recruiter will review it.",
            sender="Corran Holdings <corran@myworkday.com>",
        )
    )
    assert (result.company, result.job_title) == ("Brightkettle Foods", "Payroll Analyst")


def test_title_similarity_ignores_case_order_and_abbreviations():
    assert title_similarity("Sr. Software Engineer", "senior software engineer") == 1.0
    assert title_similarity("Engineer, Backend", "Backend Engineer") == 1.0
    assert title_similarity("SRE", "Site Reliability Engineer") == 1.0


def test_title_similarity_ranks_the_same_job_above_a_different_one():
    applied = "Software Engineer"

    same_job = title_similarity(applied, "Software Engineer, Payments")
    other_job = title_similarity(applied, "Data Analyst")

    assert same_job > 0.8
    assert other_job < 0.5
    # Another level or another specialty of the same kind of job is another job.
    assert title_similarity(applied, "Senior Software Engineer") <= 0.5
    assert title_similarity("Data Engineer", "Analytics Engineer") <= 0.5


def test_title_similarity_reads_an_acronym_the_other_title_spells_out():
    assert title_similarity("Assistant CNO", "Assistant Chief Nursing Officer") == 1.0
    assert title_similarity("MI Analyst", "Management Information Analyst") == 1.0
    assert title_similarity("Learning Specialist, OD", "Learning Specialist, Org Design") == 1.0
    # Initials that spell other words are another job.
    assert title_similarity("QA Analyst", "Data Analyst") < 0.7


def test_title_similarity_reads_initials_joined_by_an_ampersand_and_words_cut_short():
    assert title_similarity("L&D Coordinator", "Learning & Development Coordinator") == 1.0
    assert title_similarity("Senior C&S Engineer", "Senior Civil & Structural Engineer") == 1.0
    assert title_similarity("Vet Tech", "Veterinary Technician") == 1.0
    assert title_similarity("Lab Tech II", "Laboratory Technician II") == 1.0
    # A word cut short is only the word the other title has.
    assert title_similarity("Data Engineer", "Database Engineer") < 0.7


def test_a_subject_naming_a_call_names_no_job_title():
    invitation = mail(
        "Halvard & Moss - intro call with our Head of Data",
        "Thanks for applying! Are you free on Thursday for a 30-minute intro call?",
        sender="Mira Sand <mira@halvardmoss.example>",
    )
    assert classify(invitation).job_title == ""


def test_title_similarity_of_empty_titles_is_zero():
    assert title_similarity("", "Data Engineer") == 0.0
    assert title_similarity("--", "") == 0.0


def test_a_city_after_the_company_is_not_part_of_its_name():
    result = classify(
        mail(
            "Your application",
            "Thank you for applying for the Data Engineer role at Gleam Freight in Zürich. "
            "Unfortunately, we have decided to move forward with other candidates.",
        )
    )

    assert (result.kind, result.company, result.job_title) == (
        MailKind.REJECTION,
        "Gleam Freight",
        "Data Engineer",
    )


def test_every_kind_the_classifier_gives_can_be_stored():
    # The classifier stays free of Django, so the stored choices are a second list: keep them equal.
    from jobapps.models import JobEmail

    assert {kind.value for kind in MailKind} == set(JobEmail.Kind.values)


# Mail that borrows hiring's words ("offer", "interview", "assessment") about something else: a
# shop, a skills-test site, the press, a charity, an insurer, an energy survey, a clinic, a bank,
# a vendor's demo, a medical test kit, a scholarship.
NOT_HIRING = [
    (
        "Exclusive offer: 30% off your next order",
        "Shop Team <deals@shopmart.example>",
        "Hi Jamie, we're excited to offer you 30% off everything this weekend. Use code "
        "SAVE30 at checkout.",
    ),
    (
        "Your SQL skills assessment results",
        "LearnHub <noreply@learnhub.example>",
        "Hi Jamie, you scored 82% on the SQL skills assessment. Share your badge on "
        "LinkedIn or retake the test to improve your score.",
    ),
    (
        "Complete your Python assessment",
        "SkillCheck <team@skillcheck.example>",
        "Jamie, your free Python assessment is waiting. Take the test to see how you "
        "compare with other developers and get a certificate.",
    ),
    (
        "Interview request: local news story",
        "Tom Baker <tbaker@citynews.example>",
        "Hi Jamie, I'm writing a story about the new bike lanes and would love to "
        "interview you for 15 minutes this week. Are you free Thursday?",
    ),
    (
        "Invitation to interview: volunteer coordinator",
        "Riverside Food Bank <volunteer@riversidefood.org>",
        "Hi Jamie, thanks for signing up to volunteer. We'd like to invite you to a short"
        " interview call to find the right volunteer role for you.",
    ),
    (
        "Offer: your car insurance renewal",
        "SafeDrive <renewals@safedrive.example>",
        "Jamie, we're pleased to offer you a renewal price of $540 for the year.",
    ),
    (
        "Your home energy assessment is booked",
        "GreenHome <book@greenhome.example>",
        "Hi Jamie, your home energy assessment is confirmed for Monday 9 March at 10:00. "
        "An assessor will visit your property for about an hour.",
    ),
    (
        "Notice of property tax assessment",
        "County Assessor <assessor@county.example>",
        "Dear property owner, your 2026 assessment notice is enclosed. If you disagree "
        "with the assessed value you may appeal within 30 days.",
    ),
    (
        "Congratulations on the new role, Priya!",
        "LinkedIn <notifications@linkedin.com>",
        "Congratulate Priya Shah on starting a new position as Head of Data at Bramble. "
        "Say congrats.",
    ),
    (
        "Final interview tips from our career coach",
        "CareerBoost <news@careerboost.example>",
        "Preparing for a final round? Our coaches share the five questions hiring "
        "managers always ask. Read the guide.",
    ),
    (
        "Re: dinner Friday?",
        "Alex Morgan <alex.morgan@gmail.com>",
        "Sounds good! Also, how did the interview go on Tuesday? Fingers crossed you get "
        "the offer.",
    ),
    (
        "Your interview with Dr. Patel is confirmed",
        "City Clinic <appointments@cityclinic.example>",
        "Your appointment with Dr. Patel is confirmed for 12 March at 9:40. Please arrive"
        " 10 minutes early and bring your insurance card.",
    ),
    (
        "Thanks for applying for the Rewards Credit Card",
        "Northbank <cards@northbank.example>",
        "We received your application for the Northbank Rewards credit card and will "
        "review it within 7 days.",
    ),
    (
        "Invitation: Product demo with Acme",
        "Acme Sales <sales@acme.example>",
        "Hi Jamie, thanks for your interest in Acme Analytics. I'd love to set up a "
        "30-minute demo call this week to show you the platform. Does Wednesday work?",
    ),
    (
        "We'd like to offer you a free trial",
        "Datawise <hello@datawise.example>",
        "We'd like to offer you a 30-day free trial of Datawise Pro. No card needed.",
    ),
    (
        "Take-home test kit shipped",
        "HealthCheck <orders@healthcheck.example>",
        "Your take-home test kit is on its way. Follow the instructions and return the "
        "sample within 7 days.",
    ),
    (
        "Scholarship interview invitation",
        "Foundation Awards <awards@foundation.example>",
        "Dear Jamie, you have been shortlisted for the Horizon Scholarship. We invite you"
        " to an interview with the selection panel on 20 March.",
    ),
    (
        "Job offer - Remote Data Entry",
        "HR Dept <hr.dept.hiring@gmail.com>",
        "Dear Jamie, we are pleased to offer you the position of Remote Data Entry Clerk. You"
        " will earn $45 per hour working from home. Please send your full name and bank "
        "details to begin onboarding.",
    ),
    (
        "Congratulations, you've been selected!",
        "Prize Team <winner@luckydraw.example>",
        "Congratulations Jamie! You have been selected as this month's winner. Claim your "
        "prize by replying with your address.",
    ),
    (
        "Your offer is ready",
        "Carvana-like <offers@autobuy.example>",
        "Jamie, your instant offer for your 2018 Honda Civic is ready: $14,200. Accept the "
        "offer within 7 days.",
    ),
    (
        "Invitation: Interview with our CEO (webinar)",
        "Growth Summit <events@growthsummit.example>",
        "Join us Thursday for a live interview with our CEO about scaling teams. Register now"
        " to save your seat.",
    ),
    (
        "Practice test results",
        "GMAT Prep <prep@gmatprep.example>",
        "Hi Jamie, here are your practice test results. Your quantitative score improved by 4"
        " points.",
    ),
    (
        "Your rental application",
        "Maple Court Leasing <leasing@maplecourt.example>",
        "Hi Jamie, we've reviewed your rental application and would like to schedule a "
        "viewing of unit 4B on Saturday.",
    ),
    (
        "We'd love your feedback: interview experience",
        "Acme Recruiting <surveys@acme.example>",
        "Thanks for interviewing with Acme. Please take 2 minutes to rate your candidate "
        "experience.",
    ),
    (
        "Job offer accepted - next steps for your new hire",
        "Gusto <noreply@gusto.example>",
        "Your new hire Priya accepted the offer. Complete her onboarding paperwork before her"
        " start date.",
    ),
    # A house, a language school, a hackathon, a magazine, a grant, a sports club, a dentist,
    # an airline, a bank, a mentoring match, a talent community, a job seekers' newsletter.
    (
        "Good news about Maple Row",
        "Priya Nandakumar <priya@oakhavenhomes.example>",
        "Jamie! The owners accepted your offer on 14 Maple Row. Next steps: send the earnest "
        "money by Thursday and book the inspection.",
    ),
    (
        "Your placement assessment",
        "Casa Idiomas <hola@casaidiomas.example>",
        "Thanks for joining our autumn term! Please complete the online placement assessment "
        "so we can put you in the right class. Classes begin October 5.",
    ),
    (
        "You made the final round!",
        "Byte Bash <team@bytebash.example>",
        "Congrats, your team has advanced to the final round! Out of 40 teams you are one of "
        "six finalists; you will demo for the judges on Saturday.",
    ),
    (
        "Your submission",
        "The Lantern Quarterly <editors@lanternquarterly.example>",
        "Thank you for sending your essay. We're sorry to say it isn't right for the magazine "
        "this reading period.",
    ),
    (
        "Community grant - outcome",
        "Harbour Fund <grants@harbourfund.example>",
        "We regret to let you know your application was not selected for funding. We received "
        "900 eligible applications this year.",
    ),
    (
        "Tryout results",
        "Lakeside Rugby <coach@lakesiderugby.example>",
        "Thanks for coming to tryouts. Unfortunately you weren't selected for the first squad "
        "this season.",
    ),
    (
        "Appointment reminder",
        "Elm Street Dental <frontdesk@elmstreetdental.example>",
        "This is a reminder of your upcoming appointment: dental cleaning on Tuesday at 9:00."
        " A calendar invite is attached.",
    ),
    (
        "Make an offer for a better seat",
        "SkyLark Air <offers@skylarkair.example>",
        "Jamie, make an offer to upgrade your flight to Porto. Booking reference QX7H2.",
    ),
    (
        "Congratulations, you qualify",
        "Granite Savings <hello@granitesavings.example>",
        "Congratulations, you qualify for our fixed-rate offer. Lock in your interest rate today.",
    ),
    (
        "Your mentor match",
        "Sam Oduya <sam.oduya@fastmail.example>",
        "Hi Jamie, I'm your match from the alumni mentoring program. Happy to run mock "
        "interviews with you. Are you free for a call on Tuesday?",
    ),
    (
        "Welcome to the Acme Talent Community",
        "Acme Careers <careers@acme.example>",
        "Welcome to the Acme Talent Community! Joining is not the same as applying for a "
        "position. Thank you for your interest in Acme.",
    ),
    (
        "Five questions for your final round",
        "Job Hunt Weekly <hello@jobhuntweekly.example>",
        "This week's issue: five questions to ask in your final round interview. Read the full"
        " issue on our site.",
    ),
    (
        "Your water service request",
        "Eastvale Utilities <service@eastvaleutilities.example>",
        "We have received your application for water service at 18 Birch Court. Your service "
        "start date is May 2.",
    ),
    (
        "Candidate accepted your interview invitation",
        "Crewlist <notify@crewlist.example>",
        "Maya Ortiz accepted your interview invitation for Line Cook at Juniper Table. Open the "
        "interview guide before you meet.",
    ),
    (
        "Invitation: Interview - Omar Lind (Data Analyst)",
        "Tess Rowe <trowe@acme.example>",
        "You have been invited to the following event: Interview - Omar Lind. You're on the "
        "interview panel; the interview kit is linked below.",
    ),
    (
        "3 new applicants for your Line Cook post",
        "Crewlist <notify@crewlist.example>",
        "You have 3 new applicants for your Line Cook post. Your job post expires in 4 days.",
    ),
    (
        "Pick a time for your free strategy call",
        "Dana from LaunchPath Coaching <dana@launchpath.example>",
        "Hi Jamie, book your free strategy call with a career coach and learn how to land "
        "interviews faster.",
    ),
    (
        "Analytics Lead @ Fernway - 20 min chat?",
        "Lia Brandt <lia@fernway.example>",
        "Hi Jamie, I lead recruiting at Fernway. I know you haven't applied with us, but I wanted"
        " to reach out directly: we're hiring an Analytics Lead. I'd love to set up a 20-minute "
        "call.",
    ),
    (
        "Lea sent you a message",
        "Lea Moreau via LinkedIn <inmail-hit-reply@linkedin.com>",
        "Hi Jamie - I'm hiring for a Data Analyst on our supply team. Your background looked "
        "like a great fit. Would you be open to a quick chat this week?",
    ),
    (
        "Informational interview request",
        "Sam Ito <sam.ito@students.example.edu>",
        "Hi Jamie, I'm a student in the analytics program. Would you have 20 minutes for an "
        "informational interview?",
    ),
    (
        "Offer talks: never say yes on the call",
        "Offer Notes <hello@offernotes.example>",
        "Offer Notes · Issue #41. You got the offer. Ask for the offer in writing before you "
        "answer.",
    ),
    (
        "Jamie, see how you compare to other applicants",
        "LinkedIn Premium <premium-noreply@linkedin.com>",
        "You applied for Data Analyst at Acme. See how you stack up against 150 other "
        "applicants with Premium Career. Try 1 month free.",
    ),
    (
        "Application received - Graduate Certificate in Data Science",
        "Lakemont University Admissions <admissions@lakemont.example.edu>",
        "Thank you for applying to the Graduate Certificate in Data Science. Your application "
        "has been received; we still need your official transcripts.",
    ),
    (
        "Re: Your application for 42 Elm Court, Apt 7C",
        "Birchway Lettings <lettings@birchway.example>",
        "Hi Jamie, unfortunately we can't approve your application for Apt 7C at this time. "
        "The landlord went with an applicant who can move in sooner.",
    ),
    (
        "DevSprint 2026: application decision",
        "DevSprint Crew <crew@devsprint.example>",
        "Thanks for applying to DevSprint 2026! Sadly we couldn't offer you a spot this year, "
        "but the livestream is open to all.",
    ),
    (
        "Thanks for applying to the Autumn data cohort",
        "Brightpath Academy <hello@brightpath.example>",
        "Thanks for applying to Brightpath's evening data science course. Our admissions team "
        "will send you a short aptitude test within two days.",
    ),
    (
        "Your saved job closes soon",
        "LinkedIn <jobs-noreply@linkedin.com>",
        "Data Engineer at Corvale is no longer accepting applications after June 12. You "
        "saved this job last week. Apply now.",
    ),
    (
        "A role you might like",
        "Priya Shah via LinkedIn <inmail-hit-reply@linkedin.com>",
        "Hi Jamie, your background in data pipelines really caught my attention. We're "
        "building a platform team at Orlen Labs. Could we set up a time to chat? This is an "
        "InMail message sent to you via LinkedIn.",
    ),
    (
        "Spring conference for Leo",
        "Mr. Adebayo <t.adebayo@oakhillprimary.example>",
        "Dear Jamie, I'd love to meet with you for Leo's parent-teacher conference on "
        "Wednesday at 3:30 in room 12.",
    ),
    (
        "Offer of employment - Remote Clerk",
        "Onboarding <onboarding@fastclerk.example>",
        "We are pleased to offer you the position of Remote Clerk. We will mail you a check for "
        "$2,900 to purchase your equipment. Reply with your bank name and routing number.",
    ),
    (
        "Reference for Sam Ortiz",
        "Dana Kerr <dkerr@valebrook.example>",
        "Hi Jamie, Sam Ortiz has applied for an analyst position with us and listed you as a "
        "reference. Would you have ten minutes for a call on Friday?",
    ),
    (
        "Your year-end review",
        "Olu Banks <olu.banks@myemployer.example>",
        "Hi Jamie, I'd like to do your year-end review next Tuesday at 10; I've sent an invite. "
        "Please add your self-assessment first.",
    ),
    (
        "This week: the interview loop is getting longer",
        "The Monday Memo <hello@mondaymemo.example>",
        "Here's what you need to know this week. Hiring teams now run five interviews before "
        "an offer. Forward this to a friend who'd like it.",
    ),
    (
        "Application status: Dental Hygienist licence",
        "State Board of Dentistry <noreply@dentalboard.example>",
        "Your application for a Dental Hygienist license by endorsement has been received and is "
        "pending review.",
    ),
    (
        "Jamie, new jobs like Payroll Analyst at Fenmore",
        "Jobs <jobs-noreply@careerboard.example>",
        "Your application was sent last week. Here are jobs similar to the one you applied for.",
    ),
    (
        "Job Offer Letter - Deck Supervisor",
        "Recruitment Desk <hr.bluewake.cruises@outlook.example>",
        "Dear Applicant, after review of your CV you have been approved for the position of Deck "
        "Supervisor, USD 5,900 monthly. To start, pay the processing fee of EUR 420 within 48 "
        "hours.",
    ),
    (
        "Offer letter enclosed",
        "Offers <offers@remote-rewards-team.example>",
        "Please find your offer letter for the Online Reviewer role. To activate your position, "
        "pay the one-time $24.99 training deposit today.",
    ),
    (
        "Candidatura volontario ricevuta",
        "Staff Volontari <volontari@corsadelnaviglio.example>",
        "Ciao Jamie, abbiamo ricevuto la tua candidatura come volontario per la corsa del 12 "
        "aprile. A marzo riceverai il turno assegnato.",
    ),
    (
        "Open roles",
        "Questline Studios <jobs@questline.example>",
        "We don't have a role that matches Level Design open right now, but when one opens up "
        "we'll let you know first.",
    ),
    (
        "guess what",
        "Robin Tse <robin.tse@gmail.com>",
        "They invited me to a second interview!! Thanks again for passing my CV along, lunch "
        "is on me.",
    ),
    (
        "Open roles this month at Kestrel Freight",
        "People Team <people@kestrelfreight.example>",
        "Here are the roles that are open to Kestrel employees first. Referral bonuses are "
        "$3,000 for salaried roles.",
    ),
    (
        "Your application to MA Urban Planning (part-time)",
        "Postgraduate Admissions <pg@harlowe.example.ac.uk>",
        "Thank you for your application. We are sorry to tell you that we cannot offer you a "
        "place on this programme. We wish you well in your future studies.",
    ),
    (
        "Job Offer - Home Data Entry Assistant",
        "Hiring Desk <hiring.desk.online@gmail.com>",
        "Dear Candidate, we are pleased to offer you the position of Home Data Entry Assistant. "
        "Pay is weekly. We will send you a check to buy your equipment; reply with your full "
        "name and home address.",
    ),
    (
        "You've received an offer on Standing desk",
        "Tradeloft <notify@tradeloft.example>",
        "Good news! A buyer has made an offer on your item. Your asking price: £150. You can "
        "accept, decline or send a counter-offer.",
    ),
    (
        "A place for Noor from September",
        "Little Acorns <hello@littleacorns.example>",
        "We're delighted to offer a place to Noor in our Toddler Room from 7 September. Please "
        "book her two settling-in sessions and pay the registration deposit.",
    ),
    (
        "Platform Engineer at Quillby - worth a chat?",
        "Rosa Lind <rosa@quillby.example>",
        "Hi Jamie, I lead recruiting at Quillby. We're hiring a Platform Engineer and your "
        "infrastructure work stood out. Would you be open to a short call? No pressure at all "
        "if the timing's not right.",
    ),
    (
        "Interview invitation - Remote App Tester",
        "Talent Desk <talent@brightfuture-jobs.example>",
        "We are inviting you to an interview for the position of App Tester. Earn 150-600 EUR per "
        "day from your phone. The interview is held on Telegram.",
    ),
    (
        "Your flight KL219 has been cancelled",
        "Northjet <noreply@northjet.example>",
        "We regret to inform you that your flight KL219 on 3 May has been cancelled. Use Manage "
        "Booking to rebook or ask for a refund.",
    ),
    (
        "Your submission: THE SALT ROAD",
        "Harrow & Finch Books <submissions@harrowfinch.example>",
        "Thank you for sending the opening chapters of your novel. We're sorry to say it isn't "
        "right for us, and we won't be taking it further.",
    ),
    (
        "Your offer of a place",
        "Westmere University Admissions <admissions@westmere.example.ac.uk>",
        "Congratulations! We are pleased to make you an offer of a place on the MA Journalism. "
        "Please log in to view your offer letter and accept your place by 2 June.",
    ),
    (
        "Callback - The Tempest",
        "Riverside Players <casting@riversideplayers.example>",
        "Thanks for coming to auditions. We'd like to invite you to a callback for the role of "
        "Ariel on Sunday at 3pm at the community hall. Break a leg!",
    ),
    (
        "Congratulations!! You are shortlisted",
        "HR Team <hr.team.hiring2026@gmail.com>",
        "Dear Candidate, your resume was picked from an online database and you are "
        "shortlisted for a remote typing job. Interview is by text chat only, reply urgently.",
    ),
    # The owner's current employer seeing them off, a marketplace, a mentoring scheme, a
    # volunteer board, a flat in German, a language school's placement test.
    (
        "Your exit interview",
        "People Ops <people@currentco.example>",
        "Before your last day we'd like to schedule a 20-minute exit interview with HR. Please "
        "pick a time that suits you.",
    ),
    (
        "Offer accepted",
        "Trading Post <notify@tradingpost.example>",
        "You accepted an offer on your 2014 Subaru Outback. Arrange the handover with the buyer.",
    ),
    (
        "Mentor programme",
        "Alumni Relations <alumni@northfield.example>",
        "Thank you for applying to be a mentor in our alumni mentor programme. We'd love to "
        "invite you to a short call to match you with a student.",
    ),
    (
        "Board interview",
        "Riverside Food Bank <board@riversidefood.example>",
        "The Nominating Committee would love to meet you on Tuesday to talk about the board seat.",
    ),
    (
        "Ihre Anfrage zur Wohnung",
        "Hausverwaltung Krebs <info@hv-krebs.example>",
        "Vielen Dank für Ihre Bewerbung um die 2-Zimmer-Wohnung. Wir laden Sie zur Besichtigung "
        "am Samstag ein.",
    ),
    (
        "Einstufungstest Deutschkurs B2",
        "Volkshochschule Lindau <kurse@vhs-lindau.example>",
        "Vor Kursbeginn bitten wir Sie, den Online-Test zu absolvieren (Grammatik, Lesen).",
    ),
    # A scam's offer pays by the day and wants money passed on; a scam's interview is by text.
    (
        "Job offer: remote parcel assistant",
        "Hiring Desk <desk@quick-remote-careers.example>",
        "Congratulations, we are pleased to offer you the remote parcel assistant role at $180/day."
        " Deposit the cheque we post to you and send the remaining balance to our vendor by "
        "Zelle.",
    ),
    (
        "Shortlisted for an interview",
        "Recruitment <recruit.office.desk@gmail.example>",
        "You have been shortlisted for an Office Manager position. The interview is conducted by "
        "text chat; please send a photo of your driver's license front and back first.",
    ),
    # A journalist's interview is for their piece.
    (
        "Interview request",
        "Noor Halvorsen <noor@riverlinemagazine.example>",
        "I'm a features editor at Riverline magazine. We'd love to interview you for a short "
        "feature on people who changed careers at forty. Would a call on Thursday work?",
    ),
    # A newsletter's numbered issue reporting on other people's hiring.
    (
        "The Freight Report #57: carriers freeze hiring, spot rates slip",
        "The Freight Report <newsletter@freightreport.example>",
        "This week: two regional carriers have paused hiring for the winter; spot rates fell for a"
        " third week.",
    ),
    # A producer settling the recording of their segment; a border programme's interview.
    (
        "Re: Interview request - sleep and shift work segment",
        "Marta Quill <marta@harbourfm.example>",
        "Great! Let's do Tuesday 9 June at 11am at the station. The chat goes to air on Friday.",
    ),
    (
        "Your NEXUS application: next step",
        "Trusted Traveller Notices <notices@borderpass.example>",
        "Your NEXUS application has been conditionally approved. Please schedule your interview "
        "at an enrolment centre.",
    ),
    # An artist's grant is not a job.
    (
        "Application received: 2027 Community Micro-Grant",
        "Arts Council Grants <grants@harborarts.example>",
        "Thank you for applying for a 2027 Community Micro-Grant. Your application is complete and "
        "the panel meets in May.",
    ),
]


@pytest.mark.parametrize(
    ("subject", "sender", "text"), NOT_HIRING, ids=[subject for subject, _, _ in NOT_HIRING]
)
def test_mail_that_borrows_hirings_words_is_not_job_mail(subject, sender, text):
    assert classify(mail(subject, text, sender=sender)).kind is MailKind.NOT_JOB


# Twenty ways of saying no, in the words of no mail of the corpus.
REFUSALS = [
    "We're a tiny team and had more interest than expected. We're going with someone local, so "
    "we won't be moving ahead with your application.",
    "Thanks for your patience. We've decided to move forward with a small group whose "
    "experience lines up more closely with the role.",
    "Nous avons finalement choisi de poursuivre avec un autre candidat, basé à Lyon.",
    "Wir haben lange überlegt, uns am Ende aber für jemanden entschieden, der mehr Erfahrung "
    "mitbringt.",
    "Nach eingehender Prüfung haben wir uns entschieden, den Prozess mit anderen Kandidatinnen "
    "und Kandidaten fortzusetzen.",
    "Helaas moet ik je laten weten dat we je niet uitnodigen voor een gesprek.",
    "Thanks for your interest in joining us. Right now we don't have a role that matches your "
    "background, but we'll keep your CV on file.",
    "I read yours closely. In the end we're moving ahead with a small group of candidates who "
    "have built billing systems end to end.",
    "Sorry for the slow reply. I've offered the job to a student who already helps us on "
    "Saturdays.",
    "Update from the client: they decided to keep their current contractor, so the assignment "
    "is closed.",
    "Wanted to let you know that the clinic filled the coder contract with someone who holds "
    "the certification they asked for.",
    "Hi Jamie, I spoke to the hiring manager this morning. They're passing on your profile "
    "for this one, as they want someone with more shipyard experience.",
    "Thanks for the trial shift. We've decided to hire from within, so we won't be bringing "
    "anyone in from outside for the role.",
    "We read every letter ourselves, and after a lot of thought we've asked someone else to "
    "join us in this role.",
    "Having reviewed your application, we aren't able to move you forward in the process.",
    "Thanks for telling me about the new job. I've marked your application as withdrawn.",
    "Après étude de votre dossier, nous ne sommes hélas pas en mesure d'y donner une suite "
    "favorable.",
    "Tras revisar todos los perfiles, hemos decidido continuar el proceso con otras personas "
    "cuya trayectoria encaja mejor con el puesto.",
    "Te informamos que en esta ocasión no continuarás a la siguiente etapa de la vacante.",
    "Depois de analisar os currículos, optamos por seguir com outros candidatos para esta vaga.",
    "Gentile Jamie, la Sua candidatura non è stata selezionata per la posizione di analista.",
    "Tack för din ansökan. Vi har valt att gå vidare med andra sökande till tjänsten.",
    "Thank you for applying to the Data Analyst role at Acme. We appreciate the time you "
    "took. At this stage we will not be taking your application forward.",
    "Thanks for your interest in Acme. We've reviewed your profile and concluded that there "
    "isn't a match for this role right now.",
    "Hi Jamie, thank you for interviewing with us. The team has made the difficult decision "
    "to offer the role to another candidate.",
    "We are writing to let you know that the Data Analyst position has been closed and we are"
    " no longer hiring for it.",
    "Thank you for applying. Your application was not selected for further consideration.",
    "We appreciate your interest in joining Acme. Regrettably, we are unable to progress your"
    " application at this time.",
    "Thanks so much for chatting with us last week. We've decided the role needs someone with"
    " more front-end experience, so we won't be moving ahead.",
    "Your application for Data Analyst has been reviewed. The hiring team has decided not to "
    "proceed.",
    "Thank you for your application. Following a review of all applications, you have not "
    "been shortlisted for interview.",
    "Hi Jamie, I wanted to let you know we've filled the Data Analyst opening. Thanks again "
    "for applying and best of luck.",
    "We've had an overwhelming response and have now selected the candidates we'll be "
    "interviewing. Sadly you weren't among them this time.",
    "Thank you for taking the time to apply. After reviewing your experience, we feel other "
    "applicants are a closer fit for what we need.",
    "Thanks for applying to Acme! The role has been put on hold due to budget changes, so "
    "we're closing all applications.",
    "Jamie, appreciate you going through our process. We're going to move ahead with a "
    "different candidate for this role.",
    "Thank you for your application to Acme. Unfortunately on this occasion your application "
    "has been unsuccessful.",
    "Thanks for applying. We won't be inviting you to interview, but we'll keep your CV on "
    "file should something suitable come up.",
    "Dear Jamie, thank you for attending the interview. I'm sorry to say that we will not be "
    "offering you the position.",
    "We regret to inform you that you have not progressed to the next stage of the selection "
    "process.",
    "Thanks for your patience. We ended up hiring internally for this role.",
    "Your candidacy for the Data Analyst role is no longer active.",
    # A person's plain no, and a no after a long look at everyone.
    "Hey Jamie, thanks a lot for applying, but we've hired someone already.",
    "Quick update: Acme looked at your profile for the analyst seat and they're going to "
    "pass - they want someone with more logistics background.",
    "After reviewing all applicants, the team has decided to move forward with applicants "
    "who have more warehouse analytics experience.",
    "Thanks for the chat on Monday. We've decided to go another direction for this role.",
    "Thanks for your time last week. I've decided to go with a planner who has run a "
    "regional network before.",
    "We've decided to hold off on hiring an analyst this quarter while our budget is reviewed.",
    "Thanks for sending your CV over! The team is after someone with freight audit "
    "experience, so they don't want to move forward with an interview.",
    "Thanks for applying to Acme. We won't be able to invite you to interview for the Data "
    "Analyst role.",
    "We actually made an offer for this role last week and it was accepted, so we're no "
    "longer reviewing applications.",
    # European employers in their own languages.
    "Vielen Dank für Ihre Bewerbung. Leider müssen wir Ihnen mitteilen, dass wir uns für eine "
    "andere Bewerberin entschieden haben.",
    "Merci pour votre candidature. Nous sommes au regret de vous informer que nous ne pouvons "
    "pas y donner une suite favorable.",
    "Gracias por tu candidatura. Lamentamos comunicarte que hemos seleccionado a otros "
    "candidatos para este puesto.",
    "Bedankt voor je sollicitatie. Helaas moeten we je laten weten dat we niet verder gaan met "
    "jouw sollicitatie.",
    "Gracias por postularte. Después de revisar tu perfil, decidimos avanzar con otras "
    "candidaturas.",
    "Thanks for coming in last week. I've decided to offer the position to one of our "
    "part-time leads, and she has accepted.",
    # A founder's and an agency's plain words, a hire made, a non-native writer's no.
    "Short and honest: we're not going to go ahead with you for the analyst job.",
    "Thanks for your patience while we worked through applications. We've made our hire "
    "for this role.",
    "After attentive study of your file, we are sorry to announce you that we will not give a"
    " favourable follow-up to your candidature.",
    "Thanks for speaking with Arjun. Unfortunately they won't be advancing you to the onsite "
    "stage.",
    "Thanks for the chat. We decided we're going to keep looking for now - we need someone who"
    " has run a warehouse team before.",
    # Someone else got it, said plainly: by a person, an agency, a board, a committee.
    "quick update - the clinic went with a locum who covered for them last winter.",
    "we ended the week deciding to go w/ somebody who has shipped more mobile apps.",
    "In the end we offered the analyst post to a colleague who led our last audit.",
    "Regrettably for you, the role has been accepted by another applicant.",
    "The trustees have approved the appointment of another applicant to the bursar's post.",
    "Budget came through to move a member of our ops team across, so we're filling the "
    "contract internally.",
    "The committee decided to bring on someone who already works with our grant funders.",
    # The application closed, in other words.
    "Due to a reorganisation we have decided not to fill the Planner vacancy this year.",
    "Your application has accordingly been closed.",
    "My client narrowed the brief, so we won't be putting your CV forward this time.",
    "None of my clients need that specialty this month, so I'm unable to place you.",
    "Application status: Not Referred",
    "After a review of your file we will not pursue your candidacy.",
    "Given the test results we are going to stop the process here.",
    "We've changed the team's plans and won't be hiring for the designer role after all.",
    "Thanks for the call. We're moving ahead with others for this one.",
    "We decided to continue with a smaller group of applicants for the next stage.",
    "The director has decided to interview only candidates who hold the licence already.",
    "We have met with every finalist and we won't take it further with you, sorry.",
    "We kunnen niet verder met je sollicitatie: we gaan met andere kandidaten verder.",
    "They've chosen to promote one of their own planners into the job, so the search is over.",
    # Building blocks of "no" seen in later parts.
    "Having read your application for Buyer, we will not be advancing it to the interview stage.",
    "After two rounds we have asked someone who ran a food bank's logistics to join us.",
    "We talked it over and we're going to hold out for someone who has run payroll before.",
    "Thanks for applying! We ended up promoting one of our line cooks into this one.",
    "Thank you for your interest; we are not going to move your application to the next step.",
    "Thanks for meeting the panel. We're not going to move forward to the final round.",
    "A colleague is transferring into the role, so we are no longer reviewing outside "
    "applications.",
    "We regret that we cannot give it a favourable answer this time.",
    "Given the change in location, we won't be scheduling an interview with you.",
    "The team has reviewed your background and we've decided to close your application.",
    "bad news, the site moved someone across so they dont need us to fill it anymore.",
    "hey - hired somebody local who can start monday. thanks for coming out.",
    "Our hiring manager has identified the candidate we intend to hire.",
    "Req 20931 has been closed and will not be reposted.",
    "The partners decided to promote from the team, so we will not be hiring from the outside.",
    "The search committee has selected a candidate to recommend to the Board.",
    # Portuguese and Spanish, in more words.
    "Informamos que não será dado seguimento à sua candidatura para a função de Rececionista.",
    "Após a triagem, o seu perfil não segue para a fase de entrevistas.",
    "Agradecemos o seu interesse, mas a vaga já se encontra preenchida.",
    "Pensámos muito e acabámos por escolher uma pessoa que já conhece a equipa.",
    "Gracias por venir el sábado; al final nos quedamos con otra persona del barrio.",
    "Te escribo para decirte que hemos cubierto el puesto internamente.",
    "Hemos revisado las entrevistas y no seguiremos adelante con tu solicitud.",
    "we ended up giving the job to a regular who knows the kitchen already.",
    "Honestly, I don't think it's the right fit for you, as the role is half reception.",
    "After the screen we picked four people, and your application will not be included in the "
    "next stage.",
    "For that reason we've decided not to go further with your application.",
    "We've brought on someone from our volunteer crew for the coordinator role.",
    "Priya reviewed the recording and they aren't going to advance you to the final round.",
    "The studio came back and they've decided not to make an offer.",
    "Our selection process 26-0411 - Finance Officer (Grade 4) has been cancelled.",
    "Le processus est terminé : le poste a été pourvu à l'interne.",
    "The client has decided to fill it internally, so the requirement is closed.",
    "We spoke with both finalists, and this is where the process ends for you.",
]


@pytest.mark.parametrize("text", REFUSALS, ids=range(len(REFUSALS)))
def test_a_refusal_in_any_words_is_a_rejection(text):
    refusal = mail(
        "Your application for Data Analyst", text, sender="Acme Careers <careers@acme.example>"
    )
    assert classify(refusal).kind is MailKind.REJECTION


def test_a_reply_that_turns_down_a_meeting_its_thread_arranged_is_a_rejection():
    """A person's short "no" says nothing of hiring itself; the invitation it answers does."""
    refusal = mail(
        "Re: tuesday",
        "hi jamie, we went with somebody who has more retail experience. thanks for coming in!"
        "\n\nOn Mon, Mar 2, 2026 at 9:12 AM Pat Quill <pat@quillbakery.example> wrote:\n\n"
        "> Hi Jamie, can you come in Tuesday at 3 for an interview with me and the owner?",
        sender="Pat Quill <pat@quillbakery.example>",
    )
    assert classify(refusal).kind is MailKind.REJECTION


def test_the_hiring_sides_no_with_an_offer_to_be_a_reference_is_a_rejection():
    """ "Happy to be your reference" is a friend's word in most mail, but not under "we've
    decided" from the people who decide."""
    refusal = mail(
        "Grants Officer",
        "It was a close call. We've decided to move forward with another finalist, who has "
        "run our kind of reporting before. I'd be happy to be a reference for you anytime.",
        sender="Odile Brandt <odile@fernhollowtrust.example>",
    )
    assert classify(refusal).kind is MailKind.REJECTION


# The employer as the user names it, wherever and however a mail says it: not a team
# mailbox's words, a vendor, a board, a subject's filler; non-ASCII names kept exact.
EMPLOYERS = [
    (
        "Acme Robotics",
        "Career Opportunities <careers@acmerobotics.com>",
        "Thank you for applying",
        "Thank you for applying to the Data Analyst position. We will review your application.",
    ),
    (
        "Acme Robotics",
        "Employment <employment@acmerobotics.com>",
        "Application received",
        "We have received your application for the Data Analyst role at Acme Robotics.",
    ),
    (
        "Acme Robotics",
        "Acme Robotics <no-reply@acmerobotics.com>",
        "Next steps",
        "Hi Jamie, the next steps for your Data Analyst application: we'd like to schedule a "
        "phone screen.",
    ),
    (
        "Acme Robotics",
        "Recruiting <jobs@acmerobotics.com>",
        "Acme Robotics - update",
        "Thank you for your interest. We have decided to move forward with other candidates "
        "for the Data Analyst role.",
    ),
    (
        "Acme Robotics",
        "Acme Robotics via Avature <noreply@avature.net>",
        "Your application",
        "Thank you for applying for the Data Analyst role. Your application has been received.",
    ),
    (
        "Acme Robotics",
        "CodeSignal <noreply@codesignal.com>",
        "Acme Robotics has invited you to a test",
        "Acme Robotics has invited you to take a coding assessment for the Data Analyst position.",
    ),
    (
        "Acme Robotics",
        "Codility <no-reply@codility.com>",
        "Invitation to a test",
        "You have been invited by Acme Robotics to complete a test for the Data Analyst role.",
    ),
    (
        "Acme Robotics",
        "Maria Lopez <maria.lopez@acmerobotics.com>",
        "Data Analyst",
        "Hi Jamie, I'm the recruiter for the Data Analyst role at Acme Robotics. Are you free"
        " for a call on Thursday?",
    ),
    (
        "Grünfeld Logistik",
        "Grünfeld Logistik GmbH <karriere@gruenfeld.de>",
        "Ihre Bewerbung / Your application",
        "Thank you for applying to Grünfeld Logistik. We have received your application for "
        "the Data Analyst role.",
    ),
    (
        "Núcleo",
        "Núcleo Talent <talent@nucleo.mx>",
        "Application received",
        "Thanks for applying to Núcleo! We received your application for Data Analyst.",
    ),
    (
        "Søndergaard",
        "Søndergaard A/S <job@sondergaard.dk>",
        "Application received",
        "Thank you for your application to Søndergaard for the Data Analyst position. We have"
        " received it.",
    ),
    (
        "Advisor360°",
        "Advisor360° Careers <careers@advisor360.com>",
        "Application received",
        "Thank you for applying to Advisor360°. We have received your application for the "
        "Data Analyst role.",
    ),
    (
        "Acme Robotics",
        "The Acme Robotics Team <team@acmerobotics.com>",
        "Thanks for joining",
        "Thanks for your interest in joining Acme Robotics. We have received your application"
        " for Data Analyst.",
    ),
    (
        "Acme Robotics",
        "LinkedIn <jobs-noreply@linkedin.com>",
        "Jamie, your application was sent to Acme Robotics",
        "Your application was sent to Acme Robotics\nData Analyst · Acme Robotics · Austin, TX"
        " (Hybrid) · Applied on March 3",
    ),
    (
        "Acme Robotics",
        "Indeed Apply <indeedapply@indeed.com>",
        "Indeed Application: Data Analyst",
        "Application submitted\nData Analyst\nAcme Robotics - Austin, TX\nThe following items "
        "were sent to Acme Robotics.",
    ),
    (
        "Acme Robotics",
        "Acme Robotics Hiring Team <no-reply@greenhouse.io>",
        "Thank you for applying to Acme Robotics",
        "Hi Jamie, one of our recruiters will review your application for the Data Analyst "
        "role. Others on the team may also read it.",
    ),
    (
        "Fernway",
        "Fernway Talent Team <talent@fernway.io>",
        "Your application",
        "Hi Jamie, thanks for applying to Fernway, a Halcott Group company. We've received "
        "your application for the Data Analyst role.",
    ),
    (
        "Orbis Health",
        "Orbis Health <careers@orbishealth.org>",
        "Application received",
        "Thank you for your application to Orbis Health (formerly Meridian Care). We have "
        "received your application for Data Analyst.",
    ),
    (
        "Kettlewell & Co.",
        "Kettlewell & Co. Recruitment <recruitment@kettlewell.co.uk>",
        "Thank you for applying",
        "Thank you for applying for the Data Analyst role at Kettlewell & Co. We will review "
        "your application shortly.",
    ),
    (
        "Blue-Finch Analytics",
        "Blue-Finch Analytics <jobs@bluefinch.ai>",
        "Application received",
        "Thanks for applying to Blue-Finch Analytics for the Data Analyst role.",
    ),
    (
        "NORTHWIND",
        "NORTHWIND Careers <careers@northwind.example>",
        "Application received",
        "Thank you for applying to NORTHWIND. Your application for Data Analyst has been received.",
    ),
    (
        "Harbor Freight Lines",
        "Workday <harborfreight@myworkday.com>",
        "Thank you for applying",
        "Thank you for applying to Harbor Freight Lines. We have received your application "
        "for the Data Analyst position.",
    ),
    (
        "Tessel",
        "Recruiting Team <no-reply@ashbyhq.com>",
        "Thanks for applying to Tessel",
        "Hi Jamie, thanks for applying for the Data Analyst role. We'll be in touch.",
    ),
    (
        "Quarry & Vale",
        "Quarry & Vale <no-reply@us.greenhouse-mail.io>",
        "Update on your application",
        "Hi Jamie, thank you for your interest in Quarry & Vale. We have decided to move "
        "forward with other candidates for the Data Analyst role.",
    ),
    (
        "Moss Hill Bank",
        "Sarah Lind <s.lind@mosshillbank.com>",
        "Data Analyst",
        "Hi Jamie, I'm a recruiter at Moss Hill Bank. Thanks for applying - are you free for "
        "a 20 minute call on Friday?\n\nSarah Lind\nTalent Acquisition Partner | Moss Hill Bank",
    ),
    (
        "Pellucid",
        "Pellucid via Lever <no-reply@hire.lever.co>",
        "Pellucid - Data Analyst",
        "Hi Jamie, thank you for applying to the Data Analyst position. We appreciate your "
        "interest.",
    ),
    # A board that names the employer only as the one who got (or will view) the application.
    (
        "Larkspur Bakery & Café",
        "ZipRecruiter <noreply@ziprecruiter.com>",
        "Jamie, Larkspur Bakery & Café got your application",
        "Shift Supervisor\nOrland Park, IL\n\nWe'll tell you when Larkspur Bakery & Café views "
        "your application.",
    ),
    # The role stated before the employer, and a domain that only the name's start spells.
    (
        "Quillon Marine & Rigging",
        "Tess Arden <tess@quillonmarine.com>",
        "Your offer",
        "Jamie, I'm happy to offer you the role of Deck Planner at Quillon Marine & Rigging. "
        "The letter is attached.",
    ),
    # An address that abbreviates the name the footer spells out.
    (
        "Pemberly & Vance Publishing Ltd",
        "Careers <careers@pvpublishing.co.uk>",
        "Thanks for applying",
        "Thanks for applying for the Editorial Assistant role. We will review your application "
        "soon.\n\n© 2026 Pemberly & Vance Publishing Ltd. Registered in England.",
    ),
    # A recruiter's own name on an ATS's mailbox, a vendor writing in the employer's name,
    # "Recruiting @ X", a partnership's "LLP".
    (
        "Corbel Analytics",
        "Nadia Brook <no-reply@ashbyhq.com>",
        "Following up on your application",
        "Hi Jamie,\n\nThanks for your interest in the Data Analyst role. Unfortunately we won't "
        "be progressing your application.\n\nNadia\nRecruiting @ Corbel Analytics",
    ),
    (
        "Wrenmoor Insurance",
        "Wrenmoor Insurance <wrenmoor@clipvetting.example>",
        "Next step: your recorded interview",
        "Dear Jamie, thank you for your application for Claims Analyst at Wrenmoor Insurance. "
        "The next stage is a short recorded video interview.",
    ),
    (
        "Fenwick Hale Architects LLP",
        "Fenwick Hale Architects LLP <notifications@breezy-mail.com>",
        "Application received: BIM Technician",
        "We've received your application for BIM Technician at Fenwick Hale Architects LLP.",
    ),
    # Boards relaying the employer's word.
    (
        "Pelham Freight Co",
        "Indeed <no-reply@indeed.com>",
        "Pelham Freight Co. sent you a message",
        "Hi Jamie, Pelham Freight Co. has an update about your application for Route Planner. "
        "Message from the employer: the position has been filled.",
    ),
    (
        "Birchall Insurance Agency",
        "ZipRecruiter <noreply@ziprecruiter.com>",
        "Update on your Birchall Insurance Agency application",
        "Birchall Insurance Agency reviewed your application for Account Manager and decided "
        "not to move forward.",
    ),
    (
        "Corrie Vale Consulting",
        "Corrie Vale Consulting via ZipRecruiter <reply-19ab@messages.ziprecruiter.com>",
        "Implementation Consultant",
        "Thank you for applying for the Implementation Consultant position with us. After "
        "careful review we will not be moving forward with your application.",
    ),
    # Vendors and signing services in the employer's name; a calendar's "Confirmed:" is none.
    (
        "Brackwater Capital",
        "Criteria <noreply@criteriacorp.com>",
        "Brackwater Capital: Next Step in the Application Process",
        "Dear Jamie, as part of the application process you have been asked to complete an "
        "online test. It takes about 20 minutes.",
    ),
    (
        "Tallis 9 GmbH",
        "Dropbox Sign <noreply@mail.hellosign.com>",
        "Tallis 9 GmbH requests your signature on Offer Letter - Data Analyst",
        'Tallis 9 GmbH (ines@tallis9.example) has requested your signature on "Offer Letter - '
        'Data Analyst". Review & Sign below.',
    ),
    (
        "Heron & Vale",
        "Mira Osei via Docusign <dse@docusign.net>",
        "Complete with Docusign: Offer Letter.pdf",
        "Mira Osei sent you a document to review and sign. Hi Jamie - as discussed, here is your "
        "Heron & Vale offer letter.",
    ),
    (
        "Quillmoor",
        "Quillmoor Talent <talent@quillmoor.example>",
        "Confirmed: Interview - Data Analyst",
        "Your interview for the Data Analyst role is confirmed for Tuesday at 10:00.",
    ),
    # An agency's recruiter about the client.
    (
        "Harlan Ridge Capital",
        "Ruth Ames <rames@kestonesearch.example>",
        "Quick update",
        "Jamie, quick update on Harlan Ridge Capital. They reviewed your profile for the "
        "analyst role and are going to pass.\n\nRuth Ames | Partner | Kestone Search",
    ),
    (
        "Dunmore Plastics",
        "Lea Voss <lvoss@brightforkstaffing.example>",
        "Interview with Dunmore Plastics - Tues 3/3",
        "Good news - Dunmore Plastics would like to meet you for the receptionist role on "
        "Tuesday 3/3 at 9:00.",
    ),
    # A team named first, then the company it belongs to.
    (
        "Wenlock Valley Health",
        "Mara Quist <mquist@wenlockhealth.example>",
        "Phone interview - Scheduler",
        "Hi Jamie, I'm the recruiter for Patient Scheduling at Wenlock Valley Health. Are you "
        "free for a phone interview on Monday?",
    ),
    # A number inside a name, and a German board's receipt.
    (
        "Dock 5 Brewing",
        "Dock 5 Brewing <jobs@dock5brewing.example>",
        "Thanks for applying",
        "Thanks for applying to Dock 5 Brewing! We received your application for the Cellar "
        "Hand role.",
    ),
    (
        "Kranfeld Logistik GmbH",
        "StepStone <noreply@stepstone.de>",
        "Ihre Bewerbung wurde versendet: Lagerplaner (m/w/d)",
        "Hallo Jamie, Ihre Bewerbung wurde erfolgreich an Kranfeld Logistik GmbH versendet.",
    ),
    (
        "Ashcombe Inn",
        "Marcus Lee <mlee@ashcombeinnportland.com>",
        "Interview for Front Desk Supervisor",
        "Dear Jamie, I'm the manager here and would like to invite you for an interview on "
        "Friday at 10.\n\nMarcus Lee\nGeneral Manager\nAshcombe Inn | 2 Harbor Street",
    ),
    (
        "",
        "Tomas Brandt via LinkedIn <inmail-hit-reply@linkedin.com>",
        "Tomas sent you a message: Data Engineer - intro call?",
        "Hi Jamie, thanks for applying for the Data Engineer role. The hiring manager liked "
        "your pipeline work; could we start with a 30-minute intro call with me?",
    ),
    (
        "Tarrow Insurance",
        "Tarrow Insurance <tarrow@myworkday.com>",
        "Your application for Pricing Analyst",
        "Dear Jamie, Having carefully reviewed your application for Pricing Analyst, we will "
        "not be moving forward at this time.",
    ),
    # A person's own mailbox: the company only under their name and role.
    (
        "Maplewood Family Dental",
        "Rita Gomez <rita.gomez.office@yahoo.com>",
        "Your application - receptionist",
        "Hi Jamie,\n\nThank you for sending your resume for the receptionist position. I'll be "
        "in touch next week.\n\nRita Gomez\nOffice Manager\nMaplewood Family Dental\n"
        "22 Birch Rd, Salem, OR 97301",
    ),
    (
        "Hollin Street Software",
        "Ana Ruiz <ana.ruiz.dev@gmail.com>",
        "Your application for Backend Developer",
        "Hi Jamie,\n\nThanks for applying. I'm doing the first pass myself this week.\n\n"
        "Cheers,\nAna\nAna Ruiz · Engineering Lead · Hollin Street Software",
    ),
    (
        "Norrvik Kraft AB",
        "Sara Ek <sara.ek@proton.me>",
        "Tack för din ansökan",
        "Hej Jamie,\n\nTack för din ansökan till tjänsten som Data Engineer. Vi har tagit emot "
        "den.\n\nHälsningar,\nSara Ek\nRekryteringsansvarig | Norrvik Kraft AB",
    ),
    (
        "Tollworth Health",
        "Dee Marsh <dee@brightlinetalent.example>",
        "Offer!",
        "Hi Jamie,\n\nAs promised, in writing: Tollworth Health have made you an offer for the "
        "analyst role at $90,000.\n\nDee",
    ),
    (
        "TWF",
        "TWF Graduate Recruitment <graduates@twf.example>",
        "Next step: TWF online assessment",
        "Dear Jamie, the next step is our online assessment. Please complete it within five days.",
    ),
    (
        "Vlietland Zorg",
        "Vlietland Zorg | Werken bij <noreply@werkenbijvlietland.example>",
        "We hebben je sollicitatie ontvangen",
        "Beste Jamie, bedankt voor je sollicitatie als UX-onderzoeker. We hebben je sollicitatie "
        "ontvangen.",
    ),
    (
        "Copperline Beverage Co",
        "Indeed Apply <indeedapply@indeed.com>",
        "Indeed Application: Account Executive",
        "indeed\n\nJamie, your application was sent to Copperline Beverage Co.\n\nAccount "
        "Executive\n\nTrack your application in My Jobs",
    ),
    (
        "Pellmore Partners",
        "Pellmore Partners Careers <notification@jobvite.com>",
        "Pellmore Partners - Associate, Risk & Controls",
        "Thank you for applying. We will not be moving forward with your candidacy at this time.",
    ),
    (
        "Harrowgate Systems Group",
        "Owen Pike <opike@harrowgate-sg.com>",
        "Java Developer - phone screen",
        "Hi Jamie, thanks for applying for the Java Developer role. Could we do a 20 minute "
        "phone screen on Tuesday?\n\nOwen Pike\nHarrowgate Systems Group",
    ),
    # A sentence's first word before "want to" is no employer; a posting's code is none either.
    (
        "Fernhollow Catering",
        "Lydia Marsh <lydia@fernhollowcatering.com>",
        "Fernhollow Catering - phone call",
        "Thanks for applying. Do you have 15 minutes for a call on Friday? Mainly want to hear "
        "about your banquet experience.\n\nLydia\nFernhollow Catering",
    ),
    (
        "Tern Valley Water Authority",
        "Hiring Office <hiring@tvwa.gov>",
        "Interview - Network Analyst, TVWB-26-0415-CX",
        "You have been selected for an interview for the Network Analyst position with the Tern "
        "Valley Water Authority.",
    ),
    # A public service's portal names the body the competition is for; the portal is not it.
    (
        "Coastal Flood Authority",
        "publicjobs <noreply@publicjobs.ie>",
        "Result of shortlisting: CFA-EO-114",
        "Thank you for taking part in the Executive Engineer competition for the Coastal Flood "
        "Authority. We regret to tell you that you have not been shortlisted for interview.",
    ),
]


@pytest.mark.parametrize(
    ("employer", "sender", "subject", "text"),
    EMPLOYERS,
    ids=[f"{employer}: {sender}" for employer, sender, _, _ in EMPLOYERS],
)
def test_the_employer_is_named_as_the_user_would(employer, sender, subject, text):
    assert classify(mail(subject, text, sender=sender)).company == employer


# Each kind of job mail in words of no mail of the corpus.
KINDS_IN_NEW_WORDS = [
    (
        MailKind("assessment"),
        "Next stage",
        "We enjoyed reading your application and would like to invite you to the next stage: a "
        "short written exercise on regional inflation.",
    ),
    (
        MailKind("assessment"),
        "Your application",
        "Thanks for your application - we'd like to move you to our take-home task. You have a "
        "week.",
    ),
    (
        MailKind("interview_invitation"),
        "First-round interviews - Analyst",
        "Good news: following your online assessment, we'd like to invite you to first-round "
        "interviews for the Analyst position.",
    ),
    (
        MailKind("interview_invitation"),
        "Next step: interview with Dana",
        "Hi Jamie, Dana has to travel on Monday, so we need to move your interview. Would Tuesday "
        "at 2pm work instead? I've sent an updated invite.",
    ),
    (
        MailKind("interview_invitation"),
        "Analyst - next step",
        "They liked your results! Next step is a virtual panel with the data team on Friday "
        "morning.",
    ),
    (
        MailKind("interview_invitation"),
        "Votre candidature",
        "Bonjour Jamie, nous aimerions vous inviter à l'étape suivante : une revue de portfolio "
        "d'une heure avec notre directrice.",
    ),
    (
        MailKind("rejection"),
        "Policy Researcher - Housing & Transport",
        "Thank you for applying to be our Policy Researcher - Housing & Transport. So many people "
        "want to work on the housing shortage. I'm sorry to say we are not able to take your "
        "application further.",
    ),
    (
        MailKind("rejection"),
        "your application",
        "hi Jamie, thanks for sending your work over. we're a tiny studio and we're going with "
        "someone local this time. hope you find something great.",
    ),
    (
        MailKind("rejection"),
        "Thanks for applying!",
        "Hi Jamie, we wanted to let you know that we've hired for the Front Desk role. We'll hang "
        "on to your resume.",
    ),
    # A receipt that tells what comes next is a receipt.
    (
        MailKind("application_confirmation"),
        "Application submitted: Graduate Programme",
        "Thank you for applying to our Graduate Programme. You'll shortly receive an invitation "
        "to our online assessment, which is the next stage.",
    ),
    (
        MailKind("application_confirmation"),
        "We have your application",
        "Thanks for applying. Our programme has four stages: online tests, a recorded video "
        "interview, an assessment day and a final interview.",
    ),
    # A recruiter's short notes.
    (
        MailKind("interview_invitation"),
        "dock lead",
        "Jamie - saw ur app for the dock lead spot. Give me a call today if u can, 555 0142.",
    ),
    (
        MailKind("interview_invitation"),
        "Interview Wed 5/6 - Grovefield DC",
        "Hi Jamie, confirming Wednesday 5/6 at 10am at our Grovefield building. Ask for Sam at "
        "the front desk.",
    ),
    (
        MailKind("rejection"),
        "Route Analyst",
        "Thank you for your interest in the Route Analyst position. We have chosen to interview "
        "candidates whose experience more closely matches the role.",
    ),
    (
        MailKind("interview_invitation"),
        "Would love to chat",
        "Hi Jamie, I read your application over the weekend and your volunteer coordination work "
        "at the food pantry jumped right out. Would you have time for a chat on Thursday?",
    ),
    (
        MailKind("assessment"),
        "Next step: your video interview for Claims Analyst",
        "Thanks for applying. Please record short video answers to five questions by Friday; "
        "no interviewer is present, and the team watches them afterwards.",
    ),
    (
        MailKind("assessment"),
        "Claims Analyst - next stage",
        "The team would like to move you forward, and the next step is a short take-home "
        "exercise on claims data.",
    ),
    (
        MailKind("interview_invitation"),
        "Claims Analyst - panel",
        "Your test results came back strong, and the team would like to bring you in for a panel "
        "on Tuesday.",
    ),
    (
        MailKind("application_confirmation"),
        "Accusé de réception",
        "Bonjour Jamie, nous vous remercions pour votre candidature au poste d'analyste. Elle a "
        "bien été enregistrée.",
    ),
    (
        MailKind("interview_invitation"),
        "Analyste - entretien",
        "Bonjour Jamie, suite à votre candidature, je vous propose un premier entretien mardi à "
        "10h.",
    ),
    (
        MailKind("application_confirmation"),
        "Your CV",
        "Thanks for sending your CV, Jamie. We're passing on your profile to the hiring manager "
        "today and I'll let you know what she says.",
    ),
    (
        MailKind("rejection"),
        "Proceso de selección Técnico/a de Compras",
        "Hola Jamie: el proceso de selección ha finalizado y en esta ocasión hemos seleccionado a "
        "otra persona cuyo perfil se ajustaba más al puesto.",
    ),
    # An ATS's status page and a board's activity are receipts too.
    (
        MailKind("application_confirmation"),
        "Application status: Claims Analyst (2611094)",
        "Dear Jamie, the status of your application for Claims Analyst (2611094) has been "
        "updated to: Under Consideration. No action is needed from you.",
    ),
    (
        MailKind("application_confirmation"),
        "Acme Status Update - 2611094",
        "Dear Jamie, your application for Claims Analyst is currently under review by the "
        "hiring team.",
    ),
    (
        MailKind("application_confirmation"),
        "Acme downloaded your resume",
        "Someone at Acme downloaded your resume for Claims Analyst. See application.",
    ),
    (
        MailKind("application_confirmation"),
        "An update about Claims Analyst",
        "Hi Jamie, we're still collecting applications until May 3. Your application is saved "
        "and will be part of that review.",
    ),
    (
        MailKind("application_confirmation"),
        "Thanks for applying to Acme",
        "We got your application for Claims Analyst. The next step for applicants who meet the "
        "brief is a short written exercise, and we'll send it if that's you.",
    ),
    (
        MailKind("rejection"),
        "Claims Analyst - our decision",
        "Hi Jamie, thanks for coming in. In the end we decided to promote one of our own "
        "adjusters into the role. I'll keep your details for the next opening.",
    ),
    (
        MailKind("assessment"),
        "Next step",
        "Hi Jamie, thanks for the call. As the next step we'd like you to work through a short "
        "pricing case and send us your answer by Friday.",
    ),
    (
        MailKind("assessment"),
        "Claims Analyst - assessment",
        "Thanks for the chat. The next step in our hiring process for analyst roles is a brief "
        "Excel assessment; the link follows in a separate mail.",
    ),
    (
        MailKind("interview_invitation"),
        "Site Coordinator",
        "Hi Jamie, saw your CV come through on Indeed for the site coordinator spot. Would you "
        "have time for a phone call this week?",
    ),
    (
        MailKind("offer"),
        "Good news!",
        "Hi Jamie, my client would like to make you an offer for the payroll role: $30 an hour, "
        "starting June 2. Can you confirm by Friday?",
    ),
    (
        MailKind("rejection"),
        "Your Graduate Scheme application",
        "Dear Jamie, thank you for completing our online tests. I'm sorry to tell you that you "
        "have not been successful in progressing to the next stage.\n\nEarly Careers Team",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst at Acme",
        "Hi Jamie, I'd like to find 30 minutes to talk through the Data Analyst role with "
        "you. What does your availability look like this week?",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst - scheduling",
        "Hello Jamie, please use the link below to book your first-round interview for the "
        "Data Analyst position at a time that suits you.",
    ),
    (
        MailKind("interview_invitation"),
        "Re: Data Analyst application",
        "Thanks Jamie. The hiring manager has reviewed your CV and would like to arrange a "
        "short call. Are you available Monday afternoon?",
    ),
    (
        MailKind("interview_invitation"),
        "Interview - Data Analyst",
        "Dear Jamie, we are pleased to invite you for an interview for the post of Data "
        "Analyst on 12 March at 10:30 at our Leeds office.",
    ),
    (
        MailKind("interview_invitation"),
        "Next round",
        "Hi Jamie, good news - you've progressed to the next round. We'd like to set up a "
        "technical interview with the team next week.",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst - panel",
        "Jamie, the panel would like to meet you. Could you come in on Thursday at 2pm? The "
        "session will last about 90 minutes.",
    ),
    (
        MailKind("interview_invitation"),
        "Quick chat about Data Analyst",
        "Hey Jamie! Got your application for Data Analyst - when's a good time for a quick "
        "phone call?",
    ),
    (
        MailKind("interview_invitation"),
        "Your application - next step",
        "Hi Jamie, we'd love to learn more about your experience. The next step is a "
        "30-minute video call with our recruiter. Please pick a time here.",
    ),
    (
        MailKind("assessment"),
        "Data Analyst - coding challenge",
        "Hi Jamie, as part of the process, please complete the coding challenge at the link "
        "below within 5 days.",
    ),
    (
        MailKind("assessment"),
        "Your case study",
        "Hi Jamie, thanks for your time last week. The next stage is a short case study - "
        "we'll send the brief on Monday and ask for your slides by Friday.",
    ),
    (
        MailKind("assessment"),
        "Online assessment invitation",
        "Dear Jamie, you are invited to complete our online numerical reasoning test for the "
        "Data Analyst role. The test takes about 25 minutes.",
    ),
    (
        MailKind("assessment"),
        "HireVue interview for Data Analyst",
        "Acme has invited you to complete a one-way video interview for the Data Analyst "
        "position. Record your answers by March 15.",
    ),
    (
        MailKind("offer"),
        "Your offer from Acme",
        "Hi Jamie, congratulations! We're thrilled to offer you the role of Data Analyst. "
        "Your written offer is attached; please sign by Friday.",
    ),
    (
        MailKind("offer"),
        "Verbal offer",
        "Jamie, great news - the team wants to extend you an offer for the Data Analyst "
        "position. I'll call you this afternoon with the details.",
    ),
    (
        MailKind("offer"),
        "Offer letter - Data Analyst",
        "Dear Jamie, following your interview, I am pleased to confirm our offer of "
        "employment as Data Analyst, starting 1 April.",
    ),
    (
        MailKind("offer"),
        "Welcome aboard!",
        "Hi Jamie, we'd love for you to join us as our new Data Analyst. Attached is your "
        "offer letter with salary and benefits.",
    ),
    (
        MailKind("application_confirmation"),
        "Application update",
        "Hi Jamie, your application for Data Analyst is now with the hiring team. We aim to "
        "respond within two weeks.",
    ),
    (
        MailKind("application_confirmation"),
        "Thanks for applying!",
        "Thanks for applying to the Data Analyst role at Acme! A member of our team will look"
        " at your application soon.",
    ),
    (
        MailKind("application_confirmation"),
        "Application submitted",
        "This email confirms that you submitted an application for Data Analyst (Req 4411) on"
        " March 2, 2026.",
    ),
    (
        MailKind("application_confirmation"),
        "We received your CV",
        "Dear Jamie, many thanks for sending us your CV for the Data Analyst vacancy. We will"
        " be in touch if your profile matches our needs.",
    ),
    (
        MailKind("application_confirmation"),
        "Eingangsbestätigung Ihrer Bewerbung",
        "Guten Tag, vielen Dank für Ihre Bewerbung als Datenanalyst. Ihre Unterlagen sind "
        "vollständig bei uns eingegangen.",
    ),
    (
        MailKind("application_confirmation"),
        "Votre candidature",
        "Bonjour Jamie, votre candidature pour le poste Data Analyst a bien été envoyée !",
    ),
    (
        MailKind("interview_invitation"),
        "Entretien - Analyste de données",
        "Bonjour Jamie, votre profil a retenu notre attention et nous aimerions organiser un "
        "premier entretien en visio la semaine prochaine.",
    ),
    (
        MailKind("interview_invitation"),
        "Entrevista - Analista de datos",
        "Hola Jamie, hemos revisado tu candidatura y nos gustaría conocerte. Te propongo una "
        "primera entrevista por videollamada el martes.",
    ),
    (
        MailKind("assessment"),
        "Prueba online - Analista de datos",
        "Tras revisar su candidatura, nos gustaría que realizara una prueba online como "
        "siguiente fase del proceso.",
    ),
    (
        MailKind("offer"),
        "Proposition - Analyste de données",
        "Comme convenu, je vous confirme par écrit notre proposition. La promesse d'embauche "
        "vous sera envoyée lundi.",
    ),
    (
        MailKind("interview_invitation"),
        "Shift lead - working interview Saturday?",
        "Got your application for the shift lead job. We do a working interview for this one: "
        "can you do Saturday 9/12 from 9 to noon?",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst - chat next week?",
        "Could we do a 30 min video call next Tuesday afternoon about the Data Analyst role?",
    ),
    (
        MailKind("application_confirmation"),
        "Application lodged - Vacancy 55120",
        "Your application for Vacancy 55120, Data Analyst, has been lodged successfully. "
        "Applications close on 3 May.",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst next steps",
        "Thanks for your patience! The team would like to move forward with a 45-minute "
        "technical phone screen. Could you send me 3-4 windows next week?",
    ),
    (
        MailKind("application_confirmation"),
        "Your application status has changed",
        "The status of your application for Data Analyst has been updated. New status: Under "
        "Review - Minimum Qualifications Met.",
    ),
    (
        MailKind("application_confirmation"),
        "Data Analyst - you're in!",
        "Great talking today. I've added you as a candidate for our Data Analyst opening, so "
        "you're officially in the process.",
    ),
    (
        MailKind("application_confirmation"),
        "Your application was viewed by Acme",
        "Good news: Acme viewed your application for Data Analyst.",
    ),
    (
        MailKind("application_confirmation"),
        "Data Analyst - what happens next",
        "Thanks for applying. The posting closes on May 1; our HR team will contact qualified "
        "applicants to schedule interviews after that date.",
    ),
    (
        MailKind("assessment"),
        "Data Analyst - examination",
        "You are approved to take the online examination for Data Analyst. The window closes "
        "on May 3.",
    ),
    (
        MailKind("assessment"),
        "Data Analyst - next step",
        "As the next step for the Data Analyst position, please play our set of 6 short games."
        " They take about 20 minutes.",
    ),
    (
        MailKind("offer"),
        "Following up on our call",
        "Thanks for taking my call. Putting the offer we discussed in writing: base salary "
        "$82,000, start date June 1.",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst",
        "Great news, the analytics lead at Acme wants to interview you! Does Wednesday at 2pm "
        "suit?",
    ),
    (
        MailKind("interview_invitation"),
        "Data Analyst role",
        "Hi Jamie, saw your application for the analyst role. Any chance you can hop on a call "
        "Thursday?",
    ),
    (
        MailKind("interview_invitation"),
        "Re: Data Analyst interview",
        "Sorry Jamie, something came up. Could we do Friday the 9th at 10am instead?",
    ),
    (
        MailKind("assessment"),
        "Data Analyst - next step",
        "Thanks for applying. Our first step for this role is a short written exercise: a "
        "one-page plan for cleaning up our shipment data.",
    ),
    (
        MailKind("assessment"),
        "Data Analyst - test assignment",
        "Before we schedule interviews, we ask you to do a short test assignment with a sample"
        " of our route data.",
    ),
    # A conversation named with its day and time, in no words of invitation.
    (
        MailKind("interview_invitation"),
        "Invitation: Recruiter call - Jamie / Ostrander Mills @ Wed Apr 8, 2026 9am - 9:30am",
        "Ostrander Mills recruiter call\nJoin with Google Meet: meet.google.com/abc-defg-hij",
    ),
    (
        MailKind("interview_invitation"),
        "Quick change",
        "Our lead is travelling, so your system design session is now on Friday, May 15 at "
        "1:30pm ET with Noor instead.",
    ),
    (
        MailKind("interview_invitation"),
        "Next steps",
        "Great feedback from Tuesday: the team wants to move you to the onsite.",
    ),
    # A meeting after a test passed is a meeting, whatever the test is called.
    (
        MailKind("interview_invitation"),
        "Next step",
        "You passed the coding test, and I'd like to meet for 30 minutes by video to talk about "
        "the role.",
    ),
    (
        MailKind("interview_invitation"),
        "Shift Lead posting",
        "jamie can u come by the warehouse tues 3/3 at 6am. want u to see the line and meet my "
        "lead.",
    ),
    (
        MailKind("interview_invitation"),
        "Round 2",
        "Marta enjoyed your call and wants you to meet our Head of Operations next week.",
    ),
    (
        MailKind("interview_invitation"),
        "Ihre Bewerbung",
        "Hätten Sie Zeit für ein kurzes Telefonat zu Ihrer Bewerbung als Konstrukteur?",
    ),
    (
        MailKind("interview_invitation"),
        "Phone screen - Planner",
        "I'm a recruiter at Oakmere Foods and I'd like to schedule a 20 minute phone screen for "
        "the Production Planner role. Does Monday at 9 work?",
    ),
    (
        MailKind("interview_invitation"),
        "Coordenador de Eventos",
        "Gostávamos muito de conversar consigo. Podemos fazer uma primeira conversa por "
        "telefone na quinta-feira?",
    ),
    (
        MailKind("interview_invitation"),
        "Encargado de sala",
        "He visto tu CV. ¿Puedes venir el jueves a las 17h para hacer una prueba en el turno?",
    ),
    (
        MailKind("application_confirmation"),
        "Recebemos a sua candidatura",
        "Obrigado pela sua candidatura à função de Gestor de Eventos. Vamos analisar o seu perfil"
        " nos próximos dias.",
    ),
    # Refusals without the usual words: the job filled from inside, a search paused, a pass.
    (
        MailKind("rejection"),
        "Re: Yard Supervisor",
        "Thanks for coming in. We have chosen to fill the Yard Supervisor job from within.",
    ),
    (
        MailKind("rejection"),
        "Re: Field Engineer - quick update",
        "Bad news, I'm afraid: the client has frozen the Field Engineer role until next year.",
    ),
    (
        MailKind("rejection"),
        "Re: Estimator",
        "Good to talk on Monday. Having slept on it, I'll pass for now, the job needs more "
        "commercial experience.",
    ),
    (
        MailKind("rejection"),
        "Re: Interview - Site Manager",
        "Thanks for your time last week. We're not going to progress this one, best of luck.",
    ),
    (
        MailKind("rejection"),
        "Ihre Bewerbung als Laborant",
        "Nach Prüfung Ihrer Unterlagen kommen andere Dossiers unserem Profil noch näher.",
    ),
    (
        MailKind("rejection"),
        "Votre candidature",
        "Après réflexion, nous avons décidé de poursuivre le processus avec un autre candidat.",
    ),
    # Offers, tests, meetings and receipts in more words.
    (
        MailKind("offer"),
        "Good news",
        "We would love to offer you the Area Manager - South Region position.",
    ),
    (
        MailKind("assessment"),
        "Next step",
        "Lovely to meet you. Here is the writing task we mentioned: a one-page onboarding plan.",
    ),
    (
        MailKind("interview_invitation"),
        "Re: Interview - Buyer",
        "Sorry for the shuffle, Priya has asked to move this conversation to Thursday at 2pm.",
    ),
    (
        MailKind("interview_invitation"),
        "Final stage",
        "We are inviting two finalists to head office on the 9th and I'm glad to say you are "
        "one of them.",
    ),
    (
        MailKind("interview_invitation"),
        "Re: Joiner Foreman",
        "Grand, fancy a chat on Friday morning at the yard?",
    ),
    (
        MailKind("interview_invitation"),
        "Ihre Bewerbung bei uns",
        "Gerne möchten wir Sie zu einem zweiten Gespräch in Basel einladen.",
    ),
    (
        MailKind("application_confirmation"),
        "Re: Logistics Planner",
        "Great chatting today. As discussed, I've submitted you to Norbridge for the Logistics "
        "Planner role and will come back to you with their feedback.",
    ),
    (
        MailKind("application_confirmation"),
        "Laboratoire",
        "Nous accusons bonne réception de votre candidature au poste de technicien de laboratoire.",
    ),
    # An invitation after a look back at the step before it.
    (
        MailKind("interview_invitation"),
        "Good news",
        "After your technical interview, we would love to invite you to our final round at the "
        "office.",
    ),
    (
        MailKind("interview_invitation"),
        "Re: Warehouse Lead",
        "got your resume. can you swing by the depot friday around 10?",
    ),
    (
        MailKind("interview_invitation"),
        "Deuxième entrevue - Directeur des opérations",
        "Merci pour notre échange de mardi. Nous aimerions poursuivre avec une deuxième entrevue "
        "au siège social le 14 avril.",
    ),
    (
        MailKind("offer"),
        "Larchmont Bakery sent you an offer",
        "Larchmont Bakery has an offer for you: Pastry Lead, $24/hr, start 3/9.",
    ),
    (
        MailKind("rejection"),
        "Actualización de tu solicitud",
        "Gracias por tu tiempo. El equipo decidió seguir con otra persona para este puesto.",
    ),
    (
        MailKind("rejection"),
        "About your application",
        "We have finished reviewing applications, and yours won't go on to the interview stage.",
    ),
    (
        MailKind("application_confirmation"),
        "Recibimos tu solicitud",
        "Hola, soy el asistente de reclutamiento. Recibimos tu solicitud para Auxiliar de "
        "Almacén y el equipo la revisará pronto.",
    ),
    # Mexican Spanish
    (
        MailKind("application_confirmation"),
        "Tu postulación fue enviada",
        "Te postulaste con éxito a: Analista de Nómina, Grupo Tezontle.",
    ),
    (
        MailKind("interview_invitation"),
        "Analista de Nómina",
        "Me gustaría platicar contigo sobre la vacante. ¿Te funciona el jueves a las 10?",
    ),
    (
        MailKind("assessment"),
        "Evaluaciones en línea",
        "Como parte del proceso te pedimos realizar las siguientes pruebas en línea.",
    ),
    (
        MailKind("rejection"),
        "Vacante Analista de Nómina",
        "Te informamos que tu perfil no fue seleccionado para continuar en el proceso.",
    ),
    (
        MailKind("offer"),
        "Propuesta - Analista de Nómina",
        "Nos da gusto informarte que fuiste seleccionada para la posición de Analista de Nómina.",
    ),
    # Italian
    (
        MailKind("application_confirmation"),
        "Candidatura Addetto al ricevimento",
        "Buongiorno, confermiamo la ricezione della Sua candidatura per il posto di Addetto al "
        "ricevimento.",
    ),
    (
        MailKind("interview_invitation"),
        "Addetto al ricevimento - colloquio",
        "Le proponiamo un colloquio in albergo mercoledì 8 aprile alle 11:00.",
    ),
    (
        MailKind("assessment"),
        "Primo passo della selezione",
        "Come primo passo chiediamo a tutti i candidati di svolgere una breve prova scritta.",
    ),
    (
        MailKind("rejection"),
        "Esito selezione",
        "Grazie per il tempo dedicatoci. La informiamo che il posto è stato nel frattempo "
        "assegnato.",
    ),
    (
        MailKind("offer"),
        "La nostra proposta",
        "Saremmo felici di averla con noi come Capo ricevimento dal primo maggio.",
    ),
]


@pytest.mark.parametrize(
    ("kind", "subject", "text"),
    KINDS_IN_NEW_WORDS,
    ids=[subject for _, subject, _ in KINDS_IN_NEW_WORDS],
)
def test_each_kind_of_job_mail_in_new_words(kind, subject, text):
    said = mail(subject, text, sender="Acme Recruiting <recruiting@acme.example>")
    assert classify(said).kind is kind


@pytest.mark.parametrize(
    ("subject", "text", "sender", "kind"),
    [
        # In a reply about a job, a time asked is an invitation, even after a receipt's thanks.
        (
            "Re: Yard Lead - Jamie Rivera",
            "Thanks for the resume. Does Thursday around 4 at the depot suit you?",
            "Dale Kimura <dale@northpinefreight.example>",
            MailKind.INTERVIEW_INVITATION,
        ),
        # A friend's, whose body mentions an interview, is not.
        (
            "how was it??",
            "how did the interview go? also are you still coming sunday at 5?",
            "Ana <ana.r.family@gmail.example>",
            MailKind.NOT_JOB,
        ),
    ],
    ids=["a reply about a job", "a friend"],
)
def test_a_time_asked_is_an_interview_only_in_a_mail_about_a_job(subject, text, sender, kind):
    assert classify(mail(subject, text, sender=sender)).kind is kind


def test_a_careers_mailbox_on_an_ats_in_any_language_names_no_employer():
    assert employer_mailbox("carrieres@successfactors.com") == ""
    assert employer_mailbox("karriere@myworkday.com") == ""
    assert employer_mailbox("quaybridge-carrieres@successfactors.com") != ""


# --------------------------------------------------------------------------- learned reading


def test_a_refusal_in_words_no_phrase_lists_is_read_by_the_learned_reading():
    refusal = mail(
        "Kiln Street Bakery - shift lead",
        "Hi Jamie,\n\nThank you for coming in on Saturday and for the bake test. It was a close "
        "call, but we've asked Teodora, who has covered the early shift with us for two years, "
        "to take the shift lead post. I'd be glad to hear from you if something else opens "
        "up.\n\nWarmly,\nMaren",
        sender="Maren Holt <maren@kilnstreetbakery.example>",
    )

    result = classify(refusal, owner_names=["Jamie Rivera"])

    assert result.kind is MailKind.REJECTION
    assert result.evidence.startswith("It was a close call, but we've asked Teodora")
    assert result.confidence >= AUTO_APPLY_CONFIDENCE


def test_the_learned_reading_counts_only_in_a_mail_about_hiring(monkeypatch):
    """Words a model learned from interviews ("walk through it together") also fill calendars:
    without a word of hiring, its guess is no event."""
    table = learned.train(
        [("interview_invitation", ["Let us walk through it together on Friday"])] * 4
        + [("not_job", ["Your weekly digest of the news"])] * 4,
        [kind.value for kind in MailKind],
    )
    toy = learned.KindModel(table["kinds"], table["mails"], table["counts"])
    monkeypatch.setattr(learned, "model", lambda: toy)
    monkeypatch.setattr(classifier, "LEARNED_SURENESS", 0.9)
    sender = "Pia Sorensen <pia@tallowfield.example>"

    meeting = classify(mail("Friday", "Let us walk through it together on Friday.", sender=sender))
    about_the_job = classify(
        mail("Friday", "Let us walk through it together on Friday, about the role.", sender=sender)
    )

    assert meeting.kind is MailKind.NOT_JOB
    assert meeting.evidence.startswith("No hiring context")
    assert about_the_job.kind is MailKind.INTERVIEW_INVITATION
    assert about_the_job.evidence == "Let us walk through it together on Friday, about the role."


def test_an_employer_named_in_the_subject_and_signing_an_ats_mail_is_no_recruiter():
    """Three capitalised words signing the mail look like a person's name; the subject's "from"
    says they are the employer's."""
    rejection = classify(
        mail(
            "Thank you from Redwater Bend Fulfillment",
            "Hi Jamie,\n\nThank you for meeting our team and walking the floor with us. After "
            "meeting all of our finalists, we've selected someone else for the Dock Lead "
            "role.\n\nRedwater Bend Fulfillment",
            sender="Redwater Bend Fulfillment <no-reply@ashbyhq.com>",
        )
    )

    assert rejection.kind is MailKind.REJECTION
    assert rejection.company == "Redwater Bend Fulfillment"
