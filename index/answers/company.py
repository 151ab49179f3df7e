"""Who was with whom: what a question says someone told someone else, or who went along with someone,
needs a quote that reports it ("What did Mosar tell the EC ministers?" is not answered by what Mosar said
to reporters, nor "Who accompanied Camdessus?" by his visit alone)."""

from __future__ import annotations

import re

from index.text.sentences import split_sentences

# "What did Mosar tell the EC foreign ministers?": a sentence with him (or "he"), speech and "ministers"
TELL_ASKED = re.compile(r"^\W*(?:and\s+)?what\s+(?:did|does|will|would|has|had)\s+(?P<who>(?:[\w'’.\-]+\s+){1,4}?)tell\s+"
                        r"(?P<whom>[\w'’.\-]+(?:\s+(?!(?:at|in|on|during|about|when|after|before|while|over|of|to|that|if|"
                        r"he|she|they|it|was|were|is|would|will|the|last|next|this|yesterday|today|tomorrow|earlier)\b)[\w'’.\-]+){0,4})", re.IGNORECASE)


def told_fits(told: re.Match[str], text: str, speech: re.Pattern[str]) -> bool:
    """Whether one sentence names the speaker (or "he", "she"), speech and the one spoken to."""
    speaker = told["who"].split()[-1].lower().removesuffix("'s").removesuffix("’s")
    heard = told["whom"].split()[-1].lower().removesuffix("'s").removesuffix("’s").rstrip("s")
    speaking = re.compile(rf"\b(?:{re.escape(speaker)}|he|she)\b", re.IGNORECASE)
    hearing = re.compile(rf"\b{re.escape(heard)}", re.IGNORECASE)
    return any(speaking.search(sentence) and speech.search(sentence) and hearing.search(sentence)
               for sentence in (text[a:b] for a, b in split_sentences(text)))


# "Who accompanied Camdessus on his visit?": someone who went along, not the visit
ACCOMPANY_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:will\s+|would\s+|is\s+to\s+|was\s+to\s+)?(?:accompan\w+|"
                             r"travel\w*\s+with|went\s+(?:along\s+)?with|came\s+(?:along\s+)?with)\b", re.IGNORECASE)
ACCOMPANIED = re.compile(r"\b(?:accompan\w+|with\s+(?:him|her|them)|along\s+with|together\s+with|joined\s+by|"
                         r"delegations?|entourage|party\s+(?:included|of)|team\s+(?:included|of)|travel\w*\s+with|"
                         r"went\s+with|came\s+with|led\s+by|headed\s+by|(?:he|she)\s+and\s+(?:[\w-]+\s+){0,3}?(?-i:[A-Z])\w+)\b",
                         re.IGNORECASE)  # "during their tour, he and Finance Minister Dilson Funaro warned creditors"
