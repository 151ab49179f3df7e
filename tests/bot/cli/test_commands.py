"""The commands of `communique`: their contracts (DESIGN.md), exit codes and error lines."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, SEED_CORPUS, SEED_DOC

DEV_EVAL = ROOT / "tests" / "data" / "seed_questions.jsonl"
ANSWER_KEYS = {"question", "answered", "answer", "citations", "score"}
CITATION_KEYS = {"n", "doc_id", "title", "paragraph", "start", "end", "quote", "url"}
HIT_KEYS = {"doc_id", "paragraph", "start", "end", "text", "score"}


def assert_one_error_line(result, *words: str) -> None:
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("communique: error: ")
    assert "Traceback" not in result.err
    for word in words:
        assert word in line


# --- ask --------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_ask_json_has_the_design_shape(cli, seed_paths):
    """`ask --json` prints one object with the DESIGN keys; every quote is the document text at its span."""
    result = cli("ask", "--json", "who is meeting Pompeo?", *seed_paths)
    assert result.code == 0, result.err
    answer = result.json()
    assert set(answer) == ANSWER_KEYS
    assert isinstance(answer["answered"], bool)
    assert isinstance(answer["score"], float)
    assert len(answer["answer"]) <= 500
    text = (SEED_CORPUS / f"{SEED_DOC}.txt").read_text(encoding="utf-8")
    for citation in answer["citations"]:
        assert set(citation) == CITATION_KEYS
        assert citation["quote"] == text[citation["start"]:citation["end"]]


@pytest.mark.slow
def test_ask_text_shows_answer_and_numbered_quotes(cli, seed_paths):
    """Plain `ask` prints the answer, then each quote numbered with its title and paragraph."""
    result = cli("ask", "who is meeting Pompeo?", *seed_paths)
    assert result.code == 0, result.err
    assert "[1] “" in result.out
    assert ", paragraph " in result.out


@pytest.mark.slow
def test_ask_json_stdin_prints_one_object_per_line(cli, seed_paths):
    """`ask --json -` answers each stdin line (blank lines skipped) with one JSON object per line."""
    result = cli("ask", "--json", "-", *seed_paths,
                 stdin="who is meeting Pompeo?\n\nWho is the Russian foreign minister?\n")
    assert result.code == 0, result.err
    answers = result.json_lines()
    questions = [a["question"] for a in answers]
    assert questions == ["who is meeting Pompeo?", "Who is the Russian foreign minister?"]
    assert all(set(a) == ANSWER_KEYS for a in answers)


@pytest.mark.slow
def test_ask_json_stdin_reports_a_bad_line_and_goes_on(cli, seed_paths):
    """A bad line in batch mode gets an error object in its place; the others are answered; exit 1."""
    long = "x" * 5000
    result = cli("ask", "--json", "-", *seed_paths, stdin=f"{long}\nwho is meeting Pompeo?\n")
    assert result.code == 1
    first, second = result.json_lines()
    assert first["question"] == long
    assert "limit" in first["error"]
    assert set(second) == ANSWER_KEYS


def test_overlong_question_is_a_clear_error(cli, tmp_path):
    """A 10,000-character question exits 2 with one line giving its length and the limit."""
    result = cli("ask", "a" * 10_000, "--corpus", SEED_CORPUS, "--index", tmp_path / "index")
    assert_one_error_line(result, "10,000 characters", "limit is 1,000")


@pytest.mark.slow
def test_control_characters_in_a_question_are_ignored(cli, seed_paths):
    """A question with control characters is answered as if they were spaces."""
    result = cli("ask", "--json", "who is meeting\x00 Pompeo?\x07", *seed_paths)
    assert result.code == 0, result.err
    answer = result.json()
    assert answer["question"] == "who is meeting Pompeo?"
    assert answer["answered"]


@pytest.mark.slow
def test_undecodable_bytes_in_a_question_are_replaced(cli, seed_paths):
    """A question holding bytes that are not UTF-8 (lone surrogates in argv) is answered, not a crash."""
    result = cli("ask", "--json", "\udcff who is meeting Pompeo?", *seed_paths)
    assert result.code == 0, result.err
    assert result.json()["question"] == "\ufffd who is meeting Pompeo?"


@pytest.mark.slow
def test_paths_are_accepted_before_the_command(cli, seed_kb):
    """--corpus and --index work before the command name as well as after it."""
    result = cli("--corpus", seed_kb.corpus_dir, "--index", seed_kb.index_dir, "source", SEED_DOC, "--json")
    assert result.code == 0, result.err
    assert result.json()["doc_id"] == SEED_DOC


# --- search -----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_search_json_returns_k_hits(cli, seed_paths):
    """`search --json -k 3` prints the query and three hits with the DESIGN keys, best first."""
    result = cli("search", "--json", "-k", "3", "Lavrov", *seed_paths)
    assert result.code == 0, result.err
    data = result.json()
    assert data["query"] == "Lavrov"
    assert len(data["hits"]) == 3
    assert all(set(hit) == HIT_KEYS for hit in data["hits"])
    scores = [hit["score"] for hit in data["hits"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.slow
def test_search_json_stdin_prints_one_object_per_line(cli, seed_paths):
    """`search --json -` prints one {query, hits} object per stdin line."""
    result = cli("search", "--json", "-", "-k", "2", *seed_paths, stdin="Lavrov\nPompeo\n")
    assert result.code == 0, result.err
    assert [(d["query"], len(d["hits"])) for d in result.json_lines()] == [("Lavrov", 2), ("Pompeo", 2)]


def test_search_k_out_of_range_is_an_error(cli, tmp_path):
    """-k 0 is refused with one error line."""
    result = cli("search", "-k", "0", "Lavrov", "--corpus", SEED_CORPUS, "--index", tmp_path / "index")
    assert_one_error_line(result, "-k")


# --- source -----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_source_unknown_id_is_one_error_line(cli, seed_paths):
    """An unknown doc id exits 2 with one line naming it."""
    assert_one_error_line(cli("source", "no-such-article", *seed_paths), "no-such-article")


@pytest.mark.slow
def test_source_json_text_is_the_file_content(cli, seed_paths, seed_kb):
    """`source DOC --json` gives doc_id, title, meta, text (the file unchanged) and paragraph spans."""
    result = cli("source", SEED_DOC, "--json", *seed_paths)
    assert result.code == 0, result.err
    data = result.json()
    assert data["text"] == (seed_kb.corpus_dir / f"{SEED_DOC}.txt").read_text(encoding="utf-8")
    assert {"doc_id", "title", "meta", "text", "paragraphs"} <= set(data)
    number, start, end = data["paragraphs"][0]
    assert number == 1
    assert data["text"][start:end] == data["title"]


@pytest.mark.slow
def test_source_text_numbers_the_paragraphs(cli, seed_paths):
    """Plain `source` prints the title, then the paragraphs numbered [1], [2], ..."""
    result = cli("source", SEED_DOC, *seed_paths)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Karabakh Conflict")
    assert "[2] " in result.out
    assert "[32] " in result.out


# --- index ------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_index_status_json_keys(cli, seed_paths):
    """`index status --json` reports documents, chunks, model, built_at and the corpus hash."""
    result = cli("index", "status", "--json", *seed_paths)
    assert result.code == 0, result.err
    status = result.json()
    assert {"documents", "chunks", "model", "built_at", "corpus_hash"} <= set(status)
    assert status["documents"] == 1
    assert status["chunks"] > 0


def test_empty_corpus_is_one_error_line(cli, tmp_path):
    """A corpus directory with no articles exits 2 with one line naming it."""
    (tmp_path / "corpus").mkdir()
    result = cli("ask", "who is meeting Pompeo?",
                 "--corpus", tmp_path / "corpus", "--index", tmp_path / "index")
    assert_one_error_line(result, "no readable")


@pytest.mark.parametrize("make", [False, True])
def test_missing_corpus_directory_says_so(cli, tmp_path, make):
    """--corpus naming no directory (or a file) exits 2 with one line saying which and how to set it."""
    corpus = tmp_path / "no-such-corpus"
    if make:
        corpus.write_text("not a directory", encoding="utf-8")
    result = cli("ask", "who is meeting Pompeo?", "--corpus", corpus, "--index", tmp_path / "index")
    assert_one_error_line(result, str(corpus), "is not a directory" if make else "does not exist", "--corpus")


def test_index_add_help_names_every_accepted_input(cli):
    """`index add --help` names .txt, .md, .html files and a page's URL."""
    result = cli("index", "add", "--help")
    assert result.code == 0
    for accepted in (".txt", ".md", ".html", "URL", "https://"):
        assert accepted in result.out


@pytest.mark.slow
def test_truncated_faiss_file_is_rebuilt(cli, seed_kb, tmp_path):
    """A truncated FAISS file in the index makes the CLI rebuild the index, then answer."""
    index = tmp_path / "index"
    shutil.copytree(seed_kb.index_dir, index)
    faiss_file = index / (index / "CURRENT").read_text().strip() / "chunks.faiss"
    with faiss_file.open("r+b") as handle:
        handle.truncate(100)
    result = cli("ask", "--json", "who is meeting Pompeo?", "--corpus", seed_kb.corpus_dir, "--index", index)
    assert result.code == 0, result.err
    assert result.json()["answered"]
    assert "building the index" in result.err
    assert "Traceback" not in result.err


@pytest.mark.slow
def test_index_build_reports_when_up_to_date(cli, seed_paths):
    """`index build` on a current index builds nothing and says so."""
    result = cli("index", "build", *seed_paths)
    assert result.code == 0, result.err
    assert result.out.startswith("index is up to date")


@pytest.mark.slow
def test_index_add_makes_an_article_available(cli, seed_kb, tmp_path):
    """`index add FILE` copies the article into the corpus and indexes it, printing a one-line summary."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_kb.corpus_dir, corpus)
    article = tmp_path / "geneva-talks.txt"
    article.write_text("Talks in Geneva\n\nThe envoys of Ruritania and Freedonia met in Geneva on Monday.\n",
                       encoding="utf-8")
    paths = ["--corpus", corpus, "--index", tmp_path / "index"]
    result = cli("index", "add", article, *paths)
    assert result.code == 0, result.err
    assert result.out.startswith("added geneva-talks; index built: 2 articles")
    assert (corpus / "geneva-talks.txt").exists()
    assert cli("source", "geneva-talks", "--json", *paths).json()["title"] == "Talks in Geneva"


@pytest.mark.slow
def test_index_remove_deletes_an_article(cli, seed_kb, tmp_path):
    """`index remove DOC` deletes the article's file and drops it from the index."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_kb.corpus_dir, corpus)
    (corpus / "extra.txt").write_text("Extra\n\nA second article about a meeting in Vienna.\n",
                                      encoding="utf-8")
    paths = ["--corpus", corpus, "--index", tmp_path / "index"]
    result = cli("index", "remove", "extra", *paths)
    assert result.code == 0, result.err
    assert result.out.startswith("removed extra;")
    assert not (corpus / "extra.txt").exists()
    assert cli("index", "status", "--json", *paths).json()["documents"] == 1


def test_index_add_url_fetches_the_article(cli, seed_kb, tmp_path, monkeypatch, news_site):
    """`index add URL` saves the page's article and its metadata; adding it again changes nothing."""
    monkeypatch.setenv("WEB_ALLOW_PRIVATE", "true")
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_kb.corpus_dir, corpus)
    paths = ["--corpus", corpus, "--index", tmp_path / "index"]
    result = cli("index", "add", news_site, *paths)
    assert result.code == 0, result.err
    assert result.out.startswith("added ")
    sidecars = [json.loads(p.read_text()) for p in corpus.glob("*.meta.json") if "karabakh" not in p.name]
    assert sidecars[0]["outlet"] == "The Meridian Herald"
    again = cli("index", "add", news_site, *paths)
    assert again.code == 0 and "already in the corpus" in again.out


def test_index_add_url_refuses_private_addresses(cli, seed_paths, news_site):
    """Without WEB_ALLOW_PRIVATE a loopback address is refused in one line, before any fetch."""
    result = cli("index", "add", news_site, *seed_paths)
    assert_one_error_line(result, "loopback address", "WEB_ALLOW_PRIVATE")


def test_index_add_refuses_other_file_types(cli, tmp_path):
    """`index add` of a file that is not .txt, .md or .html exits 2 with one line."""
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF")
    result = cli("index", "add", pdf, "--corpus", SEED_CORPUS, "--index", tmp_path / "index")
    assert_one_error_line(result, ".txt, .md and .html")


# --- eval -------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_eval_json_passes_the_shipped_questions(cli, seed_paths):
    """`eval tests/data/seed_questions.jsonl --json`: every answerable question passes, every other one abstains."""
    result = cli("eval", DEV_EVAL, "--json", *seed_paths)
    assert result.code == 0, result.err
    data = result.json()
    assert data["questions"] == sum(1 for line in DEV_EVAL.read_text().splitlines() if line.strip())
    assert data["answerable"]["passed"] == data["answerable"]["total"] > 0, data["failures"]
    assert data["unanswerable"]["abstained"] == data["unanswerable"]["total"] > 0, data["failures"]
    assert data["quotes"]["verbatim"] == data["quotes"]["total"]
    assert data["failures"] == []


@pytest.mark.slow
def test_eval_lists_failures_with_question_and_answer(cli, seed_paths, tmp_path):
    """A case whose expected answer is nowhere in the articles is listed with its question and answer."""
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "x1", "question": "who is meeting Pompeo?",
                                 "answer_any": [["zzz-not-in-any-article"]], "evidence": [8]}) + "\n")
    result = cli("eval", cases, "--json", *seed_paths)
    assert result.code == 0, result.err
    data = result.json()
    assert data["answerable"] == {"total": 1, "passed": 0, "rate": 0.0}
    [failure] = data["failures"]
    assert failure["id"] == "x1"
    assert failure["question"] == "who is meeting Pompeo?"
    assert "answer" in failure
    assert "zzz-not-in-any-article" in failure["reason"]


def test_eval_unreadable_file_exits_2(cli, tmp_path):
    """An eval file that cannot be read exits 2 with one line naming it."""
    result = cli("eval", tmp_path / "missing.jsonl", "--corpus", SEED_CORPUS, "--index", tmp_path / "index")
    assert_one_error_line(result, "missing.jsonl")


# --- chat and run -----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_run_without_token_answers_stdin(cli, seed_paths):
    """`run` without DISCORD_TOKEN says how to get one, then answers questions piped on stdin."""
    result = cli("run", *seed_paths, stdin="who is meeting Pompeo?\n")
    assert result.code == 0, result.err
    assert "no DISCORD_TOKEN set" in result.err
    assert "discord.com/developers/applications" in result.err
    assert "[1]" in result.out
    assert result.err_lines[-1].startswith("communique: end of input: stopping")


def test_meetings_json_lists_the_records(cli, seed_paths):
    """`meetings --json` lists every meeting record with quotes; --person narrows them."""
    result = cli("meetings", "--json", *seed_paths)
    assert result.code == 0, result.err
    meetings = result.json()["meetings"]
    assert len(meetings) >= 5
    assert all(m["participants"] and m["counterparts"] for m in meetings)
    pompeo = cli("meetings", "--json", "--person", "pompeo", *seed_paths).json()["meetings"]
    assert len(pompeo) == 1 and pompeo[0]["place"]["value"] == "Washington"
    assert pompeo[0]["when"]["date"] == "2020-10-23"


def test_meetings_text_quotes_each_field(cli, seed_paths):
    """`meetings --place Brussels` shows Sarkissian's meeting with each field's quote and paragraph."""
    result = cli("meetings", "--place", "Brussels", *seed_paths)
    assert result.code == 0
    assert "Armen Sarkissian" in result.out and "(paragraph 17)" in result.out


def test_meetings_none_found_names_the_person(cli, seed_paths):
    """`meetings --person NAME` with no record for NAME says so, naming them (the no_meetings template)."""
    result = cli("meetings", "--person", "Zelensky", *seed_paths)
    assert result.code == 0
    assert result.out.strip() == "No meetings found for Zelensky."


def test_meetings_timeline_writes_a_png(cli, seed_paths, tmp_path):
    """`meetings --timeline FILE` writes a PNG and one line naming the file and what was left out."""
    picture = tmp_path / "timeline.png"
    result = cli("meetings", "--timeline", picture, *seed_paths)
    assert result.code == 0, result.err
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    [line] = result.out.splitlines()
    assert line.startswith(f"wrote {picture}: 1 meeting drawn") and "4 without a date are not shown" in line


def test_meetings_timeline_with_nothing_dated_writes_nothing(cli, seed_paths, tmp_path):
    """`meetings --timeline FILE --person Putin` (no day known) says so, writes no file and exits 1."""
    picture = tmp_path / "timeline.png"
    result = cli("meetings", "--timeline", picture, "--person", "Putin", *seed_paths)
    assert result.code == 1 and not picture.exists()
    assert result.out.startswith("Nothing to draw for Putin")


def test_meetings_timeline_weeks_out_of_range(cli, seed_paths, tmp_path):
    """`meetings --timeline FILE --weeks 0` is refused with one error line."""
    result = cli("meetings", "--timeline", tmp_path / "t.png", "--weeks", "0", *seed_paths)
    assert_one_error_line(result, "--weeks", "got 0")
