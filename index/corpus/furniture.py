"""Site furniture: navigation, share buttons, newsletter and donation appeals, cookie notices, comment forms.

General rules over an article's paragraphs, never article-specific: a paragraph matching a furniture
pattern, everything after such a paragraph near the end, and short headings caught between two of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SOCIAL = r"(?:twitter|facebook|instagram|x|linkedin|youtube|telegram|tiktok|threads|whatsapp|google news)"
_CHATS = r"(?:whatsapp|telegram|signal|discord|viber|facebook)"
_WORDS = r"(?:[\w'’-]+\s+){0,3}?"

# Distinctive phrases: furniture wherever they appear, at any length.
_STRONG = re.compile(
    "|".join(
        [
            rf"\bfollow (?:us|@\w+) on {_SOCIAL}\b",
            rf"\b(?:like|find) us on {_SOCIAL}\b",
            rf"\bjoin (?:us on|our)\s+{_WORDS}{_CHATS}\b",
            r"\bfollow this link to join\b",
            (
                r"\b(?:subscribe|sign up|signup|register) (?:now |today |here |free )?(?:to|for) "
                rf"(?:our|the) {_WORDS}(?:newsletters?|mailing list|channel|alerts|digest|briefing)\b"
            ),
            r"\benter your e-?mail(?: address)?\b",
            r"\bclick here\b",
            r"\bwe use cookies\b",
            r"\b(?:this|our) (?:web)?site uses cookies\b",
            r"\byour e-?mail address will not be published\b",
            r"\brequired fields are marked\b",
            r"\bsave my name, e-?mail\b",
            r"\ball rights reserved\b",
        ]
    ),
    re.IGNORECASE,
)

# Whole short paragraphs (or their openings) that are page chrome: ads, link lists, forms, buttons.
_SHORT_MAX = 200
_SHORT = re.compile(
    "|".join(
        [
            r"^\W*(?:advertisements?|sponsored(?: content)?|promoted(?: content)?|paid (?:content|post)|ad)\W*$",
            (
                r"^(?:related(?: stories| articles| news| posts| coverage| content| links)?|also read|read also"
                r"|read more|see also|more stories|you may also like|you might also like|recommended"
                r"|trending(?: now)?|most read|most popular|latest news|editor'?s picks)\s*(?:[:：|»›–—-].*)?$"
            ),
            r"^share(?: this(?: article| story| post)?| on \w+)?\s*[:：]?$",
            rf"^share (?:on|via) {_SOCIAL}\b",
            (
                r"^(?:join now|subscribe(?: now| today)?|sign up(?: now| today)?|donate(?: now| today)?"
                r"|support us|log ?in|register)\W*$"
            ),
            r"^(?:sign up|subscribe)\b.*\bnewsletters?\b",
            r"^(?:sign up|subscribe) (?:now |today |here )?(?:to|for)\b",
            r"\bjoin now\b",
            (
                r"^(?:leave a (?:reply|comment)|post (?:a )?comment|submit(?: comment)?|add (?:a )?comment"
                r"|\d+ (?:comments?|responses?|replies)|comments?(?: \(\d+\))?|no comments(?: yet)?"
                r"|cancel reply)\W*$"
            ),
            r"^(?:name|e-?mail|website|comment|message)\s*\*\s*$",
            r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})",
            r"^(?:accept|reject|manage)(?: all)? cookies\b|\bcookie (?:policy|settings|preferences)\b",
        ]
    ),
    re.IGNORECASE,
)

# Appeals for money or subscriptions: an ask, a mention of the journalism, and a reader being addressed.
_APPEAL_ASK = re.compile(
    r"\b(?:support\w*|subscri\w+|donat\w+|contribut\w+|paying|pay for|become a (?:member|subscriber|patron))\b",
    re.IGNORECASE,
)
_APPEAL_WHAT = re.compile(
    r"\b(?:journalism|reporting|our (?:reporters|journalists|newsroom|work)|independent (?:media|news))\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|added|according to)\b", re.IGNORECASE)  # news, not an appeal
_IMPERATIVE = re.compile(
    r"^(?:please |)(?:support|donate|subscribe|contribute|help|become|join)\b", re.IGNORECASE
)

# Article prose: a sentence-like paragraph (ends in sentence punctuation, 8+ words).
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_HEADING_MAX = 80


def _is_furniture(para: str) -> bool:
    """Rule 1: one paragraph that matches a site-furniture pattern."""
    if _STRONG.search(para):
        return True
    if len(para) <= _SHORT_MAX and _SHORT.search(para):
        return True
    if _APPEAL_ASK.search(para) and _APPEAL_WHAT.search(para) and not _REPORTED.search(para):
        return bool((_WE.search(para) and _YOU.search(para)) or _IMPERATIVE.match(para))
    return False


def _is_prose(para: str) -> bool:
    return bool(_PROSE_END.search(para)) and len(para.split()) >= 8


def _is_heading(para: str) -> bool:
    return len(para) <= _HEADING_MAX and "\n" not in para and not _PROSE_END.search(para)


def find_furniture(paragraphs: Sequence[str]) -> set[int]:
    """Positions (0-based) of the paragraphs that are site furniture; position 0, the title, never is."""
    paras = list(paragraphs)
    n = len(paras)
    flags = [i > 0 and _is_furniture(t) for i, t in enumerate(paras)]  # never the title

    # Rule 2, tail cut: from a furniture paragraph past 60% of the document, the rest goes too,
    # unless article prose still follows (an inline "Also read:" link mid-article).
    prose_after = [False] * (n + 1)  # prose_after[i]: some non-furniture prose paragraph at index >= i
    for j in range(n - 1, -1, -1):
        prose_after[j] = prose_after[j + 1] or (not flags[j] and _is_prose(paras[j]))
    for i in range(max(1, -(-3 * n // 5)), n):
        if flags[i] and not prose_after[i + 1]:
            flags[i + 1 :] = [True] * (n - i - 1)
            break

    # Rule 3: runs of short headings with furniture on both sides.
    i = 1
    while i < n:
        if flags[i]:
            i += 1
            continue
        j = i
        while j < n and not flags[j] and _is_heading(paras[j]):
            j += 1
        if j > i and flags[i - 1] and j < n and flags[j]:
            flags[i:j] = [True] * (j - i)
        i = max(j, i + 1)

    # Keep a body: if every paragraph after the title looks like furniture, the rules misfired.
    if n > 1 and all(flags[1:]):
        return set()
    return {i for i, flag in enumerate(flags) if flag}
