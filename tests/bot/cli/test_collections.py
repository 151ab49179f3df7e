"""`communique collections list|show|remove` and `--collection`: the operator's view of the servers' articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GUILD = 4242
VIENNA = "Talks in Vienna\n\nAustrian Foreign Minister Alexander Schallenberg met the envoys in Vienna on Sunday.\n"


@pytest.fixture
def server_collection(tmp_path) -> Path:
    """A server's collection with one article, not yet indexed."""
    corpus = Path(os.environ["COLLECTIONS_DIR"]) / str(GUILD) / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "vienna.txt").write_text(VIENNA, encoding="utf-8")
    return corpus


def test_list_names_the_shared_and_each_server_collection(cli, seed_paths, server_collection):
    """`collections list --json` gives the shared collection and the server's, with their article counts."""
    result = cli("collections", "list", "--json", *seed_paths)
    assert result.code == 0, result.err
    listed = {c["name"]: c for c in result.json_lines()}
    assert listed["shared"]["articles"] == 1 and listed["shared"]["guild_id"] is None
    assert listed[f"guild-{GUILD}"]["articles"] == 1 and listed[f"guild-{GUILD}"]["build"] is None
    text = cli("collections", "list", *seed_paths).out
    assert f"guild-{GUILD}" in text and "not built" in text


@pytest.mark.slow
def test_index_commands_take_a_server_collection_and_are_audited(cli, seed_paths, server_collection, tmp_path):
    """`index add --collection guild-ID` changes that server's articles only; `collections show` lists the
    change from the audit log, with the operator as its user."""
    extra = tmp_path / "oslo.txt"
    extra.write_text("Talks in Oslo\n\nThe envoys met in Oslo on Monday.\n", encoding="utf-8")
    added = cli("index", "add", extra, "--collection", f"guild-{GUILD}", "--json")
    assert added.code == 0, added.err
    assert added.json()["added"] == ["oslo"] and added.json()["documents"] == 2
    assert (server_collection / "oslo.txt").exists()
    asked = cli("ask", "--json", "Who met the envoys in Vienna?", "--collection", f"guild-{GUILD}")
    assert "Schallenberg" in asked.json()["answer"]
    shown = cli("collections", "show", f"guild-{GUILD}", "--json", *seed_paths)
    assert shown.code == 0, shown.err
    [change] = shown.json()["changes"]
    assert change["action"] == "add" and change["article"] == "oslo.txt" and change["outcome"] == "done"
    assert change["server"] == "command line" and change["user"]
    assert shown.json()["build"] is not None


def test_remove_deletes_a_server_collection_but_never_the_shared_one(cli, seed_paths, server_collection):
    """`collections remove guild-ID` deletes its articles; the shared one and unknown names are one error line."""
    removed = cli("collections", "remove", f"guild-{GUILD}", *seed_paths)
    assert removed.code == 0, removed.err
    assert "removed guild-4242: 1 article" in removed.out
    assert not server_collection.parent.exists()
    entries = [json.loads(line) for line in Path(os.environ["AUDIT_LOG"]).read_text().splitlines()]
    assert entries[-1]["action"] == "collection-remove" and entries[-1]["collection"] == f"guild-{GUILD}"
    for name, words in (("shared", "corpus directory"), (f"guild-{GUILD}", "no collection named"),
                        ("guild-abc", "no collection named")):
        result = cli("collections", "remove", name, *seed_paths)
        assert result.code == 2 and len(result.err_lines) == 1 and words in result.err
    assert (Path(seed_paths[1]) / "karabakh-diplomacy.txt").exists()
