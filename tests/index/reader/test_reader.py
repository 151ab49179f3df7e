"""The reader: shipped weights, ranking the sentence that answers first, and falling back when it cannot run."""

from __future__ import annotations

import pytest

from index.reader.model import WEIGHTS, Reader, pair_features, pair_text


def test_the_weights_ship_with_the_code_and_are_small():
    assert WEIGHTS.is_file()
    assert WEIGHTS.stat().st_size < 5_000_000


def _features(question: str, title: str, sentences: list[str]) -> list[list[float]]:
    return [pair_features(question, "where", title, s, [0.5, 0.5, 0.5, 0.0, 0.0, 1.0, 0.5], rank)
            for rank, s in enumerate(sentences)]


def test_the_sentence_that_answers_scores_above_one_that_only_shares_words(seed_kb):
    reader = Reader.for_embedder(seed_kb.embedder)
    question = "Where will the two foreign ministers meet Pompeo?"
    sentences = ["Pompeo has criticised both foreign ministers for the fighting.",
                 "The pair will also meet Secretary Pompeo in separate meetings in Washington on Friday."]
    logits = reader.score(question, [pair_text("Karabakh", s) for s in sentences],
                          _features(question, "Karabakh", sentences))
    assert logits[1] > logits[0]


def test_an_embedder_without_token_states_answers_without_the_reader(fresh_corpus, tmp_path):
    from index.kb import KnowledgeBase
    from tests.index.conftest import HashingEmbedder

    kb = KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=HashingEmbedder(), reader=True)
    assert kb.answerer.reader is None
    assert kb.ask("Who will the foreign ministers meet in Washington?").answered


@pytest.fixture(scope="module")
def reader_kb(seed_kb):
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(seed_kb.corpus_dir, seed_kb.index_dir, embedder=seed_kb.embedder, reader=True)
    kb.ensure_index()
    return kb


def test_with_the_reader_the_seed_still_answers(reader_kb):
    assert reader_kb.answerer.reader is not None
    answer = reader_kb.ask("What did Bayramov arrive in Moscow for?")
    assert answer.answered and "consultations" in answer.answer


def test_unusable_weights_fall_back_to_the_answerers_own_confidence(seed_kb, tmp_path):
    broken = tmp_path / "reader.onnx"
    broken.write_bytes(b"not a model")
    answerer = seed_kb.answerer
    original = answerer.reader
    reader = answerer.reader = Reader(seed_kb.embedder, broken)
    try:
        answer = seed_kb.ask("What did Bayramov arrive in Moscow for?")
    finally:
        answerer.reader = original
    assert answer.answered and "consultations" in answer.answer
    assert reader.broken


@pytest.mark.parametrize("question", [
    "When did Pompeo meet Putin?",
    "How many French soldiers were killed?",
    "Who did Stoltenberg meet in Moscow?",
])
def test_questions_the_seed_does_not_answer_are_abstained_with_the_reader(reader_kb, question):
    assert not reader_kb.ask(question).answered


def test_a_veto_threshold_the_weights_carry_is_read_with_them(seed_kb, tmp_path):
    """A threshold stored in the ONNX file's metadata (python -m index.reader.train --threshold) is the
    one the answerer vetoes below."""
    import onnx

    from index.reader.model import THRESHOLD_KEY

    model = onnx.load(str(WEIGHTS))
    onnx.helper.set_model_props(model, {THRESHOLD_KEY: "0.2"})
    onnx.save(model, str(tmp_path / "reader.onnx"))
    reader = Reader(seed_kb.embedder, tmp_path / "reader.onnx")
    reader.score("Who met whom?", ["Nobody met anyone."], _features("Who met whom?", "", ["Nobody met anyone."]))
    assert reader.threshold == 0.2
