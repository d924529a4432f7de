"""The Gmail search of a first (full) sync: every mail of the look-back window that a job mail
could be, by its words or by its sender.

Job mail is written in a few hundred words that ordinary mail seldom uses all together, so the
search is broad on purpose: the words job mail cannot avoid ("application", "interview",
"position", "role", "offer"...) anywhere in a mail, plus every mail from a job board, an ATS or
an assessment or scheduling vendor. Measured on the labelled corpus (tests/mail_corpus) it
selects every job mail but a handful; what it selects beyond job mail costs one fetch each and
the classifier's time, and the classifier still decides what each mail means. Mail arriving
after the first sync is read through the mailbox history, whatever its words.
"""

from gmail_sync.companies import PLATFORMS, VENDOR

# Whole words, as Gmail matches them (no stemming: "applied" does not find "application").
JOB_WORDS: tuple[str, ...] = (
    "application",
    "applications",
    "applying",
    "applied",
    "apply",
    "candidacy",
    "candidate",
    "candidates",
    "interview",
    "interviews",
    "interviewing",
    "screen",
    "offer",
    "position",
    "role",
    "opening",
    "vacancy",
    "opportunity",
    "job",
    "jobs",
    "career",
    "careers",
    "hiring",
    "hire",
    "recruiter",
    "recruiting",
    "recruitment",
    "talent",
    "resume",
    "résumé",
    "cv",
    "shortlisted",
    "assessment",
    "exercise",
    "salary",
    "onsite",
    # The same in German, French, Spanish, Dutch, Portuguese, Italian and Swedish, as
    # European and Latin American employers write.
    "bewerbung",
    "stelle",
    "vorstellungsgespräch",
    "candidature",
    "entretien",
    "poste",
    "candidatura",
    "entrevista",
    "puesto",
    "postulación",
    "sollicitatie",
    "vacature",
    "vacante",
    "vaga",
    "selezione",
    "colloquio",
    "ansökan",
    "tjänsten",
    "intervju",
    # Mail between people that names no job word: a recruiter's "hired", "finalist", Québec's
    # "entrevue", German calls, Spanish and Portuguese requests, tests and offers.
    "hired",
    "finalist",
    "applicant",
    "applicants",
    "submittal",
    "entrevue",
    "gespräch",
    "erstgespräch",
    "telefoninterview",
    "solicitud",
    "oferta",
    "prueba",
    "avaliação",
    "conversa",
    "evaluación",
    "cuestionario",
    "stage",
    "round",
    "panel",
    "portfolio",
    "kennismaking",
    "visita",
    "ejercicio",
    "épreuve",
    # Mexican and Colombian Spanish: "Cierre de proceso", "cubrir la posición", "el cargo",
    # "la propuesta económica", "la convocatoria", "pruebas psicométricas"; French
    # "une deuxième rencontre"; an offer's "we're offering".
    "proceso",
    "posición",
    "cargo",
    "propuesta",
    "convocatoria",
    "psicométricas",
    "rencontre",
    "offering",
    # Dutch "gesprek", "aanbod", "kandidaat", "functie"; Italian "offerta", "posto", "curriculum".
    "gesprek",
    "aanbod",
    "kandidaat",
    "functie",
    "offerta",
    "posto",
    "curriculum",
)
JOB_PHRASES: tuple[str, ...] = (
    "next steps",
    "next step",
    "final round",
    "intro call",
    "case study",
    "take home",
    "portfolio review",
    "submitted you",
    "with someone",
)
# Senders whose mail is about an application whatever it says: scheduling, assessment and
# e-signature vendors ("Your event is scheduled", "Complete with DocuSign"). Boards and ATSs
# write the words above anyway; big general platforms (Google, Microsoft, Zoom, mail relays)
# would select everything. Kept short: the whole query stays near 1,500 characters.
_GENERAL_PLATFORMS = frozenset(
    {
        "google.com",
        "microsoft.com",
        "office.com",
        "zoom.us",
        "sendgrid.net",
        "mailgun.org",
        "amazonses.com",
    }
)


def sender_domains() -> list[str]:
    return sorted(
        domain
        for domain, (_, kind) in PLATFORMS.items()
        if kind == VENDOR and domain not in _GENERAL_PLATFORMS
    )


def build_search_query(lookback_days: int) -> str:
    """e.g. `(application OR ... OR "next steps" OR from:(greenhouse.io OR ...))
    newer_than:365d -in:chats -in:drafts`."""
    words = " OR ".join([*JOB_WORDS, *(f'"{phrase}"' for phrase in JOB_PHRASES)])
    senders = " OR ".join(sender_domains())
    return f"({words} OR from:({senders})) newer_than:{lookback_days}d -in:chats -in:drafts"
