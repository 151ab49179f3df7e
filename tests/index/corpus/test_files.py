"""Changes to the corpus: saving fetched articles without duplicates, and every change undone when it fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.corpus.documents import load_corpus, load_document
from index.corpus.fetch import FetchPolicy
from index.corpus.files import CorpusChange, save_article
from index.corpus.html import ExtractedArticle, extract_article
from index.errors import CommuniqueError, CorpusWriteError, WebError
from index.kb import KnowledgeBase
from tests.index.conftest import SEED, HashingEmbedder
from tests.index.corpus.conftest import (
    FAST,
    GENEVA,
    GENEVA_URL,
    Handler,
    changed_geneva,
    snapshot,
)


def geneva() -> ExtractedArticle:
    return extract_article(GENEVA.encode("utf-8"))


def save(corpus: Path, article: ExtractedArticle):
    with CorpusChange(corpus) as change:
        return save_article(change, article)


def interrupt(stage: str, done: int, total: int) -> None:
    """A progress callback that stops the rebuild, as a Ctrl-C would."""
    raise KeyboardInterrupt


@pytest.fixture
def kb(fresh_corpus, tmp_path) -> KnowledgeBase:
    return KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=HashingEmbedder())


# ---------------------------------------------------------------- saving fetched articles


def test_a_saved_article_is_a_text_file_and_a_sidecar(corpus):
    """A saved page becomes <slug>.txt plus <slug>.meta.json, which the corpus loader reads back."""
    result = save(corpus, geneva())
    assert result.status == "added" and result.doc_id == "foreign-ministers-agree-to-resume-border-talks-in-geneva"
    assert sorted(p.name for p in corpus.iterdir()) == [f"{result.doc_id}.meta.json", f"{result.doc_id}.txt"]
    document = load_document(result.path)
    assert document.text == geneva().text and not document.dropped
    assert document.meta == {"title": "Foreign ministers agree to resume border talks in Geneva",
                             "outlet": "The Meridian Herald", "author": "Helena Marsh",
                             "published": "2024-03-12", "url": GENEVA_URL}


def test_the_same_article_twice_is_not_duplicated(corpus):
    """Saving an article again leaves the corpus as it was and says it is already there."""
    first = save(corpus, geneva())
    before = snapshot(corpus)
    again = save(corpus, geneva())
    assert (again.status, again.doc_id, again.path) == ("unchanged", first.doc_id, first.path)
    assert not again.changed and snapshot(corpus) == before


def test_a_changed_page_replaces_the_old_version(corpus):
    """The same canonical url with new text replaces the file in place, keeping its doc id."""
    first = save(corpus, geneva())
    second = save(corpus, extract_article(changed_geneva().encode("utf-8")))
    assert (second.status, second.doc_id, second.path) == ("replaced", first.doc_id, first.path)
    assert len(list(corpus.glob("*.txt"))) == 1
    assert "more than six hours" in second.path.read_text(encoding="utf-8")


def test_the_same_text_at_another_url_is_not_duplicated(corpus):
    """A syndicated copy of an article already in the corpus is recognised by its text."""
    first = save(corpus, geneva())
    before = snapshot(corpus)
    copy = ExtractedArticle(geneva().title, geneva().text, {**geneva().meta, "url": "https://syndication.example/g"})
    result = save(corpus, copy)
    assert (result.status, result.doc_id) == ("unchanged", first.doc_id) and snapshot(corpus) == before


def test_articles_with_the_same_title_get_distinct_files(corpus):
    """A different article whose title slug is taken gets a numbered file name."""
    one = geneva()
    other = ExtractedArticle(one.title, one.text.replace("Tuesday", "Wednesday"),
                             {**one.meta, "url": "https://other.example/geneva"})
    assert save(corpus, one).doc_id == "foreign-ministers-agree-to-resume-border-talks-in-geneva"
    second = save(corpus, other)
    assert second.status == "added" and second.doc_id.endswith("-2")


def test_a_page_replaces_a_markdown_copy_with_the_same_url(corpus):
    """An article kept as .md with the page's url in its front matter is replaced by the fetched .txt."""
    (corpus / "geneva.md").write_text(f"---\nurl: {GENEVA_URL}\n---\n# Old title\n\nOld text.\n", encoding="utf-8")
    result = save(corpus, geneva())
    assert (result.status, result.doc_id) == ("replaced", "geneva")
    assert sorted(p.name for p in corpus.iterdir()) == ["geneva.meta.json", "geneva.txt"]
    documents, warnings = load_corpus(corpus)
    assert [d.doc_id for d in documents] == ["geneva"] and not warnings


# ---------------------------------------------------------------- one transaction


def test_a_failed_change_puts_every_file_back(corpus):
    """Files written, overwritten and deleted before a failure are all as they were afterwards."""
    (corpus / "kept.txt").write_text("Kept\n\nOld text.\n", encoding="utf-8")
    (corpus / "gone.txt").write_text("Gone\n\nText.\n", encoding="utf-8")
    before = snapshot(corpus)
    with pytest.raises(RuntimeError), CorpusChange(corpus) as change:
        change.write(corpus / "new.txt", b"New\n\nText.\n")
        change.write(corpus / "kept.txt", b"Kept\n\nNew text.\n")
        change.delete(corpus / "gone.txt")
        raise RuntimeError("the rebuild failed")
    assert snapshot(corpus) == before


def test_a_failed_write_leaves_no_partial_article(corpus):
    """If the second file of a change cannot be written, the first one is removed again."""
    (corpus / "blocked.meta.json").mkdir()  # a directory where the sidecar should go
    with pytest.raises(CorpusWriteError, match="^cannot change blocked.meta.json in the corpus "), \
            CorpusChange(corpus) as change:
        change.write(corpus / "blocked.txt", b"Blocked\n\nText.\n")
        change.write(corpus / "blocked.meta.json", b"{}\n")
    assert sorted(p.name for p in corpus.iterdir()) == ["blocked.meta.json"]


def test_an_interrupted_add_leaves_the_corpus_as_it_was(kb, tmp_path):
    """When the rebuild after `add` fails, the copied article and its sidecar are removed again."""
    article = tmp_path / "talks.txt"
    article.write_text("Talks\n\nThe envoys met in Vienna on Monday.\n", encoding="utf-8")
    (tmp_path / "talks.meta.json").write_text(json.dumps({"outlet": "Example News"}), encoding="utf-8")
    before = snapshot(kb.corpus_dir)
    with pytest.raises(KeyboardInterrupt):
        kb.add(article, progress=interrupt)
    assert snapshot(kb.corpus_dir) == before


def test_an_added_file_brings_its_sidecar(kb, tmp_path):
    """`add` copies the article and its sidecar, and the article is searchable with its metadata."""
    article = tmp_path / "talks.txt"
    article.write_text("Talks\n\nThe envoys met in Vienna on Monday.\n", encoding="utf-8")
    (tmp_path / "talks.meta.json").write_text(json.dumps({"outlet": "Example News"}), encoding="utf-8")
    doc_id, _report = kb.add(article)
    assert doc_id == "talks" and kb.source("talks").outlet == "Example News"
    assert {"talks.txt", "talks.meta.json"} <= set(snapshot(kb.corpus_dir))


def test_a_file_already_in_the_corpus_under_that_name_is_refused(kb, tmp_path):
    """`add` will not overwrite another article's file."""
    article = tmp_path / SEED.name
    article.write_text("Other\n\nAnother article with the seed's file name.\n", encoding="utf-8")
    with pytest.raises(Exception, match="already in the corpus"):
        kb.add(article)


@pytest.mark.parametrize("name", ["karabakh-diplomacy.md", "Karabakh Diplomacy.txt"])
def test_an_article_with_a_taken_id_is_refused(kb, tmp_path, name):
    """A file whose id is an indexed article's is refused in one line; that article answers as before."""
    shutil.copy(SEED.with_name("karabakh-diplomacy.meta.json"), kb.corpus_dir)
    kb.ensure_index()
    before, seed = snapshot(kb.corpus_dir), kb.source("karabakh-diplomacy")
    article = tmp_path / name
    article.write_text("# Other talks\n\nThe envoys met in Oslo on Friday.\n", encoding="utf-8")
    with pytest.raises(CommuniqueError, match=r"^karabakh-diplomacy is already in the corpus \(karabakh-diplomacy"
                                              r"\.txt\); remove it first, or add it with --replace"):
        kb.add(article)
    assert snapshot(kb.corpus_dir) == before
    assert kb.source("karabakh-diplomacy") == seed and kb.search("Pompeo Washington", k=1)


def test_replace_takes_the_old_article_and_its_metadata_away(kb, tmp_path):
    """With replace, the article of that id goes with its sidecar: the new one inherits no title or date."""
    shutil.copy(SEED.with_name("karabakh-diplomacy.meta.json"), kb.corpus_dir)
    article = tmp_path / "karabakh-diplomacy.md"
    article.write_text("# Other talks\n\nThe envoys met in Oslo on Friday.\n", encoding="utf-8")
    doc_id, report = kb.add(article, replace=True)
    assert sorted(snapshot(kb.corpus_dir)) == ["karabakh-diplomacy.md"] and report.documents == 1
    document = kb.source(doc_id)
    assert (document.title, document.published) == ("Other talks", None)


def test_a_hidden_file_is_refused(kb, tmp_path):
    """A file whose name starts with a dot would never be indexed, so `add` refuses it in one line."""
    article = tmp_path / ".talks.txt"
    article.write_text("Talks\n\nThe envoys met in Vienna on Monday.\n", encoding="utf-8")
    before = snapshot(kb.corpus_dir)
    with pytest.raises(CommuniqueError, match=r"^cannot add \.talks\.txt: hidden files .* are never indexed"):
        kb.add(article)
    assert snapshot(kb.corpus_dir) == before


def test_a_file_over_the_size_cap_is_refused(fresh_corpus, tmp_path):
    """An article file larger than the cap is refused in one line before anything is read or embedded."""
    embedder = HashingEmbedder()
    kb = KnowledgeBase(fresh_corpus, tmp_path / "index", embedder=embedder, max_file_bytes=10_000)
    kb.ensure_index()
    encoded = embedder.encoded
    article = tmp_path / "long.txt"
    article.write_text("Long\n\n" + "The envoys met again. " * 600, encoding="utf-8")
    with pytest.raises(CommuniqueError, match=r"^cannot add long\.txt: the file is over the 10 kB limit"):
        kb.add(article)
    assert sorted(snapshot(kb.corpus_dir)) == ["karabakh-diplomacy.txt"] and embedder.encoded == encoded


def test_an_interrupted_remove_leaves_the_corpus_as_it_was(kb):
    """When the rebuild after `remove` fails, the article and its sidecar are back."""
    shutil.copy(SEED.with_name("karabakh-diplomacy.meta.json"), kb.corpus_dir)
    (kb.corpus_dir / "extra.txt").write_text("Extra\n\nA second article about Vienna.\n", encoding="utf-8")
    kb.refresh()
    before = snapshot(kb.corpus_dir)
    with pytest.raises(KeyboardInterrupt):
        kb.remove("karabakh-diplomacy", progress=interrupt)
    assert snapshot(kb.corpus_dir) == before


def test_remove_deletes_the_article_and_its_sidecar(kb):
    """`remove` takes both files away."""
    shutil.copy(SEED.with_name("karabakh-diplomacy.meta.json"), kb.corpus_dir)
    (kb.corpus_dir / "extra.txt").write_text("Extra\n\nA second article about Vienna.\n", encoding="utf-8")
    kb.remove("karabakh-diplomacy")
    assert sorted(snapshot(kb.corpus_dir)) == ["extra.txt"]


# ---------------------------------------------------------------- pages through the knowledge base


def test_an_interrupted_add_url_puts_the_old_version_back(kb, site, policy):
    """When the rebuild after a replacing add_url fails, the previous version of the article is back."""
    kb.add_url(f"{site}/changing", policy)
    before = snapshot(kb.corpus_dir)
    Handler.state["changing"] = changed_geneva()
    with pytest.raises(KeyboardInterrupt):
        kb.add_url(f"{site}/changing", policy, progress=interrupt)
    assert snapshot(kb.corpus_dir) == before


def test_a_page_at_another_address_is_already_there(kb, site, policy):
    """Adding a page through a redirecting address finds the copy saved from its first address."""
    first, report = kb.add_url(f"{site}/geneva", policy)
    again, no_report = kb.add_url(f"{site}/old-address", policy)
    assert report is not None and no_report is None
    assert (again.status, again.doc_id) == ("unchanged", first.doc_id)


@pytest.mark.parametrize("route", ["/missing", "/report.pdf", "/huge", "/no-article", "/empty", "/to-ftp"])
def test_failures_change_nothing(kb, site, route):
    """Whatever goes wrong with a page, the corpus directory is left exactly as it was."""
    before = snapshot(kb.corpus_dir)
    with pytest.raises(WebError):
        kb.add_url(site + route, FetchPolicy(timeout=FAST, max_bytes=100_000, allow_private=True))
    assert snapshot(kb.corpus_dir) == before


def test_a_question_is_answered_from_an_added_page_with_its_url(kb, site, policy):
    """After adding a page, a question about it is answered with a citation linking to the article."""
    result, _report = kb.add_url(f"{site}/tbilisi", policy)
    answer = kb.ask("How much will Azerbaijan contribute to upgrade the Baku–Tbilisi–Kars line?")
    assert answer.answered, answer
    cited = [c for c in answer.citations if c.doc_id == result.doc_id]
    assert cited and all(c.url == f"{site}/tbilisi" for c in cited)  # TBILISI_URL is on another host
    document = kb.source(result.doc_id)
    assert all(document.text[c.start:c.end] == c.quote for c in cited)
    assert any("€400 million" in c.quote for c in cited)
    assert (document.outlet, document.published) == ("Caspian Wire", "2024-05-28")
    json.dumps(answer.to_json())


def test_a_page_cannot_replace_another_sites_article(kb, site, policy):
    """A page fetched from one host that claims another site's article as canonical is added beside it."""
    original = save(kb.corpus_dir, geneva())
    kb.refresh()
    before = original.path.read_bytes()
    Handler.state["changing"] = changed_geneva()
    result, _report = kb.add_url(f"{site}/changing", policy)
    assert result.status == "added" and result.doc_id != original.doc_id
    assert original.path.read_bytes() == before and kb.source(original.doc_id).url == GENEVA_URL
    assert kb.source(result.doc_id).url == f"{site}/changing"
