"""Premise checks: a question naming what the articles do not report is abstained, in plain words."""

from __future__ import annotations

import pytest

from index.answers.premises import named_terms, unsupported
from index.answers.replies import BEST_MISSED, NOT_MENTIONED


def test_named_terms_are_the_names_and_numbers_a_question_gives():
    """Capitalised runs past the first word and numbers count; titles and question words do not."""
    assert named_terms("When did Pompeo meet Putin?") == ["Pompeo", "Putin"]
    assert named_terms("Who did Treasury Secretary Baker meet in West Germany?") == ["Baker", "West Germany"]
    assert named_terms("How many of the 37 countries joined in 1987?") == ["1987"]


def test_a_place_typed_in_lower_case_is_named_too():
    """Discord questions are often typed in lower case: "to moscow" names Moscow; "in person", "in march" and
    "in time" name no place."""
    assert named_terms("when did kato fly to moscow for the salmon talks") == ["Moscow"]
    assert named_terms("what did they agree in mexico city") == ["Mexico City"]
    assert named_terms("who met in person in march to be in time") == []


def test_a_state_typed_in_lower_case_is_named_unless_it_describes_the_answer():
    """"australian and chilean wine makers" takes two states for granted; "which chinese leader" asks for one."""
    assert named_terms("did dominique bussereau meet australian and chilean wine makers?") == ["Australian", "Chilean"]
    assert named_terms("did the sri lankan minister meet conable") == ["Sri Lankan"]
    assert named_terms("which chinese leader did straw meet") == []
    assert named_terms("when did they meet the norwegian oil companies") == ["Norwegian"]
    assert named_terms("where do uk asylum seekers come from, according to us") == ["UK"]


def test_a_demonym_is_supported_by_its_country():
    """'Azeri' in a question is held by a passage that says Azerbaijan; 'Geneva' is not held by Moscow."""
    assert unsupported(["Azeri"], "The foreign minister of Azerbaijan arrived.") == []
    assert unsupported(["Geneva"], "The ministers met in Moscow.") == ["Geneva"]


@pytest.mark.slow
def test_a_name_no_article_mentions_is_abstained(seed_kb):
    """"Who is meeting Erdogan?" says that nothing mentions Erdogan, and quotes nothing."""
    answer = seed_kb.ask("Who is meeting Erdogan?")
    assert not answer.answered and answer.answer == "Nothing in the articles mentions Erdogan." and not answer.citations


@pytest.mark.slow
def test_a_meeting_the_records_do_not_hold_is_abstained_with_related_quotes(seed_kb):
    """"When did Pompeo meet Putin?" reports no such meeting, then what Pompeo's records say, quoted."""
    answer = seed_kb.ask("When did Pompeo meet Putin?")
    assert not answer.answered
    assert answer.answer.startswith("The articles report no meeting between Mike Pompeo and Vladimir Putin.")
    assert answer.citations
    for citation in answer.citations:
        assert seed_kb.source(citation.doc_id).text[citation.start:citation.end] == citation.quote


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Who did Stoltenberg meet in Moscow?", "How many French soldiers were killed?"])
def test_a_place_or_people_the_quotes_do_not_hold_is_abstained(seed_kb, question):
    """A confident-looking passage about other people or another place is not an answer."""
    answer = seed_kb.ask(question)
    assert not answer.answered and answer.answer.startswith((NOT_MENTIONED, BEST_MISSED))


@pytest.mark.slow
def test_a_supported_meeting_question_is_still_answered(seed_kb):
    """"Where will Bayramov meet Pompeo?" is answered from the records with the place."""
    answer = seed_kb.ask("Where will Bayramov meet Pompeo?")
    assert answer.answered and "Washington" in answer.answer


def test_a_country_is_held_in_any_of_its_forms():
    """'United States' is held by a passage that says 'U.S.'; 'British' is not held by a passage about Japan."""
    assert unsupported(["United States"], "a trip to the U.S. tomorrow") == []
    assert unsupported(["British"], "The Japanese minister left Tokyo.") == ["British"]


def test_a_capital_is_not_held_by_its_country():
    """'met in Washington' is not held by a story of U.S. quotas that never names the city; 'Azeri' still is
    held by Azerbaijan."""
    assert unsupported(["Washington"], "Hong Kong has used 85 pct of this year's U.S. quotas.") == ["Washington"]
    assert unsupported(["Washington"], "He met Shultz in Washington.") == []


def test_what_describes_the_answer_is_not_a_premise():
    """'Which British monarch', 'the English name', '…, in Euros?' describe the answer; 'in Moscow' does not."""
    assert named_terms("Which British monarch appears above the arches?") == []
    assert named_terms("What was the English name of Gou's calendar?") == ["Gou"]  # the name, not its possessive
    assert named_terms("What is the basic pay for a teacher, in Euros?") == []
    assert named_terms("What did Baker and Miyazawa agree when they met in Tokyo?") == ["Baker", "Miyazawa", "Tokyo"]
    assert named_terms("Who did Stoltenberg meet in Moscow?") == ["Stoltenberg", "Moscow"]


def test_a_name_with_of_is_one_term():
    """'The Mark of Anarchy' is one name, held by a passage that names 'The Masque of Anarchy'."""
    assert named_terms("Who wrote the poem The Mark of Anarchy?") == ["Mark of Anarchy"]
    assert unsupported(["Mark of Anarchy"], "Shelley wrote The Masque of Anarchy in 1819.") == []


def test_a_trip_the_story_denies_is_abstained_with_the_denial_quoted(tmp_path):
    """'When did Siddon arrive in Paris?' where the story says "Siddon said he would not go to Paris
    himself": an abstention quoting that sentence; a question the denial does not touch still stands."""
    from index.answers.compose import Answer, Citation
    from index.answers.premises import checked
    from tests.index.meetings.support import write

    doc = write(tmp_path, "FISHING TALKS\n\nOTTAWA, March 24 - Canada and France will resume their talks in Paris on "
                          "Monday, Fisheries Minister Tom Siddon said.\n\nSiddon said he would not go to Paris himself."
                          "\n", "1987-03-24")
    lead = doc.paragraph(2)
    cited = Citation(1, doc.doc_id, doc.title, 2, lead.start, lead.end, doc.text[lead.start:lead.end], None)
    documents = {doc.doc_id: doc}
    denied = checked(Answer("When did Siddon arrive in Paris?", True, cited.quote, (cited,), 0.9), {}, documents)
    assert not denied.answered and "would not go to Paris" in denied.answer
    assert denied.citations[0].paragraph == 3 and denied.citations[0].quote == "Siddon said he would not go to Paris himself."
    kept = checked(Answer("When will Canada and France resume talks in Paris?", True, cited.quote, (cited,), 0.9), {},
                   documents)
    assert kept.answered


def test_an_act_the_story_reports_as_not_done_is_abstained_with_that_sentence_quoted(tmp_path):
    """'When did Mullin summon the ambassador?' where the story says Mullin "said there was no point in
    summoning" him: an abstention quoting it. Asked why he won't, or where the story also says he did, it stands."""
    from index.answers.compose import Answer, Citation
    from index.answers.premises import checked
    from tests.index.meetings.support import write

    text = ("Vote\n\nForeign Office minister Chris Mullin said there was no point in summoning Zimbabwe's ambassador "
            "to protest.\n\nMullin did not meet the envoy until May.\n")
    doc = write(tmp_path, text)
    documents = {doc.doc_id: doc}

    def check(question: str, paragraph: int = 2) -> Answer:
        at = doc.paragraph(paragraph)
        quoted = Citation(1, doc.doc_id, doc.title, paragraph, at.start, at.end, doc.text[at.start:at.end], None)
        return checked(Answer(question, True, quoted.quote, (quoted,), 0.9), {}, documents)

    denied = check("when did mullin summon zimbabwe's ambassador")
    assert not denied.answered and denied.answer.startswith("The articles report otherwise: “Foreign Office minister")
    assert check("why won't mullin summon zimbabwe's ambassador").answered
    assert check("When did Mullin meet the envoy?", 3).answered  # "did not meet ... until May" says when he did
    doc = write(tmp_path, text + "\nMullin summoned the ambassador on Friday after all.\n")
    documents = {doc.doc_id: doc}
    assert check("When did Mullin summon the ambassador?", 4).answered


def test_a_name_typed_in_lower_case_is_checked_like_a_capitalised_one(tmp_path):
    """'how long did luest's talks with fletcher last' quoting another story's talks: Luest and Fletcher are
    names the articles write only capitalised, so the quote must hold them. A lower-case word the articles
    also use in lower case ("talks") is no name, and a quote that holds the names stands."""
    from index.answers.compose import Answer, Citation
    from index.answers.premises import checked, lower_case_names
    from index.corpus.documents import load_document

    def write(name: str, text: str):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        return load_document(tmp_path / f"{name}.txt")

    space = write("space", "Space station\n\nESA director Reimar Luest held talks with NASA Administrator James Fletcher in "
                            "Washington. Their talks lasted two hours.\n")
    salmon = write("salmon", "Salmon\n\nThe salmon talks are expected to last three days, officials said.\n")
    documents = {space.doc_id: space, salmon.doc_id: salmon}
    assert lower_case_names("how long did luest's talks with fletcher last", documents) == ["Luest", "Fletcher"]
    assert lower_case_names("How long did luest's talks last?", documents) == ["Luest"]
    assert lower_case_names("How long did Luest's talks with fletcher last?", documents) == []  # not typed in lower case

    def check(doc, paragraph: int) -> Answer:
        at = doc.paragraph(paragraph)
        quoted = Citation(1, doc.doc_id, doc.title, paragraph, at.start, at.end, doc.text[at.start:at.end], None)
        return checked(Answer("how long did luest's talks with fletcher last", True, quoted.quote, (quoted,), 0.9),
                       {"luest": 1, "fletcher": 1, "talks": 2}, documents)

    elsewhere = check(salmon, 2)
    assert not elsewhere.answered and "mentions Luest or Fletcher" in elsewhere.answer
    assert check(space, 2).answered
