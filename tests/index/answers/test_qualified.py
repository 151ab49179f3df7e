"""'Which Bolivian minister ...?' is not answered by quotes naming only an Argentine and a Venezuelan president;
someone whose state the quotes leave unsaid may be the one asked for."""

from __future__ import annotations

import pytest

from index.answers.qualified import asked_country, asked_office, qualified_fits

SIGNING = "Argentine President Luis Ortega and Venezuelan President Mario Salas signed the deal in Buenos Aires."


@pytest.mark.parametrize(("question", "quote", "articles", "expected"), [
    ("Which Bolivian minister attended the signing?", SIGNING, SIGNING, False),
    ("Which Japanese minister did Howard meet on Friday?", "On Friday, Trade Secretary Paul Chan sought to calm fears.",
     "British Trade Secretary Paul Chan on Friday sought to calm fears.", False),
    ("Which Argentine leader signed the deal?", SIGNING, SIGNING, True),
    ("Which British leader did the Pakistani president hold talks with?",
     "On Monday the Pakistani president met Prime Minister Tom Hale at 10 Downing Street.", "", True),
    ("Which Turkish leader did Howe see?", "Howe is due to call on President Kenan Evren.",
     "Turkish President Kenan Evren received him. Howe is due to call on President Kenan Evren.", True),
    ("Which French minister spoke out against the dollar?", "Nicolas Sarre of France said they were worried.", "", True),
    ("Which IMF official will the minister see?", SIGNING, SIGNING, True)])
def test_someone_of_the_state_asked_for(question, quote, articles, expected):
    assert qualified_fits(question, quote, articles) is expected


def test_the_state_a_question_asks_for():
    assert asked_country("Which Sri Lankan officials accompanied de Mel?") == "Sri Lanka"
    assert asked_country("Which IMF official will Rato see?") is None
    assert asked_country("Who did Brown meet?") is None
    assert asked_office("Which Bolivian minister attended?") == "Bolivian minister"
