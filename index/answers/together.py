"""'When did Chirac meet Delors?' is answered by a quote that reports a meeting and names both (in its
paragraph, or before it when it opens with "He"); 'Who did Chirac meet?' by one that reports a meeting and
names someone else. Talks of Chirac's in one quote and Delors named in another answer neither."""

from __future__ import annotations

import re

from index.answers.fit import meeting_asked, meeting_reported, people_named
from index.text import gazetteer


def met_together_fits(question: str, quotes: list[tuple[str, str]], terms: list[str]) -> bool:
    """quotes: (quote, the text its names may stand in); terms: the names the question gives."""
    asked = meeting_asked(question, bool(terms))
    if asked is None:
        return True
    reported = [(quote, around) for quote, around in quotes if meeting_reported(asked, quote)]
    if re.match(r"\W*(?:and\s+)?(?:who|whom|which|what)\b", question.strip(), re.IGNORECASE):
        return any(any(people_named(question, quote)) for quote, _ in reported)  # someone else, met
    people = [t for t in terms if not (gazetteer.country_of(t) or gazetteer.is_place(t))]
    if len(people) < 2:
        return True
    return any(all(re.search(rf"\b{re.escape(p)}\b", around, re.IGNORECASE) for p in people) for _, around in reported)
