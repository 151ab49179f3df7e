"""A question that asks what did not happen ("Who did Britain not exploit?"), and quotes that say nothing in
the negative."""

from __future__ import annotations

import re

# a negation in the question's own clause: before it, no "that", "who", "whether", "to" … opens another one
NEGATED = re.compile(r"^\W*[\w'’]+(?:(?!\b(?:that|which|who|whom|whose|whether|if|because|so|while|although|"
                     r"believed?|thought|said|wish(?:ed)?)\b)[^,;])*?(?:n['’]t\b|\b(?:not|never)\b)",
                     re.IGNORECASE)
# what says that something did not happen or is not so; lenient on purpose ("un…", "only", "but"): a
# quote that might be negative (or only hedged: "perhaps, Thailand") is let through
_NEGATIVE = re.compile(r"n['’]t\b|\b(?:not|never|no|none|nobody|nothing|neither|nor|without|cannot|fail\w*|lack\w*|"
                       r"refus\w+|den(?:y|ied|ies)|except\w*|exclu\w+|other than|rather than|instead|unable|non-?\w+|"
                       r"un\w+|in(?:formal|correct|complete|valid)\w*|oppos\w+|refrain\w*|prevent\w*|avoid\w*|"
                       r"absen\w+|reject\w*|ban\w*|only|but|while|whereas|although|though|however|despite|"
                       r"differ\w*|distinguish\w*|rare\w*|little|few|less|stop\w*|end(?:ed|s)?|cease\w*|"
                       r"abandon\w*|cancel\w*|against|los[et]\w*|perhaps|possibly|maybe|doubt\w*)\b", re.IGNORECASE)


def negation_fits(question: str, text: str) -> bool:
    """False when the question asks what did not happen and the text says nothing in the negative."""
    return not NEGATED.search(question.strip()) or _NEGATIVE.search(text) is not None
