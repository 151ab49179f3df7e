"""The feedback store: one vote per member per answer, changeable, and the question file it exports."""

from __future__ import annotations

import pytest

from bot.feedback import DOWN, UP, FeedbackError, FeedbackStore
from index.answers.compose import Answer, Citation

QUOTE = "The envoys met in Geneva on Monday."
MET = Answer("where did the envoys meet?", True, "In Geneva [1] on Monday [1].",
             (Citation(1, "talks", "Talks in Geneva", 3, 10, 45, QUOTE, None),), 0.9)
ABSTAINED = Answer("what is the capital of Australia?", False, "Nothing in the articles mentions Australia.")


def test_one_vote_per_member_and_answer_changeable(tmp_path):
    """A member's second vote on an answer replaces the first; each member counts once."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    answer_id = store.record_answer(MET, guild_id=7, channel_id=8)
    assert store.vote(answer_id, 1, UP) == (1, 0)
    assert store.vote(answer_id, 1, DOWN) == (0, 1)
    assert store.vote(answer_id, 2, UP) == (1, 1)
    [rated] = store.rated()
    assert (rated.up, rated.down, rated.guild_id) == (1, 1, 7)
    assert rated.citations == [{"n": 1, "doc_id": "talks", "paragraph": 3, "start": 10, "end": 45, "quote": QUOTE,
                                "collection": "shared"}]


def test_a_vote_on_an_unknown_answer_is_refused(tmp_path):
    """A button whose answer is not in the file (another FEEDBACK_DB) is a clear error, not a new row."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    with pytest.raises(FeedbackError, match="answer 41 is not in the feedback file"):
        store.vote(41, 1, UP)
    assert store.rated() == []


def test_cases_from_votes(tmp_path):
    """An approved answer becomes a passing case (doc, its pieces, evidence); an approved abstention an
    unanswerable case; a rejected answer a case to fix."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    liked, abstained, rejected = (store.record_answer(a, 7, 8) for a in (MET, ABSTAINED, MET))
    store.vote(liked, 1, UP)
    store.vote(abstained, 1, UP)
    store.vote(rejected, 1, DOWN)
    cases = {rated.answer_id: rated.as_case() for rated in store.rated()}
    assert cases[liked]["doc"] == "talks" and cases[liked]["evidence"] == [3]
    assert cases[liked]["answer_any"] == [["In Geneva"], ["on Monday"]]
    assert cases[abstained]["unanswerable"] is True
    assert cases[rejected]["answer_any"] == [] and "to_fix" in cases[rejected]
    assert [r.answer_id for r in store.rated(DOWN)] == [rejected]


def test_a_case_from_a_servers_own_article_names_its_collection(tmp_path):
    """An answer quoting a server's own article becomes a case with that collection (`eval --collection`)."""
    from index.across import CollectionAnswer

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    own = CollectionAnswer(MET.question, True, MET.answer, MET.citations, 0.9, "guild-7", True)
    shared = store.record_answer(MET, 7, 8)
    answer_id = store.record_answer(own, 7, 8)
    for rated_id in (shared, answer_id):
        store.vote(rated_id, 1, UP)
    cases = {rated.answer_id: rated.as_case() for rated in store.rated()}
    assert cases[answer_id]["collection"] == "guild-7" and cases[answer_id]["doc"] == "talks"
    assert "collection" not in cases[shared]


def test_no_file_means_no_votes(tmp_path):
    """Listing votes before any answer was kept creates nothing and finds nothing."""
    store = FeedbackStore(tmp_path / "missing" / "feedback.sqlite3")
    assert store.rated() == [] and not store.path.exists()
