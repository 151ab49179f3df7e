"""Every command opens its knowledge base the same way, from the settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_index_build_honours_the_embedding_settings(cli, seed_kb, tmp_path, monkeypatch):
    """`index build` embeds with EMBEDDING_BACKEND, keeping the model in MODEL_CACHE_DIR; `index status`
    then finds that index current instead of embedding everything again."""
    monkeypatch.chdir(tmp_path)  # where ./var/models would appear if MODEL_CACHE_DIR were ignored
    models = tmp_path / "models"
    exported = Path(seed_kb.embedder.cache_dir)  # the session's export, so no new export is needed
    shutil.copytree(exported, models / exported.name)
    monkeypatch.setenv("EMBEDDING_BACKEND", "onnx")
    monkeypatch.setenv("MODEL_CACHE_DIR", str(models))
    paths = ["--corpus", seed_kb.corpus_dir, "--index", tmp_path / "index"]

    built = cli("index", "build", "--json", *paths)
    assert built.code == 0, built.err
    assert built.json()["built"] is True
    status = cli("index", "status", "--json", *paths)
    assert status.code == 0, status.err
    assert status.json()["model"] == "all-MiniLM-L6-v2/onnx"
    assert status.json()["stale"] is False
    assert "building the index" not in status.err
    assert not (tmp_path / "var").exists()
