"""Who a job mail is from and which job it is about: the employer's name, the job title, the
board or ATS it came through. Pure functions over a `Reading`.

The employer, in order of trust:

1. an explicit statement: "at X", "to X", "with X", "interest in X", "X has invited you";
2. the sender's display name without its team words ("X Recruiting Team", "X via Greenhouse",
   "Person (X)");
3. the signature ("Senior Recruiter, X");
4. the ATS account in the sender or the links (boards.greenhouse.io/x, x.myworkdayjobs.com...);
5. the sender's registrable domain (public-suffix aware, offline).

A candidate is never a job board, an ATS or an assessment vendor, a generic phrase ("next
steps"), a person or an address. A name read from an account or a domain ("acme-robotics") is
spelt the way the mail itself spells it when the mail does ("Acme Robotics").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from gmail_sync import phrases
from gmail_sync.prefilter import Phrases
from gmail_sync.reading import Reading

BOARD, ATS, VENDOR, FREE_MAIL = "board", "ats", "vendor", "free mail"
COMPANY_WEBSITE = "Company website"

# Registrable domain -> (display name, what it is). Subdomains match too.
PLATFORMS: dict[str, tuple[str, str]] = {
    **{
        domain: (name, BOARD)
        for domain, name in {
            "linkedin.com": "LinkedIn",
            "indeed.com": "Indeed",
            "indeedemail.com": "Indeed",
            "ziprecruiter.com": "ZipRecruiter",
            "glassdoor.com": "Glassdoor",
            "dice.com": "Dice",
            "monster.com": "Monster",
            "simplyhired.com": "SimplyHired",
            "wellfound.com": "Wellfound",
            "angel.co": "Wellfound",
            "hired.com": "Hired.com",
            "vettery.com": "Vettery",
            "joinhandshake.com": "Handshake",
            "handshake.com": "Handshake",
            "reed.co.uk": "Reed",
            "totaljobs.com": "Totaljobs",
            "seek.com.au": "SEEK",
            "stepstone.de": "StepStone",
            "xing.com": "XING",
            "naukri.com": "Naukri",
            "otta.com": "Otta",
            "workatastartup.com": "Work at a Startup",
            "builtin.com": "Built In",
            "careerbuilder.com": "CareerBuilder",
            "jobs.ch": "jobs.ch",
            "jobstreet.com": "JobStreet",
            "pnet.co.za": "PNet",
            "bayt.com": "Bayt",
            "myjobmag.com": "MyJobMag",
            "seek.co.nz": "SEEK",
            "irishjobs.ie": "IrishJobs",
            "brightermonday.co.ke": "BrighterMonday",
            "jobberman.com": "Jobberman",
            "foundit.in": "foundit",
            "kalibrr.com": "Kalibrr",
            "welcometothejungle.com": "Welcome to the Jungle",
            "snagajob.com": "Snagajob",
            "upwork.com": "Upwork",
            # Europe's and Latin America's national boards
            "infojobs.net": "InfoJobs",
            "net-empregos.com": "Net-Empregos",
            "sapo.pt": "SAPO Emprego",
            "itjobs.pt": "ITJobs",
            "infojobs.it": "InfoJobs",
            "stepstone.fr": "StepStone",
            "stepstone.at": "StepStone",
            "stepstone.be": "StepStone",
            "stepstone.nl": "StepStone",
            "jobteaser.com": "JobTeaser",
            "hellowork.com": "HelloWork",
            "apec.fr": "Apec",
            "karriere.at": "karriere.at",
            "jobat.be": "Jobat",
            "nationalevacaturebank.nl": "Nationale Vacaturebank",
            "pracuj.pl": "Pracuj.pl",
            "jobindex.dk": "Jobindex",
            "finn.no": "FINN",
            "computrabajo.com": "Computrabajo",
            "bumeran.com": "Bumeran",
            "catho.com.br": "Catho",
            "adzuna.com": "Adzuna",
            "adzuna.co.uk": "Adzuna",
            "cv-library.co.uk": "CV-Library",
        }.items()
    },
    **{
        domain: (name, ATS)
        for domain, name in {
            "greenhouse.io": "Greenhouse",
            "greenhouse-mail.io": "Greenhouse",
            "lever.co": "Lever",
            "myworkday.com": "Workday",
            "myworkdayjobs.com": "Workday",
            "workday.com": "Workday",
            "ashbyhq.com": "Ashby",
            "smartrecruiters.com": "SmartRecruiters",
            "icims.com": "iCIMS",
            "jobvite.com": "Jobvite",
            "successfactors.com": "SuccessFactors",
            "successfactors.eu": "SuccessFactors",
            "sapsf.com": "SuccessFactors",
            "sapsf.eu": "SuccessFactors",
            "avature.net": "Avature",
            "taleo.net": "Taleo",
            "oraclecloud.com": "Oracle Recruiting",
            "bamboohr.com": "BambooHR",
            "workable.com": "Workable",
            "workablemail.com": "Workable",
            "jazzhr.com": "JazzHR",
            "applytojob.com": "JazzHR",
            "gupy.io": "Gupy",
            # hourly hiring: restaurants, retail, hotels
            "harri.com": "Harri",
            "workstream.us": "Workstream",
            "workstream.is": "Workstream",
            "fountain.com": "Fountain",
            "paradox.ai": "Paradox",
            "hireology.com": "Hireology",
            "talentreef.com": "TalentReef",
            "applicantpro.com": "ApplicantPro",
            "trakstar.com": "Trakstar",
            "apploi.com": "Apploi",
            "breezy.hr": "Breezy HR",
            "breezy-mail.com": "Breezy HR",
            "breezyhr.com": "Breezy HR",
            "recruitee.com": "Recruitee",
            "teamtailor.com": "Teamtailor",
            "teamtailor-mail.com": "Teamtailor",
            "personio.de": "Personio",
            "personio.com": "Personio",
            "rippling.com": "Rippling",
            "gem.com": "Gem",
            "eightfold.ai": "Eightfold",
            "phenompeople.com": "Phenom",
            "phenom.com": "Phenom",
            "pinpointhq.com": "Pinpoint",
            "comeet.co": "Comeet",
            "comeet.com": "Comeet",
            "paylocity.com": "Paylocity",
            "ultipro.com": "UKG",
            "ukg.com": "UKG",
            "adp.com": "ADP",
            "dayforcehcm.com": "Dayforce",
            "paycom.com": "Paycom",
            "jobscore.com": "JobScore",
            "freshteam.com": "Freshteam",
            "zohorecruit.com": "Zoho Recruit",
            "homerun.co": "Homerun",
            "join.com": "JOIN",
            "dover.com": "Dover",
            "clearcompany.com": "ClearCompany",
            "brassring.com": "BrassRing",
            "csod.com": "Cornerstone",
            "cornerstoneondemand.com": "Cornerstone",
            "jobdiva.com": "JobDiva",
            "hirebridge.com": "Hirebridge",
            "recruiterbox.com": "Recruiterbox",
            "governmentjobs.com": "GovernmentJobs",
            "neogov.com": "GovernmentJobs",
            "schooljobs.com": "SchoolJobs",
            "usajobs.gov": "USAJOBS",
            "jobs.ac.uk": "jobs.ac.uk",
            "schoolspring.com": "SchoolSpring",
            "applitrack.com": "AppliTrack",
            "frontlineeducation.com": "Frontline",
            "edjoin.org": "EDJOIN",
            "publicjobs.ie": "publicjobs",
            "jobs.nhs.uk": "NHS Jobs",
            "trac.jobs": "Trac",
            "jobup.ch": "jobup.ch",
            "hiringthing.com": "HiringThing",
            "paycor.com": "Paycor",
            "culinaryagents.com": "Culinary Agents",
            "poachedjobs.com": "Poached",
            "clearancejobs.com": "ClearanceJobs",
        }.items()
    },
    **{
        domain: (name, VENDOR)
        for domain, name in {
            "hackerrank.com": "HackerRank",
            "hackerrankforwork.com": "HackerRank",
            "codility.com": "Codility",
            "codesignal.com": "CodeSignal",
            "hackerearth.com": "HackerEarth",
            "testgorilla.com": "TestGorilla",
            "hirevue.com": "HireVue",
            "coderbyte.com": "Coderbyte",
            "pymetrics.ai": "pymetrics",
            "pymetrics.com": "pymetrics",
            "criteriacorp.com": "Criteria",
            "shl.com": "SHL",
            "mettl.com": "Mercer Mettl",
            "vervoe.com": "Vervoe",
            "harver.com": "Harver",
            "karat.io": "Karat",
            "karat.com": "Karat",
            "goodtime.io": "GoodTime",
            "calendly.com": "Calendly",
            "modernloop.io": "ModernLoop",
            "docusign.net": "DocuSign",
            "docusign.com": "DocuSign",
            "hellosign.com": "Dropbox Sign",
            "echosign.com": "Adobe Sign",
            "adobesign.com": "Adobe Sign",
            "pandadoc.com": "PandaDoc",
            "zoom.us": "Zoom",
            "sendgrid.net": "SendGrid",
            "mailgun.org": "Mailgun",
            "amazonses.com": "Amazon SES",
            "checkr.com": "Checkr",
            "sterlingcheck.com": "Sterling",
            "hireright.com": "HireRight",
            "google.com": "Google",
            "microsoft.com": "Microsoft",
            "office.com": "Microsoft",
        }.items()
    },
    **{
        domain: ("", FREE_MAIL)
        for domain in (
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "yahoo.com",
            "yahoo.co.uk",
            "ymail.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "aol.com",
            "proton.me",
            "protonmail.com",
            "pm.me",
            "gmx.com",
            "gmx.de",
            "gmx.net",
            "web.de",
            "mail.com",
            "zoho.com",
            "fastmail.com",
            "yandex.com",
            "hey.com",
            "qq.com",
            "163.com",
            "rediffmail.com",
            "example.com",
            "example.net",
            "example.org",
        )
    },
}
PLATFORM_NAMES = frozenset(name.casefold() for name, _ in PLATFORMS.values() if name)

# ATS URLs whose path or host names the employer's account.
_ACCOUNT_URLS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?:boards|job-boards|jobs)\.(?:eu\.)?greenhouse\.io/(?:embed/job_app\?for=)?([\w-]+)",
        r"[?&]for=([\w-]+)",
        r"jobs\.(?:eu\.)?lever\.co/([\w.-]+)",
        r"//([\w-]+)\.wd\d+\.myworkdayjobs\.com",
        r"//([\w-]+)\.myworkdayjobs\.com",
        r"myworkdayjobs\.com/(?:[a-z]{2}-[A-Z]{2}/)?([\w-]+)",
        r"//careers-([\w-]+)\.icims\.com",
        r"//(?!careers\.|jobs\.|www\.)([\w-]+)\.icims\.com",
        r"//(?!www\.)([\w-]+)\.avature\.net",
        r"jobs\.ashbyhq\.com/([\w.%-]+)",
        r"(?:jobs|careers)\.smartrecruiters\.com/([\w-]+)",
        r"//(?!www\.|app\.)([\w-]+)\.bamboohr\.com",
        r"apply\.workable\.com/([\w-]+)",
        r"//(?!www\.|apply\.)([\w-]+)\.workable\.com",
        r"//([\w-]+)\.applytojob\.com",
        r"//([\w-]+)\.breezy\.hr",
        r"//(?!www\.)([\w-]+)\.recruitee\.com",
        r"//(?!www\.|app\.)([\w-]+)\.teamtailor\.com",
        r"//([\w-]+)\.jobs\.personio\.(?:de|com)",
        r"jobs\.jobvite\.com/([\w-]+)",
        r"//(?!jobs\.|app\.|www\.|hire\.)([\w-]+)\.jobvite\.com",
        r"//([\w-]+)\.taleo\.net",
        r"ats\.rippling\.com/([\w-]+)",
        r"wellfound\.com/company/([\w-]+)",
        r"linkedin\.com/company/([\w-]+)",
        r"indeed\.com/cmp/([\w-]+)",
        r"//([\w-]+)\.pinpointhq\.com",
        r"successfactors\.(?:com|eu)/.*[?&]company=([\w-]+)",
    )
)
_ACCOUNT_NOISE = re.compile(
    r"(?:careers?|jobs|talent|recruiting|hiring|external|prod|inc|"
    r"llc|ltd|gmbh|p|\d+)$",
    re.IGNORECASE,
)

# ------------------------------------------------------------------------- names in text

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# A word of a name: "Acme", "Tide&Pine", "North360°", "A.W." (initials keep their dots).
_WORD = rf"[{_UPPER}0-9][\w&'’°+.-]*[\w°+&](?:\.(?= [{_UPPER}]))?|[{_UPPER}]|[0-9](?= [{_UPPER}])"
_LINK = r"(?:of|and|&|de|du|des|la|le|van|von|der|den|y|e|the|di|da|do|del|et|und|für)"
NAME = rf"(?P<name>(?:{_WORD})(?:[ -](?:{_LINK} )?(?:{_WORD})){{0,5}})"

_EXPLICIT = tuple(
    re.compile(rf"\b{pattern}")
    for pattern in (
        rf"(?i:thank(?:s| you)(?: so much| very much)? for (?:applying|your application|your "
        rf"interest|considering|submitting (?:an |your )?application|your recent application))"
        rf"(?: (?i:for|in) [^.]{{1,120}}?)?? (?i:to|at|with) (?:(?i:joining|working at|working "
        rf"for) )?{NAME}",
        rf"(?i:applying|applied|application|apply|candidacy) (?i:to|at|with) {NAME}",
        rf"(?i:position|role|job|opening|opportunity|career|internship|vacancy|post|team|group|"
        rf"department|division|office)s? (?i:at|with|here at) {NAME}",
        rf"(?i:interest in|interested in) (?:(?i:joining|working (?:at|for|with)) )?{NAME}",
        # A public service's "competition for the Land and Housing Delivery Agency".
        rf"(?i:competition|campaign) (?i:for|with|at) (?:(?i:the) )?{NAME}",
        # "Ihre Bewerbung bei X", "votre candidature chez X", "je sollicitatie bij X".
        rf"(?i:bewerbung|candidature|sollicitatie|candidatura|solicitud|postulación)\b"
        rf"[^.]{{0,80}}? (?i:bei|chez|bij|an|en|para) (?:(?i:der|die|den|la|le) )?{NAME}",
        rf"(?i:interesse an|portez à|interesse in|interés en|formar parte de) (?:(?i:der|die|den|"
        rf"la|le|l') ?)?{NAME}",
        rf"(?i:welcome to|join|joining|offer to join|offer from|invitation from|update from|a note "
        rf"from|news from|message from|on behalf of|sent to|was sent to|careers at|jobs at|"
        rf"recruiting at|talent at|hiring at|here at|everyone at|folks at|we at|team at|us at|"
        rf"recruiting @|talent @|hiring @|people @|careers @|"
        rf"opportunities at|life at|work at|working at|request from|werken bij|arbeiten bei|"
        rf"karriere bei|travailler chez|trabajar en) {NAME}",
        rf"(?i:from) {NAME} (?i:sent you|has sent you|wrote to you)",
        # An agency about its client: "quick update on Obsidian Ridge Capital", "Interview with
        # Dunhollow Manufacturing - Tues 2/17".
        rf"(?i:update on|heard back from|feedback from) {NAME}",
        # Signing services and their senders: "Pixelhaus 42 GmbH requests your signature",
        # "here is your Osprey & Finch offer letter".
        rf"(?:^|(?<=[.!?,] )){NAME}(?: \([^)]*\))? (?i:requests your signature|has requested "
        rf"your signature)",
        rf"(?i:here is|here's|attached is|attached you'll find) (?i:your) {NAME} (?i:offer)",
        rf"^(?i:interview|meeting|call) (?i:with|at) {NAME}(?=\s*(?:[-–|:(]|$))",
        rf"(?i:invited|invitation) (?i:by|from) {NAME} (?i:to|for)\b",
        rf"(?:^|(?<=[.!?,] )){NAME} (?i:has partnered with|partners with|is partnering with|uses)",
        # A signing service's subject: "Please DocuSign: Fernlight Analytics - Offer Letter".
        rf"(?i:docusign|please sign|signature requested):\s*{NAME}(?=\s*[-–_]?\s*(?i:offer|"
        rf"employment|contract|agreement))",
        rf"(?:^|(?<=[.!?,:] )|(?<= - )|(?<=\bwhen )|(?<=\bonce )|(?<=\bafter )){NAME}\.? "
        rf"(?i:has invited you|invited you|invites you|ha(?:s|ve) extended|ha(?:s|ve) offered|"
        rf"ha(?:s|ve) made|would like|wants to|is (?:excited|pleased|delighted|happy|thrilled|"
        rf"reviewing|hiring)|has (?:received|reviewed)|"
        rf"(?:received|got|gets|views|viewed|has viewed|reviews|reviewed) your|team (?:would|is|"
        rf"has|will)|has an update|sent you a message|has a message)",
        rf"(?i:update on your) {NAME} (?i:application)",
        rf"(?i:role|position|job|post) (?i:of) [^.]{{1,80}}? (?i:at|with) {NAME}",
        rf"(?i:application|applied|applying|interest|candidacy) (?i:for) (?:(?i:the|our|a|an) )?"
        rf"[^.]{{1,80}}? (?i:at|with) {NAME}",
        rf"(?i:with|from|by) [{_UPPER}][\w'’-]+ [{_UPPER}][\w'’-]+ \({NAME}\)",
        rf"(?i:founders?|co-?founder|ceo|cto|coo|head of [a-z]+|engineering manager|hiring manager|"
        rf"recruiter|talent partner) (?i:of|at|for) {NAME}",
        # An agency names its client: "I've put your CV forward to Orrin & Pike Logistics".
        rf"(?i:put your (?:cv|resume|résumé|profile) forward|put you forward|submitted you"
        rf"|submitted "
        rf"your (?:cv|resume|résumé|profile|application)|introduced you) (?i:to) (?:(?i:my|our) "
        rf"client,? )?{NAME}",
        rf"(?i:my|our) client,? {NAME}",
        rf"(?i:gone|sent|went|passed) (?i:across|over|through|on) (?i:to) {NAME}",
        rf"(?i:your) (?:(?i:first|second|third|next|final) )?(?i:interview|call|meeting) (?i:with) "
        rf"{NAME}(?= (?i:for) (?i:the|a|an|our|their|this) )",
        rf"(?<!our )(?<!the ){NAME}(?:'s)? (?i:recruiting|talent|hiring|careers|people|hr|"
        rf"recruitment) "
        rf"(?i:team|department|acquisition)",
    )
)

# Words a candidate may not be, alone or in full: phrases that stand where names stand.
_GENERIC = frozenset(
    """
a an the our your this that these those we us you it i my me he she they them his her their
hi hello dear hey thanks thank regards best team teams recruiting recruitment recruiter talent
acquisition hiring hr human resources people careers career jobs job employment employer
opportunities opportunity openings opening position positions role roles application
applications applicant applicants candidate candidates update updates next step steps one
others other some all any everyone everybody company companies organisation organization
interview interviews offer offers congratulations unfortunately important notice reminder
action required please note re fwd fw subject date from to cc sent new your status today
tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december morning afternoon evening week
month year time details information confirmation received submitted thank-you welcome
onboarding mr mrs ms dr sir madam priority urgent final round phone screen video call zoom
teams meet calendar invite invitation link portal account profile search group global us usa
uk eu europe america north south east west remote hybrid on-site onsite office headquarters
we've we're we'll i'm i've you're you've it's let's that's here there management operations
division department engineering finance analytics technology sales marketing culture ops
full-time part-time contract contractor permanent temporary freelance internship
senior junior lead staff principal chief head associate intern graduate trainee
corporate clinical services service support solutions centre center campus site location
id no number ref reference req requisition carrières carrieres recrutement emplois emploi
examination exam examinations eligibility eligible selection shortlisting shortlist outcome
karriere stellenangebote bewerbung empleo carreras vagas trabajo lavora career-site
confirmed scheduled rescheduled cancelled canceled updated accepted declined tentative
having after before following given while although since because
""".split()
)
# Words that end a name when they follow it ("Acme Recruiting", "Acme Talent Team").
_TEAM_WORDS = re.compile(
    r"(?:\s+|^)(?:early careers?(?: team)?|university (?:recruiting|recruitment|relations|"
    r"hiring)(?: team)?|(?:global |corporate |campus |early careers? |graduate )?(?:recruiting|"
    r"recruitment|talent(?: acquisition)?|hiring|careers?|jobs|hr|human resources|people(?: "
    r"ops| operations| & culture| and culture)?|staffing|ta|employment|carrières|carrieres|"
    r"recrutement|emplois?|karriere|personal|empleo|carreras|vagas|talentos?|selecci[óo]n|"
    r"recrutamento|reclutamiento|recursos humanos|rrhh|experienced hires?|acquisition de "
    r"talents|ressources humaines|personalabteilung|werken bij|arbeiten bei|jobs bei)(?: "
    r"(?:team|department|dept|"
    r"group|office|partners?|center|centre|portal|site|page))?|team|notifications?|no-?reply|"
    r"noreply|alerts?|mail|e-?mail|support|admin|system|do not reply)$",
    re.IGNORECASE,
)
# "at Greenville plant": a name followed by one of these is a place, not the employer.
_PLACE_NOUN = re.compile(
    r" (?:plant|site|office|offices|location|facility|branch|store|campus|"
    r"warehouse|depot|hub|distribution|headquarters|hq|area|region|hospital "
    r"campus)\b",
    re.IGNORECASE,
)
# "Dana Whitlock (Brightwater Freight)", "Host: Dev Malhotra", "on behalf of Dana Whitlock."
_NAMED_PERSON = re.compile(
    # "Dana Whitlock (Brightwater Freight)", not "Orbis Health (formerly Meridian Care)"
    rf"(?P<person>[{_UPPER}][a-zà-ÿ'’-]+ [{_UPPER}][a-zà-ÿ'’-]+)"
    rf"(?= \((?!(?i:formerly|previously|now|part of|a |an |the |trading as|t/a)))"
    rf"|(?:host|interviewers?|note from):? "
    rf"(?P<person2>[{_UPPER}][a-zà-ÿ'’-]+ [{_UPPER}][a-zà-ÿ'’-]+)(?=[.,;)]|$| \(| on | and )"
)
_LEGAL_TAIL = re.compile(
    r"^(.*?\b(?:Inc|LLC|Ltd|Limited|GmbH|plc|PLC|AB|Oy|ApS|Pty Ltd|"
    r"Pvt Ltd|AG|Corp)\b\.?).*$"
)
_ENDS_AT_LEGAL_FORM = re.compile(
    r"^(.+?\s(?:(?:Inc|LLC|Ltd|Limited|GmbH|plc|PLC|Pty Ltd|Pvt Ltd|"
    r"Corp)\b\.?|Co\.)),?\s.*$"
)
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?{NAME}", re.IGNORECASE)
_LEGAL_NAME = re.compile(
    rf"{NAME},? (?:Inc|LLC|Ltd|Limited|GmbH|plc|PLC|S\.A|AB|Oy|AS|ApS|"
    rf"Pty|Pvt|B\.V|N\.V|AG|SE|Corp|Co)\b"
)
_SIGNATURE_ROLE = re.compile(
    r"recruit|talent|sourc|hiring|people|\bhr\b|human|coordinator|partner|manager|lead|"
    r"director|founder|ceo|cto|coo|vp|head|engineer|officer|specialist|associate|generalist|"
    r"rekryt|rekrut|recrut|reclut|responsable|directr|directeur|gerente|leiter|ansvarig|charg[ée]",
    re.IGNORECASE,
)
_SIGNATURE_SEPARATOR = re.compile(r"\s*(?:,|\||@|·|\s-\s|\s–\s|\bat\b)\s*")
_SIGNATURE_SEPARATOR_BUT_AT = re.compile(r"\s*(?:,|\||·|\s-\s|\s–\s|\bat\b)\s*")
# "Columbus, OH", "Oak Brook, IL 60523", a phone number: a line that gives a place.
_LOCATION = re.compile(
    r",\s*[A-Z]{2}\b(?:\s+\d{5})?(?:\s*\((?i:remote|hybrid|on-?site)\))?\s*$|\+?\d[\d ().-]{7,}"
)
_VIA = re.compile(
    r"\s+(?:via|through|with|by|@)\s+[\w .&-]+$|\s*\((?:via|through)\s[^)]*\)$", re.IGNORECASE
)
_PERSON_OF = re.compile(
    r"^(?P<person>[^(|@]+?)\s*(?:\((?P<paren>[^)]+)\)|[|@]\s*(?P<bar>.+)|"
    r"\s(?:from|at|-|–)\s(?P<from>.+))$"
)
_TEAM_OF = re.compile(
    r"^(?:the\s+)?(?:(?:careers?|jobs|talent|recruiting|hiring|people|hr)\s+"
    r"(?:team\s+)?(?:at|@|@ )\s*|(?:werken bij|arbeiten bei|karriere bei|travailler chez)\s+)"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------- titles

TITLE_NOUNS = frozenset(
    """
engineer engineers developer developers programmer analyst analysts scientist scientists
manager managers designer designers architect architects administrator specialist
specialists associate associates consultant consultants coordinator coordinators director
directors lead leader head officer officers intern interns internship internships
technician technicians representative representatives assistant assistants accountant
accountants auditor auditors clerk clerks cashier cashiers barista baristas nurse nurses
therapist pharmacist physician doctor teacher tutor instructor professor lecturer researcher
researchers writer writers editor editors producer producers marketer strategist planner
planners buyer buyers recruiter recruiters sourcer advisor adviser advisors partner partners
executive executives agent agents operator operators driver drivers mechanic electrician
welder machinist supervisor supervisors foreman chef cook cooks server servers host hostess
bartender dishwasher housekeeper attendant attendants receptionist secretary paralegal lawyer
attorney counsel solicitor trainee apprentice apprentices fellow fellows graduate graduates
steward stewardess pilot dispatcher handler picker packer loader stocker merchandiser
advocate evangelist ambassador organizer organiser facilitator counselor counsellor mentor
associate-level owner scrum master product-manager principal staff member crew worker workers
officer-in-charge controller treasurer economist actuary underwriter underwriters broker
teller banker trader traders quant quants statistician mathematician biologist chemist
physicist geologist hygienist technologist sonographer radiographer paramedic caregiver
aide aides custodian janitor porter guard inspector surveyor estimator tester testers
artist illustrator animator photographer videographer journalist reporter copywriter
translator interpreter librarian archivist curator coach trainer manager-in-training
""".split()
)
_TITLE_WORD = r"[A-Z0-9(&/][\w/&+#'’().:-]*"
_TITLE_LINK = r"(?:of|and|in|for|to|de|la|&|-|–)"
TITLE = rf"(?P<title>{_TITLE_WORD}(?:,? (?:{_TITLE_LINK} )?{_TITLE_WORD}){{0,9}})"
_TITLE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?i:application|applied|applying|candidacy|interest|consideration|interview(?: you)?|"
        rf"apply|considered|you) (?i:for|to|in) (?:(?i:the|our|a|an|this) )?(?:(?i:role|position) "
        rf"of )?"
        rf"{TITLE}(?: (?i:position|role|job|opening|vacancy|internship|post|req\w*))?"
        rf"(?: \([^)]{{1,40}}\))? (?i:at|with|here|on|in our|in the)\b",
        rf"(?i:applying|apply|applied) (?i:to be) (?i:our|the|a|an) {TITLE}(?:[.!,;]|$| (?i:at"
        rf"|with))",
        rf"(?i:for|as|of|in|to) (?i:the|our|a|an|this) {TITLE} (?i:position|role|job|opening"
        rf"|vacancy|"
        rf"internship|post|opportunity|team)\b",
        # "your formal offer to join Driftwood Labs as a Senior Software Engineer, Developer
        # Experience."
        rf"(?i:join|joining) (?:(?i:us)"
        rf"|[{_UPPER}][\w&'’.-]*(?: [{_UPPER}][\w&'’.-]*){{0,4}}) (?i:as) "
        rf"(?i:a|an|our|the) {TITLE}(?:[.!;]|$)",
        rf"(?i:the|our) (?i:position|role|job) of {TITLE}",
        rf"(?i:application|applied|applying|candidacy|interest|consideration|interview(?: you)?) "
        rf"(?i:for) "
        rf"(?:(?i:the|our|a|an|this) )?{TITLE}(?: (?i:position|role|job|opening))?(?:[.!,;]|$|"
        rf"(?= (?i:has|have|was|is) ))",
        rf"^(?i:job title|position|role|title|job|vacancy|opening|req(?:uisition)?(?: title)?)\s*"
        rf"[:\-]\s*{TITLE}",
        rf"(?i:application (?:received|confirmation|submitted|update)|interview (?:invitation|"
        rf"request)|invitation to interview|offer|assessment|your application)(?: (?i:for))?\s*"
        rf"[:|\-–]\s*{TITLE}",
    )
)
_REQUISITION = re.compile(
    r"\s*(?:[-–|,#:]\s*)?(?:\(\s*)?(?:\b(?:req(?:uisition)?|job|ref|id|r|jr|vac)[ #.:-]*"
    r"(?:id|no|number)?[ #.:-]*[A-Z]*-?\d[\w-]*|[A-Z]{1,4}-?\d{3,}[\w-]*|"
    r"[A-Z]{2,6}-\d{2,}-[\w-]+)(?:\s*\))?\s*$",
    re.IGNORECASE,
)
_TITLE_TRAILER = re.compile(
    r"\s*(?:[-–|,]\s*|\s\()(?:remote|hybrid|on-?site|in-office|full[- ]time|part[- ]time|"
    r"contract|temporary|permanent|\w+, [A-Z]{2}|[A-Z][a-z]+(?:, [A-Z][\w ]+)?)\)?\s*$"
)
_RECRUITING_ROLE = re.compile(
    r"\b(?:recruit\w*|talent|sourcer|hr|people (?:partner|ops))\b", re.IGNORECASE
)
_SIGNATURE_ROLE_LINE = re.compile(
    r"recruit|talent|sourcer|\bhr\b|people (?:partner|ops)|"
    r"[,|]\s*\S",
    re.IGNORECASE,
)
_CARD_LINE = re.compile(
    r"^(?P<title>[^·•\n]{2,100}?)\s+[·•]\s+(?P<company>[^·•\n]{2,80}?)"
    r"(?:\s+[·•]\s+[^\n]*)?$"
)


@dataclass(frozen=True)
class JobIdentity:
    company: str
    title: str
    source: str  # board or ATS display name, COMPANY_WEBSITE, or "" when unknown


def identify(
    reading: Reading, links: tuple[str, ...], owner_names: Iterable[str] = ()
) -> JobIdentity:
    """The employer, job title and source of a job mail."""
    people = _people(reading, owner_names)
    platform = platform_of(reading.sender_domain)
    # Job cards ("Title · Company · City") are a board's or an ATS's layout; in a person's
    # mail the same dots separate a signature's role and company.
    card_title, card_company = _card(reading) if platform[1] in (BOARD, ATS) else ("", "")
    title = _without_owner(job_title(reading) or card_title, owner_names)
    explicit = list(_explicit(reading))  # the candidates' first, and the fuller spellings'
    company = _first_plausible(
        _company_candidates(reading, links, platform, card_company, explicit), title, people
    )
    if isinstance(company, _Slug):
        company = _spelt_as_in_text(company, reading)
    if company:
        # Where the mail states the name more fully: its sender, its job card, its subject, its
        # other sentences, its signature and its legal footer ("Osterby is our client" after
        # "submitted you to Osterby Logistics").
        fuller = [
            _from_display_name(reading, platform),
            card_company,
            _from_subject(reading.subject),
            *explicit,
            *_from_signature(reading, ""),
            *_signature_parts(reading),
            *_footer_names(reading),
        ]
        names = [clean_company(name) for name in fuller if name]
        company = _fullest(str(company), names, title, people)
        title, company = _title_without_employer(title, str(company), _footer_names(reading))
    return JobIdentity(company=company, title=title, source=_source(platform, links))


# "iOS Engineer - Tidepool Pay", "Guest Experience Manager, Wren House Hotel", "Analyst
# (Switchback & Co.)": a title that ends with its employer's name.
_LEGAL_END = r"(?:Inc|LLC|Ltd|GmbH|plc|Corp|Co)\b\.?"
_TITLE_THEN_NAME = re.compile(
    rf"^(?P<title>.+?)(?:,\s|\s[-–|]\s?|\sat\s|\s\()(?P<name>[^,()]+?(?:,\s{_LEGAL_END})?)\)?$"
)
_NAMED_AS_A_COMPANY = re.compile(rf"\S,?\s+(?:{_LEGAL_END}|Company)$")


def _title_without_employer(title: str, company: str, legal_names: list[str]) -> tuple[str, str]:
    """The title without the employer named after it, and the employer: the company read, or
    the brand the job is named with when a group sends the mail (not "Marlstone Financial
    Group" for "iOS Engineer - Tidepool Pay" when its legal notice names Tidepool Pay, LLC)."""
    split = _TITLE_THEN_NAME.match(title)
    if split is None or not is_title(split.group("title")):
        return title, company
    name = clean_company(split.group("name"))
    key = loose_key(name)
    if key and key == loose_key(company):
        return split.group("title"), company
    if any(loose_key(other) == key for other in legal_names) or _NAMED_AS_A_COMPANY.search(
        split.group("name").strip()
    ):
        # the tracker needs no "LLC"
        return split.group("title"), re.sub(rf",?\s+{_LEGAL_END}$", "", name)
    return title, company


def _without_owner(title: str, owner_names: Iterable[str]) -> str:
    """'Offer - Player Insights Analyst - Jamie Rivera': a signing service names the document
    after its signer, who is the owner."""
    for name in owner_names:
        suffix = f" - {name}"
        if " " in name and title.casefold().endswith(suffix.casefold()):
            return title[: -len(suffix)]
    return title


def platform_of(domain: str) -> tuple[str, str]:
    """(display name, kind) of a board/ATS/vendor/free-mail domain, or ("", "")."""
    labels = domain.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        found = PLATFORMS.get(".".join(labels[start:]))
        if found:
            return found
    return "", ""


def _source(platform: tuple[str, str], links: tuple[str, ...]) -> str:
    name, kind = platform
    if kind in (BOARD, ATS):
        return name
    for link in links:
        link_name, link_kind = platform_of(_host(link))
        if link_kind == ATS:
            return link_name
    return COMPANY_WEBSITE


def _host(link: str) -> str:
    try:
        return urlsplit(link).hostname or ""
    except ValueError:  # "http://[broken" in a mangled mail
        return ""


# ------------------------------------------------------------------------- candidates


def _company_candidates(
    reading: Reading,
    links: tuple[str, ...],
    platform: tuple[str, str],
    card_company: str,
    explicit: list[str],
) -> Iterator[str]:
    yield from explicit
    yield _from_display_name(reading, platform)
    yield card_company
    yield from _from_accounts(reading, links)
    if not platform[1]:
        yield from _from_signature(reading, reading.sender_domain)
        yield _from_domain(reading.sender_domain)
    else:
        yield from _from_signature(reading, "")
    yield from _explicit_in(reading.quoted[:3000])
    yield _from_subject(reading.subject)
    # Last: the legal footer of a template that names the employer nowhere else.
    yield from _footer_names(reading)


def _explicit(reading: Reading) -> Iterator[str]:
    for text in (reading.subject, *reading.sentences):
        yield from _explicit_in(text)


_AT_COMPANY = re.compile(rf" at {NAME}")


# Searched in every sentence, most of which name no employer: one RE2 pass over all the
# patterns rules those out before each is tried.
# A few patterns per pass keep each automaton within RE2's memory budget; in them a name is any
# run of characters that starts and ends as a name does, so each still matches every sentence
# its exact patterns do.
_EXPLICIT_PER_PASS = 6
_EXPLICIT_PASSES = tuple(
    (
        Phrases(
            "|".join(f"(?:{pattern.pattern})" for pattern in group).replace(
                NAME, r"[\w°+&.](?:.*[\w°+&.])?"
            )
        ),
        group,
    )
    for group in (
        _EXPLICIT[start : start + _EXPLICIT_PER_PASS]
        for start in range(0, len(_EXPLICIT), _EXPLICIT_PER_PASS)
    )
)


def _explicit_in(text: str) -> Iterator[str]:
    for quick, patterns in _EXPLICIT_PASSES:
        if quick.may_match(text):
            yield from _explicit_matches(text, patterns)


def _explicit_matches(text: str, patterns: tuple[re.Pattern[str], ...]) -> Iterator[str]:
    for pattern in patterns:
        for match in pattern.finditer(text):
            if not _PLACE_NOUN.match(text, match.end("name")):
                # "the recruiter for Patient Access at Ravenna Valley Health": a team, then
                # the company it belongs to.
                company = _AT_COMPANY.match(text, match.end("name"))
                yield company.group("name") if company else match.group("name")


_SUBJECT_PARTS = re.compile(r"\s+[-–—|]\s+|:\s+")


_SUBJECT_STAGE = re.compile(
    r"\b(?:next steps?|assessment|invitation|invite|application|interview|test|challenge|"
    r"update|offer|exercise)\b",
    re.IGNORECASE,
)
_AT_THE_END = re.compile(rf"\s(?:at|with|@)\s+{NAME}\s*$")


def _from_subject(subject: str) -> str:
    """'Marlowe Insurance Brokers – Insurance Data Analyst', 'Data Analyst | Acme': a subject
    of two parts, one a job title, names the employer in the other."""
    at_the_end = _AT_THE_END.search(subject)  # "... Analytics Engineer, Live Games at Halloway"
    if at_the_end:
        return at_the_end.group("name")
    parts = _SUBJECT_PARTS.split(subject.strip())
    if len(parts) != 2:
        return ""
    first, second = parts
    if is_title(second) and not is_title(first):
        return first
    if _SUBJECT_STAGE.search(second) and not (is_title(first) or _SUBJECT_STAGE.search(first)):
        return first  # "Rookwood Capital: Next Step in the Application Process"
    if is_title(first) and not is_title(second):
        return second
    return ""


def _from_display_name(reading: Reading, platform: tuple[str, str]) -> str:
    name = reading.sender_name.strip(" \"'")
    if not name or "@" in name:
        return ""
    relayed = _VIA.search(name)  # "Thimbleby Consulting Group via ZipRecruiter"
    name = _VIA.sub("", name)
    team = _TEAM_OF.match(name)
    if team:
        return team.group("name")
    person = _PERSON_OF.match(name)
    if person:
        employer = person.group("paren") or person.group("bar") or person.group("from") or ""
        # "Crédit Boréal - Carrières": the company's careers mailbox, not a person at one.
        return person.group("person") if _only_team_words(employer) else employer
    stripped = _strip_team_words(name)
    if (
        platform[1] == ATS
        and stripped == name
        and _signs_the_mail(name, reading)
        and name not in reading.subject
    ):
        # "Theo Lindgren <no-reply@ashbyhq.com>" ... "Theo": a recruiter, not a name; but
        # "Thank you from Granite Mesa Fulfillment", signed so, is the employer's.
        return ""
    if relayed and platform[1] == BOARD and _relayed_person(stripped, reading):
        return ""  # "Dara Whitfield via LinkedIn": a member's message, not an employer's
    if stripped != name or platform[1] == ATS or (relayed and platform[1] == BOARD):
        return stripped
    if platform[1] == FREE_MAIL:  # a person's own account ("chris.adeyemi.talent@gmail.com")
        return ""
    if platform[1] == VENDOR and (
        stripped in reading.subject or not _looks_like_a_person(stripped, "")
    ):
        # "Pulpo Express <no-reply@hackerrank.com>", "Invitation: Pulpo Express Backend
        # Challenge": the vendor sends in the employer's name.
        return stripped
    if _is_role_mailbox(reading.sender_address) and not _looks_like_a_person(
        stripped, reading.sender_domain
    ):
        return stripped
    return ""  # a bare display name from a person's own address is that person


def _relayed_person(name: str, reading: Reading) -> bool:
    """A person's name a board relays, which the mail never gives as a company's."""
    return _looks_like_a_person(name, "") and not any(
        name in text for text in (reading.subject, *reading.sentences)
    )


def _signs_the_mail(name: str, reading: Reading) -> bool:
    """The mail ends with the name, or its first word, on a line of its own."""
    if not _looks_like_a_person(name, ""):
        return False
    closing = (*reading.sentences[-4:], *reading.signature.split("\n")[:3])
    return any(line.strip(" ,.-") in (name, name.split()[0]) for line in closing)


def _looks_like_a_person(name: str, domain: str) -> bool:
    """'Gwen Maddox' writing from careers@halcyonrail.com: two or three capitalised words,
    nothing a company name has, and nothing of the mail domain's name."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(
        re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ'’-]+\.?", w) for w in words
    ):
        return False
    if _LEGAL_WORD.search(name) or _INDUSTRY_WORD.search(name.casefold().replace(" ", "")):
        return False
    label = loose_key(_from_domain(domain)) if domain else ""
    return not (label and any(loose_key(word) in label for word in words if len(word) > 3))


def from_a_persons_mailbox(address: str) -> bool:
    """A person's own address: no role mailbox (careers@, no-reply@) and no board's, ATS's or
    vendor's."""
    domain = address.rpartition("@")[2]
    return not _is_role_mailbox(address) and platform_of(domain)[1] in ("", FREE_MAIL)


def _is_role_mailbox(address: str) -> bool:
    return bool(
        re.match(
            r"^[^@]*(?:no-?reply|do-?not-?reply|careers?|jobs|recruit|talent|"
            r"hiring|\bhr\b|people|notifications?|team|apply|applications?|"
            r"candidates?|info|hello|contact|staffing|employment)",
            address,
            re.IGNORECASE,
        )
    )


def _from_signature(reading: Reading, domain: str) -> Iterator[str]:
    """The company line of a signature: the line naming the sender's domain when there is
    one ('Acme Robotics' for @acmerobotics.com), else 'Senior Recruiter, Acme'."""
    lines = [line.strip() for line in reading.signature.split("\n")[1:10] if line.strip()]
    if domain:
        wanted = loose_key(_from_domain(domain))
        for line in lines:
            # "@" stays: "carla@tollgatebank.com" is an address, not "tollgatebank.com"
            for part in _SIGNATURE_SEPARATOR_BUT_AT.split(line):
                if wanted and loose_key(part).startswith(wanted):
                    yield part
        return
    # "Senior Recruiter, Acme", "Ben Okafor · Engineering Lead · Fenwick Lane Software", or the
    # role on a line of its own and the company on the next.
    after_role = False
    for line in lines:
        parts = [part for part in _SIGNATURE_SEPARATOR.split(line) if part]
        if _LOCATION.search(line):
            after_role = False
            continue
        if len(parts) > 1 and any(_SIGNATURE_ROLE.search(part) for part in parts[:-1]):
            yield parts[-1]
        elif after_role and len(parts) == 1:
            yield line
        else:
            stripped = _strip_team_words(line)
            if stripped != line:
                yield stripped
        after_role = (
            len(parts) == 1 and len(line.split()) <= 4 and bool(_SIGNATURE_ROLE.search(line))
        )


def _from_accounts(reading: Reading, links: tuple[str, ...]) -> Iterator[str]:
    sender_local = reading.sender_address.partition("@")[0]
    if platform_of(reading.sender_domain)[0] == "Workday":
        yield _account_name(sender_local)
    for link in links:
        for pattern in _ACCOUNT_URLS:
            match = pattern.search(link)
            if match:
                yield _account_name(match.group(1))
                break


def _account_name(slug: str) -> _Slug:
    slug = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", slug)  # "KwaleMineralSands"
    slug = re.sub(r"%20|[_.]", " ", slug).strip(" -")
    slug = " ".join(_INDUSTRY_ENDING.sub(r"\1 \2", word.lower()) for word in slug.split())
    slug = _ACCOUNT_NOISE.sub("", slug).strip(" -") or slug
    return _Slug(" ".join(word.capitalize() for word in re.split(r"[- ]+", slug) if word))


@lru_cache(maxsize=4096)
def _from_domain(domain: str) -> _Slug:
    registrable = _psl().privatesuffix(domain.lower()) or domain.lower()
    suffix = _psl().publicsuffix(registrable) or ""
    label = registrable[: -len(suffix) - 1] if suffix and registrable != suffix else registrable
    label = re.sub(r"^(?:careers?|jobs|mail|email|hr|recruiting|talent|join)[-.]", "", label)
    label = re.sub(
        r"[-.](?:careers?|jobs|mail|email|hr|recruiting|talent|group|global)$", "", label
    )
    # "ashworthfidelity" -> "ashworth fidelity": a known industry word ends many such names.
    label = _INDUSTRY_ENDING.sub(r"\1-\2", label)
    return _Slug(" ".join(word.capitalize() for word in re.split(r"[-.]+", label) if word))


_LEGAL_FORMS = frozenset({"inc", "llc", "ltd", "limited", "gmbh", "plc", "corp", "pty", "pvt"})
_LEGAL_WORD = re.compile(
    r"\b(?:inc|llc|llp|lp|pllc|ltd|gmbh|plc|corp|co|company|group|s\.?a|ag|ab|oy|as|"
    r"bv|nv|pty|limited|partners|associates|agency|recruiting|staffing)\b",
    re.IGNORECASE,
)
# Letters NFKD does not take apart: "Ølberg" is "olberg" in its domain.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_INDUSTRY_WORDS = (
    r"bank|logistics|foods?|hydro|fidelity|health|healthcare|group|labs?|systems|"
    r"tech|technologies|solutions|capital|partners|energy|insurance|pharma|media|studios?|"
    r"software|analytics|consulting|realty|retail|motors|airways|airlines|air|rail|freight|"
    r"marine|markets?|financial|finance|holdings|industries|ventures|digital|networks|robotics|"
    r"mobility|dynamics|works|home|homes|care|medical|dental|clinic|hospital|university|college|"
    r"school|trust|mutual|credit|payments?|pay|cloud|data|ai|bio|biotech|games|gaming|"
    r"apparel|outdoor|supply|construction|engineering|education|learning|legal|law|travel|"
    r"hotels?|hospitality|kitchen|coffee|brewing|farms?|textiles?|agency|hq|inc|co|team|jobs|"
    r"careers|io|app|hr|ledger|mineral|sands|mining|metals|telecom|tel|power|light|"
    r"instruments|aviation|robotics|staffing|talent|search|partners|capital|insurance"
)
_INDUSTRY_ENDING = re.compile(rf"^([a-z]{{3,}}?)({_INDUSTRY_WORDS})$")
_INDUSTRY_WORD = re.compile(_INDUSTRY_WORDS)


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True)


@lru_cache(maxsize=4096)
def employer_domain(domain: str) -> str:
    """The registrable domain of a sender that is the employer itself (not a board, an ATS, a
    vendor or free mail), else ""."""
    if not domain or platform_of(domain)[1]:
        return ""
    return _psl().privatesuffix(domain.lower()) or domain.lower()


@lru_cache(maxsize=4096)
def employer_mailbox(address: str) -> str:
    """The address when it is one employer's own mailbox on an ATS ("brisco@myworkday.com",
    "quaybridge-careers@successfactors.com"), else "": however the employer names itself in
    later mail (a parent group, a programme), mail from that mailbox is about its
    applications. An ATS's shared sender ("no-reply@ashbyhq.com") names no employer."""
    local, _, domain = address.casefold().partition("@")
    name, kind = platform_of(domain)
    if kind != ATS:
        return ""
    shared = {*domain.split("."), *name.casefold().split()}
    words = [word for word in re.split(r"[^a-z]+", local) if len(word) >= 3]
    if any(word not in shared and not _SHARED_MAILBOX_WORD.fullmatch(word) for word in words):
        return address.casefold()
    return ""


# The words of a mailbox that every employer on an ATS may send from.
_SHARED_MAILBOX_WORD = re.compile(
    r"no|noreply|reply|donotreply|not|careers?|jobs?|recruit\w*|talent|hiring|hr|people|"
    r"notifications?|notify|team|apply|applications?|candidates?|info|hello|contact|staffing|"
    r"employment|mail|mailer|mailbox|messages?|system|support|admin|alerts?|invites?|"
    r"invitations?|updates?|bounces?|automated|auto|external|prod|tenant|inbox|hire|"
    # The same in French, German, Spanish and Portuguese.
    r"carrieres?|carrières?|emplois?|recrutement|karriere|bewerbung(?:en)?|empleos?|"
    r"reclutamiento|carreiras?|recrutamento|vagas?"
)


# ------------------------------------------------------------------------- judging a name


# Generic words that end a longer name: "Coralbank Insurance Group", "Tidewater Medical Center".
_NAME_ENDINGS = frozenset({"group", "center", "centre", "services", "solutions", "partners"})
_NAME_LINKS = frozenset(_LINK[3:-1].split("|"))


def _fullest(company: str, others: list[str], title: str, people: set[str]) -> str:
    """The longest spelling of the company the mail gives: "Brightwater Freight" said in the
    text, "Brightwater Freight Systems, Inc." in the footer or the signature."""
    if not company:
        return company
    words = company.casefold().split()
    longer = []
    for other in others:
        other = _LEGAL_TAIL.sub(r"\1", other)  # "Coolabah Pty Ltd Level 9" ends at its "Ltd"
        extra = other.casefold().split()[len(words) :]
        # A name goes on in capitalised words: "Kallio Grid coding challenge" does not.
        lower_case = any(
            word[:1].islower() and word not in _NAME_LINKS for word in other.split()[len(words) :]
        )
        if (
            other.casefold().split()[: len(words)] == words
            and 0 < len(extra) <= 3
            and not lower_case
            and not any(
                (word in _GENERIC and not (word in _NAME_ENDINGS and len(extra) > 1))
                or any(c.isdigit() for c in word)
                for word in extra
            )
            and _plausible(other, title, people)
        ):
            longer.append(other)
    return max(longer, key=len, default=company)


def _signature_parts(reading: Reading) -> list[str]:
    """The parts of the signature's lines ("Group Human Resources, Meranti Bank"): a fuller
    spelling only where one starts with the name the mail gave. Before a comma a line is a
    role or a place ("Kansas City, Missouri"), so only what follows the last comma counts."""
    return [
        part
        for line in reading.signature.split("\n")[1:10]
        for part in re.split(r"\s*(?:\||·|\s-\s|\s–\s)\s*", line.strip().rpartition(",")[2])
        if part
    ]


def _footer_names(reading: Reading) -> list[str]:
    """Names the legal footer states: "© 2026 Acme Robotics, Inc.", "Acme Robotics GmbH"."""
    names = [match.group("name") for match in _COPYRIGHT.finditer(reading.footer)]
    names += [
        match.group("name")
        for match in _LEGAL_NAME.finditer(f"{reading.footer}\n{reading.signature}")
    ]
    return [clean_company(name) for name in names]


class _Slug(str):
    """A name read off a domain or an ATS account ("Acmerobotics"): to be spelt the way the
    mail spells it."""


def _first_plausible(candidates: Iterable[str], title: str, people: set[str]) -> str:
    for candidate in candidates:
        cleaned = clean_company(candidate)
        if _plausible(cleaned, title, people):
            return _Slug(cleaned) if isinstance(candidate, _Slug) else cleaned
    return ""


# A mailbox names the same few employers and jobs in mail after mail: each spelling is
# cleaned once.
@lru_cache(maxsize=4096)
def clean_company(name: str) -> str:
    name = " ".join(name.split()).strip(" \t.,;:!?\"'’-|·")
    name = re.sub(r"\s+(?:-|–|\|)\s+.*$", "", name)  # "Peña Outdoor - Evanston"
    name = re.sub(r"\s+(?:and|&)\s+I\b.*$", "", name)  # "Pinecrest Labs and I'd ..."
    name = re.sub(r"\s+\S+\.(?:com|co|io|org|net|de|uk|ca|au)\S*$", "", name)  # "Acme acme.io"
    name = re.sub(r"(?:'s|’s)$", "", name)
    # A legal name ends at its legal form: "Greyfriars Underwriting Ltd. We have...",
    # "Oakridge Pharmaceuticals Ltd Granta Park".
    name = _ENDS_AT_LEGAL_FORM.sub(r"\1", name)
    # "the Acme team", "The Acme": the comparison and the user ignore a leading article.
    name = re.sub(r"^(?:the|our|your)\s+(?=\w)", "", name, flags=re.IGNORECASE)
    previous = None
    while previous != name:
        previous = name
        name = _strip_team_words(name)
    return name[:100]


_LEADING_TEAM = re.compile(
    r"^(?:hr|human resources|recruiting|recruitment|talent acquisition)"
    r"(?: team)?(?:\s*[-|:@]\s*|\s+at\s+|\s+)(?=\w)",
    re.IGNORECASE,
)


def _only_team_words(text: str) -> bool:
    return bool(text.strip()) and not _TEAM_WORDS.sub("", text).strip(" -|,:")


def _strip_team_words(name: str) -> str:
    stripped = _TEAM_WORDS.sub("", name).strip(" -|,:")
    # "HR Tamarind Route": the team first (not "Recruitment Plus", an agency's one-word name).
    without_team = _LEADING_TEAM.sub("", stripped)
    if len(without_team.split()) >= 2:
        stripped = without_team
    stripped = re.sub(r"^the\s+(.+)\s+team$", r"\1", stripped, flags=re.IGNORECASE)
    return stripped or name


# A country or a region alone is a place, never the employer.
_REGIONS = frozenset(
    """
canada usa us uk emea apac latam europe asia africa india australia germany france spain
portugal italy netherlands belgium switzerland austria sweden norway denmark finland poland
mexico brazil argentina chile colombia peru japan china singapore philippines indonesia
malaysia nigeria kenya egypt uae dubai ireland scotland england wales britain america
""".split()
) | {
    "united states",
    "united kingdom",
    "north america",
    "latin america",
    "new zealand",
    "south africa",
    "hong kong",
    "middle east",
}


_REFERENCE_CODE = re.compile(r"\b[A-Z]{2,6}-\d{2,}|\b\d{2,}-\d{2,}")


def _plausible(name: str, title: str, people: set[str]) -> bool:
    if not name or len(name) > 80 or "@" in name or "://" in name or name.isdigit():
        return False
    if re.fullmatch(r"(?i)\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|h)", name):  # "at 2pm"
        return False
    if re.match(r"(?i)(?:mr|mrs|ms|miss|dr|prof)\.?\s", name):  # "Mrs L. Pillay": a person
        return False
    if re.search(
        r"\b\d{2,6} [A-Z]|\b(?:suite|floor)\b|\d.*\b(?:street|avenue|road|parkway|"
        r"boulevard)\b",
        name,
        re.IGNORECASE,
    ):  # an address, not "Harlow Street Dental"
        return False
    if _LOCATION.search(name) or re.search(r"\b(?:id|no|ref|req)\b.*\d", name, re.IGNORECASE):
        return False
    if _REFERENCE_CODE.search(name):  # "BMS-26-0112-MP", a posting's number
        return False
    words = name.casefold().replace("&", " ").split()
    if not words or len(words) > 7 or all(word.strip(".,'") in _GENERIC for word in words):
        return False
    if _only_team_words(name):  # "Acquisition de talents"
        return False
    key = name.casefold()
    if key in PLATFORM_NAMES or key in people or key.split()[0] in PLATFORM_NAMES:
        return False
    if key in _REGIONS:  # "Head of Pricing for Canada"
        return False
    if title and key == title.casefold():
        return False
    # "Data Analyst II" is a job, not an employer (unless the name says it is a company).
    return not (is_title(name) and not _LEGAL_WORD.search(name))


def _people(reading: Reading, owner_names: Iterable[str]) -> set[str]:
    """Names of people in this mail: the sender when writing from a personal address, the
    owner, the names in greetings ("Hi Priya")."""
    people = {name.casefold() for name in owner_names if name}
    for name in owner_names:
        people.update(part.casefold() for part in name.split())
    sender = reading.sender_name.strip()
    person = _PERSON_OF.match(sender)
    if person and _only_team_words(
        person.group("paren") or person.group("bar") or person.group("from") or ""
    ):
        person = None  # "Crédit Boréal - Carrières" is a company's careers mailbox
    # An ATS or a board sends in the employer's name; a person's own mailbox in theirs.
    personal_mailbox = not (
        _is_role_mailbox(reading.sender_address)
        or platform_of(reading.sender_domain)[1] in (ATS, BOARD)
    )
    # "Bramblecote Insurance <bramblecote@reelscreen.com>": a vendor writing in the employer's
    # name; a name with a sector word in it is nobody's.
    company_like = any(_INDUSTRY_WORD.fullmatch(word) for word in sender.casefold().split())
    # "Tomas Brandt via LinkedIn": a member's message the board relays.
    if _VIA.search(sender) and platform_of(reading.sender_domain)[1] == BOARD:
        relayed = _VIA.sub("", sender)
        if _looks_like_a_person(relayed, ""):
            person, sender, personal_mailbox = None, relayed, True
    # "RMK Graduate Recruitment" is a team's mailbox whatever its address.
    team_name = _strip_team_words(sender) != sender
    if person or (sender and personal_mailbox and not company_like and not team_name):
        # "Anirudh Menon (Gyaan24)" is a person whatever mailbox sends it.
        person_name = person.group("person") if person else sender
        people.add(person_name.casefold().strip())
        people.update(word.casefold() for word in person_name.split())
    for text in (reading.subject, *reading.sentences):
        for match in _NAMED_PERSON.finditer(text):
            named = match.group("person") or match.group("person2")
            if not is_title(named):
                people.add(named.casefold())
    for sentence in reading.sentences[:3]:
        greeting = re.match(
            r"^(?:hi|hello|dear|hey|good (?:morning|afternoon))\s+([\w'’-]+)",
            sentence,
            re.IGNORECASE,
        )
        if greeting:
            people.add(greeting.group(1).casefold())
    return people


_LINK_IN_TEXT = re.compile(r"\S+://\S+|\bwww\.\S+")


_LONG_NAME_CHARS = 8


def _spelt_as_in_text(company: str, reading: Reading) -> str:
    """'Acmerobotics' (a domain or an ATS account) -> 'Acme Robotics' when the mail spells it
    so; also a name the account shortens ('creditouta' -> 'Crédit Outaouais') or abbreviates
    ('rusd' -> 'Redfern Unified School District')."""
    if not company:
        return company
    wanted = loose_key(company)
    texts: Sequence[str] = (
        reading.subject,
        reading.sender_name,
        *reading.sentences,
        reading.signature,
        reading.footer,
    )
    # Not in links: "smartrecruiters.com/HalcyonRail/..." is the account itself again.
    texts = [_LINK_IN_TEXT.sub(" ", text) for text in texts]
    phrases_in_text = [
        " ".join(words[start:end])
        for text in texts
        for match in re.finditer(NAME, text)
        for words in (match.group("name").split(),)
        for start in range(len(words))
        for end in range(len(words), start, -1)
        # A name starts with a word (not "2026" of "© 2026 Acme") and ends in one, not in a
        # link ("Cervantes Catering &") or a legal form (the user's tracker needs no "Ltd").
        if not words[start].isdigit()
        and words[end - 1].casefold().rstrip(".") not in _NAME_LINKS | _LEGAL_FORMS
    ]
    wanted_without_and = wanted.replace("and", "")
    for matches in (
        lambda key: key in (wanted, wanted_without_and),
        lambda key: len(wanted) >= 6 and key.startswith(wanted),
        lambda key: (
            len(key) >= 4
            and wanted.startswith(key)
            and _INDUSTRY_WORD.fullmatch(wanted[len(key) :])
        ),
    ):
        for phrase in phrases_in_text:
            if matches(loose_key(phrase)):
                return clean_company(phrase)
    # "wrenhousesavannah" of "Wren House" (its town after it): a name of several words the
    # account starts with.
    for phrase in phrases_in_text:
        key = loose_key(phrase)
        if " " in phrase.strip() and len(key) >= _LONG_NAME_CHARS and wanted.startswith(key):
            return clean_company(phrase)
    first_word = loose_key(company.split()[0])
    for phrase in phrases_in_text:
        words = [key for key in map(loose_key, phrase.split()[:6]) if key]  # "&" has no key
        # A one-word account abbreviates anything ('iqpublishing' of Inkwell & Quire
        # Publishing); one of several words only a name that starts with its first word
        # ('tallgrass-sg' of Tallgrass Systems Group).
        if (" " not in company or words[:1] == [first_word]) and abbreviates(wanted, words):
            return clean_company(phrase)
    return company


def abbreviates(label: str, words: list[str], skipped: int = 0) -> bool:
    """Is `label` made of the starts of the words in turn, beginning with the first word
    ('rusd' of Redfern Unified School District, 'creditouta' of Crédit Outaouais)? One word
    after the first may be left out, and the last ('wexfordtransit' of Wexford Regional
    Transit Authority, 'ferncastlecu' of Ferncastle Community Credit Union)."""
    if not label:
        return len(words) <= 1
    if not words or not words[0]:
        return False
    own = any(
        abbreviates(label[size:], words[1:], skipped)
        for size in range(min(len(words[0]), len(label)), 0, -1)
        if label.startswith(words[0][:size])
    )
    return own or (skipped == 0 and len(words) > 2 and abbreviates(label, words[1:], 1))


@lru_cache(maxsize=16384)
def loose_key(name: str) -> str:
    """Letters and digits only, accents folded both ways ('Grünfeld' = 'gruenfeld' =
    'grunfeld'), for comparing a name with an account or a domain."""
    text = re.sub(r"\s*&\s*|\b(?:and|et|und)\b", "", name.casefold())
    text = text.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")
    text = text.translate(_UNDECOMPOSED)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if char.isalnum() and not unicodedata.combining(char))
    return text.replace("ue", "u").replace("oe", "o").replace("ae", "a")


# ------------------------------------------------------------------------- job title


# Indeed's card: the company and the place under the title ("Redbank Logistics - Memphis, TN").
_COMPANY_AND_PLACE = re.compile(
    r"^(?P<company>[^-–|·]{2,60}?) [-–] (?:[A-Z][\w .'-]+, [A-Z]{2}\b|"
    r"remote\b)",
    re.IGNORECASE,
)


def _card(reading: Reading) -> tuple[str, str]:
    """Job-card lines of boards: 'Senior Data Analyst · Acme · Austin, TX (Hybrid)', or the
    title on a line of its own above 'Acme · Austin, TX (Hybrid)'."""
    previous = ""
    for sentence in reading.sentences:
        if phrases.NOT_JOB["job alert"].search(sentence):
            break  # cards below "Jobs you may like" are other jobs
        place = _COMPANY_AND_PLACE.match(sentence)
        above = clean_title(previous)
        if place and is_title(above) and len(above.split()) <= 8:
            return above, place["company"]  # "Transportation Analyst" / "Redbank - Memphis, TN"
        match = _CARD_LINE.match(sentence)
        if match and not re.search(r"applied|ago|\d{4}", match["title"], re.IGNORECASE):
            title = clean_title(match["title"])
            if is_title(title):
                return title, match["company"].strip()
            above = clean_title(previous)
            if is_title(above) and len(above.split()) <= 8:
                return above, match["title"].strip()
        previous = sentence
    return "", ""


def job_title(reading: Reading) -> str:
    """From the subject first (a phrase that names the job, or a part that is a job title),
    then from the body the same two ways. A line that is a signature's role never counts."""
    subject_parts = re.split(r"\s[-–|:]\s|:\s|\s[-–]$|\s(?:about|regarding|for)\s", reading.subject)
    # "Ketterley Partners - Consultant, Data & Analytics" from "Ketterley Partners Careers":
    # the sender's own name is no title.
    sender = loose_key(reading.sender_name)
    subject_parts = [part for part in subject_parts if not (sender and loose_key(part) in sender)]
    body_lines = _own_lines(reading)
    return (
        _title_in_phrases([reading.subject])
        or _title_in_lines(subject_parts, in_subject=True)
        or _title_in_phrases(reading.sentences)
        or _title_in_lines(body_lines)
    )


def _own_lines(reading: Reading) -> list[str]:
    """Lines of the body without sentence punctuation, except the sender's name and the role
    line under it (an unsigned signature) and everything after a list of other jobs."""
    sender_words = {word.casefold() for word in reading.sender_name.split() if len(word) > 2}
    lines: list[str] = []
    after_sender = False
    for sentence in reading.sentences:
        if phrases.NOT_JOB["job alert"].search(sentence):
            break
        if re.search(r"[.!?]$", sentence):
            after_sender = False
            continue
        words = {word.casefold() for word in sentence.split()}
        if sender_words and len(words & sender_words) >= min(2, len(sender_words)):
            after_sender = True
            continue
        if not after_sender:
            lines.append(sentence)
    return lines


def _title_in_phrases(texts: Iterable[str]) -> str:
    for text in texts:
        for pattern in _TITLE_PATTERNS:
            for match in pattern.finditer(text):
                title = clean_title(match.group("title"))
                if is_title(title) and not _RECRUITING_ROLE.search(title):
                    return title
    return ""


def _title_in_lines(lines: Iterable[str], in_subject: bool = False) -> str:
    """The first line that is a job title. In the body, not a signature's "Recruiter, Acme"
    line; a subject has no signature ("Data Engineer, Telemetry - update")."""
    for line in lines:
        title = clean_title(line)
        if (
            is_title(title)
            and len(title.split()) <= 8
            and ":" not in title
            and (
                not _SIGNATURE_ROLE_LINE.search(line)
                or (in_subject and title[:1].isupper() and not _RECRUITING_ROLE.search(title))
            )
        ):
            return title
    return ""


# What surrounds a title where mail states it, removed in this order (compiled once: titles
# are cleaned several times a mail).
_TITLE_NOISE = tuple(
    re.compile(pattern, flags)
    for pattern, flags in (
        (r"^(?:the|a|an|our|this|as)\s+", re.IGNORECASE),
        (r"\s+with (?:my|our|a|the) client\b.*$", re.IGNORECASE),
        # "R-30918 Software Engineer"
        (r"^(?:[A-Z]{1,4}-?\d{3,}[\w-]*|\(?(?:req|ref|job)\.? ?#?\d[\w-]*\)?)\s+", 0),
        (r"\s+(?:phone screen|final round|first round|chat|call|interview|screening)$", re.I),
        (
            r"^(?:(?:an? )?update(?:s)? (?:regarding|on|about|for|re)|news about|regarding|"
            r"about|re|your application(?: for| to| as)?|application(?: for| to| as)?|"
            r"interview(?: for)?|offer(?: for)?|(?:ihre |deine )?bewerbung(?: als| für| auf)?|"
            r"(?:votre )?candidature(?: pour| au poste de| pour le poste)?|postulación(?: a| "
            r"para)?|(?:je )?sollicitatie(?: als| voor)?|(?:hemos recibido |recebemos )?(?:tu |su "
            r"|a sua |a tua )?candidatura(?: para| a| ao| à| enviada:?)?)\s*[:\-–]?\s+",
            re.IGNORECASE,
        ),
        # What follows a title on the same line: a requisition, a place, the subject's words.
        (
            r"\s*(?:\((?:req|job|ref|id|posting)\b.*|(?:location|req(?:uisition)?|job id|ref)\s*"
            r"[:#].*)$",
            re.IGNORECASE,
        ),
        (r"\s+(?:in|at) [A-Z][\w.-]+(?:,? [A-Z][\w.-]+)*$", 0),
        (r"\s+(?:is with us|at [A-Z].*|with [A-Z].*|\d[\d-]{3,})$", 0),
        (
            r"(?<!,)\s+(?:(?:coding |online |technical )?(?:application|applications|"
            r"assessment|interview|offer|update|confirmation|opportunity|opening|vacancy|"
            r"test|challenge|exercise|take-home|feedback|search|decision|candidates|process|"
            r"next steps?|next round))$",
            re.IGNORECASE,
        ),
    )
)
_TITLE_TAIL_WORD = re.compile(r"\s+(?:position|role|job|opening|vacancy|post|req)$", re.I)
# "(Remote)", "(R-20417)" go; "(Intern)", "(Tier 2)", "(Kotlin)" belong to the title.
_TITLE_TAIL_PARENS = re.compile(
    r"\s*\((?:remote|hybrid|on-?site|in-office|[A-Z]{0,4}-?\d[\d-]{2,}[\w-]*|\d+[-/]\d+|"
    r"req[^)]*|job[^)]*|ref[^)]*|vacancy[^)]*)\)$",
    re.IGNORECASE,
)


# "Thank you for applying (Plant Controller)": the title in brackets after the subject's verb.
_TITLE_IN_BRACKETS = re.compile(r"^(?:(?:applying|applied)(?: for| to)?\s+)?\(([^()]+)\)$", re.I)


@lru_cache(maxsize=4096)
def clean_title(title: str) -> str:
    title = " ".join(title.split()).strip(" .,;:!?\"'-–|")
    title = _TITLE_IN_BRACKETS.sub(r"\1", title)
    for noise in _TITLE_NOISE:
        title = noise.sub("", title)
    for _ in range(3):  # each pass may bare another tail ("Analyst (Remote) - R-1234 role")
        before = title
        title = _REQUISITION.sub("", title).strip(" .,;:-–|")
        title = _TITLE_TAIL_WORD.sub("", title)
        title = _TITLE_TAIL_PARENS.sub("", title)
        if title == before:
            break
    return title[:120]


# A meeting's roles, never the job's title on their own ("Join the meeting as the Host").
_MEETING_ROLES = frozenset(
    {
        "host",
        "co-host",
        "guest",
        "organizer",
        "organiser",
        "participant",
        "attendee",
        "presenter",
        "panelist",
        "panellist",
        "speaker",
    }
)


def is_title(title: str) -> bool:
    # Whole words: "Advisor360°" is a name, not an advisor.
    words = re.findall(r"[a-z0-9°]+", title.casefold())
    if title.casefold().strip() in _MEETING_ROLES:
        return False
    return (
        bool(words)
        and len(title) <= 100
        and "://" not in title
        and not re.match(
            r"(?i)(?:(?:with|at|for|following|about|regarding|conversation|chat|call|meeting|summer|"
            r"winter|graduate) |hiring manager\b|(?:intro(?:ductory)?|quick|short|first|phone|"
            r"video) (?:call|chat|conversation)\b|coffee\b)",
            title,
        )
        and any(word in TITLE_NOUNS for word in words)
        and not title.casefold().startswith(
            ("thank", "your ", "you ", "we ", "our ", "this ", "hi ", "dear ")
        )
    )
