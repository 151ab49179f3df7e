"""Answer composition: pick the sentences that answer, quote them verbatim, cite them, or abstain."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise

import numpy as np

from index.answers.antecedents import antecedent, named_window, pronoun_subject
from index.answers.following import following_answer
from index.answers.kinds import (
    amount_fits,
    counted_evidence,
    duration_asked,
    named_after,
    precise_time_asked,
    question_kind,
    typed_evidence,
)
from index.answers.quotes import QUOTE_CUT, dateline_at, shown, strip_span
from index.corpus.documents import Document
from index.retrieval.search import Hit, Query
from index.retrieval.store import IndexData
from index.text.tokens import longest_shared_runs, spaced_words, tokenize, words

MAX_ANSWER_CHARS = 500  # what a user reads first
NO_ANSWER = "The articles do not answer this question."  # the answer text of every unanswered question


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    doc_id: str
    title: str
    paragraph: int
    start: int
    end: int
    quote: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answered: bool
    answer: str
    citations: tuple[Citation, ...] = ()
    score: float = 0.0
    # the last `details` citations add detail beside the answer; what the question names rests on the others
    details: int = field(default=0, kw_only=True)

    @property
    def principal(self) -> tuple[Citation, ...]:
        """The citations the answer rests on, without the detail quoted beside them."""
        return self.citations[:len(self.citations) - self.details]

    def to_json(self) -> dict:
        data = asdict(self)
        del data["details"]
        data["citations"] = [asdict(c) for c in self.citations]
        data["score"] = round(float(self.score), 4)
        return data


@dataclass(frozen=True, slots=True)
class Candidate:
    row: int
    hit: Hit
    start: int
    end: int
    cosine: float
    overlap: float
    typed: float
    bigram: float
    score: float
    bonus: float = 0.0  # what the question's type added to the score (typed and counted evidence)
    lift: float = 0.0   # what its passage's repeating the question's words unbroken added to the score


# --- the answerer -------------------------------------------------------------------------------------

@dataclass
class AnswerWeights:
    """How sentences are ranked; chosen on SQuAD dev and the project's dev questions (benchmarks/)."""

    cosine: float = 1.0
    overlap: float = 1.2
    hit: float = 1.5
    typed: float = 0.3
    bigram: float = 0.4
    named: float = 0.3              # a "who" question and a name right after its action word
    counted: float = 0.6            # a "how many X" question and a number beside X ("some 37 countries")
    phrase: float = 1.6             # a passage repeating three or more of the question's words unbroken
    candidates: int = 5
    max_chars: int = 300
    runner_up_gap: float = 0.08     # a second sentence joins the answer when it scores this close
    detail_gap: float = 0.4         # a second sentence this close is quoted beside it as detail
    min_quote_chars: int = 60
    shortest_cut_quote: int = 20    # a second sentence cut shorter than this is a scrap ("BRUSSELS…"), left out
    # confidence = logistic(weights . (cosine, overlap, bigram, passage score, passage cosine) + bias), fitted
    # on 3,000 SQuAD questions asked of SQuAD (answerable) and all 10,570 asked of the seed (not answerable)
    confidence_weights: tuple[float, ...] = (14.59, 11.82, 2.8, 2.06, 7.81)
    confidence_bias: float = -12.31
    threshold: float = 0.5
    # with the reader (index/reader/): how many sentences it reads, and the probability it must give the
    # first one when its weights carry none (they carry the one calibrated on the "a" halves in training)
    reader_candidates: int = 8
    reader_threshold: float = 0.05
    # best sentences this close are ordered by the reader (index/reader/), which reads question and sentence
    # together (chosen on SQuAD 1.1's half the reader was not trained on; 0 turns it off)
    reader_tie_gap: float = 0.02


class Answerer:
    """Scores the sentences of the best passages; the best one or two form the answer."""

    def __init__(self, weights: AnswerWeights | None = None, reader=None, tie_reader=None):
        """reader: the trained reader, to rank and veto (ANSWER_READER); tie_reader: the same model, only to
        order near-tied best sentences."""
        self.weights = weights or AnswerWeights()
        self.reader = reader
        self.tie_reader = tie_reader
        if self.weights.max_chars < 80 or self.weights.max_chars > 500:
            raise ValueError(f"max_chars must be within 80..500, got {self.weights.max_chars}")

    def answer(self, data: IndexData, query: Query, hits: list[Hit], runner_up_first: bool = False) -> Answer | None:
        """The answer from the best sentence; with runner_up_first, from the runner-up instead (None when
        none scores within runner_up_gap of the best), for when the best misses a name the question gives
        and the two do not fit in one answer."""
        keep = self.weights.reader_candidates if self.reader is not None else 3  # a third may tie the first two
        candidates = self.rank_sentences(data, query, hits, keep=keep)
        confidence = self.confidence(candidates[0]) if candidates else 0.0
        if len(candidates) > 1 and candidates[0].bonus > candidates[1].bonus:
            # the answer's type lifted a sentence above one that speaks more of the question: the
            # question is as answerable as that one says
            confidence = max(confidence, self.confidence(candidates[1]))
        if confidence < self.weights.threshold:
            return Answer(query.text, False, NO_ANSWER, (), confidence)
        candidates = self._break_tie(data, query, candidates)  # whether to answer is the ranking's; what first, the reader's
        if runner_up_first:
            if len(candidates) < 2 or candidates[0].score - candidates[1].score > self.weights.runner_up_gap:
                return None
            return self._compose(data, query, [candidates[1], candidates[0], *candidates[2:]], confidence)
        if self.reader is not None:
            support = self.support(data, query, candidates[:keep])
            carried = self.reader.threshold
            limit = self.weights.reader_threshold if carried is None else carried
            if support is not None and support < limit:
                return Answer(query.text, False, NO_ANSWER, (), confidence)
        return self._compose(data, query, candidates, confidence)

    def _break_tie(self, data: IndexData, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates, the best ones within reader_tie_gap of the first reordered by the reader."""
        gap = self.weights.reader_tie_gap
        if (self.tie_reader is None or len(candidates) < 2 or abs(candidates[0].score - candidates[1].score) > gap
                or precise_asked(question_kind(query.text), query.text) is not None):
            return candidates  # no tie; or the day, hour or length asked for decided the order
        tied = 1
        while tied < len(candidates) and abs(candidates[0].score - candidates[tied].score) <= gap:
            tied += 1
        texts = {data.documents[c.hit.chunk.doc_id].text[c.start:c.end] for c in candidates[:tied]}
        if len(texts) < 2:
            return candidates  # one sentence found twice (a story run again): nothing to choose between
        logits = self._reader_logits(self.tie_reader, data, query, candidates[:tied])
        if logits is None:
            return candidates
        order = sorted(range(tied), key=lambda i: -float(logits[i]))
        return [candidates[i] for i in order] + candidates[tied:]

    @staticmethod
    def _reader_logits(reader, data: IndexData, query: Query, candidates: list[Candidate]) -> np.ndarray | None:
        """The reader's logit for each candidate (None when it cannot run)."""
        from index.reader.model import pair_features, pair_text

        kind = question_kind(query.text)
        texts, features = [], []
        for rank, c in enumerate(candidates):
            document = data.documents[c.hit.chunk.doc_id]
            sentence = document.text[c.start:c.end]
            texts.append(pair_text(document.title, sentence))
            ranking = (c.score, c.cosine, c.overlap, c.bigram, c.typed, c.hit.score, c.hit.dense)
            features.append(pair_features(query.text, kind, document.title, sentence, ranking, rank))
        return reader.score(query.text, texts, features)

    def support(self, data: IndexData, query: Query, candidates: list[Candidate]) -> float | None:
        """The reader's probability that the first candidate answers the question, against the other
        candidates and "none of them" (None when the reader cannot run)."""
        logits = self._reader_logits(self.reader, data, query, candidates)
        if logits is None:
            return None
        odds = np.exp(np.clip(np.asarray(logits, dtype=np.float64), -30.0, 30.0))
        return float(odds[0] / (1.0 + odds.sum()))  # "none of them" has the logit 0

    def confidence(self, best: Candidate) -> float:
        """Probability-like confidence that the best sentence answers the question."""
        features = (best.cosine, best.overlap, best.bigram, best.hit.score, best.hit.dense)
        logit = self.weights.confidence_bias + sum(
            w * f for w, f in zip(self.weights.confidence_weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-logit))

    def rank_sentences(self, data: IndexData, query: Query, hits: list[Hit], keep: int = 2) -> list[Candidate]:
        """The sentences of the best passages that can rank within the first `keep`, best first.

        A sentence's score adds its cosine, the share of the question's IDF weight it holds, its
        passage's score, shared bigrams and, for who/when/where/how-many questions, whether it holds a
        name, date, place or number the question does not. That last check runs only on sentences
        it could lift into the top two.
        """
        w = self.weights
        hits = hits[: w.candidates]
        if not hits:
            return []
        weights = {t: data.bm25.idf(t) for t in set(query.tokens)}
        total_weight = sum(weights.values())
        question_bigrams = _bigrams(tokenize(query.text, aliases=False))
        rows, owner, cosines, held, shared = self._sentence_features(data, query, hits, weights, question_bigrams)
        top = max(hits[0].score, 1e-6)
        passage = [h.score / top for h in hits]
        overlap_scale = 1 / total_weight if total_weight else 1.0
        bigram_scale = 1 / len(question_bigrams) if question_bigrams else 1.0
        overlaps = [h * overlap_scale for h in held]
        bigrams = [s * bigram_scale for s in shared]
        spans = data.sentence_spans
        title_ends = np.array([_headline_end(data.documents[h.chunk.doc_id]) for h in hits])
        headline = (spans[rows, 1] < title_ends[owner]).tolist()
        phrases = self._phrases(query, hits) if w.phrase else [0.0] * len(hits)
        # a headline names the story, it rarely holds the answer's detail
        partial = [-math.inf if top_line else
                   w.cosine * c + w.overlap * o + w.hit * passage[i] + w.bigram * b + w.phrase * phrases[i]
                   for c, o, i, b, top_line in zip(cosines, overlaps, owner, bigrams, headline, strict=True)]
        if not partial or max(partial) == -math.inf:
            return []
        kind = question_kind(query.text)
        precise = precise_asked(kind, query.text)
        if precise is not None:
            keep = max(keep, 4)  # a sentence a little behind may hold the day or the length asked for
        ranked = sorted(partial, reverse=True)
        runner_up = ranked[min(keep, len(ranked)) - 1]
        reach = 0.0 if kind == "other" else w.typed + {"count": w.counted, "who": w.named}.get(kind, 0.0)
        question_words = set(words(query.text))
        out = []
        for i, value in enumerate(partial):
            if value == -math.inf or value + reach < runner_up:
                continue
            hit = hits[owner[i]]
            _, start, end = spans[rows[i]].tolist()
            document = data.documents[hit.chunk.doc_id]
            sentence = document.text[start:end]
            if precise is not None:  # "on what day …?": a week-long visit is no day; "how long …?": "1987-88" no length
                typed = float(precise.search(sentence) is not None)
            else:  # "how much …?": an amount, not "since 1983"
                typed = typed_evidence(kind, sentence, question_words) * amount_fits(query.text, sentence)
            bonus = w.typed * typed
            if kind == "count":
                bonus += w.counted * counted_evidence(query.text, sentence)
            elif kind == "who":
                bonus += w.named * named_after(query.text, sentence)
            scale = w.cosine + w.overlap + w.hit
            out.append(Candidate(rows[i], hit, start, end, cosines[i], overlaps[i], typed, bigrams[i],
                                 (value + bonus) / scale, bonus, w.phrase * phrases[owner[i]] / scale))
        out.sort(key=lambda c: -c.score)
        if precise is not None and out and not out[0].typed:
            # "on what day …?", "how long …?": a close sentence that holds a day or a length answers it, the
            # best without one cannot
            timed = next((c for c in out if c.typed and out[0].score - c.score <= w.detail_gap), None)
            if timed is not None:
                out.remove(timed)
                out.insert(0, timed)
        return out

    @staticmethod
    def _phrases(query: Query, hits: list[Hit]) -> list[float]:
        """For each passage: how far beyond two words the longest run of the question's words it repeats
        unbroken goes ("the most commonly used reduction"), per word of the question."""
        sequence = words(query.text)
        runs = longest_shared_runs(sequence, [spaced_words(h.chunk.text) for h in hits], shortest=3)
        return [max(0, run - 2) / max(1, len(sequence)) for run in runs]

    def _sentence_features(self, data: IndexData, query: Query, hits: list[Hit], weights: dict[str, float],
                           bigrams: set[tuple[str, str]]) -> tuple[list, list, list, list, list]:
        """For every sentence of the hits: its row, its hit's index, its cosine, the question weight
        it holds and how many of the question's bigrams it holds."""
        terms = data.sentence_terms
        vector = query.vector.astype(np.float32, copy=False)
        rows, counts = data.sentence_rows(np.array([h.position for h in hits], dtype=np.int64))
        owner = np.repeat(np.arange(len(hits)), counts)
        cosines = data.sentence_vectors[rows] @ vector
        held, shared = terms.matches(rows, weights, bigrams)
        return rows.tolist(), owner.tolist(), cosines.tolist(), held.tolist(), shared.tolist()

    def _compose(self, data: IndexData, query: Query, candidates: list[Candidate], confidence: float) -> Answer:
        budget = self.weights.max_chars
        best = candidates[0]
        doc_id = best.hit.chunk.doc_id
        text = data.documents[doc_id].text
        before = antecedent(data.documents[doc_id], best.start, best.end)
        # "Who is Kuwait's oil minister?", "Why was his trip put off?": the next sentence may complete the answer
        reference = before or following_answer(data.documents[doc_id], best.start, best.end, query.text)
        second = candidates[1] if reference is None and len(candidates) > 1 else None
        # how close the second is, the passages' repeating of the question aside (a detail beside an echoing summary)
        gap = abs(best.score - best.lift - second.score + second.lift) if second is not None else math.inf
        if gap > max(self.weights.runner_up_gap, self.weights.detail_gap):
            second = None
        spans = [(doc_id, *self._fit(data, text, best.start, best.end, budget - 6, query))]
        crowded = self._room(data, spans, budget) < self.weights.min_quote_chars
        if reference is not None and crowded and question_kind(query.text) == "who" and (before is None or pronoun_subject(
                text[best.start:best.end])):  # "He is the first ...", "... chairman Ulrich Wagner told": room for who
            shorter = budget - 8 - 2 * self.weights.min_quote_chars
            spans = [(doc_id, *self._fit(data, text, best.start, best.end, shorter, query))]
        if reference is not None and self._room(data, spans, budget) >= self.weights.min_quote_chars:
            room = self._room(data, spans, budget) - 2
            spans.append((doc_id, *named_window(text, reference, self._fit(data, text, *reference, room, query), room)))
        details = 0
        room = self._room(data, spans, budget)
        if second is not None and second.end - second.start > room and question_kind(query.text) != "when":
            dateline = dateline_at(text, spans[0][1], spans[0][2])  # "WASHINGTON, Oct 19 - ": room for the detail
            if dateline and second.end - second.start <= room + dateline.end() - spans[0][1] - 1:
                spans[0] = (doc_id, dateline.end(), spans[0][2])
                room = self._room(data, spans, budget)
        if second is not None and room >= self.weights.min_quote_chars:
            second_text = data.documents[second.hit.chunk.doc_id].text
            whole = second.end - second.start <= room
            fitted = self._fit(data, second_text, second.start, second.end, room if whole else room - 2, query)
            if question_kind(query.text) == "who":  # "Minister Luis Escalante, who ..., said": keep whom it names
                fitted = named_window(second_text, (second.start, second.end), fitted, room - 2)
            opening = dateline_at(second_text, fitted[0], len(second_text))  # not "WASHINGTON, Oct 19 -" alone
            if whole or fitted[1] - (opening.end() if opening else fitted[0]) >= self.weights.shortest_cut_quote:
                spans.append((second.hit.chunk.doc_id, *fitted))
                details = int(gap > self.weights.runner_up_gap)
        citations, answer = self._cite(data, spans)
        if reference is None and len(answer) > budget and len(spans) > 1:
            citations, answer = self._cite(data, spans[:1])
            details = 0
        return Answer(query.text, True, answer[:MAX_ANSWER_CHARS], tuple(citations), confidence, details=details)

    def _room(self, data: IndexData, spans: list[tuple[str, int, int]], budget: int) -> int:
        """The characters a further quote may take: the budget less the answer so far, a space and its " [n]"."""
        return budget - len(self._cite(data, spans)[1]) - 1 - len(f" [{len(spans) + 1}]")

    @staticmethod
    def _cite(data: IndexData, spans: list[tuple[str, int, int]]) -> tuple[list[Citation], str]:
        citations = []
        for n, (doc_id, start, end) in enumerate(spans, start=1):
            doc = data.documents[doc_id]
            paragraph = next(p.number for p in doc.paragraphs if p.start <= start < p.end)
            citations.append(Citation(n, doc_id, doc.title, paragraph, start, end, doc.text[start:end], doc.url))
        answer = " ".join(f"{shown(data.documents[c.doc_id].text, c.start, c.end)} [{c.n}]" for c in citations)
        return citations, answer

    @staticmethod
    def _fit(data: IndexData, text: str, start: int, end: int, budget: int, query: Query) -> tuple[int, int]:
        """The sentence itself, or its best window of clauses when it is longer than budget (rarest words on a tie)."""
        if end - start <= budget:
            return start, end
        cuts = [start] + [m.end() for m in QUOTE_CUT.finditer(text, start, end)] + [end]
        dateline = dateline_at(text, start, end)
        if dateline is not None:  # a quote starts before "BRUSSELS, June 29 -" or after it, not inside
            cuts = sorted({c for c in cuts if not start < c < dateline.end()} | {dateline.end()})
        clauses = [(a, b) for a, b in pairwise(cuts) if b > a]
        wanted, kind, question_words = set(query.tokens), question_kind(query.text), set(words(query.text))

        def value(a: int, b: int) -> tuple[float, float]:
            piece = text[a:b]
            held = wanted & set(tokenize(piece))
            return len(held) + typed_evidence(kind, piece, question_words), sum(data.bm25.idf(t) for t in held)

        best_i = max(range(len(clauses)), key=lambda i: value(*clauses[i]))
        lo = hi = best_i
        while True:
            options = []
            if lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= budget:
                options.append((value(*clauses[lo - 1]), -1))
            if hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= budget:
                options.append((value(*clauses[hi + 1]), 1))
            if not options:
                break
            _, side = max(options)
            lo, hi = (lo - 1, hi) if side < 0 else (lo, hi + 1)
        a, b = clauses[lo][0], clauses[hi][1]
        if b - a > budget:  # one clause alone is too long: cut at a word boundary
            b = text.rfind(" ", a, a + budget) if text.rfind(" ", a, a + budget) > a else a + budget
        return strip_span(text, a, b)


def precise_asked(kind: str, question: str) -> re.Pattern | None:
    """What a question wanting a day, an hour or a length of time requires of its answer, else None."""
    return precise_time_asked(question) if kind == "when" else duration_asked(question) if kind == "count" else None


def _headline_end(document: Document) -> int:
    """Where the article's title line (paragraph 1) ends; 0 when it has none."""
    first = document.paragraphs[0] if document.paragraphs else None
    return first.end if first is not None and first.number == 1 else 0


def _bigrams(tokens) -> set[tuple[str, str]]:
    return set(pairwise(tokens))
