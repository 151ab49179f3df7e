"""The examples in README.md and docs/ are the program's real output (docs/generate_examples.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

spec = importlib.util.spec_from_file_location("generate_examples", ROOT / "docs" / "generate_examples.py")
generate_examples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate_examples)

@pytest.mark.parametrize("name", generate_examples.DOCUMENTS)
def test_examples_match_what_the_program_prints(name, seed_kb, tmp_path):
    """Every `$ communique ...` example shows what that command prints today (run the script to update)."""
    markdown = (ROOT / name).read_text(encoding="utf-8")
    workspace = generate_examples.Workspace(tmp_path, index=seed_kb.index_dir)
    steady = generate_examples.steady
    assert steady(generate_examples.regenerate(markdown, workspace)) == steady(markdown), (
        f"{name} is stale: run .venv/bin/python docs/generate_examples.py")


def test_the_readme_shows_its_first_question_and_no_answer():
    """The README's first examples are generated ones: a question and an unanswerable one."""
    commands = [line for block in generate_examples.BLOCK.findall((ROOT / "README.md").read_text("utf-8"))
                for line in block.splitlines() if generate_examples.COMMAND.match(line)]
    assert any("who is meeting Pompeo?" in line for line in commands)
    assert any("capital of Australia" in line for line in commands)
