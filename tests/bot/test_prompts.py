"""Prompt templates: read at run time, filled in, with clear errors."""

from __future__ import annotations

import pytest

from bot.prompts import PromptError, Prompts
from tests.conftest import ROOT

PROMPTS = Prompts(ROOT / "prompts")


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


def test_every_shipped_template_renders():
    """Every template in prompts/ uses only fields that communique supplies."""
    text = ["answer", "citations", "question", "quote", "title", "doc_id", "url", "query", "text", "meta",
            "paragraphs", "articles", "published", "model", "faiss", "built_at", "corpus", "corpus_hash",
            "index", "error", "seconds", "person", "place", "window", "quoted", "vote", "other", "collection",
            "meetings", "drawn", "weeks", "left_out"]
    numbers = ["n", "count", "documents", "paragraph", "start", "end", "rank", "number", "chunks",
               "sentences", "dimension", "burst", "first", "last", "up", "down"]
    fields = dict.fromkeys(text, "x") | dict.fromkeys(numbers, 1)
    fields["score"] = 0.5
    names = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt") if p.stem != "README")
    assert {"answer", "no_answer", "help"} <= set(names)
    for name in names:
        assert PROMPTS.render(name, **fields)
