"""Near-tied best sentences are ordered by the reader, which reads question and sentence together; beyond
the tie gap, and when the reader cannot run, the answerer's own ranking stands."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from index.question import make_queries
from index.reader.model import Reader

QUESTION = "Where will the foreign ministers meet Pompeo?"


class PrefersLast:
    """A stand-in reader whose logits rise down the list it is given."""

    def __init__(self):
        self.seen = 0

    def score(self, question, texts, features):
        self.seen = len(texts)
        return list(range(len(texts)))


@pytest.fixture()
def ranked(seed_kb):
    data = seed_kb.data
    query = make_queries([QUESTION], seed_kb.embedder)[0]
    hits = seed_kb.searcher.search(data, query, k=seed_kb.answerer.weights.candidates)
    return data, query, seed_kb.answerer.rank_sentences(data, query, hits, keep=6)


@contextmanager
def breaking_ties(seed_kb, reader, gap):
    """The seed's answerer with this tie reader and gap for the block's length."""
    answerer = seed_kb.answerer
    saved = answerer.tie_reader, answerer.weights.reader_tie_gap
    answerer.tie_reader, answerer.weights.reader_tie_gap = reader, gap
    try:
        yield answerer
    finally:
        answerer.tie_reader, answerer.weights.reader_tie_gap = saved


def test_the_reader_orders_only_the_sentences_within_the_tie_gap(seed_kb, ranked):
    data, query, candidates = ranked
    gap = (candidates[0].score - candidates[2].score + candidates[0].score - candidates[3].score) / 2
    reader = PrefersLast()
    with breaking_ties(seed_kb, reader, gap) as answerer:
        ordered = answerer._break_tie(data, query, candidates)
    assert reader.seen == 3
    assert [c.row for c in ordered] == [c.row for c in [candidates[2], candidates[1], candidates[0], *candidates[3:]]]


def test_without_a_tie_the_reader_is_not_asked(seed_kb, ranked):
    data, query, candidates = ranked
    reader = PrefersLast()
    with breaking_ties(seed_kb, reader, 0.0) as answerer:
        ordered = answerer._break_tie(data, query, candidates)
    assert reader.seen == 0 and ordered == candidates


def test_a_reader_that_cannot_run_leaves_the_ranking_and_the_answer(seed_kb, tmp_path):
    asked = "What did Bayramov arrive in Moscow for?"  # answered from the passages, not the meeting records
    before = seed_kb.ask(asked)
    broken = tmp_path / "reader.onnx"
    broken.write_bytes(b"not a model")
    reader = Reader(seed_kb.embedder, broken)
    with breaking_ties(seed_kb, reader, 1.0):
        after = seed_kb.ask(asked)
    assert reader.broken and after.answered
    assert after.answer == before.answer


def test_the_shipped_reader_breaks_ties_by_default(seed_kb):
    assert seed_kb.answerer.tie_reader is not None and seed_kb.answerer.weights.reader_tie_gap > 0
    assert seed_kb.answerer.reader is None  # its veto stays a setting (ANSWER_READER)


def test_a_day_asked_for_keeps_the_order_the_ranking_gave(seed_kb):
    """"On what day …?" puts a sentence holding a day first, even a little behind: the reader does not undo it."""
    data = seed_kb.data
    query = make_queries(["On what day will the foreign ministers meet Pompeo?"], seed_kb.embedder)[0]
    hits = seed_kb.searcher.search(data, query, k=seed_kb.answerer.weights.candidates)
    candidates = seed_kb.answerer.rank_sentences(data, query, hits, keep=6)
    reader = PrefersLast()
    with breaking_ties(seed_kb, reader, 1.0) as answerer:
        ordered = answerer._break_tie(data, query, candidates)
    assert reader.seen == 0 and ordered == candidates


def test_one_sentence_found_twice_is_no_tie_to_break(seed_kb, ranked):
    """A story run twice gives the same sentence twice: the reader has nothing to choose and is not asked."""
    from dataclasses import replace

    data, query, candidates = ranked
    twice = [candidates[0], replace(candidates[0], score=candidates[0].score - 0.001), *candidates[2:]]
    reader = PrefersLast()
    with breaking_ties(seed_kb, reader, 0.01) as answerer:
        ordered = answerer._break_tie(data, query, twice)
    assert reader.seen == 0 and ordered == twice
