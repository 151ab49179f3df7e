"""The audit log: one JSON line per change, read back by collection; a log that cannot be written never
stops a change."""

from __future__ import annotations

import logging

from bot.audit import AuditEntry, AuditLog
from bot.settings import Settings


def entry(collection: str, outcome: str = "done") -> AuditEntry:
    return AuditEntry(server_id=7, server="Seven", user_id=3, user="mira", action="add", collection=collection,
                      article="geneva.txt", outcome=outcome)


def test_entries_are_stamped_kept_in_order_and_read_by_collection(tmp_path):
    """Each entry gets its time; entries() gives them back oldest first, all or one collection's; a
    garbled line is skipped."""
    log = AuditLog(tmp_path / "audit" / "audit.jsonl")
    first = log.record(entry("guild-7"))
    log.record(entry("shared", "refused: not an admin server"))
    with log.path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    assert first.time.startswith("20")
    assert [e.collection for e in log.entries()] == ["guild-7", "shared"]
    [shared] = log.entries("shared")
    assert shared.outcome == "refused: not an admin server" and shared.server_id == 7 and shared.user == "mira"


def test_an_unwritable_log_warns_and_returns(tmp_path, caplog):
    """A log path that cannot be written (a directory here) logs a warning; the entry is still returned."""
    (tmp_path / "audit.jsonl").mkdir()
    with caplog.at_level(logging.WARNING):
        recorded = AuditLog(tmp_path / "audit.jsonl").record(entry("guild-7"))
    assert recorded.article == "geneva.txt" and "cannot write the audit log" in caplog.text


def test_admin_servers_default_to_guild_id():
    """ADMIN_GUILD_IDS empty: the GUILD_ID server; set: those servers ('1, 2'); neither: none."""
    assert Settings(_env_file=None, guild_id=5).admin_guilds == {5}
    assert Settings(_env_file=None, guild_id=5, admin_guild_ids="1, 2").admin_guilds == {1, 2}
    assert Settings(_env_file=None).admin_guilds == set()
