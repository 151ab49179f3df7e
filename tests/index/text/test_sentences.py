"""Sentence splitting: boundaries, abbreviations, quotes, and exact offsets."""

from __future__ import annotations

import pytest

from index.text.sentences import split_sentences


def sentences(text: str, start: int = 0, end: int | None = None) -> list[str]:
    spans = split_sentences(text, start, end)
    for s, e in spans:  # every span is trimmed and inside the requested range
        assert text[s:e] == text[s:e].strip() and text[s:e]
        assert start <= s < e <= (len(text) if end is None else end)
    return [text[s:e] for s, e in spans]


def test_simple_sentences():
    """Full stops followed by a capital split sentences."""
    assert sentences("The talks began. They ended late.") == ["The talks began.", "They ended late."]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lavrov and Mrs. Smith met Dr. Jones on St. Mark's Square.",
        "U.S. officials and U.N. envoys met Sen. Graham and Rep. Smith.",
        "Fruit, e.g. apples, i.e. red ones, etc. were sold.",
        "Gen. Petraeus, Gov. Cuomo, Lt. Col. Vindman and Sgt. Pepper attended.",
        "Acme Inc. and Globex Corp. and Initech Ltd. signed.",
        "Martin Luther King Jr. and Frank Sinatra Sr. were named.",
        "The talks on Jan. 5 and Feb. 12 were held at No. 10 Downing Street.",
        "Russia vs. Turkey was the headline.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    """Titles, dotted abbreviations, months and corporate suffixes do not split."""
    assert sentences(text) == [text]


def test_abbreviation_at_sentence_end():
    """A may-end abbreviation before a sentence opener does split."""
    text = "He moved to the U.S. The next day he left."
    assert sentences(text) == ["He moved to the U.S.", "The next day he left."]


def test_and_after_us_capitalised_by_wire_copy_goes_on():
    text = "Japan, the U.S. And West Germany differ. He went to the U.S. And then he left."
    assert sentences(text) == ["Japan, the U.S. And West Germany differ.", "He went to the U.S.", "And then he left."]


def test_initials():
    """Single-letter initials are not sentence ends."""
    text = "John F. Kennedy met George W. Bush. They talked."
    assert sentences(text) == ["John F. Kennedy met George W. Bush.", "They talked."]


def test_decimals():
    """Decimal points never split."""
    text = "Growth was 3.5 percent. It may reach 4.1 next year."
    assert sentences(text) == ["Growth was 3.5 percent.", "It may reach 4.1 next year."]


def test_sentence_end_inside_closing_quote():
    """A stop inside a closing quote ends the sentence after the quote."""
    text = "“We are ready,” he said.” Next week they meet. He said “the war is over.” Then he left."
    assert sentences(text) == [
        "“We are ready,” he said.”",
        "Next week they meet.",
        "He said “the war is over.”",
        "Then he left.",
    ]


def test_closing_bracket():
    """A stop inside closing brackets stays with its sentence."""
    assert sentences("(It was late.) They left.") == ["(It was late.)", "They left."]


def test_question_exclamation_ellipsis():
    """?, ! and ellipses end sentences."""
    text = "Why? Nobody knows! Wait… What now... Really."
    assert sentences(text) == ["Why?", "Nobody knows!", "Wait…", "What now...", "Really."]


def test_lowercase_continuation():
    """A lowercase word after a terminator continues the sentence."""
    text = "“Why?” he asked. “Enough!” she shouted... and left."
    assert sentences(text) == ["“Why?” he asked.", "“Enough!” she shouted... and left."]


def test_dash_continues():
    """A dash after a stop (a photo credit) does not start a sentence."""
    text = "A man removes debris in Stepanakert on October 17. — Reuters"
    assert sentences(text) == [text]


def test_curly_quotes_and_apostrophes():
    """Curly apostrophes and opening quotes are handled."""
    text = "It’s the Kremlin’s view. “Others’ views differ,” he said. ‘Maybe.’ Then silence."
    assert sentences(text) == [
        "It’s the Kremlin’s view.",
        "“Others’ views differ,” he said.",
        "‘Maybe.’",
        "Then silence.",
    ]


def test_line_break_is_not_a_sentence_break():
    """A single newline inside a paragraph is ordinary whitespace."""
    text = "The ministers met\nin Moscow on Wednesday. They\r\ntalked late."
    assert sentences(text) == ["The ministers met\nin Moscow on Wednesday.", "They\r\ntalked late."]


def test_blank_line_is_a_break():
    """A blank line (paragraph break) ends a sentence even without punctuation."""
    assert sentences("Armenian president heads to Brussels\n\nMeanwhile, he left.") == [
        "Armenian president heads to Brussels",
        "Meanwhile, he left.",
    ]


def test_range_and_absolute_offsets():
    """start/end restrict the range; spans are absolute offsets into text."""
    text = "Ignored. Hello there. Bye now. Also ignored."
    start, end = text.index("Hello"), text.index(" Also")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Hello there.", "Bye now."]
    assert spans[0][0] == start


def test_whitespace_trimmed():
    """Spans never start or end with whitespace."""
    text = "  \u00a0Padded sentence.   Another one.\n  "
    assert sentences(text) == ["Padded sentence.", "Another one."]


def test_empty_and_blank():
    """Empty or blank ranges have no sentences."""
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []


def test_no_terminator():
    """Text without a terminator is one sentence."""
    assert sentences("Fighting continues on the front line") == ["Fighting continues on the front line"]


def test_wikipedia_like_paragraph():
    """A real encyclopedic paragraph splits into its sentences, offsets round-trip."""
    text = (
        "The Nagorno-Karabakh conflict is an ethnic and territorial conflict between Armenia and "
        "Azerbaijan over the disputed region of Nagorno-Karabakh, inhabited mostly by ethnic Armenians, "
        "and seven surrounding districts. In 1988, the Karabakh Armenians demanded that Karabakh be "
        "transferred from Soviet Azerbaijan to Soviet Armenia. The conflict escalated into a full-scale "
        "war in the early 1990s, which killed approx. 30,000 people (the U.N. Security Council passed "
        "four resolutions). A ceasefire signed in 1994 in Bishkek was followed by two decades of relative "
        "stability; mediation by the OSCE Minsk Group, co-chaired by France, Russia and the U.S., "
        "continued. On Sept. 27, 2020, a new war began. U.S. Secretary of State Mike R. Pompeo met both "
        "foreign ministers on Oct. 23. Was it enough? Many doubted it…"
    )
    spans = split_sentences(text)
    got = [text[s:e] for s, e in spans]
    assert [g[:25] for g in got] == [
        "The Nagorno-Karabakh conf",
        "In 1988, the Karabakh Arm",
        "The conflict escalated in",
        "A ceasefire signed in 199",
        "On Sept. 27, 2020, a new ",
        "U.S. Secretary of State M",
        "Was it enough?",
        "Many doubted it…",
    ]
    assert " ".join(got) == text  # single spaces between sentences: nothing lost


def test_many_paragraphs_split_exactly():
    """A 20,000-sentence text of abbreviations, initials and decimals splits into exactly its sentences."""
    unit = "Mr. Smith met Dr. Jones in the U.S. on Jan. 5. They talked about 3.5 percent growth! "
    spans = split_sentences(unit * 10_000)
    assert len(spans) == 20_000
    assert spans[-1][1] == len(unit) * 10_000 - 1


def test_a_quoted_question_keeps_its_named_speaker():
    """'“Can they pay?” Mr Okafor asked.' is one sentence; a quote followed by a new sentence is not."""
    text = ('"Can African countries still pay their debts?" Sassou-Nguesso asked. "Not now!" Finance Minister '
            'Ade Okafor said. "We will wait." The talks resumed on Monday.')
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ['"Can African countries still pay their debts?" Sassou-Nguesso asked.',
                   '"Not now!" Finance Minister Ade Okafor said.', '"We will wait."', "The talks resumed on Monday."]
