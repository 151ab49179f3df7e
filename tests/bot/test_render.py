"""Prompt templates and the terminal rendering of answers."""

from __future__ import annotations

import pytest

from bot import render
from bot.render import PromptError, Prompts
from index.answers.compose import Answer, Citation
from tests.conftest import ROOT

PROMPTS = Prompts(ROOT / "prompts")


def citation(n: int = 1, url: str | None = None) -> Citation:
    return Citation(n, "talks", "Talks in Geneva", 3, 10, 40, "The envoys met in Geneva on Monday.", url)


def test_missing_template_names_the_file(tmp_path):
    """A missing template raises PromptError naming the file it looked for."""
    with pytest.raises(PromptError, match=r"answer\.txt"):
        Prompts(tmp_path).render("answer", answer="", citations="")


def test_unknown_field_names_the_field(tmp_path):
    """A template using a field that is not supplied raises PromptError naming the field."""
    (tmp_path / "greeting.txt").write_text("Hello {nme}\n", encoding="utf-8")
    with pytest.raises(PromptError, match=r"\{nme\}"):
        Prompts(tmp_path).render("greeting", name="Ann")


def test_line_with_only_empty_fields_is_left_out(tmp_path):
    """A template line whose fields all render empty disappears; literal blank lines stay."""
    (tmp_path / "t.txt").write_text("a {x}\n\n{y}\nb\n", encoding="utf-8")
    assert Prompts(tmp_path).render("t", x="1", y="") == "a 1\n\nb"


def test_template_changes_are_picked_up(tmp_path):
    """An edited template is read again on the next render."""
    template = tmp_path / "t.txt"
    prompts = Prompts(tmp_path)
    template.write_text("one\n", encoding="utf-8")
    assert prompts.render("t") == "one"
    template.write_text("two, longer\n", encoding="utf-8")
    assert prompts.render("t") == "two, longer"


def test_unanswered_shows_the_no_answer_prompt():
    """An answer with answered false renders as the no_answer template, not the engine's text."""
    answer = Answer("what is the capital of Australia?", False, "No answer found.")
    text = render.answer_text(answer, PROMPTS)
    assert text == PROMPTS.text("no_answer")
    assert "No answer found." not in text


def test_unanswered_json_carries_the_engine_text():
    """answer_data keeps the engine's plain-words text in "answer" when the question was not answered."""
    answer = Answer("q", False, "The articles do not answer this question.")
    assert render.answer_data(answer)["answer"] == "The articles do not answer this question."


def test_answer_lists_quotes_with_title_and_paragraph():
    """An answer renders its text, then each quote numbered with title and paragraph."""
    answer = Answer("where?", True, "The envoys met in Geneva on Monday. [1]", (citation(),), 0.9)
    text = render.answer_text(answer, PROMPTS)
    assert text.startswith("The envoys met in Geneva on Monday. [1]\n")
    assert "[1] “The envoys met in Geneva on Monday.”" in text
    assert "Talks in Geneva, paragraph 3" in text


def test_citation_url_is_shown_only_when_present():
    """A citation's url gets its own line when there is one, and no empty line when there is not."""
    linked = citation(url="https://example.org/a")
    with_url = render.answer_text(Answer("q", True, "a [1]", (linked,)), PROMPTS)
    without = render.answer_text(Answer("q", True, "a [1]", (citation(),)), PROMPTS)
    assert "https://example.org/a" in with_url
    assert len(with_url.splitlines()) == len(without.splitlines()) + 1


def test_every_shipped_template_renders():
    """Every template in prompts/ uses only fields that communique supplies."""
    text = ["answer", "citations", "question", "quote", "title", "doc_id", "url", "query", "text", "meta",
            "paragraphs", "articles", "published", "model", "faiss", "built_at", "corpus", "corpus_hash",
            "index", "error", "seconds"]
    numbers = ["n", "count", "documents", "paragraph", "start", "end", "rank", "number", "chunks",
               "sentences", "dimension"]
    fields = dict.fromkeys(text, "x") | dict.fromkeys(numbers, 1)
    fields["score"] = 0.5
    names = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt") if p.stem != "README")
    assert {"answer", "no_answer", "help"} <= set(names)
    for name in names:
        assert PROMPTS.render(name, **fields)
