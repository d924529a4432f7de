"""The wording tables the classifier reads mail with. Data, not code: a new way of saying "no"
is one line in a family below.

Every pattern is searched case-insensitively within one sentence (typographic quotes and
dashes already made plain). Families are grouped by what a sentence *does*:

* events: a sentence that confirms, invites, tests, rejects or offers;
* roles: what makes such a sentence no event (a condition, a vague future, a look back);
* kinds of mail that are not the owner's applications (alerts, reminders, outreach, other
  kinds of application...);
* context: words that say the mail is about hiring at all;
* set-aside: sign-offs and footers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gmail_sync.prefilter import Phrases


def _compile(patterns: Iterable[str]) -> Phrases:
    return Phrases("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _compile_words(patterns: Iterable[str]) -> Phrases:
    """Patterns that each start at the start of a word: searching only there is three times
    faster on a long alternation."""
    return Phrases(
        r"\b(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")", re.IGNORECASE
    )


_CANDIDATE = r"(?:candidates?|applicants?|individuals?|people|persons?|profiles?|finalists?)"
_ROLE = (
    r"(?:position|role|job|opening|vacancy|requisition|posting|opportunity|post|spot|seat|"
    r"assignment|contract)"
)
_CV = r"(?:resume|résumé|cv|c\.v\.|application|candidacy|profile|details|information|materials)"
_NOT = r"(?:not|\w+n't|no longer|unable to|not able to)"

# ---------------------------------------------------------------------------------- events
# (weight, pattern). Weight says how surely the sentence is that event.

REJECTION = (
    (
        0.95,
        rf"(?:decided|chosen|chose|elected|opted|decision) (?:not )?to (?:move|go|proceed|"
        rf"continue|progress|advance|pursue) (?:forward |ahead |further )?with (?:other|another|"
        rf"a different|different|more|the other|someone|a candidate|an? (?:internal|external)|"
        rf"[a-z]+ {_CANDIDATE}|{_CANDIDATE} (?:whose|who|with|that))",
    ),
    (
        0.95,
        rf"(?:move|moving|go|going|proceed|proceeding|progress|progressing) (?:forward |ahead )?"
        rf"with (?:other|another|a different|different|more qualified|an internal) "
        rf"(?:\w+ )?{_CANDIDATE}",
    ),
    (
        0.95,
        rf"(?:pursue|pursuing|selected|select|chosen|chose|choose|hired|offered the "
        rf"(?:[\w/-]+ ){{0,3}}?{_ROLE} to|offer (?:the|this) (?:[\w/-]+ ){{0,3}}?{_ROLE} to|"
        rf"extend(?:ed)? (?:an|the|our) offer to|made an offer to|gone with|went with|going "
        rf"with|decided on) "
        rf"(?:an?other|other|a different|different|an internal|someone|the candidates? whose|"
        rf"(?:an? |the )?(?:[\w-]+ )?{_CANDIDATE} (?:whose|who|with|that))",
    ),
    (
        0.95,
        rf"(?:won't|will not|shall not|wouldn't|would not|aren't|are not|am not|is not|isn't|"
        rf"were not|weren't|not be|no longer be|won't be|will no longer be|no longer) (?:be )?"
        rf"(?:moving|move|going|proceeding|proceed|progressing|progress|advancing|advance|"
        rf"taking|continuing|pursuing|pursue) (?:you |yours |your (?:{_CV}) )?(?:forward|"
        rf"further|"
        rf"ahead|on|to the (?:next|onsite|final|interview|second|third) (?:stage|step|round))",
    ),
    (
        0.95,
        rf"{_NOT} (?:be )?(?:moving|move|go|going|proceed|proceeding|progress|progressing|"
        rf"advance|advancing|continue|continuing|take|taking) (?:forward |further |ahead )?"
        rf"(?:with )?(?:you|your)",
    ),
    (
        0.9,
        r"(?:not|no longer) (?:be )?(?:considering|consider|considered|under consideration|in "
        r"consideration|being considered|in the running|shortlisted|selected|successful|chosen|"
        r"invited|progressing)",
    ),
    (
        0.9,
        r"(?:was|were|has been|have been|is) (?:unsuccessful|not successful|declined|rejected|"
        r"turned down)",
    ),
    (0.9, r"unsuccessful (?:on this occasion|this time|in this instance|at this (?:time|stage))"),
    (
        0.9,
        # "the role is no longer open", never "the roles that are open"
        rf"{_ROLE}s?\b(?: [^.,;]{{1,60}}?)? (?:(?:has|have|was|were|is|are|isn't|aren't|wasn't) "
        rf"(?:now |since |"
        rf"recently |already |not |no longer )?(?:been )?(?:filled|closed|cancelled|canceled|"
        rf"withdrawn|eliminated|paused|frozen|put on hold|placed on hold|on hold|being filled)|"
        rf"(?:(?:has|have|was|were|is|are) (?:not|no longer)|isn't|aren't|wasn't) (?:been )?"
        rf"(?:available|open))",
    ),
    (
        0.9,
        rf"(?:filled|closed|closing|cancelled|canceled|paused|pausing|withdrawn|withdrew|pause|"
        rf"close|cancel) (?:both|all|the|this|that|our|these|those|its) (?:current |open )?"
        rf"(?:[\w/,&-]+ ){{0,5}}?(?:{_ROLE}|search|recruitment|process)s?",
    ),
    (
        0.9,
        r"(?:not|isn't|wasn't) the (?:answer|news|outcome|result|decision) (?:you|we) "
        r"(?:were |had )?(?:hop|want|wish)",
    ),
    (
        0.85,
        r"(?:don't|do not|didn't) have (?:better|good|more positive) news|not to have "
        r"(?:better|good) news",
    ),
    (
        0.9,
        rf"put (?:the|this|that|our|your) (?:[\w/,&-]+ ){{0,4}}?{_ROLE} on hold|(?:closing|"
        rf"closed|close) (?:all |the |your )?applications|(?:this|your) (?:particular )?"
        rf"application is (?:now )?closed",
    ),
    (
        0.9,
        r"(?:unable to|not able to|cannot|can't|won't|will not be able to) (?:consider|"
        r"progress|proceed with|move forward with|take forward|pursue|offer you|follow up on) "
        r"(?:you|your)",
    ),
    (
        0.9,
        rf"(?:continu|proceed|mov|go|progress)\w* (?:forward |ahead |on )?(?:the process )?with "
        rf"(?:other |the |a few )?(?:[\w-]+ )?{_CANDIDATE} (?:whose|who|with|that)\b",
    ),
    (
        0.9,
        r"(?:search|hire|hiring|recruitment|recruiting|process|requisition)\b[^.,;]{0,80}? "
        r"(?:has|have|was|is) (?:now |been )*(?:put on hold|on hold|paused|cancell?ed|closed|"
        r"frozen|suspended)|(?:pause|paused|pausing|suspend\w*|freez\w*|put) (?:the |our |"
        r"this )?(?:[\w,-]+ ){0,4}?(?:recruitment|hiring|hire|search|process)\b",
    ),
    (
        0.9,
        r"(?:clos|withdr|cancel)\w* (?:out )?(?:all |the |your )*(?:active |open |current )?"
        r"applications\b|\b(?:closing|closed|we've closed|we have closed) (?:out )?your "
        r"application\b|(?:withdrawn|withdrew|cancell?ed) your application|no (?:candidates|"
        r"applications) (?:are|will be) (?:moving|progressing|going) forward|(?:won't|will not|"
        r"not) be progressing (?:any )?applications",
    ),
    (
        0.9,
        rf"no (?:suitable |open |current )?(?:{_ROLE}|vacancy|vacancies|roles|positions) "
        rf"(?:that|which) (?:matches|suits|fits|match|suit|fit)|recommended (?:another|a "
        rf"different|other) {_CANDIDATE}",
    ),
    (
        0.9,
        r"\bappointed (?:to the (?:role|post|position)|someone|another|a candidate)|your "
        r"application (?:will be|has been|is now|is) closed\b",
    ),
    (
        0.9,
        r"\bit'?s a no\b|\b(?:decided|going|chosen) to (?:look for|go with|hire|appoint) someone"
        r"|\bnot among (?:them|the (?:finalists|shortlist|successful))|(?:i'm|i am|we're|we are) "
        r"afraid (?:that )?(?:you|your|we|it|this|the)\b",
    ),
    (
        0.9,
        r"\bstatus:\s*(?:not selected|rejected|declined|unsuccessful|not moving forward|"
        r"no longer "
        r"under consideration|closed|withdrawn|position filled)",
    ),
    (
        0.9,
        rf"(?:shortlisted|selected|chosen|identified|progressing with|moving forward with|"
        rf"invited) (?:a (?:small |few |handful of |number of |group of |small group of )+|"
        rf"several |other |a few )?(?:[\w-]+ )?{_CANDIDATE} (?:whose|who|with)\b",
    ),
    (
        0.9,
        r"(?:decided|decision|chosen|chose) (?:not to|to not) (?:\w+ )?(?:move|proceed|"
        r"pursue|progress|continue|offer|invite|advance|extend|take|put|shortlist|select|go "
        r"(?:further|forward|ahead)|make (?:an|you an|the) offer)",
    ),
    (
        0.9,
        rf"(?:decided|chosen|chose|opted) to fill (?:the|this|that) (?:[\w/-]+ ){{0,3}}?"
        rf"{_ROLE}|fill(?:ed)? (?:the|this|that) (?:[\w/-]+ ){{0,3}}?{_ROLE} (?:with|from) "
        rf"(?:an?|another|other|our)",
    ),
    (
        0.9,
        r"(?:not|won't|will not|unable to|not be) (?:be )?(?:invit|progress|advanc|mov|tak|"
        r"shortlist|select)\w* (?:you|your (?:application|candidacy|cv|resume|profile)) "
        r"(?:to|forward|further|on|for)",
    ),
    (
        0.9,
        rf"(?:unable|not able|cannot|can't|won't be able) to (?:offer|extend|make) (?:you )?"
        rf"(?:an? |the )?(?:offer|{_ROLE}|interview|further)",
    ),
    (
        0.9,
        rf"(?:not|won't|will not) be (?:extending|making|offering) (?:you )?(?:an? )?(?:offer|"
        rf"{_ROLE})",
    ),
    (0.9, r"(?:regret|sorry) to (?:inform|let you know|tell you|share|advise|say|report)"),
    (0.9, r"(?:go|going|gone|went|headed|move|moving) in a (?:different|new|another) direction"),
    (
        0.9,
        rf"(?:decided|chosen|chose|opted|going) to (?:focus on|prioriti[sz]e) (?:other |the )?"
        rf"(?:[\w-]+ )?{_CANDIDATE}",
    ),
    # More plain ways to say no: "your application will go no further", "we're going to pass
    # on moving ahead", "this time it's not a yes", "we've decided to keep looking", "I'm
    # going to say no", "you haven't made it through to the next round", "we have asked
    # another applicant to join us", "has accepted the post".
    # "Sadly you weren't among them", "other applicants are a closer fit", "we ended up hiring
    # internally", "your candidacy is no longer active".
    (
        0.9,
        rf"\b(?:weren't|were not|aren't|are not|wasn't|was not) (?:among|one of) (?:them|those|"
        rf"the (?:\w+ )?{_CANDIDATE})|\bother {_CANDIDATE} (?:are|were|was|is) (?:a |an )?"
        rf"(?:closer|better|stronger|more suitable) (?:fit|match)|\b(?:hired|hiring|hire|"
        rf"filled (?:it|the role|the position)) internally\b|\b(?:decided|chose|going|have) to "
        rf"promote (?:one of (?:our|their|its)|someone (?:from|on) (?:our|their)|an internal|from "
        rf"within)\b|\b(?:search|process|recruitment) is (?:now )?over\b|"
        rf"\b(?:decided|chosen|chose|going) to hire from within\b|\b(?:we're|we are|we've|we "
        rf"have) (?:going|gone) with (?:someone|another (?:candidate|applicant|person))\b|"
        rf"\b(?:won't|will not) be moving (?:ahead|forward) with (?:you|your)\b|\b(?:not able to|"
        rf"unable to|can't|cannot) take your application (?:any )?further\b|\bwe(?:'ve| have) "
        rf"(?:now )?hired for (?:the|this|that)\b|\b(?:offered|given|gave|giving|give) "
        rf"(?:the|this|that) (?:job|{_ROLE}) to (?!you\b)|\b(?:don't|do not) "
        rf"(?:currently )?have (?:a|an|any) (?:[\w-]+ )?{_ROLE}s? (?:that|which) (?:matches|match|"
        rf"fits|suits) your\b|"
        rf"\b(?:asked|invited|chosen|chose|selected) someone else to (?:join|take|fill)\b|"
        rf"\bnot (?:going to be )?able to bring you on\b|\b(?:aren't|are not|won't|will not|"
        rf"unable to|not able to|can't|cannot) (?:be )?(?:able to )?move you forward\b|"
        rf"\bmarked your application as withdrawn\b|"
        rf"\bend(?:ed)? up (?:hiring|going "
        rf"with|choosing|offering)\b|\b(?:candidacy|application)(?: [^.]{{1,60}})? (?:is|has "
        rf"been) no longer "
        rf"(?:active|open|being considered)\b",
    ),
    (
        0.9,
        r"\bdecided against (?:continuing|proceeding|moving|progressing|taking|pursuing|"
        r"inviting|your|you)\b",
    ),
    (
        0.9,
        r"\bgo no further\b|\bdid not (?:reach|meet|achieve) (?:that|the|our) (?:\w+ )?"
        r"(?:threshold|benchmark|pass mark|minimum)|\b(?:going|decided|have decided|chosen) to "
        r"pass on (?:moving|your|you|this)|\b(?:they|we)(?:'re| are) passing on (?:your|you)\b"
        # "passing on your profile to the hiring manager" forwards it
        r"(?! (?:\w+ )?(?:to|along)\b)|\bit'?s not a yes\b|\b(?:decided|going) to keep "
        r"looking\b|\b(?:going to|have to|must|need to) say no\b",
    ),
    (
        0.9,
        rf"\b(?:haven't|have not|didn't|did not|won't|will not) (?:quite )?(?:made|make) it "
        rf"(?:through|to the next|past|onto|on to)|\b(?:asked|invited|offered) (?:an?other|a "
        rf"different) {_CANDIDATE} to (?:join|take|fill)|\b(?:has|have) accepted (?:the|our) "
        rf"(?:post|position|role|offer)\b",
    ),
    # Plain words from a person: "this one isn't going to work out", "it won't be an offer on
    # this occasion", "we won't be taking it further".
    (
        0.9,
        r"\b(?:this|it|that)(?: one)? (?:isn't|is not|won't|will not|wasn't|was not)(?: be)? "
        r"going to work out|\b(?:won't|will not) be (?:an? |making an? )?offer\b|"
        r"(?:won't|will not|not) be taking (?:it|this|things|that|your application) (?:any )?"
        r"further",
    ),
    # "We've filled the position", "they're going to pass", "we cannot proceed with the
    # selection", "we've decided to go with a writer who...", "we're freezing headcount",
    # "they don't want to move forward with an interview", "we won't be able to invite you".
    (
        0.9,
        rf"\b(?:we|i|they)(?:'ve| have)? (?:now |already |just |since )?(?:filled (?:the|this|"
        rf"that|our) (?:[\w/,-]+ ){{0,3}}?{_ROLE}|hired (?:someone|somebody|another|a candidate))"
        rf"|\b(?:going|decided|decide|chosen) to pass\b(?! (?:your|it|this|them|that|along|over|"
        rf"through)\b)|\b(?:cannot|can't|unable to|not able to|won't be able to) (?:proceed|"
        rf"continue|go on) with (?:the|this) (?:selection|process|recruitment)",
    ),
    (
        0.9,
        r"\b(?:go|going|gone|went|headed) (?:in )?(?:another|other|a different) direction\b|"
        r"\b(?:decided|going|chosen|chose) to offer (?:the|this) (?:[\w/-]+ ){0,3}?(?:position|"
        r"role|job|post) to (?!you\b)|"
        r"\b(?:decided|chosen|chose|going|opted) to (?:go with|hire|appoint|offer the \w+ to) "
        r"(?:a|an|another|someone|somebody) (?:[\w-]+ ){0,3}?(?:who|whose|with|that)\b",
    ),
    (
        0.9,
        r"\bhold(?:ing)? off on (?:hiring|filling|recruiting)\b|\b(?:freez\w*|froze|frozen) "
        r"(?:on )?(?:new |all )?headcount|\bheadcount (?:freeze|was frozen|has been frozen|is "
        r"frozen)|\bhiring freeze\b",
    ),
    (
        0.9,
        rf"{_NOT} (?:want|wish|plan|intend) to (?:move|go|proceed|progress|continue|advance) "
        rf"(?:forward |ahead |further )?with (?:an? |the )?(?:interview|you|your|(?:[\w-]+ )?"
        rf"(?:application|candidacy))|\b(?:won't|will not|wouldn't|would not|not) be able to "
        rf"(?:invite|move|progress|advance|offer|take) you\b",
    ),
    # The same in German, French, Spanish and Dutch, as European employers write it.
    (
        0.9,
        r"\b(?:leider|bedauerlicherweise)\b[^.]{0,160}\b(?:nicht|keine|anderweitig|absagen)\b|"
        r"\b(?:für|zugunsten) (?:eine?n?|andere) (?:[\w-]+ ){0,3}?(?:kandidat|bewerber)\w*"
        r"(?: [\w-]+){0,3}? entschieden|\banderweitig besetzt\b|\bnicht (?:weiter )?"
        r"berücksichtig|\bkeine positive (?:nachricht|rückmeldung)\b",
    ),
    (
        0.9,
        r"\bpas (?:en mesure )?(?:de |d')?(?:y )?donner (?:une )?suite favorable|\bchoisi de "
        r"poursuivre avec (?:un autre|une autre|d'autres)\b|\b(?:we|wij) (?:je|jou|u) niet "
        r"(?:uitnodigen|uit te nodigen)\b|\bgekozen voor (?:andere )?kandidaten\b|\bfür jemand"
        r"(?:en)? (?:anderen? )?entschieden\b|\bmit anderen (?:kandidat|bewerber)\w*(?: und "
        r"\w+)? fortzusetzen\b|\bd'autres "
        r"candidatures correspond|\bau regret de vous (?:informer|annoncer)|\bnous avons retenu "
        r"(?:des|d'autres|un autre|une autre|un|une) (?:\w+ )?(?:profils?|candidat\w*)|\bpas été "
        r"retenue?\b|"
        r"\blamentamos (?:comunicarte|comunicarle|informarte|informarle)|\bno continuar(?:ás|á) "
        r"(?:en el proceso|a la siguiente|a las siguientes)|\bhemos (?:seleccionado|elegido) "
        r"(?:a )?otr[oa]s? (?:candidat|perfil|persona)|\bno (?:has|ha) sido seleccionad[oa]|"
        r"\bniet verder (?:gaan )?met (?:je|jouw|uw) "
        r"sollicitatie|\b(?:decidimos|hemos decidido|decidió) (?:avanzar|seguir|continuar)(?: el "
        r"proceso)? con (?:otr[oa]s?|un perfil)\b|"
        # Portuguese, Italian, Swedish
        r"\boptamos por (?:seguir|prosseguir|continuar) com outr[ao]s\b|\bnão (?:foi|fomos) "
        r"selecionad|\bnão (?:seguiremos|vamos seguir|daremos (?:continuidade|seguimento))\b|"
        r"\bcandidatura non è stata (?:selezionata|ritenuta|accolta)|\bnon (?:potremo|possiamo) "
        r"(?:proseguire|dare seguito)|\babbiamo (?:deciso|scelto) di (?:proseguire|procedere) con "
        r"(?:altr[ie]|un altro|un'altra)\b|\b(?:valt|beslutat) att gå vidare med (?:en )?(?:andra|"
        r"annan)\b|"
        r"\bhelaas (?:moet|moeten|hebben|kunnen) (?:ik|we|wij)\b[^.]{0,120}\b(?:niet|andere)"
        r"\b|\bafgewezen\b",
    ),
    # "We're not going to go ahead with you", "we've made our hire", "we will not give a
    # favourable follow-up to your candidature".
    (
        0.9,
        rf"{_NOT} going to (?:go|move|proceed) (?:ahead |forward |further )?with (?:you|your)\b|"
        rf"{_NOT} going to (?:advance|move|progress|invite|take) you\b|"
        rf"\b(?:made|completed) (?:our|a|the) hire\b|\b(?:not|no) (?:give|giving|provide) (?:a )?"
        rf"favou?rable (?:follow-up|answer|response|outcome)\b|\bsorry to announce\b",
    ),
    # A person's plain "no" about someone else: "cornplanter went with a traveler who...",
    # "we're going w/ someone who...", "we offered the position to a nurse leader who...",
    # "the position has been accepted by another candidate", "the Board approved the hiring of
    # another candidate", "we're filling the contract internally", "we hired one of our own".
    (
        0.9,
        r"\b(?:go|going|gone|went|decided to go) (?:with|w/) (?:a|an|someone|somebody|one of) "
        r"(?:[\w'-]+ ){0,3}?(?:who|whose|that)\b|\b(?:offer|offered|offering) (?:it|the "
        r"(?:[\w/-]+ ){0,3}?(?:position|role|job|post|contract)) to (?:a|an|another|someone|"
        r"somebody) (?:[\w-]+ ){0,3}?(?:who|whose|with|that)\b|\b(?:has|have|was) been accepted "
        r"by (?:another|a different|an? (?:internal|external|other)|someone)\b|\bapproved the "
        r"(?:hiring|hire|appointment|selection) of (?:another|a different|an?other)\b|\bfill"
        r"(?:ing|ed)? (?:the|this|that|our) (?:[\w/-]+ ){0,3}?(?:position|role|job|post|contract|"
        r"vacancy|opening) internally\b|\bhired one of our own\b|\b(?:decided|going|chosen|chose) "
        r"to (?:bring on|bring in|take on) (?:someone|somebody|another|a candidate)\b|\b(?:bring|"
        r"bringing|brought|take|taking|took) (?:on|in) (?:someone|somebody|another (?:candidate|"
        r"applicant|person))\b|\bfill(?:ing|ed)? it internally\b|\b(?:this is )?where (?:the|"
        r"your|our) (?:process|application) ends\b|\b(?:not|won't|will not) be (?:included|"
        r"progressed|advanced|carried forward|moved forward|taken forward) (?:in|to|into|for) "
        r"the next (?:stage|step|round)\b|\bposte a été (?:comblé|pourvu)\b",
    ),
    # Closing the application in other words: "we have decided not to fill the position",
    # "your application has therefore been closed", "I'm closing out this application", "your
    # submission is closed out", "we won't be putting your application forward", "I'm not
    # able to place you", "status: NOT REFERRED", "we will not pursue your candidacy", "we're
    # going to stop the process here", "we won't be hiring for the role after all", "we're
    # moving forward with others", "we won't take it further", "this one didn't go further".
    (
        0.9,
        r"\b(?:decided|decision|chosen|chose) (?:not to|to not) (?:fill|hire|recruit)\b|\byour "
        r"(?:application|candidacy|submission) (?:has|have|is|was) (?:\w+ )?(?:been )?closed\b|"
        r"\bclos(?:e|ing|ed) out (?:this|your|the) (?:application|submission|candidacy)\b|"
        r"\bsubmission (?:is|has been|was) (?:now )?closed\b|\b(?:won't|will not|not|unable to|"
        r"not able to) (?:be )?put(?:ting)? (?:you|your (?:application|cv|resume|résumé|profile|"
        r"details|name)) forward\b|\b(?:not able to|unable to|can't|cannot|won't be able to) place "
        r"you\b|\bnot (?:be(?:en)? )?referred\b|\b(?:will not|won't|not|decided not to) pursue "
        r"your (?:candidacy|application)\b|\b(?:stop|stopping|end|ending|close|closing) the "
        r"process here\b|\b(?:won't|will not|not) be hiring for (?:the|this|that|your)\b|"
        r"\b(?:we're|we are|i'm|i am) not (?:moving|going|proceeding) (?:forward|ahead)\b|"
        r"\b(?:move|moving|go|going|proceed|proceeding) (?:forward |ahead )?with others\b|"
        r"\b(?:won't|will not|not) (?:be )?tak(?:e|ing) (?:it|this|things|that) (?:any )?"
        r"further\b|\b(?:didn't|did not) go (?:any )?further\b|\b(?:not able|unable) to "
        r"consider (?:any )?(?:further|more|additional|new) (?:candidates|applicants|"
        r"applications)\b",
    ),
    # More building blocks of "no", from parts ay-bb: "we will not be advancing it to the
    # interview stage", "we have asked someone who has run operations elsewhere to join us",
    # "we're going to hold out for someone who...", "we ended up promoting one of our shift
    # leads", "we are not going to move your application to the next step", "we're not going
    # to move forward to the final round", "no longer reviewing outside applications",
    # "we cannot give it a favourable answer", "we won't be scheduling an interview with you",
    # "we've decided to close your application", "they don't need us to fill it anymore",
    # "hired somebody local", "we have identified the candidate we intend to hire", "req 12077
    # has been closed", "we will not be hiring from the outside", "the committee has selected
    # a candidate".
    (
        0.9,
        r"\b(?:won't|will not|not) be (?:advancing|moving|progressing|taking) (?:it|this|them) "
        r"(?:forward|further|to the)\b|\basked (?:someone|somebody|another \w+)\b[^.]{0,100}? to "
        r"join us\b|\bhold out for (?:someone|somebody)\b|\bend(?:ed)? up promoting\b|\b(?:not|"
        r"n't) going to (?:move|advance|progress|take) your (?:application|candidacy)\b|\b(?:not|"
        r"n't) going to (?:move|go|proceed) (?:forward|ahead) to the (?:next|final|onsite|second|"
        r"third|interview)\b|\bno longer (?:reviewing|accepting|considering) (?:outside|external|"
        r"new|further) (?:applications|candidates|applicants)\b|\b(?:cannot|can't|unable to|not "
        r"able to) give (?:it |you |your application )?a favou?rable\b|\b(?:won't|will not|not) "
        r"be (?:scheduling|interviewing|inviting) (?:you|an interview)\b|\b(?:decided|going) to "
        r"close your (?:application|candidacy)\b|\b(?:don't|dont|do not|no longer) need (?:us|"
        r"you) to fill\b|\bhired (?:somebody|someone) (?:local|else|internally|who|with|from)\b|"
        r"\bidentified (?:the|a|another) (?:\w+ )?candidate (?:we|who|to)\b|\breq(?:uisition)? "
        r"#?\d[\w-]* (?:has been|was|is) (?:now )?(?:closed|cancell?ed|filled)\b|\b(?:won't|will "
        r"not|not) be hiring (?:from )?(?:the )?outside\b|\b(?:has|have) (?:now )?selected (?:a|"
        r"another|the) (?:\w+ )?candidate\b",
    ),
    # Spanish in more words: "al final nos quedamos con otra persona", "hemos cubierto el
    # puesto internamente", "no seguiremos adelante con tu solicitud", "la dirección ha decidido
    # cerrar el proceso con otra persona", "hemos decidido continuar con candidatos que...".
    (
        0.9,
        r"\bnos quedamos con otr[oa] (?:persona|candidat[oa]|perfil)\b|\bhemos cubierto (?:el|la) "
        r"(?:puesto|vacante|posición|plaza)\b|\bno (?:seguiremos|seguimos|vamos a seguir) "
        r"adelante (?:con|contigo)\b|\bcerrar el proceso con otr[oa]\b|\b(?:decidido|decidimos) "
        r"continuar con (?:otr[oa]s? |(?:los |las )?candidat[oa]s (?:que|cuyo))",
    ),
    # Portuguese, in more words: "não será dado seguimento à sua candidatura", "o seu perfil
    # não segue para a fase de entrevistas", "a vaga já se encontra preenchida", "decidimos não
    # avançar", "não foi um dos escolhidos", "acabámos por escolher uma pessoa da região",
    # "a Direção decidiu entregar a função a uma colega", "vamos ficar com a Marta"; and in
    # English "we've asked Beatriz to step up into the job", "I'm going to close your
    # application here".
    (
        0.9,
        r"\bnão (?:será dado|vamos dar|iremos dar|podemos dar) (?:seguimento|continuidade)\b|"
        r"\b(?:o seu|o teu) perfil não (?:segue|avança|passa|foi selecionado)\b|\b(?:vaga|posição|"
        r"função|oportunidade) (?:já )?(?:se encontra |ficou |foi |está )?preenchida\b|\bdecidimos "
        r"não (?:avançar|prosseguir|continuar)\b|\bnão foi (?:um|uma) d[oa]s (?:escolhid|"
        r"selecionad)|\b(?:acabámos|acabamos) por escolher\b|\b(?:optámos|optamos|decidimos) "
        r"(?:por|avançar com) (?:outr[oa]|uma pessoa|um candidato|uma candidata)\b|\bdecidiu "
        r"entregar a (?:função|vaga|posição) a\b|\bvamos ficar com (?:a|o) [A-Za-zÀ-ÿ]+\b|"
        r"\b(?:processo|recrutamento)\b[^.]{0,80}? foi (?:encerrado|cancelado|suspenso)\b|"
        r"\basked \w+(?: [^.]{0,60})? to step (?:up )?into\b|\b(?:going to|will|i'll|we'll) close "
        r"your application\b",
    ),
    # "decided to continue with a smaller group of applicants", "decided to continue with a
    # small group whose work...", "decided to interview only candidates who already hold...".
    (
        0.9,
        r"\b(?:continu|proceed|mov|go|progress)\w* (?:forward |ahead |on )?with (?:a |an )?"
        r"(?:small|smaller|short|shorter|select|limited|reduced) (?:group|number|pool|list|"
        r"shortlist|handful)\b|\b(?:decided|chosen|chose|elected) to (?:only )?interview (?:only )?"
        r"(?:candidates|applicants|people) (?:who|whose|with|that)\b",
    ),
    # Dutch and Spanish in more words: "besloten om met andere kandidaten verder te gaan",
    # "we nemen je sollicitatie niet verder mee", "gekozen voor een kandidaat die", "met jou
    # gaan we niet verder", "ya cubrimos la posición".
    (
        0.9,
        r"\bmet andere kandidaten verder\b|\bsollicitatie (?:\w+ )?niet verder mee\b|\bgekozen "
        r"voor een (?:andere )?kandidaat\b|\bgaan we (?:dus )?niet verder\b|\bcubrimos (?:la|el) "
        r"(?:posición|puesto|vacante|plaza)\b",
    ),
    (
        0.85,
        rf"narrowed (?:it |things |our search |the (?:field|pool|list) )?down to (?:a (?:small |"
        rf"smaller |short )?(?:group|handful|number|list) of |a few |several |other )?(?:[\w-]+ )?"
        rf"{_CANDIDATE} (?:who|whose|with|that)\b|\b(?:chosen|chose|decided|elected) to "
        rf"interview (?:other )?{_CANDIDATE} (?:who|whose|with|that)\b|\b(?:move|moving) (?:ahead|"
        rf"forward) with a (?:small |smaller )?group (?:who|whose)\b|\bmoving (?:ahead|forward) "
        rf"with (?:a (?:small |"
        rf"smaller |short )?(?:group|handful|number|list) of|a few|several) (?:[\w-]+ )?"
        rf"{_CANDIDATE} (?:who|whose|with|that)\b|\bno longer (?:reviewing|accepting|taking|"
        rf"considering) (?:any )?(?:more )?(?:applications|{_CANDIDATE})\b(?! (?:after|from|"
        rf"starting|beginning) )",
    ),
    (
        0.85,
        rf"other {_CANDIDATE} (?:whose|who|with) [^.]{{0,120}}(?:closely|better|more|stronger|"
        rf"best) (?:match|align|fit|suit|meet)",
    ),
    (
        0.85,
        rf"other {_CANDIDATE} (?:[^.]{{0,40}} )?(?:more|better|most) (?:closely |strongly )?"
        rf"(?:match|meet|met|align|fit|suit)",
    ),
    (
        0.85,
        rf"(?:closely|better|more) (?:matche[sd]?|align(?:s|ed)?|fit|fits|suited|meets?)[^.]"
        rf"{{0,80}}(?:needs|requirements|criteria|what we)[^.]{{0,60}}"
        rf"(?:other|another|different) {_CANDIDATE}",
    ),
    (
        0.85,
        r"(?:not|isn't|wasn't|is not|was not) (?:quite )?(?:the right|a|the best|an?) "
        r"(?:strong |good |close )?(?:fit|match)|\b(?:don't|do not) think (?:it's|it is|this is|"
        r"you're|you are|you'd be|you would be) (?:quite )?(?:the right|a good|a great|the best|a "
        r"strong)(?: \w+)? (?:fit|match)\b",
    ),
    (
        0.85,
        rf"\bunfortunately\b(?![^.!?]*\b(?:respond|reply|replies|contact each|answer)\b)"
        rf"[^.!?]{{0,200}}?\b(?:not|unable|no longer|won't|wouldn't|can't|cannot|other "
        rf"{_CANDIDATE}|another "
        rf"{_CANDIDATE}|declined|unsuccessful|filled|closed|cancell?ed)\b",
    ),
    (
        0.85,
        r"(?:closed|concluded|completed|finali[sz]ed) (?:the|our|this) (?:search|hiring|"
        r"recruit\w*|selection) (?:process )?(?:for|on)",
    ),
    (
        0.8,
        r"(?:made|reached|finali[sz]ed) (?:a|our) (?:final )?(?:decision|hire|selection)"
        r"[^.]{0,60}(?:another|other|different|someone)",
    ),
    # From parts bc-bf: "we've decided to fill the role internally", "they will instead promote
    # their existing Senior PM", "have decided not to make an external appointment", "they've
    # frozen the Denver position", "I'll pass for now", "we're not going to progress this one",
    # "I haven't included you this time"; in German "andere Dossiers kommen unserem Profil noch
    # näher"; in French "décidé de poursuivre le processus avec un autre profil", "choisi de
    # retenir des profils".
    (
        0.9,
        rf"\bfill(?:ed|ing)? (?:the |this |that |our |their )?(?:[\w,/-]+ ){{0,6}}?{_ROLE} "
        rf"(?:internally|from within)\b|\bnot to make an external appointment\b|\b(?:will|would|"
        rf"to) instead promote\b|\b(?:frozen|froze|paused|cancell?ed|pulled) (?:the |this |that |"
        rf"our |their )(?:[\w,/-]+ ){{0,5}}?(?:{_ROLE}|search|hiring)\b",
    ),
    (
        0.85,
        r"\b(?:I|we)(?:'ll| will|'re going to| are going to|'m going to| am going to) (?:have to )?"
        r"pass (?:for now|on (?:you|your|this one)|this time)\b|\bnot going to (?:progress|take "
        r"forward|proceed with|move forward with) (?:this one|you|your)\b|\b(?:haven't|have not|"
        r"didn't|did not) (?:included|include|put|taken) you (?:this time|through|forward)\b",
    ),
    (
        0.9,
        r"\bandere (?:dossiers|profile|kandidierende|bewerbungen|kandidat\w*|bewerber\w*) "
        r"(?:[\w-]+ ){0,4}?(?:noch )?(?:näher|besser|eher)\b|"
        r"\b(?:für|zugunsten) (?:eine?n?|andere) (?:[\w-]+ ){0,3}?(?:kandidierend|bewerbend|"
        r"dossier|profil)\w*(?: [\w-]+){0,3}? entschieden|\b(?:décidé|choisi) de poursuivre "
        r"(?:le |notre |ce )?(?:processus |recrutement )?avec (?:un autre|une autre|d'autres)\b|"
        r"\b(?:choisi|décidé) de retenir (?:des|d'autres|un autre|une autre) (?:\w+ )?"
        r"(?:profils?|candidat\w*|dossiers?)",
    ),
    # From parts bg-bj: "your application won't go on to the interview stage"; in German "uns
    # für eine Person entschieden, die..."; in Portuguese "decidimos avançar com outros
    # candidatos".
    (
        0.9,
        r"\b(?:won't|will not|isn't going to|is not going to|not) (?:go|move|progress|proceed)"
        r" (?:on |forward |through )?to the (?:next|interview|second|final|onsite) (?:stage|step|"
        r"round)\b|\bfür (?:eine|einen) (?:andere[nr]? )?person(?: [\w-]+){0,3}? entschieden\b|"
        r"\bdecidimos (?:avançar|seguir|continuar|prosseguir) com outr[oa]s?\b",
    ),
    # Italian: "abbiamo scelto di affidare il ruolo a una persona con più esperienza", "non
    # proseguiremo con la sua candidatura", "il posto è stato nel frattempo occupato", "la
    # selezione si è conclusa con l'inserimento di un'altra risorsa".
    (
        0.95,
        r"\babbiamo (?:quindi )?(?:scelto|deciso|preferito) (?:di )?(?:affidare|andare avanti|"
        r"proseguire|procedere|puntare)?[^.]{0,40}?\b(?:con |a |su )?(?:un'altra|un altro|altr[ei]|"
        r"una persona|un profilo|una figura|una candidata|un candidato)\b|\bnon (?:proseguiremo|"
        r"procederemo|potremo (?:proseguire|procedere|considerare))\b|\bdecis[oi] di non "
        r"(?:proseguire|procedere)\b|\b(?:il posto|la posizione|il ruolo)\b[^.]{0,80}?\b(?:è|e') "
        r"stat[oa] (?:nel frattempo |già )?(?:occupat|assegnat|chius|copert|ricopert)[oa]\b|"
        r"\bsi è conclusa con (?:l'inserimento di |la scelta di )?(?:un'altra|un altro|altr)|"
        r"\bnon (?:è stat[oa]|sei stat[oa]|risulta) selezionat|\bnon selezionat[oa]\b|"
        r"\bnon corrisponde al profilo\b|\bha scelto (?:l'altra|l'altro|un'altra|un altro)\b|"
        r"\b(?:ha|hanno) deciso di promuovere internamente\b|\bprofili più (?:vicini|in linea|"
        r"adatti)\b",
    ),
    # Mexican and Colombian Spanish: "tu perfil no fue seleccionado", "decidimos continuar con un
    # perfil con más experiencia", "no vamos a avanzar contigo", "la vacante ya fue cubierta".
    (
        0.95,
        r"\bno (?:fuiste|fue|has sido|ha sido) seleccionad[oa]|\b(?:decid(?:imos|ió|ieron)|tomamos "
        r"la decisión de|preferimos) (?:continuar|seguir|avanzar|quedarnos|ofrecer la posición) "
        r"(?:con|a) (?:otr[oa]s?|un perfil|una persona|alguien|un candidato|otro finalista)\b|"
        r"\b(?:nos vamos a ir|vamos a (?:seguir|continuar)) con (?:alguien|otr[oa])|"
        r"\bdecidimos no avanzar\b|\bno vamos a avanzar\b|\bno (?:seguirá|continuará) "
        r"avanzando\b|\bno continuaremos\b|\bse eligió a otr[oa]\b|\b(?:la posición|la vacante|el "
        r"puesto|el cargo)\b[^.]{0,60}?\b(?:ya )?(?:fue|ha sido) (?:cubiert|ocupad|cerrad|"
        r"cancelad)[oa]\b|\bse cubrió con\b|\bcubrir la posición con\b|\bprefirió a (?:un|una|"
        r"otr)|\bestado: no seleccionad[oa]\b|\b(?:el proceso|la selección) (?:continuó|siguió) "
        r"con otr[oa]s\b|\bfinalizó tu proceso\b",
    ),
)
# Each is a polite way to close the door; alone it could be a courtesy, so it counts as a
# rejection only with another of its kind or a strong one.
SOFT_REJECTION = (
    rf"(?:keep|retain|hold|store|save|add) your (?:{_CV})[^.]{{0,40}}(?:on file|in (?:our|the) "
    rf"(?:system|database|talent (?:pool|community|network)|records)|for (?:future|other))",
    r"(?:encourage|invite|welcome|urge) you to (?:apply|re-?apply|keep|check|visit|look|explore|"
    r"consider|continue|stay|browse)",
    r"(?:lots|plenty|many|a lot) of (?:great|other|exciting|wonderful) (?:jobs|roles|positions|"
    r"opportunities|companies) out there",
    r"(?:wish|wishing) you (?:the )?(?:very )?(?:best|all the best|luck|good luck|every success|"
    r"success|well)[^.]{0,40}(?:search|future|career|endeavou?rs|next|journey|hunt)",
    r"(?:best of luck|good luck|success) (?:in|with) (?:your|the) (?:job )?(?:search|future|career|"
    r"endeavou?rs|hunt|next)",
    r"future (?:endeavou?rs|opportunities|openings|roles|positions|vacancies)",
    r"after (?:careful|thorough|much|considerable) (?:review|consideration|deliberation)",
    r"(?:competitive|high volume|large number|strong pool|many (?:qualified|talented|strong))",
    r"(?:honou?red|grateful|appreciate) (?:that )?you (?:applied|considered|took the time)",
    r"(?:this|our|the) decision (?:does not|doesn't|is not|isn't) (?:a )?reflect(?:ion)? (?:on|of) "
    r"your",
)

OFFER = (
    (
        0.95,
        rf"(?:pleased|happy|delighted|excited|thrilled|glad|honou?red) to (?:formally |"
        rf"officially )?(?:extend|offer|present|make)(?: you)?(?: with)? "
        rf"(?:an? |the |our |this )?"
        rf"(?:formal |official |verbal |written |conditional |contingent |final )?(?:job |"
        rf"employment )?(?:offer|{_ROLE})",
    ),
    (
        0.95,
        rf"(?:like|love|want) to (?:formally )?(?:extend|offer|make)(?: you)? (?:an? |the )?"
        rf"(?:formal |official |verbal |written |conditional )?(?:job |employment )?(?:offer|"
        rf"{_ROLE})",
    ),
    (
        0.95,
        r"offer of employment|employment offer|(?:your|an|the|our|a) (?:job|formal|written|"
        r"verbal|conditional|contingent|official) offer\b",
    ),
    (
        0.9,
        # "make you an offer", never "make an offer to their finalists"
        r"(?:extend|extending|extended|make|making|made) (?:you )?(?:an? |the |our )?(?:formal |"
        r"official |verbal |written |conditional )?offer(?! to (?!you\b))",
    ),
    (0.9, r"offer (?:letter|package|details|documents?|paperwork|agreement)"),
    (
        0.9,
        r"(?:love|like|want|excited|thrilled|delighted)(?: for)? (?:you|to have you) to join\b|"
        r"(?:want|like|love|going) to hire you\b|putting together (?:an|your|the) offer\b|"
        r"offer at [$£€]",
    ),
    (
        0.9,
        rf"offer(?:ing)? you (?:the|a|this|our|an )?(?:[\w/,&()-]+ ){{0,6}}?(?:{_ROLE}|contract|"
        rf"engagement|placement|assignment|appointment)",
    ),
    (
        0.95,
        r"(?:offer|letter) of appointment|appointment letter|offer (?:is )?attached|"
        r"(?:like|love|want) to have you on ?board|\bstatus:\s*(?:offer|offer extended|"
        r"offered)\b",
    ),
    (
        0.9,
        r"(?:love|like|want|thrilled|excited|delighted) to have you join|(?:this|the) "
        r"(?:e-?mail|letter|message|note) is (?:the|our|an|your) (?:formal |written |official )?"
        r"offer|the offer in writing",
    ),
    (0.85, r"congratulations[^.!?]{0,120}\b(?:offer|joining|join the team|welcome aboard|hired)\b"),
    (
        0.9,
        r"\bpromesse d'embauche\b|\bproposition d'embauche\b|\bnotre proposition\b|\bnos complace "
        r"ofrecerte\b|\boferta (?:de empleo|formal|de trabajo)\b|\bcarta de oferta\b|"
        r"\bvertragsangebot\b|\bihnen die stelle (?:anbieten|anzubieten)\b",
    ),
    (
        0.9,
        r"\bhere(?:'s| is) your (?:offer|offer letter)\b|\bput(?:ting)? (?:the|our|your) offer\b|"
        r"\boffer we discussed\b|\b(?:signature requested|please sign|review "
        r"and sign|sent you a document|shared a document)\b[^.]{0,80}\boffer\b|\bwants? to bring "
        r"you on\b",
    ),
    (
        0.85,
        r"(?:accept|accepting|sign|signing|review and sign|countersign) (?:the|your|this|our) "
        r"offer",
    ),
    # "We'd like to offer you the Territory Sales Representative - Northern Illinois position".
    (
        0.95,
        rf"\b(?:like|love|want|pleased|happy|delighted|excited|thrilled|glad) to offer you the "
        rf"[^.;!?]{{1,80}}? {_ROLE}\b",
    ),
    # "Goldcrest has an offer for you", "here is your employment contract"; in French "la
    # lettre d'offre", "on aimerait que tu deviennes notre chef de cuisine".
    (
        0.9,
        r"\b(?:has|have) an offer for you\b|\bsent you an offer\b|\b(?:here is|here's|attached is) "
        r"your (?:employment )?contract\b|\blettre d'offre\b|\b(?:aimerait|aimerions|voudrait|"
        r"voudrions) que (?:tu deviennes|vous deveniez)\b",
    ),
    # Italian: "vorremmo averla con noi come Front Office Manager", "la lettera di offerta".
    (
        0.9,
        r"\b(?:vorremmo|saremmo (?:felici|lieti) di) aver(?:la|ti|vi) (?:con noi|nel (?:nostro )?"
        r"team|nella (?:nostra )?squadra)\b|\blettera di (?:offerta|assunzione)\b|\bproposta di "
        r"(?:assunzione|contratto|lavoro)\b",
    ),
    # Spanish: "fuiste seleccionado(a) para la posición", "la propuesta económica", "nos
    # gustaría que te integres como".
    (
        0.9,
        r"(?<!no )\bfuiste seleccionad[oa](?:\([ao]\))? para (?:la posición|el puesto|el cargo)\b|"
        r"\bpropuesta económica\b|\bnos gustaría que te integres\b",
    ),
)

ASSESSMENT = (
    # "The next stage is a short case study", "the next step is a take-home exercise".
    (
        0.96,
        r"(?:next|first) (?:stage|step)(?: [^.]{0,60}?)? (?:is|will be|would be) (?:a |an |our )?"
        r"(?:short |brief |small )?"
        r"(?:case study|take-home|written (?:exercise|task)|(?:technical |coding )?(?:[\w-]+ )?"
        r"(?:exercise|test|assessment))",
    ),
    # "As the next step we'd like you to solve a small case".
    (
        0.9,
        r"\b(?:we'd|we would|i'd|i would) like you to (?:solve|complete|work on|do|prepare|"
        r"work through) (?:a|an|our|the|this) (?:short |small |brief |quick )?(?:[\w-]+ )?"
        r"(?:case|case study|exercise|task|assignment|challenge)\b",
    ),
    (
        0.9,
        r"(?:coding|technical|online|skills?|cognitive|personality|aptitude|psychometric|"
        r"pre-?employment|numerical|verbal|logical|situational judge?ment|behavio(?:u)?ral|"
        r"game-based|programming|sql|python|excel|writing|case study) (?:challenge|assessment|"
        r"test|exercise|evaluation|questionnaire|task|screen(?:ing)? test)s?",
    ),
    (
        0.9,
        r"(?:take[- ]home|test) (?:assignment|exercise|project|challenge|test|assessment|task|"
        r"case)|\b(?:a|an|our|the) (?:short |brief |small |written )?(?:case study|case "
        r"exercise|written exercise|writing sample task)\b|"
        r"\b(?:a|the|our|this|short|small) take[- ]home\b",
    ),
    (
        0.97,
        r"(?:one-way|asynchronous|async|recorded|on-demand|pre-recorded|self-paced|digital) "
        r"video (?:interview|assessment|questions|responses)|complete (?:a|an|the|your) "
        r"(?:[\w-]+ )?video interview|record (?:your|a|short) (?:video )?(?:answers|"
        r"responses)",
    ),
    # More specific than the invitation it comes with ("invite you to the next stage: two
    # online tests"), so it outweighs it.
    (
        0.96,
        r"shortlisted (?:for|to) (?:the|an?) (?:[\w-]+ ){0,2}?(?:assessment|test|exercise)|"
        r"(?:next stage|next step)[^.]{0,40}: (?:an?|two|three|our) (?:[\w-]+ ){0,2}?(?:tests?|"
        r"assessments?|exercises?)",
    ),
    (
        0.85,
        r"\b(?:hackerrank|codility|codesignal|hackerearth|testgorilla|hirevue|coderbyte|"
        r"pymetrics|criteria corp|shl|mettl|vervoe|harver|karat)\b",
    ),
    (
        0.85,
        r"(?:complete|take|finish|start|begin|access|attempt|submit) (?:the|this|your|our|an|a|"
        r"the following) (?:[\w-]+ ){0,3}?(?:assessment|challenge|test|exercise|assignment|"
        r"questionnaire|task)",
    ),
    (
        0.85,
        r"(?:invited|invite you|inviting you) to (?:take|complete|an?|the) (?:[\w-]+ ){0,3}?"
        r"(?:assessment|challenge|test|exercise|assignment)",
    ),
    (0.8, r"(?:assessment|challenge|test|assignment|exercise) (?:link|invitation|invite)"),
    (
        0.85,
        r"\b(?:realizar|realices|realizara|completar) una prueba\b|\bprueba (?:online|técnica)\b|"
        r"\btest (?:en ligne|technique)\b|\bétude de cas\b|\bonline-test\b|\beignungstest\b|"
        r"\bfallstudie\b",
    ),
    (
        0.85,
        r"\b(?:take|complete|sit|schedule|begin) (?:the|your|an|a) (?:[\w-]+ ){0,3}?(?:examination|"
        r"exam)\b|\bapproved to take\b|\bplay (?:our|the|a|these) (?:set of |series of )?(?:\d+ )?"
        r"(?:short |quick )?games\b",
    ),
    (
        0.9,
        r"\bwork (?:sample|trial)\b|\btrial (?:task|shift|day)\b|(?:like|ask|need) you to (?:do|"
        r"complete|prepare|work on|put together) (?:a|an|the|our|this|some|two)\b",
    ),
    # "here's the portfolio task", "vous invitent à compléter une évaluation en ligne".
    (
        0.9,
        r"\b(?:here's|here is|attached is|please find) (?:the|a|our|your) (?:portfolio|take-home|"
        r"design|writing|case|written|technical|practical) (?:task|exercise|assignment|study|"
        r"challenge|brief)\b|\b(?:compléter|passer|réaliser|effectuer) (?:une|un) (?:courte |"
        r"brève )?(?:évaluation|test|questionnaire)\b",
    ),
    # "As promised, here's the exercise."
    (
        0.85,
        r"\b(?:here's|here is|attached is|please find) (?:the|a|our|your) (?:[\w-]+ )?(?:exercise|"
        r"case study|take-home|assignment)\b",
    ),
    # Italian: "chiediamo a tutti i candidati di preparare un breve case study scritto".
    (
        0.9,
        r"\bchiediamo (?:a tutti i candidati )?di (?:preparare|svolgere|completare|compilare)\b|"
        r"\b(?:preparare|svolgere|completare) (?:un|il|una|la) (?:breve )?(?:case study|test|prova|"
        r"questionario|esercitazione)\b",
    ),
    # Spanish: "te pedimos realizar las siguientes pruebas", "el siguiente paso es un caso
    # práctico".
    (
        0.9,
        r"\bte pedimos (?:realizar|completar|contestar|resolver)\b|\bpruebas psicométricas\b|"
        r"\bcaso práctico\b",
    ),
)

INTERVIEW = (
    # More ways to set up a meeting, from parts aq-bb: "can u come by the yard mon 2/16 at 7am",
    # "come in thurs 4/9 2pm", "the hiring manager would like to do a 45 minute follow-up",
    # "next step is 45 minutes with our VP", "Devin wants you to meet their Director", "I'd
    # like you to come up to White Plains", "moved us to Thursday 2/5 at 11:00"; in Spanish
    # "quiere conocerte", "me gustaría que viniera", "nos gustaría invitarte a una entrevista";
    # in German "möchte Sie kennenlernen", "lädt Sie zu einem ersten Gespräch ein", "hätten
    # Sie Zeit für ein kurzes Telefonat", "auf einen Kaffee vorbeizukommen".
    (
        0.9,
        r"\b(?:can|could) (?:u|you) come (?:by|in|over|to|down|up)\b|^come in (?:on )?(?:mon|tue|"
        r"wed|thu|fri|sat|sun|tomorrow)|\b(?:would|'d) like to do a (?:\d+[- ]min(?:ute)?s? |quick "
        r"|short )?(?:follow-up|call|chat|interview|screen)\b|\bnext step is (?:\d+ minutes|an? "
        r"(?:\d+[- ]min(?:ute)? )?(?:call|chat|conversation|interview)) with\b|\bwants? you to "
        r"meet\b|\b(?:like|love|want) you to come (?:up|down|in|by|over|out|to)\b|\bmoved "
        r"(?:us|you|it|our (?:call|chat|interview)|the (?:call|chat|interview)) to (?:mon|tue|"
        r"wed|thu|fri|sat|sun|tomorrow|\d)|\bquiere(?:n)? conocerte\b|"
        r"\bme gustar[ií]a que (?:viniera|vinieras|"
        r"venga|vengas)\b|\b(?:nos|me) gustar[ií]a invitarte a una entrevista\b|\bmöchte(?:n)? Sie "
        r"(?:gern(?:e)? )?kennenlernen\b|\bladen Sie zu einem (?:ersten |persönlichen )?"
        r"(?:Gespräch|Vorstellungsgespräch|Telefonat)\b|\b(?:hätten|haben) Sie Zeit für ein "
        r"(?:kurzes |erstes )?(?:Telefonat|Gespräch|Telefongespräch)\b|\b(?:ein|einen) "
        r"(?:erstes |kurzes )?(?:Telefongespräch|Telefonat|Gespräch) mit Ihnen führen\b|"
        r"\bvorbeizukommen\b",
    ),
    # A recruiter's short note: "can u give me a call back today or tmrw?", "call me when u get
    # a chance", "put you down for Fri at 9:30, I'll call your cell", "can we connect on call".
    (
        0.85,
        r"\b(?:can|could) (?:u|you) (?:give me|gimme) a (?:call|ring)(?: back)?\b|\b(?:give|gimme) "
        r"me a (?:call|ring)(?: back)? (?:today|tomorrow|tmrw|when|if|at|this)\b|\bcall me "
        r"(?:back )?(?:when (?:u|you) (?:get|have) a (?:chance|sec|minute)|today|tomorrow|tmrw|"
        r"at)\b|\bput you down for\b|\bi'?ll call your (?:cell|phone|mobile)\b|\b(?:can|could) "
        r"we (?:connect|hop|jump) on (?:a )?call\b|\b(?:do|would) you have (?:\d+|a few|fifteen|"
        r"ten|twenty|thirty) (?:min|mins|minutes)\b|\bconfirming (?:you for |your )?(?:mon|tue|"
        r"wed|thu|fri|sat|sun)[a-z]*\.? \d|^interview\b[^.]{0,60}?\b(?:mon|tue|wed|thu|fri|sat|"
        r"sun)[a-z]*\.? \d{1,2}\b",
    ),
    # Rescheduled, confirmed or announced as the next step: "we need to move your interview",
    # "I've sent an updated invite", "next step is a virtual panel with the team", "excited to
    # confirm your virtual onsite", "nous aimerions vous inviter à l'étape suivante".
    (
        0.9,
        r"\b(?:move|moving|reschedule|rescheduling|push|pushing) (?:your|the) interview\b|"
        r"\b(?:sent|sending) (?:you )?an? (?:updated|new|revised) (?:invite|invitation)\b|"
        r"\bnext (?:step|stage|round) (?:is|will be) (?:a |an |the )?(?:virtual |video |"
        r"in-person |onsite |on-site |final )?(?:panel|interview|loop|onsite|on-site)\b|"
        r"\bconfirm(?:ing)? your (?:virtual |video |in-person |final |first |second )?(?:onsite|"
        r"on-site|interview|panel|final round|loop)\b|\bvous inviter (?:à|pour) (?:l'étape "
        r"suivante|la (?:prochaine|dernière) étape|un (?:premier |second )?entretien|une "
        r"rencontre)",
    ),
    # "I'd like to find 30 minutes to talk", "what does your availability look like?"
    (
        0.9,
        r"\b(?:find|grab|book|borrow|get|got) (?:\d+|a few|some|twenty|thirty|fifteen) "
        r"(?:minutes|mins?)\b|\bworking interview\b|\bcan you (?:do|make|come in)\b[^.?]{0,40}?"
        r"\b(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|\d{1,2}/\d{1,2})|"
        r"\bwhat does your (?:availability|calendar|schedule) look like\b",
    ),
    (
        0.95,
        r"invit(?:e|ing) you (?:to|for) (?:a |an |the |our |your |some )?(?:[\w-]+ ){0,4}?"
        r"(?:interview|conversation|chat|call|meeting|screen|screening|discussion|onsite|"
        r"on-site|visit|round|loop|panel|coffee)",
    ),
    (
        0.9,
        r"(?:like|love|want|invite) you to (?:come (?:in|by|over|to)|join us|visit|meet|"
        r"interview|speak|chat|talk)|(?:like|love|want) to have you (?:in|over|come|back|meet)",
    ),
    (
        0.85,
        r"\bcome in (?:for|to|on|at)\b|\b(?:does|would|will|could|can) (?:[\w,:./-]+ )"
        r"{1,8}?work (?:for you|on your end|with your schedule)?\?",
    ),
    (
        0.95,
        r"\bmove forward with (?:a|an) (?:[\w-]+ ){0,4}?(?:phone screen|screen|interview|call|"
        r"conversation)\b|"
        r"(?:like|love|wants?|keen|pleased|happy|excited|delighted) to (?:have you |invite you "
        r")?(?:schedule|set up|arrange|book|line up|organi[sz]e|move you|bring you|invite you|"
        r"speak|chat|talk|meet|connect|have a (?:call|chat|conversation)|"
        r"hop on a call|continue the conversation|take the next step|advance you"
        r"|move forward with you|proceed with you|progress you|invite)",
    ),
    # Said in receipts too ("we've received your application and are excited to learn more
    # about you"): an invitation only where nothing stronger is said.
    (
        0.8,
        r"(?:like|love|want|keen|pleased|happy|excited|delighted) to (?:learn more about you|"
        r"get to know you)",
    ),
    (
        0.9,
        r"\b(?:want|like|love|keen) (?:to (?:do|have|set up|grab|jump on|book) )?a (?:[\w-]+ )"
        r"{0,3}?(?:call|chat|interview|conversation|meeting|screen)\b|\b(?:could|can) we (?:do|set "
        r"up|have|book|schedule) a (?:[\w-]+ ){0,3}?(?:call|chat|interview|conversation)\b|\bbe "
        r"able to come (?:in|by|over|to)\b",
    ),
    # "Doug wants to interview you!", "can you hop on a call Tuesday?", "want to get a call on
    # the books?", "next up is a 60-min call", "could we do Thursday at 1pm instead?"
    (
        0.9,
        r"\b(?:wants?|would like|'d like|would love|'d love|keen|eager) to (?:interview|meet) "
        r"you\b|\byou (?:can |could |to )?(?:hop|jump|get) on a (?:quick |short )?(?:call|zoom|"
        r"video call|phone call)\b|\bget (?:a|an) (?:[\w-]+ ){0,2}?(?:call|chat|interview|"
        r"conversation) on the (?:books|calendar)\b",
    ),
    (
        0.85,
        r"\bnext (?:up|stage) (?:is|will be|would be) (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:call|"
        r"interview|chat|conversation|panel|round)\b|\b(?:could|can) we (?:do|move (?:you|it|"
        r"this|that|our \w+) to|push (?:it|this|that) to) (?:mon|tue|wed|thu|fri|sat|sun|"
        r"tomorrow|next|the \d)[^.?]{0,50}?(?:instead|same time)\b|\b(?:could|can) we move to "
        r"(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|next)[^.?]{0,50}?(?:instead|same time)\b",
    ),
    (
        0.9,
        r"(?:schedule|set up|arrange|book|find|line up|organi[sz]e) (?:a |an |your |the |some "
        r"|our |a few )?(?:time|call|interview|chat|conversation|phone screen|video call|meeting|"
        r"interviews|slot|onsite|on-site|round|loop)",
    ),
    (
        0.9,
        r"\b(?:are |would |will |might )?you (?:be )?(?:free|available|around|open|up)\b"
        r"[^.?]{0,60}?\b(?:call|chat|interview|conversation|meeting|screen|talk|video|zoom|meet)",
    ),
    (
        0.9,
        r"(?:would|do|could|will|can) you have (?:time|\d+ minutes|a few minutes|some time|a "
        r"moment|a (?:quick|short) (?:call|chat))|(?:reply|respond|get back to me) with a time|"
        r"a time that works",
    ),
    (
        0.9,
        r"(?:you are|you're|you have been|you've been) (?:invited|called|shortlisted|selected) "
        r"(?:to|for) (?:an? |the |our )?(?:[\w-]+ ){0,3}?(?:interview|call|conversation|meeting|"
        r"panel|round)|called for (?:an? |the )?(?:[\w-]+ ){0,2}?interview|call letter|"
        r"(?:can|could|would) you come (?:in|by|over|to)|\bstatus:\s*interview|reminder[^.]{0,40}"
        r"\binterview|your interview (?:for|with|tomorrow|today|on|at|is)\b",
    ),
    (0.85, r"(?:you have|you've) been shortlisted\b"),
    (
        0.9,
        r"(?:move|push|shift|reschedule|bump|change) (?:our|the|your|this) (?:[\w-]+ )?(?:call|"
        r"interview|chat|meeting|conversation|screen) (?:to|from|by)",
    ),
    (
        0.85,
        r"\b(?:\d+[- ]minute )?(?:intro|introduction|interview|screen|call|chat|"
        r"conversation)\b[^.]{0,40}\b(?:has been |is |was )(?:scheduled|booked|confirmed)\b|"
        r"\bnew event\b[^.]*\b(?:intro|interview|call|chat|screen)|\binterview (?:confirmed|"
        r"booked|scheduled|arranged)\b",
    ),
    (
        0.9,
        r"interview (?:for|with) [^.]{1,80}? (?:is|has been|was) (?:now )?(?:scheduled|"
        r"confirmed|booked|set|arranged)",
    ),
    (
        0.9,
        r"(?:share|send (?:me|us|over)|let (?:me|us) know|provide|what is|what's|reply with|"
        r"confirm|tell (?:me|us)|a few|some|with) (?:your |a few |some |two or three |a couple "
        r"of |\d+(?:-\d+)? )?(?:availability|available times|preferred times?|times that work|"
        r"windows|slots)"
        r"(?!:)",
    ),
    (
        0.9,
        r"(?:what|which) (?:days?|times?|dates?|slots?) (?:work|suit|would work|are good|are "
        r"best)",
    ),
    (
        0.9,
        r"(?:pick|choose|select|book|grab|claim|reserve) (?:a |an |your |the )?(?:time|slot|"
        r"day|date|interview slot)",
    ),
    (
        0.9,
        r"(?:your|the) (?:[\w-]+ ){0,3}?interview (?:is|has been|was|will be) (?:now )?"
        r"(?:scheduled|confirmed|booked|set|moved|rescheduled|arranged)",
    ),
    (
        0.9,
        r"(?:confirm|confirming|scheduled|rescheduled?|rescheduling|booked|moved) (?:your|the|"
        r"our) (?:[\w-]+ ){0,3}?(?:interview|call|meeting|conversation|chat|screen)",
    ),
    (
        0.9,
        r"interview (?:request|invitation|invite|confirmation|details|schedule|itinerary|"
        r"agenda|logistics)|invitation to (?:an? )?(?:[\w-]+ )?interview",
    ),
    (
        0.9,
        r"(?:move|moving|advance|advancing|progress|progressing|invite) (?:you )?"
        r"(?:forward |on )?(?:to|into) (?:the |our )?(?:next|interview|final|second|third|"
        r"onsite|technical) (?:round|stage|step|phase)",
    ),
    (
        0.9,
        r"next step (?:is|would be|will be|in (?:the|our) process is) (?:a |an |to )?"
        r"(?:[\w-]+ ){0,4}?(?:interview|call|conversation|chat|screen|meeting|onsite|"
        r"schedule)",
    ),
    (
        0.85,
        r"(?:\ban?|\byour|\bour|\bthe next|\bthe first|\bthis|\bthe) (?:quick |short |brief |"
        r"\d+[- ]minute )?(?:phone|video|technical|initial|recruiter|hiring manager|final|"
        r"panel|onsite|on-site|in-person|in person|virtual|first|second|third|introductory|intro|"
        r"screening|zoom|teams|behavio(?:u)?ral|culture|team) (?:screen|screening|interview|"
        r"round|conversation|call|chat|loop)s?\b(?! every| all| each| applications?)",
    ),
    (
        0.85,
        r"let'?s (?:set up|schedule|find a time|chat|talk|connect|get [^.]{0,30} on the "
        r"calendar|meet|jump on|hop on)",
    ),
    (
        0.85,
        r"(?:calendar|meeting|zoom|teams) invit(?:e|ation)|sent (?:you )?(?:a|an) (?:calendar "
        r"|meeting )?invit(?:e|ation) for",
    ),
    (
        0.85,
        r"(?:come in|come by|join us|meet us|visit us) (?:for (?:an?|the|your) (?:[\w-]+ )?"
        r"(?:interview|conversation|chat|meeting|visit|round)|at (?:our|the) office)",
    ),
    (
        0.85,
        r"speak with you (?:about|regarding|further|more)|(?:talk|chat|speak) (?:more|further) "
        r"about (?:the|this|your)",
    ),
    (0.8, r"\b(?:calendly\.com|goodtime\.io|meet\.google\.com|zoom\.us/j)\b"),
    (
        0.9,
        r"\b(?:organiser|planifier|fixer|proposer|propose) un (?:premier |second |deuxième )?"
        r"entretien\b|"
        r"\bentretien (?:en visio|téléphonique|sur site)\b|\bnous aimerions vous rencontrer\b|"
        r"\b(?:gostávamos|gostaríamos|gostaria|gostava) (?:muito )?de (?:conversar|falar|o/a "
        r"conhecer|conhecê-l|convidá-l|o/a receber|o receber|a receber|agendar|marcar)|"
        r"\b(?:podemos|pode) (?:fazer|marcar|ter|agendar) uma (?:primeira |breve )?(?:conversa|"
        r"entrevista|chamada|reunião)\b|\bpode vir (?:à|ao|cá|sexta|segunda|terça|quarta|quinta|"
        r"sábado|amanhã)|\b(?:puedes|podrías|podrias|puedas) venir (?:el|a|al|este|mañana)\b|\bte "
        r"(?:puedo|podemos) llamar\b|\b(?:nos|me) gustaría (?:conocerte|que vinieras|que "
        r"vengas|hablar contigo)\b|\bte pasas (?:el|por)\b|\bte (?:proponemos|propongo) una "
        r"(?:entrevista|llamada|videollamada|reunión)\b|\btienes disponibilidad\b|"
        r"\b(?:entrevista|conversa) (?:presencial|por (?:vídeo|telefone|teams|zoom|google "
        r"meet))\b|\b(?:próxima fase|passo seguinte)\b[^.]{0,40}?\b(?:conversa|entrevista|"
        r"visita)\b|\bconvite para (?:uma )?entrevista\b|"
        r"\b(?:primera |segunda )?entrevista (?:por videollamada|telefónica|presencial)\b|\bnos "
        r"gustaría conocerte\b|\bte propongo una (?:primera )?entrevista\b|\b(?:zu einem|zum) "
        r"(?:persönlichen |telefonischen |ersten )?(?:vorstellungsgespräch|kennenlerngespräch|"
        r"interview)\b|\beinladung zum (?:vorstellungsgespräch|gespräch|interview)\b|\bbjuda in "
        r"(?:dig )?till (?:en )?(?:första )?intervju\b",
    ),
    # "Perfect, you're confirmed for Tuesday 3/17, 10:00am", "Curtis wants you back for the
    # final stage".
    (
        0.9,
        r"\b(?:you're|you are) (?:all )?(?:confirmed|booked|scheduled|set) for (?:mon|tue|wed|"
        r"thu|fri|sat|sun|tomorrow|today|next|this|\d)|\b(?:wants?|would like|'d like|like) you "
        r"back (?:for|in)\b",
    ),
    # From parts bc-bf: "they've asked to push your interview to Friday", "Your interviewer
    # asked to move this conversation", "Could you instead come on Wednesday", "would you call
    # in to the workshop", "bringing three finalists in", "the next step in our process is an
    # in-person sample lesson", "fancy a call on Thursday", "a 60-minute interview with the
    # selection committee", a scheduling tool's "Confirmed: Designer Interview with..." and
    # "Event Type: ... Interview"; in German "laden wir Sie zu einem ersten Gespräch ein",
    # "möchten wir Sie zu einem zweiten Gespräch einladen", "Einladung zum Erstgespräch",
    # "hätten Sie diese Woche Zeit für ein kurzes Telefonat".
    (
        0.9,
        r"\b(?:push|pushed|move|moved|shift|reschedule|rescheduled) (?:your|the|our|this) "
        r"(?:interview|conversation|panel|meeting with)\b|\b(?:could|can|would) you (?:instead )?"
        r"(?:come in|come|call in|pop in|drop in) (?:on|to|at) |\bfinalists?\b[^.]{0,80}\byou "
        r"(?:are|were) one\b|\bfinalist (?:interview|round|stage|day)\b|\b(?:next|last|final) "
        r"step (?:in (?:our|the) process )?is (?:an? |the )?(?:in-person|onsite|on-site|panel|"
        r"face-to-face) \w+|\bfancy (?:a|having a) (?:quick )?(?:call|chat|coffee)\b|\ban? "
        r"\d+[- ]minute (?:interview|panel interview)\b|^(?:updated|rescheduled|confirmed|"
        r"invitation|new event):? (?:[\w&/-]+ ){0,6}?interview\b|\bevent(?: type)?: (?:[\w&/-]+ )"
        r"{0,6}?interview\b",
    ),
    (
        0.9,
        r"\b(?:laden|lade|möchten|möchte|würden|würde) (?:wir |ich )?Sie (?:[\w-]+ ){0,4}?"
        r"(?:zu|zum) (?:einem |einer )?(?:[\w-]+ ){0,2}?[\w-]*(?:gespräch|interview|telefonat)\b|"
        r"\beinladung zum [\w-]*gespräch\b|\bhätten Sie (?:[\w-]+ ){0,3}?Zeit für ein",
    ),
    # From parts bg-bj: "can you swing by Thursday around 4?", "can u talk today at 11?", "let's
    # do Thursday 1/15 at 1:30", "they want you in for the final stage"; in Québec French "vous
    # proposer une première entrevue", "deuxième entrevue", "tu peux passer jeudi"; in German
    # "wir würden dich gerne kennenlernen", "Einladung zum Kennenlernen".
    (
        0.9,
        r"\b(?:can|could) (?:u|you) (?:swing|stop|pop|drop) (?:by|in|over)\b|\b(?:can|could) "
        r"(?:u|you) (?:talk|chat|do a call|hop on a call|jump on a call) (?:today|tomorrow|tmrw|"
        r"tmr|this|at|on|mon|tue|wed|thu|fri)|\blet'?s do (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
        r",? (?:\d|at |morning|afternoon)|\bwants? you in for\b",
    ),
    (
        0.9,
        r"\b(?:proposer|planifier|fixer|organiser|convier à|inviter à) (?:une |un )?(?:première |"
        r"deuxième |seconde |dernière )?(?:entrevue|rencontre)\b|\b(?:deuxième|seconde|"
        r"dernière) (?:entrevue|rencontre)\b|\b(?:tu peux|pourrais-tu|peux-tu|pouvez-vous|"
        r"pourriez-vous|est-ce que tu pourrais|est-ce que vous pourriez) (?:passer|venir)\b|"
        r"\b(?:würden|möchten|möchte|würde) (?:dich|euch) (?:gern(?:e)? )?kennenlernen\b|"
        r"\beinladung zum kennenlernen\b",
    ),
    # Italian: "vorremmo conoscerla di persona", "il Direttore desidera incontrarla", "ti va di
    # venire a trovarci in sede", "ti invitiamo in hotel", "un primo colloquio con me".
    (
        0.9,
        r"\b(?:vorremmo|vorrei|vorrebbe|vorrebbero|desidera|desiderano|piacerebbe) "
        r"(?:conoscer|incontrar)(?:la|ti|vi|e)\b|\b(?:vorrebbe|vorremmo|desidera) fare una "
        r"(?:videochiamata|chiamata|call|telefonata)\b|\b(?:le|ti|vi) propon(?:iamo|go) (?:un|una) "
        r"(?:colloquio|telefonata|videochiamata|call|chiacchierata|incontro)\b|\bti va (?:di "
        r"venire|una (?:telefonata|call|chiacchierata))\b|\b(?:ti|la|vi) "
        r"invit(?:iamo|ano|o) (?:a|ad|in|per|presso)\b|\bsarebbe disponibile (?:a venire|per)\b|"
        r"\b(?:un|il) (?:primo |secondo )?colloquio (?:finale |conoscitivo |individuale )?"
        r"(?:con|presso|in|il|di persona|in video|telefonico)\b",
    ),
    # Mexican Spanish: "me gustaría platicar contigo", "pasas a la entrevista final", "¿podrías
    # venir a entrevista?", "tu entrevista quedó agendada", "¿te late que nos veamos?".
    (
        0.9,
        r"\bme gustaría (?:platicar|conversar|agendar|entrevistarte|conocerte)\b|\bnos gustaría "
        r"(?:entrevistarte|platicar|conversar)\b|\bqueremos (?:conocerte|entrevistarte|hacer la "
        r"ronda final)\b|\bpasas a la entrevista\b|\b(?:podrías|puedes) venir a (?:una )?"
        r"entrevista\b|\bte confirmo la entrevista\b|\bte invito a (?:una )?entrevista\b|"
        r"\bentrevista\b[^.]{0,60}?\b(?:quedó|está) (?:agendada|confirmada|programada)\b|\bte "
        r"late que nos veamos\b",
    ),
)
ONSITE = (
    r"\b(?:on-?site|on site|in-person|in person|final round|final interview|visit (?:our|the) "
    r"office|at our office|our offices|come (?:in|into the office)|super ?day|full day|finalists?|"
    r"vor ort|"
    r"venue|board ?room|head office|face[- ]to[- ]face|walk-in|reporting time|"
    r"at our (?:\w+ )?(?:office|offices|campus|premises|headquarters|school|store|site)|"
    r"\w+(?:'s|’s) (?:\w+ )?(?:office|offices|headquarters|campus)|"
    # Where to go on the day: "Room 3B", "check in at the security desk", "bring photo ID".
    r"room \w*\d\w*|security desk|photo id|check in at (?:the )?(?:front|reception|security)|"
    # Directions for the day: a lobby, a floor, parking, IDs to bring, arriving early.
    r"(?:main )?lobby|\d+(?:st|nd|rd|th) floor|(?:visitor )?parking|forms of id|arrive \d+ minutes "
    r"early|come (?:by|to) (?:the|our) (?:studio|store|shop|warehouse|office|branch|building|site)|"
    r"walk of the floor|"
    # A day at work as the interview: a working interview, a shadow shift, a trial shift.
    r"working interview|shadow(?:ing)? (?:shift|day|morning|afternoon|session)|trial shift|"
    r"(?:swing|drop|pop) (?:by|over|round|in)\b|come by\b|assessment cent(?:re|er)|"
    r"(?:address|adres|adresse|dirección|direccion|indirizzo|endereço|lugar|anschrift):|"
    # A street address to come to: "6100 W Commerce Pkwy", "41 Lower Baggot Street".
    r"(?-i:\d{1,5} (?:[NSEW]\.? )?(?:[A-Z][\w'.-]+ ){1,3}(?:St|Street|Rd|Road|Ave|Avenue|Blvd|"
    r"Boulevard|Pkwy|Parkway|Expy|Expressway|Dr|Drive|Ln|Lane|Hwy|Highway|Quay|Terrace))|"
    # ... in other languages: "presencial", "op kantoor", "dans nos locaux", "di persona".
    r"presencial(?:mente)?|en persona|di persona|in presenza|(?:bij ons )?op (?:ons )?kantoor|"
    r"sur place|dans nos (?:locaux|bureaux)|(?:in unserem|bei uns im) büro|"
    r"(?:nel nostro|nei nostri) uffic[io]|(?:no nosso|nos nossos) escritório|"
    r"en (?:nuestras|nuestra) (?:oficinas?|sede))\b"
)

CONFIRMATION = (
    # An ATS's status page and a board's activity: "the status of your application for X has
    # been updated to: Under Consideration", "Acme downloaded your resume".
    (
        0.85,
        r"\byour application\b[^.]{0,140}?\b(?:has been |was |has )?(?:changed|moved|updated)"
        r" to\b[^.]{0,30}?\b(?:under (?:review|consideration)|in review|reviewed|being "
        r"reviewed|screening|received|submitted)\b|\b(?:downloaded|opened) your (?:resume|résumé|"
        r"cv|application)\b|\byour application (?:is|was|has been) (?:saved|kept|on file) and "
        r"will be (?:part of|included|considered|reviewed)\b|\byour application\b[^.]{0,120}?"
        r"\b(?:hasn't|has not) been forgotten\b",
    ),
    (
        0.9,
        r"(?:your|the|this) application (?:for [^.]{1,120}?|to [^.]{1,80}?)?(?:was|has been|is|"
        r"had been) (?:successfully |now |currently |still )?(?:sent|submitted|received|"
        r"delivered|completed|lodged|"
        r"under review|being reviewed|in review|with the hiring team|forwarded|"
        r"reviewed|referred|screened|on its way|in\b)",
    ),
    (
        0.85,
        r"\bwe (?:have|'ve got|now have) your (?:application|cv|resume|résumé)|\bapplication "
        r"(?:for [^.]{1,80} )?(?:came|has come|went) through|thanks? for thinking of us|"
        r"\bwe(?:'ve| have)? got (?:it|your (?:application|cv|resume|résumé))|"
        r"thank(?:s| you)[^.]{0,40}\b(?:your|sending (?:over |in |us )?your) (?:cv|resume|"
        r"résumé|covering|cover letter)|acknowledge (?:with thanks )?(?:the )?receipt of "
        r"your|(?:we|i) (?:have|'ve) (?:now )?received (?:everything|"
        r"it|them|your (?:cv|documents|e-?mail|details))|i confirm (?:that )?we have received",
    ),
    (
        0.9,
        r"(?:we(?:'ve| have)?|has|have|just) (?:successfully )?(?:received|got|gotten|recieved) "
        r"your (?:job |online |recent )?(?:application|resume|résumé|cv|submission|materials|"
        r"details|interest|information)",
    ),
    (
        0.9,
        r"(?:your|the) (?:application|postulation|candidature) (?:for [^.]{1,80} )?(?:has |have )?"
        r"(?:safely )?(?:reached us|arrived|landed|come through)",
    ),
    (
        0.9,
        r"\byou (?:applied|have applied|'ve applied|recently applied|successfully applied) "
        r"(?:for|to|on)",
    ),
    (
        0.9,
        r"\bapplication (?:received|confirmation|submitted|acknowledge?ment|complete|sent|"
        r"successful|update: received)\b",
    ),
    (
        0.85,
        r"thank(?:s| you)(?: so much| very much)? for (?:applying|your application|"
        r"submitting|your submission|sending (?:over |in |us )?your|considering|"
        r"your recent application|the application|taking the time to apply|reaching out about "
        r"the)",
    ),
    (0.75, r"thank(?:s| you)(?: so much| very much)? for your interest"),
    # An agency's "I've put your CV forward to Orrin & Pike for their analyst role".
    (
        0.85,
        r"(?:put|sent|submitted|forwarded) your (?:cv|resume|résumé|application|profile) "
        r"(?:forward |across |over |through )?(?:to|for)\b",
    ),
    (
        0.85,
        r"(?:passed|forwarded|shared|sent|handed) (?:it|them|this|your (?:resume|résumé|cv|"
        r"application|profile|details))(?: along| over| on)? (?:to|with) (?:the |our |two of "
        r"our |a few of our )?(?:[\w-]+ ){0,2}?(?:hiring manager|team|hiring team|recruiter|"
        r"department|manager|partners|founders|directors|leadership|head of [\w ]+)",
    ),
    (
        0.8,
        r"(?:reviewing|review|will review|are reviewing|will be reviewing|is reviewing|"
        r"currently reviewing) (?:your|all|the) (?:application|resume|résumé|cv|profile|"
        r"background|experience|submission|qualifications|applications)|(?:we're|we are|"
        r"we'll be|we will be) (?:currently |now )?reviewing applications\b",
    ),
    (0.8, r"(?:applied on|application date|date applied|applied:)\s"),
    (
        0.85,
        r"\b(?:new )?status:\s*(?:under review|received|submitted|in review|referred|eligible|"
        r"application received|being reviewed|minimum qualifications met)|\bmeets? the minimum "
        r"qualifications\b|\b(?:placed|are|remain) on (?:the |an )?eligib(?:le|ility) list\b|"
        r"\badded you as a candidate\b|\byou'?re (?:officially )?in the process\b|\b(?:viewed|"
        r"opened|is reviewing) your application\b|\byour application was (?:viewed|opened)\b",
    ),
    (
        0.85,
        r"\b(?:vielen|herzlichen) dank für ihre bewerbung|\bihre (?:bewerbung|unterlagen) (?:ist|"
        r"sind|wurde) (?:[\w-]+ ){0,4}?(?:eingegangen|versendet|übermittelt)|\beingangsbestätigung"
        r"\b|\bvotre candidature (?:[\w'()/-]+ ){0,8}?a (?:bien )?été (?:envoyée|reçue|transmise)|"
        r"\bnous avons bien reçu votre candidature|\b(?:merci|nous vous remercions) (?:pour|de) "
        r"votre candidature\b|\b(?:elle|votre candidature) a bien été (?:enregistrée|reçue|"
        r"prise en compte)|\btack för (?:din|er) ansökan\b|\bvi har (?:tagit emot|mottagit) "
        r"(?:din|den)\b|\bhemos "
        r"recebemos (?:a (?:sua|tua) |o (?:seu|teu) )?(?:candidatura|cv|currículo)\b|\b(?:a "
        r"(?:sua|tua) )?candidatura (?:\w+ ){0,6}?(?:foi|está) (?:enviada|entregue|recebida|"
        r"registada|registrada)\b|\bobrigad[oa] (?:pela|por) (?:sua |tua |a sua |a tua )?"
        r"candidatura\b|\benviámos o seu (?:cv|currículo)\b|\b"
        r"recibido (?:correctamente )?(?:tu|su) (?:candidatura|"
        r"solicitud|cv)|\bgracias por (?:tu|su) (?:candidatura|solicitud|postulación)|\b(?:tu|su) "
        r"candidatura\b[^.]{0,120}?\bse ha (?:enviado|recibido|registrado)|\bbedankt "
        r"voor (?:je|jouw|uw) sollicitatie|\bwe hebben (?:je|jouw|uw) (?:sollicitatie|cv)[^.]"
        r"{0,40}ontvangen",
    ),
    # From parts bc-bf: "your application has moved to the review stage", "your application
    # remains under consideration", "we're still reviewing applications for...", an agency's
    # "I've submitted you to Corriedale for the role" and "I have submitted your dossier to...";
    # in French "accusons bonne réception de votre candidature"; in German "Danke für Ihre
    # Bewerbung", "Ihr Dossier wird von unserem Team geprüft", "Bewerbungseingang".
    (
        0.85,
        r"\byour application (?:for [^.]{1,80}? )?(?:has (?:now )?(?:moved|progressed|advanced) "
        r"(?:to|into)|remains under (?:consideration|review))\b|\b(?:still|currently) reviewing "
        r"(?:applications|candidates|your application)\b|\b(?:I|we)(?:'ve| have)? (?:now |just |"
        r"today )?(?:submitted|put) (?:you|your (?:dossier|resume|cv|profile|application)) "
        r"(?:forward )?(?:to|for)\b",
    ),
    (
        0.85,
        r"\baccus(?:ons|ons bonne|é de|e) réception de votre candidature|\b(?:danke|besten dank|"
        r"wir danken ihnen) für ihre bewerbung|\bihr(?:e)? (?:dossier|bewerbung|unterlagen) "
        r"(?:wird|werden|wurde|wurden) (?:[\w-]+ ){0,4}?geprüft|\bbewerbungseingang\b",
    ),
    # From parts bg-bj: "Your profile went to the hiring manager", "You applied!"; in Spanish
    # "Recibí tu solicitud"; in Québec French "ton CV et ta lettre, bien reçus".
    (
        0.85,
        r"\byour (?:profile|application|resume|cv) (?:went|was sent|has been sent|was passed|has "
        r"gone) to (?:the )?(?:hiring manager|employer|recruiter|hiring team)\b|^you applied\b|"
        r"\brecib(?:í|imos) (?:tu|su) (?:candidatura|solicitud|cv|postulación)\b|\b(?:ton|votre)"
        r" (?:cv|dossier|candidature)\b[^.]{0,40}\bbien reçus?\b",
    ),
    # Italian: "abbiamo ricevuto la candidatura", "confermiamo la ricezione della Sua
    # candidatura", "grazie per la tua candidatura".
    (
        0.9,
        r"\b(?:abbiamo ricevuto|confermiamo (?:di aver ricevuto|la ricezione (?:della|del)))"
        r"(?: (?:la|il) )?(?: ?(?:sua|tua|vostra) )?(?:candidatura|curriculum|cv|dossier)\b|"
        r"\b(?:grazie|ringraziamo|la ringraziamo|ti ringraziamo)(?: di cuore)? (?:per|della) "
        r"(?:la )?(?:sua |tua )?candidatura\b",
    ),
    # Mexican and Colombian Spanish: "te postulaste con éxito a", "tu CV fue enviado a la
    # oferta", "tu solicitud se envió a", "revisó tu CV", "se acusa de recibo".
    (
        0.9,
        r"\bte postulaste (?:con éxito )?a\b|\btu postulación (?:se envió|fue enviada|fue "
        r"recibida)\b|\btu (?:cv|hoja de vida) fue (?:enviad|recibid)[oa]\b|\b(?:tu|su) solicitud "
        r"se envió\b|\brevisó tu (?:cv|perfil|hoja de vida)\b|\bgracias por postularte\b|\bse "
        r"acusa (?:de )?recibo\b|\bacuse de recibo\b",
    ),
)

# ---------------------------------------------------------------------------------- sentence roles

# When no phrase above states an event, a clause can still say it in words of its own: these
# are the words that must come together for each kind (a refusal about the candidate's
# progress, another candidate chosen, a test to take, an offer with its terms, a conversation
# to book, an application received). They decide only where no phrase of another kind does.
_NEGATION = r"\b(?:not|\w+n't|no longer|unable|cannot|never)\b"
ROLE_WEIGHT = 0.78
ROLES: dict[str, tuple[tuple[re.Pattern[str], ...], ...]] = {
    kind: tuple(tuple(re.compile(part, re.IGNORECASE) for part in parts) for parts in table)
    for kind, table in {
        "rejection": (
            (
                _NEGATION,
                r"\b(?:progress\w*|proceed\w*|mov(?:e|ing) (?:forward|ahead|on)|advanc\w*|"
                r"tak(?:e|ing) (?:it|this|you|your \w+) (?:further|forward)|shortlist\w*|select\w*|"
                r"invit\w*|"
                r"consider\w*|continu\w*|pursu\w*|offer\w*|successful)\b",
                r"\b(?:you|your (?:application|candidacy|profile|cv|resume|résumé|submission))\b",
            ),
            (
                r"\b(?:another|other|different|more suitable|better[- ]suited|stronger|internal)\b"
                r"[^.]{0,40}\b(?:candidates?|applicants?|persons?|people|individuals?|profiles?)\b",
                r"\b(?:chose|chosen|choose|select\w*|appoint\w*|offer\w*|hire\w*|decid\w*|"
                r"proceed\w*|progress\w*|mov\w*|continu\w*|going|went|fill\w*)\b",
            ),
            (
                rf"\b(?:{_ROLE}|vacancy|post|search|recruitment|recruiting|hiring)\b[^.]{{0,60}}"
                r"\b(?:filled|closed|cancell?ed|withdrawn|on hold|paused|frozen|no longer "
                r"(?:available|open|recruiting))\b",
            ),
        ),
        "assessment": (
            (
                r"\b(?:tests?|assessments?|exercises?|challenges?|assignments?|questionnaires?"
                r"|case "
                r"stud(?:y|ies)|quiz|simulations?)\b",
                r"\b(?:complete|completing|take|taking|submit|attempt|sit|start|begin|access|link|"
                r"deadline|due|within \d+ (?:hours|days)|invit\w*)\b",
            ),
        ),
        "offer": (
            (
                r"\b(?:offer|appointment|contract)\b",
                r"\b(?:pleased|delighted|happy|congratulat\w*|excited|thrilled|glad|attached|"
                r"formal|"
                r"written|verbal|accept\w*|sign\w*|salary|start date|compensation|package)\b",
            ),
        ),
        "interview_invitation": (
            (
                r"\b(?:interviews?|calls?|chats?|conversations?|meetings?|screens?|discussions?)\b",
                r"\b(?:schedul\w*|invit\w*|availab\w*|book\w*|arrang\w*|set (?:up|a time)|"
                r"would like|calendar|slots?|times? (?:that )?works?|free)\b",
            ),
        ),
        "application_confirmation": (
            (
                r"\b(?:application|cv|resume|résumé|submission|candidacy)\b",
                r"\b(?:received|receipt|submitted|reviewing|thank\w*|got)\b",
            ),
        ),
    }.items()
}
ANY_NEGATION = re.compile(_NEGATION, re.IGNORECASE)
# The first words of every role, in one search: most clauses have none of them.
ANY_ROLE = Phrases(
    "|".join(f"(?:{parts[0].pattern})" for table in ROLES.values() for parts in table),
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------- roles

# A condition or a vague future: "if your experience lines up, we'll reach out to schedule a
# call", "should you be selected for an interview". Such a sentence is no event.
CONDITIONAL = _compile(
    (
        r"^(?:if|should|in case|in the event|once|whether|unless|provided)\b",
        # "Where a candidate's experience is a strong fit, someone will get in touch to arrange..."
        r"^where (?:a|an|the|your|their) (?:[\w'’-]+ ){0,3}(?:is|are|meets?|matches?|fits?)\b",
        # "The next step for candidates who match the role is a short exercise"
        r"\bfor (?:candidates|applicants|those|anyone) (?:who|whose) (?:[\w'’-]+ ){0,2}?(?:match|"
        r"meet|fit|suit|align|progress|are (?:selected|shortlisted|successful))",
        # "give me a call today if you can" asks politely; it sets no condition
        r"\b(?:if(?! (?:you|u) (?:can|could|like|prefer|want|get a chance)\b)|should you|should "
        r"your|should we|in case|in the event|whether|unless|provided "
        r"that|assuming)\b",
        r"\b(?:if|once|when) (?:you are|you're|you have been|selected|shortlisted|successful|your "
        r"(?:profile|background|experience|skills|application|qualifications))\b",
        r"\b(?:may|might|could) (?:contact|reach out|be in touch|invite|schedule|ask|follow up|be "
        r"asked|receive)\b",
        r"\b(?:will|'ll|shall) (?:be in touch|reach out|contact you|get back to you|let you know|"
        r"follow up|notify you|be contacted|hear from|update you|touch base)\b",
        r"\b(?:only|unable to) (?:contact|respond to|reply to)",
        r"\bif (?:there is|there's|we (?:feel|think|see|decide|find)|it's a|your)\b",
        r"(?<!who )\b(?:may|might|could|would|will|usually|typically|generally|normally) (?:also )?"
        r"(?:include|"
        r"involve|consist|comprise|begin|start)s?\b",
        r"^(?:successful|shortlisted|selected|suitable|qualified|eligible|the best"
        r"|top)? ?(?:candidates"
        r"|applicants|students|consultants|those)\b[^.]{0,80}\bwill (?:be|then be|receive|get"
        r"|hear)\b",
        r"\buntil (?:the )?(?:position|role|vacancy|it) (?:is|has been) filled|"
        r"\b(?:may|might|could) be filled\b",
        r"^(?:an?|the) (?:[\w-]+ ){0,3}(?:interview|call|conversation|test|assessment|exercise)s?\b"
        r"(?![^.]*\b(?:you|your)\b)(?![^.]*\?)",
        r"\b(?:who|that) (?:are|is|get|gets|have been) (?:shortlisted|selected|successful|invited|"
        r"chosen)\b",
        r"^(?:companies|employers|recruiters|candidates|applicants|hiring teams) ",
        r"^(?:many|most|some|all|those|anyone) (?:of (?:our|the) )?(?:roles|positions|candidates|"
        r"applicants|employers|companies|teams|who)\b",
        r"^(?:employers|companies|recruiters|candidates|applicants|those|anyone|startups|teams|"
        r"hiring managers) (?:who|that|we|on|usually|often|typically|may|can|will)\b",
        r"\bwhen (?:they|the (?:team|employer|company|hiring (?:team|manager)|recruiter)) "
        r"(?:want|wants|would like|decide|are ready|is ready)",
        # "All candidates will be asked to...", not "after reviewing all candidates, ...".
        r"\b(?:some|many|most|certain|all) (?:roles|positions|jobs|candidates|applicants) "
        r"(?:will|are|must|may|can|should|need|receive|get|have to|undergo|complete|take)\b",
        r"\b(?:will|'ll) contact (?:the |those |selected |shortlisted |qualified |suitable )?"
        r"(?:candidates|applicants)",
        r"\b(?:typically|usually|generally|normally|often) (?:reach out|contact|invite|call|get in "
        r"touch|schedule)\b|\bto (?:candidates|applicants) (?:selected|shortlisted|chosen)\b",
        # "..., and shortlisted candidates will receive a phone call": what happens to some, later.
        r"\b(?:shortlisted|successful|selected|suitable) (?:candidates|applicants)\b[^.]{0,80}"
        r"\b(?:will|would|are going to) (?:be|then be|receive|get|hear)\b",
        # "As part of our hiring process, we ask candidates to...", not "as part of the
        # application process, you have been asked to complete a test".
        r"\bas part of (?:the|our|this) (?:selection|hiring|recruitment|recruiting|application|"
        r"interview) process(?![^.]*\b(?:you have been|you've been|you are|you're|please)\b)",
        r"\b(?:typically|usually|generally|often|normally) (?:includes?|involves?|consists?"
        r"|takes?)\b",
        r"\b(?:our|the) (?:process|interview process|hiring process|recruitment process) "
        r"(?:includes?|involves?|consists|typically|usually|may|will include)",
    )
)
# An interview still to be arranged after something else: "before we set up interviews, ...",
# "the next step would be two video interviews". No interview event yet.
# A receipt that tells what comes next: "you'll shortly receive an invitation to our online
# assessment", "our process has four stages: online tests, a video interview...".
STEPS_AHEAD = _compile(
    (
        r"\byou(?:'ll| will| should)(?: shortly| soon)? (?:shortly |soon )?(?:receive|get)\b",
        r"\b(?:invitation|link|details)\b[^.]{0,60}\bwill (?:arrive|follow|be sent|come)\b",
        r"\b(?:process|programme|program)\b[^.]{0,40}\b(?:has|have|includes?|consists? of|is "
        r"made up of) (?:\w+ )?(?:stages|steps|parts)\b",
    )
)
INTERVIEW_LATER = _compile(
    (
        r"\bbefore (?:we |you |an? |any |the )?(?:set up |schedule |move to "
        r"|invite you to )?(?:any )?"
        r"interviews?\b",
        r"\b(?:next step|after that|then) (?:would|will|might|could) be (?:an? |two |three )?"
        r"(?:[\w-]+ )?interviews?\b",
    )
)
# A look back at what already happened: "thank you for completing the assessment", "after your
# interview last week". Counts against assessment and interview events only.
LOOKING_BACK = _compile(
    (
        r"thank(?:s| you)(?: so much| again)? for (?:completing|taking|submitting|finishing|doing|"
        r"attending|interviewing|meeting|speaking|your time|the time|chatting|joining|coming in|"
        r"sitting|participating|your patience|(?:the|our) (?:call|chat|conversation))",
        r"\b(?:after|following|further to|since|during|from) (?:your|our|the"
        r"|last) (?:[\w-]+ ){0,3}?"
        r"(?:interview|"
        r"conversation|call|chat|meeting|assessment|challenge|test|visit|onsite)",
        r"\b(?:you|we) (?:completed|took|submitted|finished|interviewed|met|spoke|talked|chatted|"
        r"had)\b",
        r"\b(?:enjoyed|loved|appreciated) (?:meeting|speaking|talking|chatting|getting to know)",
        r"\b(?:interviewed|assessed|met with) (?:many|several|a number of|a large number of|other)",
        r"\bhave (?:completed|received|reviewed) your (?:assessment|challenge|test|exercise|"
        r"submission|take-home)",
    )
)
# Said before an interview, assessment, offer or confirmation phrase, these take it back ("we
# will not be inviting you to the interview stage").
NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|never|no longer|unable to|cannot)|n't)\b[^.,;]{0,40}$", re.IGNORECASE
)
# An offer phrase that is denied ("we are unable to offer you the role") is no offer.
OFFER_DENIED = _compile(
    (
        r"\b(?:unable|not able|cannot|can't|won't|will not|not be|decided not|no longer) "
        r"(?:be )?(?:in a position to )?(?:to )?(?:extend|extending|make|making|offer|offering)",
        r"\b(?:nothing|not|no|neither)\b[^.]{0,120}\boffers? of employment",
        r"\bany offer\b|\bsubject to (?:satisfactory|the|your|a)\b",
        r"\b(?:does|do|will|shall) not (?:create|constitute|represent|guarantee|form|imply)",
        r"\bnot (?:an?|constitute an?|a guarantee of) (?:offer|employment)",
        r"\bno offer\b",
        r"\bconstitut",
        r"\bguarantee",
        r"\bonly in writing\b",
        r"\boffers? (?:are|is) (?:only )?(?:made|extended|contingent|subject|conditional)",
        r"\boffer (?:\w+ )?to (?:another|a different|someone|other|an? (?:internal|external))",
        r"\boffer\b[^.]{0,80}\b(?:has been|was|is now|got) accepted\b",
    )
)
# A mail that refers to an application the owner made (so a recruiter's "are you free for a
# call?" follows an application instead of cold-calling).
APPLICATION_REFERENCE = _compile(
    (
        r"\b(?:your|the|my) (?:recent )?(?:[\w-]+ ){0,3}?application\b",
        r"(?<!think )(?<!sure )(?<!whether )(?<!if )\byou(?:'ve| have)? (?:recently )?applied\b",
        r"\bthank(?:s| you)[^.]{0,20} for (?:applying|your application|your interest in (?:the|our|"
        r"this))",
        r"\b(?:your|the) (?:resume|résumé|cv) you (?:sent|submitted)",
        r"\b(?:read|received|reviewed|got|reading|thanks for|thank you for) your (?:cv|resume"
        r"|résumé"
        r"|application|cover letter)",
        r"\bwhen you (?:got in touch|applied|reached out)",
        r"\byour (?:resume|résumé|cv|application) (?:come|came|coming) (?:through|thru|in)\b|"
        r"\b(?:saw|seen|got) (?:your|ur) (?:app|application|resume|cv) (?:for|thru|through)\b",
        r"\bthank(?:s| you)[^.]{0,20} for reaching out about (?:the|our|this)\b",
        r"\bapplied (?:for|to) (?:the|our)",
        r"\byour (?:candidacy|interest in (?:the|our|this) (?:[\w-]+ ){0,4}?(?:role|position|job))",
        # An agency's steps: "thanks for sending over your updated résumé", "I've submitted you to
        # Osterby", "after your interview on Monday, the client has approved you".
        r"\b(?:sending|sent) (?:over |through |in )?your (?:updated |latest |new )?(?:resume|"
        r"résumé|cv)",
        r"\b(?:submitted|put) you (?:forward )?(?:to|for)\b",
        r"\b(?:after|since|following) your (?:[\w-]+ ){0,2}?interview\b",
        r"\bthe client (?:has )?(?:approved|liked|selected|chose|picked) you\b",
    )
)

# ---------------------------------------------------------------------------------- not job

# name -> patterns. A family that speaks in the mail's own content (not its footer) before any
# event sentence makes it NOT_JOB; "outreach" only when the mail refers to no application.
NOT_JOB: dict[str, Phrases] = {
    "job alert": _compile_words(
        (
            r"jobs? (?:you may|you might|that may|that might) (?:be interested|like|want)",
            r"new jobs? (?:matching|for you|that match|near you|posted|in your area|similar|alert)",
            r"\bjob alerts?\b",
            r"jobs? similar to (?:ones|those|the ones?|one|jobs) you(?:'ve)? applied"
            r"|based on your recent "
            r"applications",
            r"recommended (?:jobs?|for you|roles|positions)",
            r"jobs? (?:picked|recommended|selected|curated|matched) for you",
            r"\b\d+\+? (?:new )?(?:jobs|roles|positions|openings) (?:for you|matching|near|in|like|"
            r"that|you)",
            r"similar (?:jobs|roles|positions)",
            r"\bbased on your (?:profile|search|preferences|recent (?:search|activity)|saved|job "
            r"search|skills)",
            r"\bbecause you (?:viewed|searched|saved|applied|looked|follow)",
            r"top job picks|jobs? (?:of|for) the (?:week|day)|job matches"
            r"|new opportunities for you",
            r"\b(?:hiring|jobs?) (?:now|near you)\b.*\bapply\b",
            r"(?:is|are) hiring for (?:roles|positions|jobs) like",
            # an employer's own newsletter of internal openings
            r"\breferral bonus(?:es)?\b|\binternal (?:moves|openings|job postings|vacancies)\b",
        )
    ),
    "application reminder": _compile_words(
        (
            r"(?:^|don't forget to |reminder:? |please )(?:finish|complete|continue|resume) your "
            r"(?:job )?application",
            r"you (?:started|began) (?:an|your|the) (?:job )?application",
            r"(?:haven't|have not|didn't|did not) (?:yet )?(?:finish|finished|complete|completed|"
            r"submit|submitted) your (?:job )?application",
            r"pick up where you left off|\b(?:finish|complete) applying\b",
            r"application (?:is|was) (?:still )?(?:incomplete|unfinished|not (?:yet )?(?:complete|"
            r"submitted)|in progress|in draft)",
            r"(?:still|is) waiting for you to (?:finish|complete|submit)",
            r"saved (?:a )?jobs?\b.*\b(?:apply|expir)|\byour saved jobs?\b|\byou saved (?:this|"
            r"the|a) job\b",
        )
    ),
    "newsletter": _compile_words(
        (
            r"\bwelcome to (?:the |our )?(?:[\w&-]+ ){0,3}?talent (?:community|network|pool)\b|"
            r"\bnot the same as applying\b",
            r"\bnewsletter\b",
            r"\bweekly digest\b|\bwants to connect\b",
            # A numbered issue: "Digital Health Digest #112", "The Shift Report, issue no. 48".
            r"\b(?:digest|newsletter|roundup|round-up|bulletin|report|briefing) #\s?\d+\b|"
            r"\bissue (?:#|no\.? ?)\d+\b",
            r"\bwebinar\b",
            r"(?:career|job search|job-search|interview|resume|résumé|salary|networking) (?:tips|"
            r"advice|guide|mistakes|secrets|hacks|questions to ask|checklist)",
            r"\btips (?:for|to) (?:ace|nail|prepare|succeed|land)",
            r"\b(?:register|sign up|rsvp) (?:now|today|here|for (?:our|the|this))\b",
            r"\b\d+% off\b|\bpromo code\b|\bcoupon\b|\blimited[- ]time (?:offer|deal)\b|"
            r"\b(?:special|exclusive|limited) offer\b|\bdiscount code\b|^tips?:|\bprofiles? with\b|"
            r"\byour weekly\b|\bweekly (?:update|digest|summary|roundup)\b|\bviewed your profile\b|"
            r"\bfree trial\b|\bsale ends\b",
            r"\b(?:upgrade to|try) premium\b",
            r"\bthis week in\b|\bin this (?:issue|edition)\b|\bissue (?:no\.? ?|#)?\d+\b|"
            r"\bpremium career\b|\bhow you (?:compare|stack up)\b|\btry \d+ months? free\b|"
            r"\bthis (?:week|month)'?s issue\b|\bread the full issue\b|\b(?:weekly|monthly) "
            r"newsletter\b|\bfree (?:\d+-minute )?(?:workshop|webinar|masterclass)\b|\breserve "
            r"your (?:seat|spot)\b|\bjoin us live\b|"
            r"\bhow to (?:prepare|ace|nail|answer|negotiate|write|land)\b|\brsvp\b|"
            r"\bforward this to a friend\b|\bwhat you need to know this week\b",
        )
    ),
    "outreach": _compile_words(
        (
            r"came across your (?:profile|resume|résumé|cv|background|work|github|portfolio)",
            r"(?:open to|considering|exploring|interested in) (?:new|other|a new|exploring|hearing "
            r"about|fresh|different) (?:opportunities|roles|positions|challenges|options)",
            r"are you (?:open|interested) (?:to|in) (?:exploring|new|a new|a change|hearing"
            r"|learning|"
            r"a conversation|chatting)",
            r"(?:i'm|i am|we're|we are) (?:a|an) (?:\w+ ){0,2}recruit(?:er|ing|ment) (?:partner|"
            r"agency|firm|consultant)?",
            r"reaching out (?:about|regarding|with|because|to see|to share|to gauge)",
            r"your (?:background|experience|profile|skills|work) (?:caught my eye|stood out|looks|"
            r"seems|would be|is a great|aligns)|\byour (?:background|experience|profile|skills|"
            r"work)\b[^.]{0,60}?\bcaught my (?:eye|attention)\b|\binmail\b",
            r"(?:i|we) (?:have|am working on|'m working on|represent) (?:a|an) (?:[\w-]+ ){0,3}?"
            r"(?:role|opportunity|position|opening|search|client)",
            r"(?:my|our|the) client (?:is|has|needs|wants|would|are|, a)|one of my clients|"
            r"(?:found|saw|noticed|came across|spotted) your (?:profile|resume|résumé|cv|work"
            r"|github|"
            r"portfolio|background)|direct approach|reaching out directly|quietly looking",
            r"(?:perfect|great|strong|ideal) (?:fit|match) for (?:a|an|this|one of)",
            r"(?:may not be|aren't|are not|not) (?:actively )?looking",
            # "I know you haven't applied, but...", "I'm hiring for a Data Analyst", "you'd be a
            # strong match", "no pressure if the timing isn't right".
            r"\bhaven'?t applied\b|\bhave not applied\b|\breach out directly\b|\bi'?m (?:hiring|"
            r"recruiting) for (?:a|an)\b|\b(?:looked|looks|seems?) like a (?:great|good|strong) "
            r"(?:fit|match)\b|\byou'?d be a (?:great|good|strong) (?:fit|match)\b|\bi'?m "
            r"partnering with\b|\bno pressure (?:at all )?if\b|\bif the timing(?:'s| is)? "
            r"(?:isn'?t|not) right\b",
        )
    ),
    # A journalist, a producer or an editor asking for an interview for their piece: "we'd
    # love to interview you for a 10 minute segment", "I'm an editor at Plate & Pantry
    # magazine", "the piece runs in our June issue".
    "media": _compile_words(
        (
            r"\binterview you (?:for|on|about) (?:a|an|our|my|the) (?:[\w-]+ ){0,3}?(?:segment|"
            r"episode|podcast|show|magazine|article|feature|story|piece|column|newsletter|"
            r"broadcast|documentary|series)\b",
            r"\b(?:editor|producer|reporter|journalist|host|writer) (?:at|of|for|with) [^.]{0,40}?"
            r"\b(?:magazine|radio|podcast|show|newspaper|news|journal|weekly|gazette|tv)\b",
            r"\binterview request\b[^.]{0,60}\b(?:segment|episode|podcast|story|feature|"
            r"article|show|programme|documentary)\b|\bgoes? (?:to air|on air)\b|"
            r"\bputting together (?:a|an) (?:feature|story|piece|segment|article|episode)\b|"
            r"\b(?:the|this) (?:piece|story|article|feature|episode) (?:runs|airs|will run|"
            r"will air|"
            r"goes out)\b|\bI produce\b",
        )
    ),
    # The owner on the other side of hiring: their own job post, their candidates, their
    # interview panel, their employer's reviews, coaches selling to them, a student asking
    # them for an informational interview.
    "hiring side": _compile_words(
        (
            r"\baccepted your (?:interview invitation|invitation|offer)\b|\bnew applicants? "
            r"(?:for|to) your\b|\bapplicants? (?:for|to) your (?:job|post|posting|listing|role)\b|"
            r"\byour (?:job )?(?:post|posting|listing|job ad) (?:expires|is live|has|got|received|"
            r"will)\b|\bpost (?:your )?jobs? to\b|\b(?:on|join) the interview panel\b|\binterview "
            r"kit\b|\bscorecard (?:reminder|due|is due)\b|\byour scorecards\b|"
            r"\byour self-assessment\b|\b(?:performance|mid-?year|year-end|annual|quarterly) "
            r"review\b|\bso the candidate\b|\binterview guide\b|\bsent "
            r"to \d+ candidates\b|\bscreen your "
            r"(?:new hires|candidates|applicants)\b|\bstrategy call\b|\bcareer coach\w*\b|"
            r"\b(?:resume|résumé) (?:writing|rewrite) service\b|\balready filled the role\b|"
            r"\binformational interviews?\b|\bexit interview\b|\boffboarding\b",
        )
    ),
    # A friend's news about their own search ("I made it to the final interview").
    "personal news": _compile_words(
        (
            r"\bI(?:'d| had)? (?:made it|got (?:the|an|a|my)|blew|blown|bombed|aced|landed "
            r"(?:the|a|an|my|it|that)|accepted|"
            r"turned down|heard back(?! from (?:the )?(?:hiring|client|team|recruit))|"
            r"finally heard|just heard|nailed|start(?:ed)? (?:my|the|on)|'d blown|think I)\b",
            r"\b(?:the|my) [\w ]{1,30}(?:job|interview|offer|application) (?:is|was) a (?:no"
            r"|yes)\b",
            # A friend's word about the owner's search: "happy to be a reference, give them my
            # cell".
            r"\breference request\b|\b(?:be|serve as|act as) (?:a|your) reference\b|\bgive them "
            r"my (?:cell|number|email)\b|\b(?:given|gave|listed|named) (?:you|your name) as\b|"
            r"\b(?:passing|passed|sending|sent|forwarding|forwarded) my (?:resume|résumé|cv)\b|"
            r"\b(?:they|she|he) (?:invited|called|offered|hired|ghosted|rejected) me\b",
        )
    ),
    "other application": _compile_words(
        (
            r"credit (?:card|limit|line|score)|\bcard application\b|\bloan\b|mortgage|"
            r"\bapr\b(?! \d)|pre-?approv|\bbank account\b|\bchecking account\b|\binsurance (?:quote"
            r"|policy)",
            r"\b(?:rental|tenant|tenancy|lease|leasing|landlord|apartment|flat|property manager|"
            r"move-in|move in (?:date|sooner)|housing|(?:unit|apt\.?|apartment) \d+[a-z]?|"
            r"viewing|listing|the owner|adopt|adoption|plot|garden plot|"
            r"shelter|foster)\b",
            r"\badmissions?\b|\badmitted\b|\benrol(?:l|lment|ment)\b|\bsemester\b|\btuition\b|"
            # an employer's graduate programme is a job; a university's graduate school is not
            r"\b(?:undergraduate|master'?s|msc|mba|phd|doctoral|degree) (?:programme|program|"
            r"course|admission)|\bgraduate (?:admissions?|school|studies|course)\b|\bclass of "
            r"20\d\d\b|\bprogramme? (?:of study|start)",
            r"\bstudent (?:id|number)\b|\bdegree certificate\b|\btranscripts?\b|\b(?:graduate |"
            r"undergraduate )?certificate (?:in|program|programme)\b|"
            r"\b(?:msc|mba|bsc|meng|mphil|phd|llm)\b[\w ()-]{0,40}\bprogramme?\b|\b(?:ms|ma|msc|"
            r"mba|phd|bsc|ba|meng|mphil|llm) in (?:[\w&-]+ ){1,4}?(?:program|programme)\b",
            r"\bscholarship\b|\bbursary\b|\bgrant application\b|\bfellowship application\b|"
            r"\baward (?:decision|application|panel|committee|competition)\b|\bfor (?:an|the|this) "
            r"award\b|\bprize\b|\b(?:enrol+ment|acceptance|tuition|security|registration) "
            r"deposit\b|\borientation (?:week|day|session)\b|\bcampus tour",
            # "your volunteer coordination work" is experience, not an application to volunteer
            # A licence, a credential, an insurance policy: applications, not for a job.
            r"\b(?:licen[cs]e|licensure|credential|certification) (?:application|renewal|by "
            r"endorsement)\b|\brenewal application\b|\bapplication for an? (?:[\w-]+ ){0,3}"
            r"(?:licen[cs]e|credential)\b|\b(?:auto|car|home|life|renters?) insurance\b|"
            r"\bpolicy on your\b|\bletter of resignation\b|"
            r"\bhackathon\b|\bvolunteer(?:ing|s)?\b(?! (?:work|experience|coordination|background|"
            r"projects?|management))|\bvolontari[oa]?\b|\bmentee\b|\bbootcamp\b|\bjudging\b|"
            r"\bsettling-in\b|\byour flight\b|\bmanage booking\b|\brebook|\boffer of a place\b|"
            r"\baccept your place\b|\b(?:your|the) (?:novel|manuscript|memoir|poetry collection)\b|"
            r"\bopening chapters\b|\bnew authors\b|"
            r"\baudition(?:s|ed)?\b|\bcallback\b|\brehearsals?\b|\bbreak a leg\b|"
            r"\b(?:an |the )?offers? on your (?:\d{4} )?(?:item|listing|bike|car|house|home|[A-Z]"
            r"\w+)\b|\bcounter-offer\b|\basking "
            r"price\b|\bhappy selling\b|"
            r"\bparent[- ]teacher\b|\byour (?:child|son|daughter)\b|\bfuture studies\b|"
            r"\b(?:place|places|seat|seats) (?:on|in) (?:this|the|our) (?:programme|program|course|"
            r"cohort)\b|\b20\d\d entry\b|\b(?:post|under)graduate (?:admissions|studies|study)\b",
            r"\bnexus\b|\bglobal entry\b|\btrusted travell?er\b|\bsentri\b|\btsa precheck\b|"
            r"\benrol(?:l)?ment cent(?:er|re)\b|"
            r"\bvolunteer(?:ing)? with\b|\bvisa (?:application|appointment|interview)|\bpassport "
            r"(?:application|renewal)\b|"
            r"\bconsulate\b|\bembassy\b",
            r"\bmembership\b|\bgym\b|\bclub application\b|\bwaitlist\b|\bbeta (?:program|access)",
            r"\bapp store\b|\bgoogle play\b|\bapp review\b|\byour app\b|\bmobile app\b|\bapi key\b",
            r"\bpodcast\b|\bcall for (?:papers|proposals|speakers)|\bspeaker\b|\bepisode\b|"
            r"\bguest (?:recording|appearance|spot)\b|riverside\.fm|\bgrant (?:application"
            r"|decision|"
            r"award|funding)|\btender\b|\bprocurement\b|\brfp\b|request for proposals?|"
            r"\bbidders?\b|consulting firms|expressions? of interest\b.*\b(?:firms|tender|bid)|"
            r"\bjournalist\b|\breporter\b|\bnewsroom\b|for (?:a|our|the|my) (?:story|article"
            r"|piece)\b"
            r"|\buser (?:research|study|interview)|\bresearch (?:study|session|participants?)|"
            r"\bparticipants?\b|\bgift card\b|\bincentive\b|\byour entry\b|\bentries\b|\bjudges\b|"
            r"\bagreement in principle\b|\bremortgage\b|\blend(?:ing|er)\b|\bscorecard\b|"
            r"\binterview kit\b|\bas (?:an|the) interviewer\b|\byour offer was accepted\b|"
            r"\byour new hire\b|"
            r"\b(?:buyer|seller|marketplace)\b|\b(?:the|our) show\b|\blisteners?\b|\bheadphones\b|"
            r"\b(?:usb )?mic\b|\brecording\b|\briverside\b|\bstory (?:on|about)\b|\bgrant scheme\b|"
            r"\bseed grant\b|\bresearch grant\b|\bmicro-?grants?\b|\bartist grants?\b|\btuition\b|"
            r"\b(?:the|this|your) course\b|\bcourse "
            r"(?:fees|start|place)\b|"
            r"\bfunding (?:scheme|call|application)|\bexpression of interest\b.*\btender|"
            r"\bpanelist\b|\bjournalist\b|\barticle\b|\bmedia (?:interview|request)",
            r"\bpermit\b|\blicen[cs]e renewal\b|\bjury\b",
            r"\b(?:electric|water|gas|sewer|internet|broadband) service\b|\bservice (?:address|"
            r"connection|start date)\b",
            # A house, a language course, a hackathon's final, a magazine, a grant, a team's
            # tryouts, a dentist, a flight upgrade, a savings rate, a mentoring match.
            r"\baccepted your offer on \d+|\bearnest money\b|\binspection contingency\b|\bescrow\b|"
            r"\brealtor\b|\bplacement (?:test|assessment|exam)\b|\bclasses (?:begin|start)\b|"
            r"\b(?:spring|fall|autumn|summer|winter) term\b|\blanguage (?:school|classes|course)\b|"
            r"\b(?:sprach|deutsch|einstufungs)\w*(?:kurs|test)\w*|\bvolkshochschule\b|"
            r"\bdevpost\b|\byour team\b[^.]{0,60}\b(?:advanced|shortlisted|finalists?|through to)"
            r"\b|\bout of \d+ teams\b|\bthe magazine\b|\breading period\b|\bliterary\b|\byour "
            r"(?:story|poem|manuscript|essay)\b|\b(?:selected|approved|considered) for funding\b|"
            r"\beligible applications\b|\btry ?outs?\b|\btry out for\b|\bsquad\b|\bregatta\b|"
            r"\bdental (?:cleaning|check-?up|exam)\b|\bcleaning with dr\b|\bappointment "
            r"reminder\b|\bupcoming appointment\b|\bupgrade your "
            r"(?:flight|seat|cabin|room|booking)\b|\bbooking (?:reference|ref|code)\b|\bfixed[- ]"
            r"rate\b|\binterest rate\b|\brefinanc\w*|\bmentor(?:ing|ship)? (?:program|programme|"
            r"scheme|match)\b|\b(?:be|become) a mentor\b|\bnominating committee\b|\bboard "
            r"(?:seat|of trustees|of directors)\b|\benrol+ment (?:center|centre|office)\b|"
            r"\b(?:zimmer-)?wohnung\b|\bmietvertrag\b",
            # Skill-test sites ("you scored 82% on the SQL skills assessment; share your badge"),
            # the press ("I'm writing a story about..."), insurance renewals, volunteering.
            r"\bshare your badge\b|\bretake (?:the|this|your)\b|\byou scored\b|\byour score\b|"
            r"\bcompare (?:yourself )?with other\b|"
            r"\bfree (?:[\w-]+ )?(?:skills? )?(?:assessment|test)\b|"
            # A doctor's appointment, a medical test kit, a product demo.
            r"\b(?:appointment|visit) with dr\b|\b(?:insurance|medicare|health) card\b|"
            r"\bprescription\b|\btest kit\b|\breturn the sample\b|\b(?:product )?demo (?:call"
            r"|of)\b|"
            r"\bfree trial\b|\bshow you (?:the|our) (?:platform|product|tool|software)\b|"
            r"\bwriting (?:a|an) (?:story|piece|article|feature)\b|\bnews (?:story|piece"
            r"|segment)\b|"
            r"\b(?:car|home|travel|life|pet|health|contents) insurance\b|\brenewal (?:price|quote|"
            r"premium)\b|\bsign(?:ing|ed)? up to volunteer\b|\bvolunteer (?:role|shift|"
            r"opportunit(?:y|ies)|programme|program)\b",
            # Practice and learning that borrow hiring's words: a mock interview, a course's module
            # assessment, a community's challenge of the week, a grant's committee.
            r"\b(?:mock|practice|peer) (?:[\w-]+ ){0,2}?interviews?\b|\bpractice session\b|"
            r"\bmodule \d+\b|\blesson \d+\b|\bquiz\b|\bearn (?:your|a) certificate\b|"
            r"\b(?:challenge|problem|puzzle|kata) of the (?:week|day|month)\b|\bthis week'?s "
            r"(?:coding )?(?:challenge|contest|puzzle)s?\b|\bleaderboard\b|\bearn a badge\b|"
            r"\bcommunity "
            r"(?:coding )?challenge\b|\bjust for fun\b|\bgrants? (?:committee|program|programme|"
            r"fund|officer|round|team)\b|\b(?:community|project|innovation|data) grant\b",
        )
    ),
    "scam": _compile_words(
        (
            r"\bdata entry\b.*\b(?:home|remote|online|earn|weekly|per hour|\$)",
            r"\bwork(?:ing)? from (?:home|the comfort)\b.*\b(?:earn|\$|weekly|per hour"
            r"|no experience|"
            r"flexible hours)",
            r"\bno (?:prior )?experience (?:needed|required|necessary)\b",
            r"\b(?:earn|make) (?:up to )?(?:[$£€]\s?\d|\d[\d,.-]*\s?(?:gbp|usd|eur|dollars|pounds|"
            r"euros)\b)",
            r"\b(?:whatsapp|telegram|signal app|google hangouts?|teams chat id)\b",
            r"\b(?:check|cheque) (?:to|for) (?:purchase|buy)|\bequipment (?:check|purchase)|"
            r"\b(?:check|cheque) for \$[\d,.]+ to (?:purchase|buy)\b|\brouting number\b|\bonline "
            r"banking (?:username|password|login)\b",
            r"\b(?:send|provide|reply with) (?:us )?your (?:bank|full name and|ssn|social security|"
            r"phone number|personal details|id card)",
            r"\bweekly pay\b|\bpaid weekly\b|\bimmediate start\b.*\$",
            r"\b(?:selected|chosen|shortlisted|hired) you for (?:the|a|this) (?:position|role"
            r"|job)\b",
            r"\b(?:processing|registration|visa|training|onboarding) fee\b|\brefundable\b|"
            r"\b(?:receive|deposit|cash) (?:your|the|a) (?:check|cheque)\b"
            r"|\bfull name\b.*\baddress\b",
            r"\breviewing your (?:profile|resume|résumé|cv) online\b|\bdata entry clerk\b",
            r"\bgift cards?\b|\bcard numbers\b|\bmystery shopper\b",
            r"\bdear candidate\b|\b(?:respond|reply) urgently\b|\bfrom (?:an |the )?online "
            r"database\b|\binterview is by text\b|\bbank details\b|\bhome office equipment\b",
            # Pay by the day, payment apps, a cheque to pass on, an interview by text, an ID
            # to send before it, a fee to start, a deal that runs out.
            r"[$€£]\s?\d[\d,.]*\s?/\s?(?:day|día|dia|jour|tag)\b|\d[\d,.]*\s?[$€£]\s?/\s?(?:day|"
            r"día|dia|jour|tag)\b|\bper (?:day|día)\b.*[$€£]|\bpago diario\b",
            r"\b(?:zelle|bizum|cash ?app|venmo)\b|\bmobile deposit\b|\bdeposit it\b|"
            r"\bremaining balance\b|\bapproved vendor\b|\bbank(?:ing)? (?:login|details|"
            r"information)\b",
            r"\b(?:conducted|done|held) (?:by|via|over) text\b|\btext chat\b|\bdriver'?s? "
            r"licen[cs]e\b[^.]{0,40}\b(?:front|copy|photo)\b|\bidentity verification\b",
            r"\b(?:pagar|pay) (?:la |the |a )?(?:inscripción|registration|fee)\b|\bintroducción de "
            r"datos\b|\bsin experiencia\b|\b(?:this offer is limited|limited (?:places|spots)|"
            r"plazas limitadas)\b",
            # A fee or a deposit to pay, a few hours to decide, a job given on a CV alone, a
            # salary "tax free", payments to pass through the owner's account, a UPI id.
            r"\bpay (?:a|an|the|our) (?:[\w&$.-]+ ){0,3}(?:fee|deposit)\b|"
            r"\b(?:one-time|refundable) (?:[\w&$.-]+ ){0,3}(?:fee|deposit)\b",
            r"\bwithin (?:12|24|48|72) hours\b|\bexpires in \d+ hours\b",
            r"\b(?:after|following) (?:a |the )?review(?:ing)? (?:of )?your (?:online )?"
            r"(?:cv|resume|résumé|profile)\b|\bbased on your online (?:profile|cv|resume)\b|"
            r"\byou have been (?:approved|selected) for the (?:position|post|role)\b|"
            r"\bdear applicant\b",
            r"\btax[- ]free\b|\bpayments into your (?:personal )?(?:bank )?account\b|\bupi id\b|"
            r"\bactivate your (?:position|role|job|employment)\b",
        )
    ),
}
# An event in one of these families' mail only counts when hiring is clearly the context.
STRONG_NOT_JOB = frozenset({"other application", "scam"})

# Words that say a mail is about hiring at all (one is enough, in the subject, the content or
# the signature).
HIRING_CONTEXT = _compile(
    (
        r"\b(?:position|role|job|opening|vacancy|vacancies|requisition|req\b|career|careers|hiring|"
        r"recruit\w*|talent|candidate|candidacy|applicant|interview\w*|resume|résumé|\bcv\b|"
        r"employment|employer|hire|hired|onboarding|start date|salary|compensation|offer letter|"
        r"team member|internship|intern\b|graduate programme|staff|workforce|human resources|"
        r"\bhr\b|people team|engineer|developer|analyst|manager|designer|scientist|specialist|"
        r"associate|coordinator|consultant|technician|nurse|assistant|representative|director|"
        r"officer|administrator|architect|lead\b)",
    )
)

# ---------------------------------------------------------------------------------- set aside

SIGN_OFF = re.compile(
    r"^(?:best|regards|kind regards|best regards|warm regards|warmest regards|warmly|cheers|"
    r"thanks|thank you|many thanks|thanks again|thanks so much|thank you again|sincerely|"
    r"yours sincerely|yours truly|yours faithfully|respectfully|all the best|talk soon|"
    r"speak soon|with thanks|with gratitude|take care|have a great (?:day|week|weekend)|"
    r"looking forward|mit freundlichen grüßen|viele grüße|cordialement|bien à vous|saludos|"
    r"un saludo|atentamente|cordiali saluti|met vriendelijke groet|hälsningar|blessings|"
    r"warm wishes|best wishes|all best|cheers for now|thanks and regards|with best regards|"
    r"(?:-- ?)|"
    r"the [\w&' .-]{1,40} (?:team|recruiting team|talent team|hiring team)|"
    r"[-–—]{1,2} ?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)?)\s*[,!.]?\s*$",
    re.IGNORECASE,
)
# A paragraph that is platform or legal boilerplate. Searched in the whole paragraph; short
# paragraphs with one marker, long ones need two (a long paragraph of real content may mention
# privacy once).
FOOTER = _compile_words(
    (
        r"\bunsubscribe\b",
        r"\b(?:e-?mail|notification|communication|alert|subscription) "
        r"(?:preferences|settings)\b",
        r"\bprivacy (?:policy|notice|statement|center)\b",
        r"\bterms (?:of (?:use|service)|and conditions)\b",
        r"\ball rights reserved\b",
        r"c\) 20",
        r"\bequal (?:opportunity|employment)\b",
        r"\beeo\b",
        r"\baffirmative action\b",
        r"\bwithout regard to\b",
        r"\bprotected (?:veteran|characteristic|status|class)",
        r"\breasonable accommodation|\baccommodation (?:request|needs|during)"
        r"|\bneed an accommodation",
        r"\be-?verify\b",
        r"\bintended (?:only )?(?:for|recipient)",
        r"\bconfidential(?:ity)?\b",
        r"\bif you (?:have )?received this (?:e-?mail|message) in error",
        r"\b(?:this|the) (?:e-?mail|message) (?:was|has been|is) (?:sent|generated|automatically)",
        r"\b(?:do not|don't|please do not) reply\b",
        r"\bno-?reply\b",
        r"\b(?:you are|you're) receiving this\b",
        r"\bsent (?:to|by) [\w.+-]+@",
        r"\bview (?:this|it)? ?(?:e-?mail )?in (?:your|a|the) browser\b",
        r"\bpowered by\b",
        r"\bmanage (?:your )?(?:notifications|alerts|subscriptions|preferences)\b",
        r"\bregistered (?:office|in england|company)|\bcompany (?:number|registration)|"
        r"\bamtsgericht\b|\bhandelsregister\b|\bgeschäftsführer\b|\bvat (?:no|number)",
        r"\bdata protection\b|\bgdpr\b|\bpersonal data\b|\bretention\b"
        r"|\bprocess your (?:personal )?"
        r"(?:data|information)",
        r"\bfraud(?:ulent)?\b|\bscam\b|\bphishing\b",
        r"\b(?:help|support) (?:center|centre)\b",
        r"\bhttps?://\S+/(?:unsubscribe|preferences|"
        r"privacy|settings)",
    )
)
_FOOTER_ONE_MARKER_CHARS = 400


def is_footer(paragraph: str) -> bool:
    if "©" not in paragraph and not FOOTER.search(paragraph):  # most paragraphs: one search
        return False
    markers = len(FOOTER.findall(paragraph)) + paragraph.count("©")
    if not markers or _has_event(paragraph):
        return False
    return markers >= 2 or len(paragraph) <= _FOOTER_ONE_MARKER_CHARS


def _has_event(paragraph: str) -> bool:
    """A paragraph that says something decisive is never boilerplate."""
    return bool(DECISIVE.search(paragraph)) and not OFFER_DENIED.search(paragraph)


def _events(table: tuple[tuple[float, str], ...]) -> tuple[tuple[float, re.Pattern[str]], ...]:
    """Heaviest first: a clause's weight is its first affirmed phrase's, so the rest go untried."""
    ordered = sorted(table, key=lambda row: -row[0])
    return tuple((weight, re.compile(pattern, re.IGNORECASE)) for weight, pattern in ordered)


EVENTS = {
    "rejection": _events(REJECTION),
    "offer": _events(OFFER),
    "assessment": _events(ASSESSMENT),
    "interview_invitation": _events(INTERVIEW),
    "application_confirmation": _events(CONFIRMATION),
}
# One search per kind tells whether any of its phrases is in a clause at all (most clauses
# state nothing); only then is each phrase tried for its weight.
ANY_EVENT = {
    kind: _compile_words(pattern for _, pattern in table)
    for kind, table in (
        ("rejection", REJECTION),
        ("offer", OFFER),
        ("assessment", ASSESSMENT),
        ("interview_invitation", INTERVIEW),
        ("application_confirmation", CONFIRMATION),
    )
}
SOFT_REJECTIONS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in SOFT_REJECTION)
ANY_SOFT_REJECTION = _compile_words(SOFT_REJECTION)
# Each NOT_JOB family is "\b(?:...)": the same without its \b, all in one.
ANY_NOT_JOB = _compile_words(regex.pattern[len(r"\b(?:") : -1] for regex in NOT_JOB.values())
ONSITE_WORDS = re.compile(ONSITE, re.IGNORECASE)
DECISIVE = _compile(pattern for weight, pattern in (*REJECTION, *OFFER[:3]) if weight >= 0.9)
