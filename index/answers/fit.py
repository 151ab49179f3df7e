"""Whether quotes can answer the kind of question asked: "when" wants a time, "how many" a number, "Who wasn't on
the expedition?" a passage that says something did not. Else they are no answer, whatever words they share."""

from __future__ import annotations

import re

from index.answers.company import ACCOMPANIED, ACCOMPANY_ASKED, TELL_ASKED, told_fits
from index.answers.kinds import (
    CALENDAR,
    MEETING_AS_TIME,
    RATE,
    RATE_ASKED,
    duration_asked,
    lasting_asked,
    precise_time_asked,
    question_kind,
    typed_evidence,
    units_counted_fits,
    without_days_said,
)
from index.answers.negation import NEGATED, negation_fits
from index.meetings.facts import NOT_THE_MEETING
from index.text import gazetteer
from index.text.dates import MONTHS, WEEKDAYS
from index.text.tokens import STOPWORDS, words

CHECKED_KINDS = ("when", "count")  # who and where answers are often common nouns ("the public", "abroad")
_MONTH, _WEEKDAY = "|".join(MONTHS), "|".join(WEEKDAYS)
# a time of any grain: a date, a year, a century, a season, a period, an event it was during
_TIME = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|yesterday|today|tomorrow|tonight|ago|century|centuries|decades?|years?|"
    r"months?|weeks?|days?|hours?|morning|afternoon|evening|night|noon|midnight|dawn|dusk|spring|summer|"
    r"autumn|winter|era|period|age|reign|times?|beginning|start|end|previous|soon|recently|currently|"
    r"immediately|annually|daily|weekly|monthly|quarterly|during|following|until|since|when|war|bce?|ad|ce)\b"
    r"|(?<!\d)(?:1\d|20)\d\ds?(?!\d)"                                 # 1987, 1990s
    r"|\b\d{1,4}(?:st|nd|rd|th)\b"                                     # 11th (century)
    r"|\b\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\b"                           # 5 pm
    r"|\b(?:in|since|by|from|until|of|around|about|c\.)\s+\d{3,4}\b"    # in 911
    r"|\b\d[\d,]*\s*(?:bp|bc|bce|ad|ce)\b", re.IGNORECASE)             # 13,000 BP
# an amount in words, a unit or a frequency ("biennial", "fourteen", "twice")
_UNITS = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|miles?|"
    r"kilomet(?:er|re)s?|km|metres?|meters?|feet|foot|inches|tons?|tonnes?|pounds?|dollars?|"
    r"percent|per cent|several|many|few|numerous|all|none|both|single|double|twice|"
    r"thrice|triple|majority|minority|most|some|no|once|every|biennial|annual|annually|yearly|"
    r"weekly|daily|monthly|seldom|rarely|always|never|usually|often|frequently|regularly|"
    r"occasionally|dozens?|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:six|seven|eigh|nine)ty|"
    r"(?:fir|seco|thi|four|fif|six|seven|eigh|nin|ten)(?:st|nd|rd|th))\b|%|\$|£|€", re.IGNORECASE)
_CONDITION = re.compile(r"^(?:and\s+)?when\s+(?!(?:did|was|were|will|had)\b)", re.IGNORECASE)
_FUTURE_WHEN = re.compile(r"^(?:and\s+)?when\s+(?:will|would)\b", re.IGNORECASE)
_ONCE = re.compile(r"\b(?:after|once|before)\b", re.IGNORECASE)
TO_COME = "The articles report this only as something to come."  # said of a meeting or trip not yet held
_SPAN = re.compile(r"\b(?:from|between)\s+(?:\w+\s+){0,2}?\d{1,4}\b.{0,40}?\b(?:to|until|till|and)\s+(?:\w+\s+){0,2}?\d{1,4}\b"
                   r"|\b\d{3,4}\s*[-–]\s*\d{2,4}\b|\buntil\b|\btill\b", re.IGNORECASE)  # "from 1756 to 1763"


def asked_kind(question: str) -> str:
    """The kind of answer a question wants, as far as it is checked: a plain "when" may ask for a
    condition ("When does photorespiration happen?"), so only "what year", "on what day", "when did" …
    ask a time."""
    kind = question_kind(question)
    return ("other" if _CONDITION.match(question.strip()) else "when") if kind == "when" else kind


def fits(question: str, text: str) -> bool:
    """Whether the text holds an answer of the kind the question asks for, or the kind is not checked."""
    precise = precise_time_asked(question) or (RATE if RATE_ASKED.match(question.strip()) else None)
    if precise is not None:  # not the day something was said ("King Fahd said today"), unless that is asked
        return precise.search(without_days_said(question, text)) is not None
    kind = asked_kind(question)
    if kind == "count" and lasting_asked(question):  # "how long did the lunch last?": a length, not "April 5"
        return duration_asked(question).search(text) is not None or _SPAN.search(text) is not None
    if kind not in CHECKED_KINDS or kind == "count" and typed_evidence(kind, text, set(words(question))) and (
            units_counted_fits(question, text)):  # "how many days?": a length, not "11 debtor nations"
        return True
    if kind == "count" and duration_asked(question) and _TIME.search(text) or kind == "when" and _FUTURE_WHEN.match(
            question.strip()) and _ONCE.search(text):
        return True  # "how long has it been …?": "since the 14th century"; "when will …?": "only after an accord"
    pattern = _TIME if kind == "when" else _UNITS
    return pattern.search(text) is not None and (kind != "count" or units_counted_fits(question, text))


def unfit(question: str, text: str) -> str | None:
    """Why quotes cannot answer the question, in plain words, or None when they can."""
    if not fits(question, text):
        if lasting_asked(question) or RATE_ASKED.match(question.strip()):
            return f"The passages that speak of this {'give no rate' if 'rate' in question else 'do not say how long it lasted'}."
        return "The passages that speak of this give no number." if asked_kind(question) == "count" else (
            "The passages that speak of this give no date or time.")
    if not negation_fits(question, text):
        return "The passages that speak of this do not say what did not happen."
    if not happened_fits(question, text):
        return TO_COME
    if not held_fits(question, text):
        return "The articles report it as called off."
    if not in_person_fits(question, text):
        return "The articles report a telephone call, not a meeting."
    if _CALL_ASKED.search(question) and not _PHONE.search(text) and not NEGATED.search(question.strip()):
        return "The passages that speak of this report no telephone call."  # "What did they talk about on the phone?"
    if _IN_PERSON.search(question) and _LETTER.search(text) and not _MET.search(text):
        return "The articles report a letter, not a meeting."
    if _SAY_ASKED.search(question) and not _SPEECH.search(text):
        return "The passages that speak of this report nothing said."
    if (told := TELL_ASKED.match(question.strip())) and not told_fits(told, text, _SPEECH):
        return f"The passages that speak of this report nothing {told['who'].strip()} told {told['whom'].strip()}."
    if ACCOMPANY_ASKED.match(question.strip()) and not ACCOMPANIED.search(text):
        return "The passages that speak of this report no one who went along."
    if _AGREE_ASKED.search(question) and _TOGETHER.search(question) and not _AGREEMENT.search(text):
        return "The passages that speak of this report no agreement."
    if _LEAD_ASKED.match(question.strip()) and not (_leader_named(question, text) and (_LED.search(text) or not (
            _GATHERING.search(question) or _CHAIRED.search(question)))):  # "who chaired the conference?"
        return "The passages that speak of this name no one who led it."
    if (office := PERSON_ASKED.match(question.strip())) and not _STATES_ASKED.search(office.group()) and not names_someone(
            question, text, vague=False):
        return f"{NO_SUCH} {office.group('office').lower()}."
    if _MET_WHOM.match(question.strip()) and not names_someone(question, text):
        return "The passages that speak of this name no one else."
    return None


# "Which Irish ministers did Snow meet?", "Which Indonesian minister led the delegation?": a person, by name
PERSON_ASKED = re.compile(r"^\W*(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|will|has|have|had)\b)"
                          r"[\w'’-]+\s+){0,3}?(?P<office>ministers?|officials?|leaders?|"
                          r"presidents?|premiers?|ambassadors?|envoys?|diplomats?|secretar(?:y|ies)|chancellors?|"
                          r"counterparts?|delegates?|negotiators?|aides?|advis[eo]rs?)\s+(?!of\b|in\b|at\b)[a-z]",
                          re.IGNORECASE)
NO_SUCH = "The passages that speak of this name no such"
_STATES_ASKED = re.compile(r"\b(?:countr(?:y|ies)|nations?|states?|governments?)['’]", re.IGNORECASE)  # "Which countries' officials"
_MET_WHOM = re.compile(r"^\W*(?:and\s+)?(?:who|whom)\s+(?:else\s+)?(?:did|does|do|will|has|had)\s+.+?\b(?:meet|see|visit|"
                       r"call\s+on|(?:hold|have)\s+(?:\w+\s+)?talks\s+with|talk\s+(?:to|with)|speak\s+(?:to|with))\b",
                       re.IGNORECASE)
_CAPITALISED_RUN = re.compile(r"(?<=[\w,;:(] )(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*")
_POSSESSIVE_END = re.compile(r"\S.*?(?:['’]s\b|$)")  # "Sri Lanka's | Finance Minister Ronnie"
NOT_PEOPLE = {"group", "bank", "fund", "council", "committee", "commission", "union", "ministry", "party", "office",
               "house", "agency", "organisation", "organization", "association", "federation", "corporation", "company",
               "exchange", "court", "assembly", "parliament", "senate", "congress", "government", "department", "board",
               "club", "forum", "summit", "conference", "treaty", "community", "nations", "economic", "co-operation",
               "cooperation", "international", "world", "development", "monetary", "inter-governmental"}
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "president", "minister", "prime", "foreign", "secretary",
                "state", "chancellor", "premier", "king", "prince", "sheikh", "ambassador", "envoy", "deputy", "vice",
                "general", "chief", "finance", "trade", "defence", "defense", "interior", "senator", "governor"}


def names_someone(question: str, text: str, vague: bool = True) -> bool:
    """Whether the text names a person the question does not: a run of capitalised words inside a sentence,
    not naming anyone the question names, with a word that is no title, place, country or month, and not a
    body's name ("the Inter-Governmental Group"); or an office in words ("the Kenyan president"; with
    vague=False, not "officials" or "counterparts", which tell no one which)."""
    runs, offices = people_named(question, text)
    return bool(runs or [m for m in offices if vague or m.group(0).lower() not in _VAGUE_OFFICES])


def people_named(question: str, text: str) -> tuple[list[re.Match], list[re.Match]]:
    """The runs of capitalised words naming someone the question does not, and the offices in words outside
    the names the question gives, as names_someone reads them."""
    asked = {w for w in words(question) if w not in TITLE_WORDS and not _OFFICE.fullmatch(w)
             and not gazetteer.country_of(w)}  # the people it names, not "Sri Lankan minister"
    rest, named_runs = text, []
    runs = [r for m in _CAPITALISED_RUN.finditer(text) for r in _POSSESSIVE_END.finditer(text, *m.span())]
    for k, run in enumerate(runs):
        tokens = _after_title([t.strip(".'’").removesuffix("'s").removesuffix("’s") for t in run.group().split()])
        if any(t.lower() in asked for t in tokens):  # someone the question names ("President George W Bush"),
            after = runs[k + 1].group() if k + 1 < len(runs) and re.fullmatch(  # and his office after a comma
                r",\s*", text[run.end():runs[k + 1].start()]) else ""
            named = r"(?:[A-Z][\w'’.-]*\s+){0,3}" + re.escape(run.group())  # with a title before it
            rest = re.sub(named + (r",\s*" + re.escape(after) if after else ""), lambda m: " " * len(m.group()), rest)
            continue
        if any(t.lower() in NOT_PEOPLE or t.lower() in MEDIA for t in tokens) or gazetteer.is_place(run.group()):
            continue  # a body, a newspaper, "New York"
        if any(len(token) > 1 and _name_word(token, asked) for token in tokens):
            named_runs.append(run)
    return named_runs, [m for m in _OFFICE.finditer(rest) if m.group(0).lower() not in asked]


def _after_title(tokens: list[str]) -> list[str]:
    """A name past the body and title before it ("David Knox" of "World Bank Vice-President David Knox")."""
    titled = [i for i, t in enumerate(tokens[:-1]) if all(p in TITLE_WORDS for p in t.lower().split("-"))]
    return tokens[titled[-1] + 1:] if titled and titled[-1] > 0 and tokens[titled[-1] - 1].lower() in NOT_PEOPLE else tokens


def _name_word(token: str, asked: set[str]) -> bool:
    """A capitalised word that names someone the question does not: no title, month, country or place."""
    low = token.lower()
    return low not in asked and low not in TITLE_WORDS and low not in CALENDAR and low not in _NO_NAME and not (
        gazetteer.country_of(token) or gazetteer.country_of(f"{token}.") or gazetteer.is_place(token))  # "U.S."


_OFFICE = re.compile(r"\b(?:ministers?|presidents?|premiers?|ambassadors?|envoys?|secretar(?:y|ies)|chancellors?|"
                     r"kings?|princes?|leaders?|officials?|delegations?|delegates?|counterparts?|governors?|chairman|"
                     r"diplomats?|negotiators?|doctors?|physicians?|wife|husband|sons?|daughters?|father|mother|"
                     r"brothers?|sisters?|friends?|family|relatives|reporters|journalists|students?|teachers?)\b"
                     r"(?<!official(?=\s+(?-i:[A-Z])|\s+(?:newspaper|news|agency|daily|media|radio|television|figures|visit)\b))",
                     re.IGNORECASE)  # "the official New China News Agency" names no official


_VAGUE_OFFICES = {"officials", "counterparts", "delegates", "delegations", "diplomats", "negotiators", "leaders"}
_NO_NAME = STOPWORDS - {"may", "will", "don"}  # "the U.S. Had promised" names no one; "Theresa May" does

# "Who led the IMF team?", "Who will chair the conference?": one person (or body) by name, not "delegates"
_LEAD_ASKED = re.compile(r"^\W*(?:and\s+)?(?:who|(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:officials?|ministers?|leaders?|"
                         r"diplomats?|envoys?|delegates?|people|persons?|countr(?:y|ies)|states?|nations?))\s+"
                         r"(?:(?:will|would|is\s+to|was\s+to|is\s+going\s+to|is|was)\s+)?(?:led|leads?|leading|headed|heads?|"
                         r"heading|chaired|chairs?|chairing|presided|presides?|presiding|hosted|hosts?|hosting)\b", re.IGNORECASE)


_GATHERING = re.compile(r"\b(?:meet\w*|met|visit\w*|trip|tour|talks|summit|conference|session|negotiations|delegation"
                        r"|gathering|forum|dinner|lunch|luncheon|banquet|reception|mission|call)\b",
                        re.IGNORECASE)
_CHAIRED = re.compile(r"\bchair\w*", re.IGNORECASE)  # "who chairs the committee?": a chair
_LED = re.compile(r"\b(?:led|leads?|leading(?=\s+(?:the|a|an|his|her|their|its)\b)|leader|(?:held|given|offered|organi[sz]ed)"
                  r"\s+(?:for\s+\w+\s+)?by|host\w*|headed|heads?(?!\s+of\s+(?:state|government)s?\b)|heading|chair\w*|presid(?:e|es|ed|ing|ency)|chief)\b", re.IGNORECASE)


def _leader_named(question: str, text: str) -> bool:
    """Whether the text names someone the question does not, anywhere in a sentence, or a single office."""
    asked, said = set(words(question)), question.lower()
    for token in re.findall(r"\b[A-Z][\w'’-]+", text):
        low = token.lower().removesuffix("'s").removesuffix("’s")
        if low not in said and low not in STOPWORDS and low not in REGIONS and not _OFFICE.fullmatch(low) and _name_word(
                token, asked):
            return True
    return any(not m.group(0).lower().endswith("s") for m in people_named(question, text)[1])


# "What did Brown say …?" is answered by reported speech, not by what he did
_SAY_ASKED = re.compile(r"^\W*what\s+(?:did|does|do|has|have|had|will|would)\s+(?:[\w'’.\-]+\s+){1,5}?"
                        r"(?:say|tell|write|announce|promise|warn)\b", re.IGNORECASE)
# "What did Blair and King Abdullah agree?" is answered by an agreement, not by their meeting; what two parties
# agreed, not what one person concluded ("What did Luther decide?")
_AGREE_ASKED = re.compile(r"^\W*(?:and\s+)?what\s+(?:(?:did|have|had|will)\s+(?:[\w'’.\-]+\s+){1,8}?(?:agree|decide|settle)|"
                          r"(?:was|were|has\s+been|have\s+been)\s+(?:agreed|decided|settled))\b", re.IGNORECASE)
_TOGETHER = re.compile(r"\b(?:and|with)\b|\b(?:their|the|a|an|its)\s+(?:[\w'’-]+\s+){0,3}?(?:meeting|talks|summit|call|"
                       r"conversation|conference|session|negotiations)\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"\b(?:agree\w*|accords?|deals?|pacts?|treat(?:y|ies)|decid\w*|decisions?|settle\w*|sign\w*|"
                        r"pledg\w*|commit\w*|consensus|communiqu\S*|understanding|memorand\w*|resol\w*|endors\w*|"
                        r"approv\w*|adopt\w*|back(?:ed|s|ing)?|plans?|promis\w*|vow\w*|joint\w*|both|will|would|convinc\w*|"
                        r"conclu\w*|determin\w*)\b",
                        re.IGNORECASE)  # lenient: "both sides will ..." reports what they settled on
_SPEECH = re.compile(r"[\"“”]|\b(?:sa(?:y|ys|id|ying)|told|tell\w*|add(?:ed|s)|according|warn\w*|announc\w*|"
                     r"stat(?:ed|es|ing)|urg\w*|call(?:ed|s|ing)?\s+(?:for|on)|describ\w*|insist\w*|argu\w*|"
                     r"claim\w*|promis\w*|pledg\w*|wr(?:ote|ites|iting|itten)|quot\w*|remark\w*|declar\w*|"
                     r"comment\w*|acknowledg\w*|admit\w*|vow\w*|assur\w*|predict\w*|suggest\w*|"
                     r"propos\w*|express\w*|stress\w*|emphasi[sz]\w*|reiterat\w*|explain\w*|found|finds|show\w*|"
                     r"conclud\w*|report\w*|not(?:ed|es)|recommend\w*|demand\w*|ask(?:ed|s)|repl\w*|respond\w*)\b",
                     re.IGNORECASE)  # lenient: a report "says" what it found


# a question about what happened at a meeting or an event, and quotes that report it only as to come
_PAST_ASKED = re.compile(r"\b(?:did|was|were|had|met|agreed|discussed|signed|told|said)\b", re.IGNORECASE)
_PLAN_ASKED = re.compile(r"\b(?:will|due|set|scheduled|expected|planned|plans?|going|hope[sd]?|about\s+to|supposed|"
                         r"intend\w*|arrang\w*|meant|originally)\b|\bto\s+(?:meet|visit|hold|attend)\b", re.IGNORECASE)
_EVENTS = ["meet", "meeting", "talks", "summit", "visit", "hold", "go", "trip", "travel", "see", "chair", "take place"]
_MEETING = re.compile(r"\b(?:meet|met|meeting|talks|summit|visit(?:ed|ing)?|agree|discuss)\b", re.IGNORECASE)
_AT_EVENT = re.compile(r"\bat\s+(?:the|their|his|her|a|an)\s+(?:[a-z]+\s+){0,2}?(service|ceremony|funeral|conference|"
                       r"dinner|lunch|session|rally|forum|reception|celebration|hearing|signing|talks|summit|meeting)\b")
_HAPPENED = re.compile(r"\b(?:met|held|visited|talked|spoke|agreed|discussed|signed|concluded|ended|attended|collaps\w+"
                       r"|broke\s+(?:up|down))\b",
                       re.IGNORECASE)
_IN_PERSON = re.compile(r"\b(?:met|meet|meeting|visit\w*)\b", re.IGNORECASE)
_PHONE = re.compile(r"\b(?:tele)?phon(?:e|ed|es|ing)\b", re.IGNORECASE)
_CALL_ASKED = re.compile(r"\b(?:(?:on|by|over)\s+the\s+(?:tele)?phone|(?:tele)?phone\s+(?:calls?|conversations?)|(?:tele)?phoned"
                         r"|call(?:ed)?\s+\w+\s+(?:on|by)\s+(?:the\s+)?(?:tele)?phone)\b", re.IGNORECASE)
_LETTER = re.compile(r"\b(?:wr(?:ote|itten|ites|iting)\s+to|letters?|messages?)\b", re.IGNORECASE)
_MET = re.compile(r"\b(?:met|meet|meeting|meetings|visit\w*|arrived|talks in|talks at)\b", re.IGNORECASE)


_NOT_MET = (r"(?!\s+(?:its|their|the|his|her|this|these)\s+(?:(?:[\w-]+\s+){0,2}?(?:quotas?|targets?|demands?|obligations?|needs?"
            r"|deadlines?|commitments?|requirements?|costs?|payments?|criteria|conditions|expectations|standards|goals|debts?)\b|(?:[\w-]+\s*){0,2}$))")  # "unable to meet its ICO export quota", cut or not


_NOT_DECLINED = r"(?<!declined\s)(?<!refused\s)(?<!failed\s)"  # "who declined to attend the February meeting": it was held


def happened_fits(question: str, text: str) -> bool:
    """False when the question asks what happened at a meeting or event ("What did they agree at their
    meeting?", "What did he say at the memorial service?") and the text reports it only as one to come
    ("He will meet …", "he is going to a memorial service")."""
    event = _AT_EVENT.search(question)
    if not (_PAST_ASKED.search(question) and (_MEETING.search(question) or event)) or _PLAN_ASKED.search(question) or (
            _CALLED_OFF.search(question)):
        return True  # "Why was the meeting put back?": a meeting still to come
    events = _EVENTS + ([event.group(1)] if event else [])
    named = "|".join(map(re.escape, events))
    to_come = re.compile(rf"\b(?:will|would|shall|going to|scheduled to|due to|expected to|plans? to|planned to|"
                         rf"trying to|hoping to|hopes to|seeking to|wants to|arrange|"
                         rf"ahead of|hoped to)\s+(?:\w+\s+){{0,2}}?(?:{named})\b|{_NOT_DECLINED}\bto\s+(?:meet|visit|hold|attend)\b{_NOT_MET}"
                         rf"|\bpreparations\b[^.;]{{0,80}}?\b(?:{named})\b"  # "preparations ... for a summit"
                         rf"|\b(?:offer|proposal|invitation)\b[^.;]{{0,50}}?\b(?:meet|talks|summit)\b"  # "offer ... that they meet"
                         rf"|\b(?:will|(?:is|are)\s+(?:expected|due|set)\s+to|plans?\s+to)\s+[^.;]{{0,100}}?\bat\s+(?:a|an|the|"
                         rf"this|next|its|their|[\w'’]+['’]s)\s+(?:[\w-]+\s+){{0,3}}?(?:meeting|summit|talks|conference|session)\b",
                         re.IGNORECASE)  # "is expected to call for ... at a games industry meeting"
    coming = _EVENT_PRESUPPOSED.search(question) and re.search(  # "next month's OAU summit", "the coming talks"
        rf"\b(?:next\s+(?:week|month|year|{_WEEKDAY})['’]s|(?:coming|upcoming|forthcoming))\s+(?:[\w-]+\s+){{0,3}}?(?:{named})\b",
        text, re.IGNORECASE)
    return not (to_come.search(text) or coming) or _HAPPENED.search(text) is not None


# the question takes the event as held: what it decided, or someone there for it
_EVENT_PRESUPPOSED = re.compile(r"\b(?:summit|meeting|talks|conference|session)\s+(?:decide|agree|adopt|conclude|approve|"
                                r"resolve)\b|\b(?:at|for|during)\s+(?:the|their|its)\s+(?:[\w'’-]+\s+){0,3}?(?:summit|meeting|"
                                r"talks|conference|session)\b", re.IGNORECASE)


_ARRIVAL_ASKED = re.compile(r"^\W*(?:when|where|how|why|what|who|with whom|did)\b.*\b(?:did|was|were|had)\b.*\b(?:arrive|"
                            r"land|reach|meet|visit|go|travel|hold|attend|fly)\b", re.IGNORECASE)
_CALLED_OFF = re.compile(r"\b(?:cancel\w*|called\s+off|call\s+off|postpon\w*|scrap(?:s|ped|ping)?|put\s+off|shelved"
                         r"|delay(?:s|ed|ing)?|(?:put|pushed|push)\s+back"
                         rf"|(?:was|were|been|be)\s+dropped|ruled\s+out)\b{NOT_THE_MEETING}", re.IGNORECASE)
_ARRIVED = re.compile(r"\b(?:arrived|landed|reached|met|visited|went|travell?ed|held|attended|flew|ended|concluded"
                      r"|took\s+place)\b", re.IGNORECASE)  # "two days of talks which ended in Washington"
_HELD_LAST = re.compile(rf"\b(?:at|during)\s+(?:their|the|his|her|its)\s+(?:[\w-]+\s+){{0,2}}(?:summit|meeting|talks)\s+"
                        rf"last\s+(?:week|month|year|{_MONTH})\b", re.IGNORECASE)  # "at their summit last October"
_UNREAL = re.compile(r"\b(?:to\s+have|would\s+have|could\s+have|should\s+have)\s+\w+", re.IGNORECASE)


def held_fits(question: str, text: str) -> bool:
    """False when the question asks how a trip or meeting went ("When did Kuranari arrive in Washington?",
    "What did they decide at the meeting?") and the text reports it only as called off ("Kuranari has
    cancelled a trip to the U.S.")."""
    asked = _ARRIVAL_ASKED.search(question) or _PAST_ASKED.search(question) and any(
        not MEETING_AS_TIME.search(question, 0, m.start()) for m in _MEETING.finditer(question))
    planned = any(m.group(0).lower() != "about" for m in _PLAN_ASKED.finditer(question))  # not "decide about"
    if not asked or NEGATED.search(question.strip()) or planned or _CALLED_OFF.search(question):
        return True  # "where was it supposed to meet?", "why was it called off?": the plan is the answer
    happened = _ARRIVED.search(_UNREAL.sub("", text)) or _HELD_LAST.search(text)  # not "was to have met Lukman"
    return not _CALLED_OFF.search(text) or happened is not None


def called_off_fits(question: str, text: str) -> bool:
    """False when the question takes for granted that something was called off ("Why did Garcia cancel his
    visit?") and the text (the quotes' paragraphs) calls nothing off."""
    return not (_CALLED_OFF.search(question) and _GATHERING.search(question)) or NEGATED.search(
        question.strip()) is not None or bool(_CALLED_OFF.search(text))


def in_person_fits(question: str, text: str) -> bool:
    """False when the question asks about a meeting and the text reports only a telephone call."""
    return not (_IN_PERSON.search(question) and _PHONE.search(text)) or _MET.search(text) is not None


MEDIA = {"times", "journal", "post", "herald", "telegraph", "guardian", "tribune", "gazette", "news", "agency", "press",
          "newspaper", "daily", "radio", "television", "tv", "reuters", "bbc", "financial", "associated"}
REGIONS = {"europe", "asia", "africa", "america", "americas", "oceania", "antarctica", "arctic", "middle", "east",
            "west", "north", "south", "gulf", "pacific", "atlantic", "mediterranean", "balkans", "caribbean",
            "scandinavia", "central", "latin", "eastern", "western", "northern", "southern", "world", "asian",
            "european", "african", "american", "arab", "nordic", "baltic", "balkan"}


# "When did Machimura meet Li?" asks about a meeting: a passage that reports none cannot answer it
_MEETING_ASKED = re.compile(r"^\W*(?:and\s+)?(?:when|where|who|whom|(?:(?:in|at|on|with)\s+)?(?:which|what)\s+(?!(?:did|does|do|is|are|was|were|will|has|have|had)\b)[\w'’-]+)\b.*?"
                            rf"\b(?P<verb>meet\b{_NOT_MET}|met|(?:hold|held|have|had)\s+(?:\w+\s+){{0,2}}?talks|talk(?:ed)?\s+(?:to|with)|"
                            r"sp(?:eak|oke)\s+(?:to|with)|confer(?:red)?\s+with|sit\s+down\s+with)\b", re.IGNORECASE)
_MEETING_REPORTED = re.compile(rf"\b(?:meet(?:s|ing|ings)?\b{_NOT_MET}|met|talks?|talked|talking|summit\w*|visit\w*|confer\w*|sessions?|saw|seen|"
                               r"discuss\w*|negotiat\w*|gather\w*|consult\w*|receiv\w*|host\w*|conven\w*|assembl\w*|"
                               r"councils?|forums?|congress\w*|sat|spoke|speak\w*|trips?|tour\w*|hearings?|dinner|"
                               r"lunch\w*|breakfast|audiences?|encounter\w*|attend\w*|together|join\w*|call\w*|"
                               r"phon\w*|telephon\w*|conversations?|delegations?|envoys?|mission|accompan\w*|arriv\w*|hold|held|holds|"
                               r"agree\w*|accords?|deals?|sign\w*)\b",
                               re.IGNORECASE)


_SPOKEN_TO = re.compile(r"\b(?:told|tells?|telling|asked|urged|assured|warned|replied)\b", re.IGNORECASE)
_REPORTED_THAT = re.compile(r"\b(?:report\w*|sa(?:id|ys|y)|announc\w*|confirm\w*|den(?:ied|ies|y)|claim\w*)\s+that\b",
                            re.IGNORECASE)
_AS_TIME = re.compile(r"\b(?:after|before|since|until|once|when|while)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def meeting_asked(question: str, named: bool = False) -> re.Match[str] | None:
    """The match of a question asking when, where or with whom people (named, or by office) met; None for
    any other ("Where does the cold water meet the warm water?", "Where did he go after he met Li?")."""
    question = question.strip()
    asked = _MEETING_ASKED.match(question)
    if asked is None or not (named or _CAPITALISED_RUN.search(question) or _OFFICE.search(question)):
        return None
    if MEETING_AS_TIME.search(question, 0, asked.start("verb")) or _AS_TIME.search(question, 1, asked.start("verb")) or (
            _REPORTED_THAT.search(question, 0, asked.start("verb"))):  # "Which newspaper reported that they would meet?"
        return None
    return asked


def meeting_reported(asked: re.Match[str], text: str) -> bool:
    """The text reports a meeting, visit, talks or gathering of any kind; for "talk to", "told" will do."""
    if re.match(r"(?:talk|speak|spoke)", asked.group("verb"), re.IGNORECASE) and _SPOKEN_TO.search(text):
        return True  # "Which prime minister did Garn talk to?": "Garn ... told Prime Minister Nakasone"
    return _MEETING_REPORTED.search(text) is not None


def reports_meeting(text: str) -> bool:
    """The text reports a meeting, visit, talks or gathering of any kind."""
    return _MEETING_REPORTED.search(text) is not None


def meeting_fits(question: str, text: str, named: bool = False) -> bool:
    """False when the question asks when, where or with whom people met and the text reports no meeting
    ("told the British minister", "the bank's loss this year")."""
    asked = meeting_asked(question, named)
    return asked is None or meeting_reported(asked, text)
