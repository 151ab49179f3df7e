"""A question that asks the opposite of what the passages say: "Who called it the lowest form?" where the
quote says "the highest form", "When did the talks end?" where it says only that they began."""

from __future__ import annotations

from index.text.tokens import stem, words

# pairs of opposites, each side the forms of one word; a form in two pairs gets the opposites of both
_PAIRS = [
    ("highest", "lowest"), ("higher", "lower"), ("largest", "smallest"), ("larger", "smaller"),
    ("biggest", "smallest"), ("bigger", "smaller"), ("longest", "shortest"), ("longer", "shorter"),
    ("oldest", "youngest newest"), ("earliest", "latest"), ("maximum", "minimum"),
    ("strongest", "weakest"), ("stronger", "weaker"), ("richest", "poorest"),
    ("increase increased increases increasing", "decrease decreased decreases decreasing"),
    ("rise rose risen rising rises", "fall fell fallen falling falls"),
    ("accept accepted accepts accepting", "reject rejected rejects rejecting"),
    ("support supported supports supporting", "oppose opposed opposes opposing"),
    ("import imported imports importing", "export exported exports exporting"),
    ("north northern", "south southern"), ("east eastern", "west western"),
    ("success successful succeeded", "failure unsuccessful failed"),
    ("legal", "illegal"), ("born birth", "died death"), ("men", "women"), ("inner", "outer"),
]  # not "won"/"lost" ("A beat B": B lost), "more"/"less" ("at least", "more than"), "began"/"ended" ("after it ended")


def _opposites() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each form: its own word's forms and its opposite's."""
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for first, second in _PAIRS:
        one, other = frozenset(first.split()), frozenset(second.split())
        for forms, opposite in ((one, other), (other, one)):
            for form in forms:
                own, opposed = out.get(form, (frozenset(), frozenset()))  # "smallest", "lower": in two pairs
                out[form] = (own | forms, opposed | opposite)
    return out


_OPPOSITES = _opposites()


_DENIED = frozenset(["not", "never", "refuse", "refused", "refusing", "fail", "failed", "failing", "declined", "no"])
_BOUNDS = frozenset(["number", "numbers", "amount", "amounts", "estimate", "estimates", "figure"])
_DIRECTIONS = frozenset(["north", "northern", "south", "southern", "east", "eastern", "west", "western"])


def opposite_said(question: str, quoted: str, cited: str) -> tuple[str, str] | None:
    """(the word asked, the opposite the quotes say) when the quotes say only the opposite of a word the
    question asks ("lowest" asked, "highest" quoted) and nothing cited says the word itself; None otherwise.
    A question that names both ("western countries, and which eastern one?") asks no opposite, and a
    direction counts only beside the word it qualifies ("South Sea" against "North Sea", not "Middle
    East" against "the West")."""
    asked = words(question)
    if not any(word in _OPPOSITES for word in asked):
        return None
    said, anywhere, question_words = words(quoted), set(words(cited)), set(asked)
    for i, word in enumerate(asked):
        if word not in _OPPOSITES:
            continue
        forms, opposite = _OPPOSITES[word]
        if anywhere & forms or question_words & opposite or set(asked[max(0, i - 2):i]) & _DENIED or (
                asked[i + 1:i + 2] and asked[i + 1] in _BOUNDS):
            continue  # "What did they refuse to accept?": rejected, as the text may say; "the smallest number
            # of ...": the low end of a range ("between 500 and 2,000")
        found = sorted(set(said) & opposite)
        if word in _DIRECTIONS:
            found = [w for w in found if _same_neighbour(asked, i, said, w)]
        if found:
            return word, found[0]
    return None


def _same_neighbour(asked: list[str], i: int, said: list[str], opposite: str) -> bool:
    """Whether the quotes write the opposite before the word the question writes after its own (or after
    the word before it), stems compared."""
    beside = {(stem(asked[i + 1]), 1)} if i + 1 < len(asked) else set()
    beside |= {(stem(asked[i - 1]), -1)} if i > 0 else set()
    return any(0 <= j + step < len(said) and (stem(said[j + step]), step) in beside
               for j, w in enumerate(said) if w == opposite for step in (1, -1))
