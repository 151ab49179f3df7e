"""Every bot test runs with settings from the test itself, never from a developer's .env or environment."""

from __future__ import annotations

import pytest

from bot.settings import ENV_FILE_VARIABLE, Settings


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv(ENV_FILE_VARIABLE, str(tmp_path_factory.getbasetemp() / "no-such.env"))
    # what a command writes beside the articles (the audit log, servers' collections) stays in the test's files
    outputs = tmp_path_factory.mktemp("outputs")
    monkeypatch.setenv("AUDIT_LOG", str(outputs / "audit.jsonl"))
    monkeypatch.setenv("COLLECTIONS_DIR", str(outputs / "collections"))
