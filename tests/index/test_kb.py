"""The knowledge base: questions through one entry, index kept current, changes one at a time."""

import shutil
import threading
from pathlib import Path

import pytest

from index.errors import (
    BadQuestionError,
    CorpusWriteError,
    EmptyCorpusError,
    IndexWriteError,
    RefreshInProgressError,
    UnknownDocumentError,
)
from index.kb import KnowledgeBase
from index.retrieval.store import load_index
from tests.index.conftest import SEED, HashingEmbedder, full_disk

ARTICLE = """Talks in Geneva

Swiss Foreign Minister Ignazio Cassis hosted the envoys of both sides in Geneva on Monday.

The talks on the water treaty will resume next month, a spokesman said.
"""


def test_status_reports_counts_and_hash(hashing_kb):
    """Status gives documents, chunks, model, build time and corpus hash."""
    status = hashing_kb.status()
    assert status["documents"] == 1 and status["chunks"] >= 30
    assert status["model"] == "hashing-test" and len(status["corpus_hash"]) == 64 and not status["stale"]


def test_blank_question_is_refused_before_searching(hashing_kb):
    """ask refuses a blank question with BadQuestionError."""
    with pytest.raises(BadQuestionError, match="empty"):
        hashing_kb.ask(" \x00 ")


def test_answer_carries_the_cleaned_question(hashing_kb):
    """The answer names the question as cleaned, whether or not it was answered."""
    answer = hashing_kb.ask("  Who did Putin\x00 talk to\r\non the telephone? ")
    assert answer.question == "Who did Putin talk to on the telephone?"


def test_search_refuses_k_out_of_range(hashing_kb):
    """search asks for 1 to 100 passages."""
    with pytest.raises(BadQuestionError, match="k must be between 1 and 100"):
        hashing_kb.search("Pompeo", k=0)


def test_truncated_faiss_file_is_rebuilt(hashing_kb, fresh_corpus):
    """A knowledge base opening a corrupted index rebuilds it and answers."""
    hashing_kb.ensure_index()
    faiss_file = hashing_kb.data.directory / "chunks.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=hashing_kb.embedder)
    assert reopened.ensure_index() is not None
    assert reopened.search("Pompeo meeting Washington", k=1)


def test_changed_corpus_makes_the_index_stale(hashing_kb, fresh_corpus):
    """Adding a file to the corpus marks the index stale and the next question rebuilds it."""
    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    assert hashing_kb.is_stale()
    report = hashing_kb.ensure_index()
    assert report.added == ["geneva"] and report.documents == 2
    assert not hashing_kb.is_stale()


def test_failed_refresh_keeps_the_old_index(hashing_kb, fresh_corpus):
    """A refresh that fails (corpus emptied) raises and the old index keeps answering, on disk too."""
    hashing_kb.ensure_index()
    before = hashing_kb.data
    (fresh_corpus / "karabakh-diplomacy.txt").unlink()
    with pytest.raises(EmptyCorpusError):
        hashing_kb.refresh()
    assert hashing_kb.data is before
    assert load_index(hashing_kb.index_dir).manifest == before.manifest
    assert hashing_kb.search("Pompeo", k=1)


def test_second_refresh_is_refused_while_one_runs(hashing_kb):
    """Only one refresh at a time: a second request is told one is running."""
    hashing_kb.ensure_index()
    started, release = threading.Event(), threading.Event()

    def slow_progress(stage, done, total):
        started.set()
        release.wait(5)

    worker = threading.Thread(target=hashing_kb.refresh, kwargs={"progress": slow_progress})
    worker.start()
    assert started.wait(5)
    with pytest.raises(RefreshInProgressError):
        hashing_kb.refresh()
    release.set()
    worker.join(10)


def test_unknown_doc_id(hashing_kb):
    """Asking for an article that is not indexed names the id and the known ones."""
    with pytest.raises(UnknownDocumentError, match="karabakh-diplomacy"):
        hashing_kb.source("no-such-article")


def test_add_and_remove_an_article(hashing_kb, tmp_path):
    """An added file becomes a document; removing it deletes the file and its chunks."""
    hashing_kb.ensure_index()
    source = tmp_path / "geneva.txt"
    source.write_text(ARTICLE)
    doc_id, report = hashing_kb.add(source)
    assert doc_id == "geneva" and report.added == ["geneva"]
    assert hashing_kb.source("geneva").title == "Talks in Geneva"
    report = hashing_kb.remove("geneva")
    assert report.removed == ["geneva"]
    assert not (hashing_kb.corpus_dir / "geneva.txt").exists()
    with pytest.raises(UnknownDocumentError):
        hashing_kb.source("geneva")


def test_processes_sharing_an_index_follow_a_refresh(hashing_kb, fresh_corpus):
    """A second knowledge base on the same index directory picks up the build the first swapped in."""
    hashing_kb.ensure_index()
    other = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=HashingEmbedder())
    other.ensure_index()
    assert not other.follow_shared_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    hashing_kb.refresh()
    assert other.follow_shared_index()
    assert other.source("geneva").title == "Talks in Geneva"


def test_index_of_another_model_is_rebuilt(hashing_kb, fresh_corpus):
    """An index built with a different embedding model is stale and gets rebuilt."""
    hashing_kb.ensure_index()
    other = HashingEmbedder()
    other.name = "another-model"
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=other)
    report = reopened.ensure_index()
    assert report is not None and report.reused == 0
    assert reopened.status()["model"] == "another-model"


@pytest.mark.slow
def test_control_characters_are_ignored(seed_kb):
    """Control characters inside a question do not stop it being answered."""
    answer = seed_kb.ask("Who did Putin\x00 talk to\x07 on the\r\ntelephone?")
    assert answer.answered and "Macron" in answer.answer


@pytest.mark.slow
def test_follow_up_leans_on_the_earlier_question(seed_kb):
    """'and where will they meet him?' after 'who is meeting Pompeo?' is answered with Washington."""
    answer = seed_kb.ask("and where will they meet him?", context="who is meeting Pompeo?")
    assert answer.answered and "Washington" in answer.answer
    assert answer.question == "and where will they meet him?"


@pytest.mark.slow
def test_unanswered_question_says_so_in_plain_words(seed_kb):
    """A question the articles do not answer comes back unanswered, without citations, saying so."""
    answer = seed_kb.ask("What is the boiling point of water?")
    assert not answer.answered and answer.citations == ()
    assert answer.answer == "The articles do not answer this question."


@pytest.mark.slow
def test_meeting_question_names_both_ministers(seed_kb):
    """'Who is meeting Pompeo?' names both countries' ministers and cites the lead paragraph or 'The pair'."""
    answer = seed_kb.ask("who is meeting Pompeo?")
    assert answer.answered
    assert "Armenia" in answer.answer and "Azerbaijan" in answer.answer
    assert {3, 8} & {c.paragraph for c in answer.citations}


def test_remove_deletes_only_the_corpus_file_wherever_it_runs(tmp_path, monkeypatch):
    """`remove` run from another directory deletes the article in the corpus, never a file elsewhere."""
    corpus = tmp_path / "data" / "corpus"
    corpus.mkdir(parents=True)
    shutil.copy(SEED, corpus)
    (corpus / "geneva.txt").write_text(ARTICLE)
    (tmp_path / "one").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    KnowledgeBase(Path("../data/corpus"), tmp_path / "index", embedder=HashingEmbedder()).ensure_index()
    decoy = tmp_path / "two" / "data" / "corpus" / "geneva.txt"  # where ../data/corpus/geneva.txt is from two/sub
    decoy.parent.mkdir(parents=True)
    decoy.write_text("not an article of the corpus")
    (tmp_path / "two" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "two" / "sub")
    kb = KnowledgeBase(Path("../../data/corpus"), tmp_path / "index", embedder=HashingEmbedder())
    report = kb.remove("geneva")
    assert decoy.read_text() == "not an article of the corpus"
    assert not (corpus / "geneva.txt").exists() and report.removed == ["geneva"]
    with pytest.raises(UnknownDocumentError):
        kb.source("geneva")


def test_a_full_disk_keeps_the_last_index_answering(hashing_kb, fresh_corpus, caplog):
    """When the index cannot be written, questions are answered from the last good index with a warning."""
    hashing_kb.ensure_index()
    (fresh_corpus / "geneva.txt").write_text(ARTICLE)
    reopened = KnowledgeBase(fresh_corpus, hashing_kb.index_dir, embedder=HashingEmbedder())
    with full_disk():
        assert reopened.ensure_index() is None
        assert reopened.search("Pompeo meeting Washington", k=1) and reopened.status()["documents"] == 1
    assert any(r.levelname == "WARNING" and "cannot write the index" in r.getMessage()
               and "answering from the index built" in r.getMessage() for r in caplog.records)


def test_an_add_on_a_full_disk_is_one_error_and_changes_nothing(hashing_kb, fresh_corpus, tmp_path):
    """`add` when the index cannot be written fails with one line; the corpus and the index are as before."""
    hashing_kb.ensure_index()
    before = sorted(p.name for p in fresh_corpus.iterdir())
    source = tmp_path / "geneva.txt"
    source.write_text(ARTICLE)
    with full_disk(), pytest.raises(IndexWriteError, match=r"^cannot write the index in .*: File too large$"):
        hashing_kb.add(source)
    assert sorted(p.name for p in fresh_corpus.iterdir()) == before
    assert hashing_kb.status()["documents"] == 1 and not hashing_kb.is_stale()


def test_an_add_to_a_full_corpus_disk_is_one_error_and_changes_nothing(hashing_kb, fresh_corpus, tmp_path):
    """`add` when the article cannot be written into the corpus fails with one line and leaves no piece of it."""
    hashing_kb.ensure_index()
    before = sorted(p.name for p in fresh_corpus.iterdir())
    source = tmp_path / "geneva.txt"
    source.write_text(ARTICLE + "The delegations will meet again. " * 100)
    with full_disk(limit=1000), pytest.raises(CorpusWriteError, match=r"^cannot change geneva.txt in the corpus "
                                                                       r".*: File too large$"):
        hashing_kb.add(source)
    assert sorted(p.name for p in fresh_corpus.iterdir()) == before and hashing_kb.status()["documents"] == 1


def test_a_file_over_the_size_cap_put_in_the_corpus_is_skipped(fresh_corpus, tmp_path):
    """An article file larger than the cap dropped straight into the corpus is skipped with a warning,
    not split into passages; the other articles are indexed as usual."""
    (fresh_corpus / "long.txt").write_text("Long\n\n" + "The envoys met again in Geneva. " * 400)
    embedder = HashingEmbedder()
    kb = KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=embedder, max_file_bytes=10_000)
    report = kb.ensure_index()
    long_file = fresh_corpus / "long.txt"
    assert report.warnings == [f"skipped long.txt: cannot read {long_file}: over the 10 kB limit (MAX_FILE_BYTES)"]
    assert [d.doc_id for d in kb.documents()] == ["karabakh-diplomacy"] and kb.ensure_index() is None


@pytest.mark.slow
def test_a_fault_in_the_records_answer_falls_back_to_the_passages(seed_kb, monkeypatch, caplog):
    """A bug in the meeting records' answer loses no question: the passages answer it and the log says why."""
    import index.kb

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(index.kb, "answer_from_meetings", broken)
    answer = seed_kb.ask("Who will Pompeo meet in Washington?")
    assert answer.answered and "Pompeo" in answer.answer and answer.citations
    assert "answering from the passages" in caplog.text


def test_loading_an_index_reads_the_place_names_before_any_question(hashing_kb):
    """The cities the answers check are read with the index, not during a first question (which would
    hold the bot's event loop for about 0.4 s)."""
    from index.text import gazetteer

    hashing_kb.ensure_index()
    gazetteer._cities.cache_clear()
    load_index(hashing_kb.index_dir)
    assert gazetteer._cities.cache_info().currsize == 1


def test_installing_an_index_reads_the_names_lower_case_questions_are_checked_for(hashing_kb, monkeypatch):
    """The names a question typed in lower case is checked for are read when the index is installed (about
    3.7 s for 100k passages), not during a first such question."""
    from index.answers import lower_case

    monkeypatch.setattr(lower_case, "_names_cache", type(lower_case._names_cache)())
    hashing_kb.ensure_index()
    documents = hashing_kb.data.documents
    cached = lower_case._names_cache.get(id(documents))
    assert cached is not None and cached[0] is documents and "pompeo" in cached[1]
