"""Every server is its own tenant: two servers and direct messages through the loopback Discord stand-in.

Server A (GUILD_ID) is the operator's admin server; server B (SECOND_GUILD_ID) is a stranger's. The
commands are synced globally, as for a public bot.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading

import pytest

from bot.discord.bot import CommuniqueBot
from bot.prompts import Prompts
from bot.settings import Settings
from tests.conftest import ROOT
from tests.e2e.fake_discord import (
    BOT,
    GENERAL_CHANNEL_ID,
    GUILD_ID,
    MODERATOR,
    OWNER,
    SECOND_CHANNEL_ID,
    SECOND_GUILD_ID,
    SECOND_MODERATOR,
    FakeDiscord,
)
from tests.e2e.test_bot import embed_text, responses_text

pytestmark = pytest.mark.slow

GENEVA = ("Water talks in Geneva\n\n"
          "Swiss Foreign Minister Ignazio Cassis will meet Egyptian Foreign Minister Sameh Shoukry in Geneva on "
          "Monday to discuss the Nile basin dispute.\n\n"
          "The envoys agreed to resume the water treaty talks in Kampala next month, a spokesman said.\n")
GENEVA_QUESTION = "Who will Ignazio Cassis meet in Geneva?"
GENEVA_FILE = {"file": ("geneva.txt", GENEVA.encode(), "text/plain")}
OSLO = ("Fisheries talks in Oslo\n\n"
        "Norwegian Foreign Minister Espen Barth Eide received the Icelandic fisheries delegation in Oslo on "
        "Tuesday.\n\nThe delegations agreed on the mackerel quota for the coming season, officials said.\n")
OSLO_QUESTION = "Who received the Icelandic fisheries delegation?"


def tenant_bot(fake: FakeDiscord, kb, **settings) -> CommuniqueBot:
    """The bot in servers A and B; A is the admin server (ADMIN_GUILD_IDS), commands synced globally."""
    fake.add_guild()
    values = {"discord_token": fake.token, "discord_api_base": fake.api_base, "admin_guild_ids": [GUILD_ID],
              "question_burst": 0, "feedback_db": kb.index_dir.parent / "feedback.sqlite3",
              "collections_dir": kb.index_dir.parent / "collections",
              "audit_log": kb.index_dir.parent / "audit.jsonl", **settings}
    return CommuniqueBot(Settings(_env_file=None, **values), kb, Prompts(ROOT / "prompts"), sync_globally=True,
                         guild_ready_timeout=0.1)


def own_corpus(kb, guild_id: int):
    return kb.index_dir.parent / "collections" / str(guild_id) / "corpus"


def give_server_an_article(kb, guild_id: int, name: str, text: str) -> None:
    """A server's collection with one article (indexed on its first question)."""
    corpus = own_corpus(kb, guild_id)
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / name).write_text(text, encoding="utf-8")


def audit(kb) -> list[dict]:
    path = kb.index_dir.parent / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def finished(fake: FakeDiscord, iid: int, timeout: float = 30) -> str:
    """The text of an interaction's responses once it has one that is not a progress or 'thinking' message."""
    def done():
        text = responses_text(fake, iid)
        return text if any(w in text for w in ("Done", "Only", "Sorry", "not changed", "no article")) else None
    return await fake.wait_until(done, timeout, f"interaction {iid} to finish")


async def ask_in(fake: FakeDiscord, channel_id: int, question: str) -> dict:
    before = len(fake.sent_messages(channel_id))
    await fake.send_message(f"{BOT.mention} {question}", channel_id=channel_id)
    return await fake.wait_for_message(channel_id, since=before, timeout=20)


def test_server_b_moderator_cannot_change_shared_or_server_a(fake_discord, run, kb):
    """B's moderator is refused add, remove and refresh of the shared articles, and cannot reach A's article;
    A's and the shared corpus are unchanged and the audit log names server, user, action and article."""
    shared_before = sorted(p.name for p in kb.corpus_dir.iterdir())

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            added = await fake_discord.send_interaction("index", {}, subcommand="add", user=MODERATOR,
                                                        attachments=GENEVA_FILE)
            assert "Done" in await finished(fake_discord, added)
            attempts = [
                await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="add",
                                                    user=SECOND_MODERATOR, channel_id=SECOND_CHANNEL_ID,
                                                    attachments={"file": ("oslo.txt", OSLO.encode(), "text/plain")}),
                await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="refresh",
                                                    user=SECOND_MODERATOR, channel_id=SECOND_CHANNEL_ID),
                await fake_discord.send_interaction("index", {"doc": "karabakh-diplomacy", "collection": "shared"},
                                                    subcommand="remove", user=SECOND_MODERATOR,
                                                    channel_id=SECOND_CHANNEL_ID),
                await fake_discord.send_interaction("index", {"doc": "geneva"}, subcommand="remove",
                                                    user=SECOND_MODERATOR, channel_id=SECOND_CHANNEL_ID),
            ]
            return [await finished(fake_discord, iid) for iid in attempts]

    shared_add, shared_refresh, shared_remove, remove_a_article = run(scenario(), timeout=90)
    for refused in (shared_add, shared_refresh, shared_remove):
        assert "Only the bot's operator can change the shared articles" in refused
    assert "no article with id 'geneva'" in remove_a_article
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == shared_before
    assert (own_corpus(kb, GUILD_ID) / "geneva.txt").exists()
    assert not own_corpus(kb, SECOND_GUILD_ID).exists()
    entries = audit(kb)
    assert {"server_id": GUILD_ID, "user_id": MODERATOR.id, "action": "add", "collection": f"guild-{GUILD_ID}",
            "article": "geneva.txt", "outcome": "done"}.items() <= entries[0].items()
    in_b = {(e["action"], e["collection"], e["article"]): e["outcome"] for e in entries
            if e["server_id"] == SECOND_GUILD_ID and e["user_id"] == SECOND_MODERATOR.id}
    assert in_b.keys() == {("add", "shared", "oslo.txt"), ("refresh", "shared", None),
                           ("remove", "shared", "karabakh-diplomacy"), ("remove", f"guild-{SECOND_GUILD_ID}", "geneva")}
    assert in_b[("remove", f"guild-{SECOND_GUILD_ID}", "geneva")].startswith("failed: no article with id 'geneva'")
    assert all(outcome.startswith("refused") for key, outcome in in_b.items() if key[1] == "shared")


def test_server_a_article_never_reaches_server_b(fake_discord, run, kb):
    """A's own article answers in A (its quote marked as the server's) but never appears in B's answers,
    /search, /sources, /source, /meetings or autocomplete; both still read the shared articles."""
    give_server_an_article(kb, GUILD_ID, "geneva.txt", GENEVA)

    async def in_both(name: str, options: dict, last_words: str) -> tuple[str, str]:
        """The command's text in A, then in B, each once it shows last_words (in its last message)."""
        texts = []
        for channel in (GENERAL_CHANNEL_ID, SECOND_CHANNEL_ID):
            iid = await fake_discord.send_interaction(name, options, channel_id=channel)
            await fake_discord.wait_until(lambda iid=iid: last_words in responses_text(fake_discord, iid), 20,
                                          f"/{name} to show {last_words!r}")
            texts.append(responses_text(fake_discord, iid))
        return texts[0], texts[1]

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            answers = [await ask_in(fake_discord, c, GENEVA_QUESTION) for c in (GENERAL_CHANNEL_ID, SECOND_CHANNEL_ID)]
            shared = await ask_in(fake_discord, SECOND_CHANNEL_ID, "Who is the European Council President?")
            searches = await in_both("search", {"query": "Nile basin dispute in Geneva", "k": 10}, "score")
            sources = await in_both("sources", {}, "karabakh-diplomacy")
            source = await in_both("source", {"doc": "geneva"}, "eneva")  # the title in A, the error in B
            meetings = await in_both("meetings", {}, "Brussels")
            completions = []
            for channel in (GENERAL_CHANNEL_ID, SECOND_CHANNEL_ID):
                iid = await fake_discord.send_autocomplete("source", {"doc": ""}, focused="doc", channel_id=channel)
                completions.append((await fake_discord.wait_for_response(iid, "callback", timeout=15))["choices"])
            return answers, shared, searches, sources, source, meetings, completions

    answers, shared, searches, sources, source, meetings, completions = run(scenario(), timeout=120)
    in_a, in_b = (embed_text(a) for a in answers)
    assert "Sameh Shoukry" in in_a and "this server's articles" in in_a
    assert "Shoukry" not in in_b and "Water talks" not in in_b
    assert "Charles Michel" in embed_text(shared)
    assert "Cassis" in searches[0] and "Cassis" not in searches[1] and "Karabakh" in searches[1]
    assert "geneva" in sources[0] and "geneva" not in sources[1] and "karabakh-diplomacy" in sources[1]
    assert "Ignazio Cassis" in source[0] and "no article with id 'geneva'" in source[1]
    assert "Cassis" in meetings[0] and "Cassis" not in meetings[1] and "Pompeo" in meetings[1]
    assert [c["value"] for c in completions[0]] == ["geneva", "karabakh-diplomacy"]
    assert [c["value"] for c in completions[1]] == ["karabakh-diplomacy"]


def test_direct_messages_read_shared_only_and_run_no_index_commands(fake_discord, run, kb):
    """In a DM, /index add is refused (and nothing changes), and a question reads only the shared articles;
    the /index commands are registered for servers only."""
    give_server_an_article(kb, GUILD_ID, "geneva.txt", GENEVA)
    shared_before = sorted(p.name for p in kb.corpus_dir.iterdir())

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            dm = fake_discord.dm_channel(MODERATOR)
            add = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="add",
                                                      user=MODERATOR, channel_id=dm, attachments=GENEVA_FILE)
            refused = await fake_discord.wait_for_response(add, "callback", timeout=15)
            status = await fake_discord.send_interaction("index", {}, subcommand="status", user=OWNER, channel_id=dm)
            refused_status = await fake_discord.wait_for_response(status, "callback", timeout=15)
            await fake_discord.send_message(GENEVA_QUESTION, author=MODERATOR, channel_id=dm)
            geneva = await fake_discord.wait_for_message(dm, timeout=20)
            await fake_discord.send_message("Who is the European Council President?", author=MODERATOR, channel_id=dm)
            shared = await fake_discord.wait_for_message(dm, since=1, timeout=20)
            return refused, refused_status, geneva, shared

    refused, refused_status, geneva, shared = run(scenario(), timeout=90)
    for response in (refused, refused_status):
        assert response["flags"] & 64 and "not in direct messages" in embed_text(response)
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == shared_before
    assert "Shoukry" not in embed_text(geneva) and "Charles Michel" in embed_text(shared)
    index_command = next(c for c in fake_discord.synced_commands(None) if c["name"] == "index")
    assert index_command["contexts"] == [0]  # servers only


def test_admin_server_and_owner_change_the_shared_articles(fake_discord, run, kb):
    """A's moderator (A is in ADMIN_GUILD_IDS) adds to the shared articles, which B then reads; the
    application's owner may change them from B too."""

    async def scenario():
        bot = tenant_bot(fake_discord, kb)
        fake_discord.add_member(OWNER, roles=[], guild_id=SECOND_GUILD_ID)
        async with fake_discord.run_client(bot):
            added = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="add",
                                                        user=MODERATOR, attachments=GENEVA_FILE)
            added_text = await finished(fake_discord, added)
            in_b = await ask_in(fake_discord, SECOND_CHANNEL_ID, GENEVA_QUESTION)
            by_owner = await fake_discord.send_interaction(
                "index", {"collection": "shared"}, subcommand="add", user=OWNER, channel_id=SECOND_CHANNEL_ID,
                attachments={"file": ("oslo.txt", OSLO.encode(), "text/plain")})
            owner_text = await finished(fake_discord, by_owner)
            return added_text, in_b, owner_text

    added_text, in_b, owner_text = run(scenario(), timeout=90)
    assert "Done" in added_text and "shared articles" in added_text
    assert (kb.corpus_dir / "geneva.txt").exists() and (kb.corpus_dir / "oslo.txt").exists()
    assert "Sameh Shoukry" in embed_text(in_b) and "this server's articles" not in embed_text(in_b)
    assert "Done" in owner_text
    assert [(e["server_id"], e["user_id"], e["collection"]) for e in audit(kb)] == [
        (GUILD_ID, MODERATOR.id, "shared"), (SECOND_GUILD_ID, OWNER.id, "shared")]


def test_old_index_serves_during_a_refresh_in_each_collection(fake_discord, run, kb, monkeypatch):
    """While A's own collection is being refreshed, A's questions are answered from its old index and B's
    from theirs; while the shared one is refreshed, A's own article still answers."""
    give_server_an_article(kb, GUILD_ID, "geneva.txt", GENEVA)
    give_server_an_article(kb, SECOND_GUILD_ID, "oslo.txt", OSLO)
    release, started = threading.Event(), threading.Event()
    encode = kb.embedder.encode

    def encode_slowly_for_new_articles(texts, *args, **kwargs):
        if any("New talks" in text for text in texts):  # a refresh embedding the article added below
            started.set()
            release.wait(20)
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(kb.embedder, "encode", encode_slowly_for_new_articles)
    new_article = "New talks in Vienna\n\nThe envoys met again in Vienna on Sunday.\n"

    async def during_refresh(collection: str, corpus, questions: list[tuple[int, str]]) -> tuple[list[dict], str]:
        started.clear()
        release.clear()
        (corpus / "vienna.txt").write_text(new_article, encoding="utf-8")
        iid = await fake_discord.send_interaction("index", {"collection": collection}, subcommand="refresh",
                                                  user=MODERATOR)
        await fake_discord.wait_until(started.is_set, 20, "the refresh to start")
        replies = [await ask_in(fake_discord, channel, question) for channel, question in questions]
        still_running = not release.is_set()
        release.set()
        text = await finished(fake_discord, iid)
        assert still_running
        return replies, text

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            for channel, question in ((GENERAL_CHANNEL_ID, GENEVA_QUESTION), (SECOND_CHANNEL_ID, OSLO_QUESTION)):
                await ask_in(fake_discord, channel, question)  # both servers' indexes built and loaded
            own = await during_refresh("server", own_corpus(kb, GUILD_ID),
                                       [(GENERAL_CHANNEL_ID, GENEVA_QUESTION), (SECOND_CHANNEL_ID, OSLO_QUESTION)])
            shared = await during_refresh("shared", kb.corpus_dir, [(GENERAL_CHANNEL_ID, GENEVA_QUESTION),
                                                                   (SECOND_CHANNEL_ID, "Who is Lavrov?")])
            return own, shared

    (own_replies, own_done), (shared_replies, shared_done) = run(scenario(), timeout=120)
    assert "Sameh Shoukry" in embed_text(own_replies[0]) and "Espen Barth Eide" in embed_text(own_replies[1])
    assert "Sameh Shoukry" in embed_text(shared_replies[0]) and "Lavrov" in embed_text(shared_replies[1])
    assert "added: `vienna`" in own_done and "added: `vienna`" in shared_done


def test_leaving_a_server_keeps_its_articles(fake_discord, run, kb):
    """When the bot is removed from B, B's collection stays on disk, marked with the time it left."""
    give_server_an_article(kb, SECOND_GUILD_ID, "oslo.txt", OSLO)

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)) as bot:
            await fake_discord.remove_guild(SECOND_GUILD_ID)
            await fake_discord.wait_until(lambda: bot.collections.left_at(SECOND_GUILD_ID), 10, "the departure")

    run(scenario())
    assert (own_corpus(kb, SECOND_GUILD_ID) / "oslo.txt").exists()
    assert (own_corpus(kb, SECOND_GUILD_ID).parent / "left").read_text().startswith("20")


def test_index_status_shows_the_servers_own_and_the_shared_articles(fake_discord, run, kb):
    """/index status in A shows A's own collection and the shared one; in B, that B has none of its own."""
    give_server_an_article(kb, GUILD_ID, "geneva.txt", GENEVA)

    async def status_in(channel_id: int, user) -> str:
        iid = await fake_discord.send_interaction("index", {}, subcommand="status", user=user, channel_id=channel_id)
        await fake_discord.wait_until(lambda: "shared articles" in responses_text(fake_discord, iid), 20, "status")
        return responses_text(fake_discord, iid)

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            return await status_in(GENERAL_CHANNEL_ID, MODERATOR), await status_in(SECOND_CHANNEL_ID, SECOND_MODERATOR)

    in_a, in_b = run(scenario())
    assert f"this server's articles (guild-{GUILD_ID})**: 1 article, " in in_a
    assert "shared articles**: 1 article, 32 passages" in in_a and "up to date" in in_a
    assert "this server's articles**: none yet" in in_b and "shared articles**: 1 article" in in_b


def test_servers_left_while_the_bot_was_down_are_noted_at_start(fake_discord, run, kb):
    """At start, a collection of a server Discord no longer lists is marked left (kept); the others are not."""
    gone = 1250000000000000009
    for guild_id in (GUILD_ID, gone):
        give_server_an_article(kb, guild_id, "oslo.txt", OSLO)

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)) as bot:
            await fake_discord.wait_until(lambda: bot.collections.left_at(gone), 10, "the departure noted")
            return bot.collections.left_at(GUILD_ID)

    assert run(scenario()) is None
    assert (own_corpus(kb, gone) / "oslo.txt").exists()


def test_without_server_collections_only_the_operator_changes_articles(fake_discord, run, kb):
    """With SERVER_COLLECTIONS off, B's moderator is told servers have no articles of their own; A's
    moderator's /index add changes the shared articles."""
    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb, server_collections=False)):
            in_b = await fake_discord.send_interaction("index", {}, subcommand="add", user=SECOND_MODERATOR,
                                                       channel_id=SECOND_CHANNEL_ID, attachments=GENEVA_FILE)
            in_a = await fake_discord.send_interaction("index", {}, subcommand="add", user=MODERATOR,
                                                       attachments=GENEVA_FILE)
            return await finished(fake_discord, in_b), await finished(fake_discord, in_a)

    in_b, in_a = run(scenario(), timeout=60)
    assert "servers have no articles of their own here" in in_b
    assert "Done" in in_a and (kb.corpus_dir / "geneva.txt").exists()


def test_a_server_keeps_at_most_server_max_articles(fake_discord, run, kb):
    """With SERVER_MAX_ARTICLES=1, a server holding one article is refused a second, and nothing changes."""
    give_server_an_article(kb, SECOND_GUILD_ID, "oslo.txt", OSLO)

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb, server_max_articles=1)):
            iid = await fake_discord.send_interaction("index", {}, subcommand="add", user=SECOND_MODERATOR,
                                                      channel_id=SECOND_CHANNEL_ID, attachments=GENEVA_FILE)
            return await finished(fake_discord, iid)

    text = run(scenario())
    assert "this server already has 1 articles" not in text and "already has 1 article" in text
    assert sorted(p.name for p in own_corpus(kb, SECOND_GUILD_ID).iterdir()) == ["oslo.txt"]


def test_a_change_made_by_another_process_is_followed(fake_discord, run, kb, tmp_path):
    """A separate process (`communique index add --collection guild-A`, as another shard or the operator
    would) changes A's articles while the bot serves them: A's next question reads the new build through
    CURRENT; B never sees it; the audit log has the command line's change."""
    give_server_an_article(kb, GUILD_ID, "geneva.txt", GENEVA)
    oslo = tmp_path / "oslo.txt"
    oslo.write_text(OSLO, encoding="utf-8")
    env = {**os.environ, "COMMUNIQUE_ENV_FILE": os.devnull, "CORPUS_DIR": str(kb.corpus_dir),
           "INDEX_DIR": str(kb.index_dir), "MODEL_CACHE_DIR": kb.embedder.cache_dir,
           "COLLECTIONS_DIR": str(kb.index_dir.parent / "collections"),
           "AUDIT_LOG": str(kb.index_dir.parent / "audit.jsonl")}

    async def scenario():
        async with fake_discord.run_client(tenant_bot(fake_discord, kb)):
            before = await ask_in(fake_discord, GENERAL_CHANNEL_ID, OSLO_QUESTION)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "index", "add", str(oslo), "--collection", f"guild-{GUILD_ID}",
                env=env, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE)
            _, err = await asyncio.wait_for(process.communicate(), 90)
            assert process.returncode == 0, err.decode()
            after = await ask_in(fake_discord, GENERAL_CHANNEL_ID, OSLO_QUESTION)
            in_b = await ask_in(fake_discord, SECOND_CHANNEL_ID, OSLO_QUESTION)
            return before, after, in_b

    before, after, in_b = run(scenario(), timeout=120)
    assert "Espen Barth Eide" not in embed_text(before)
    assert "Espen Barth Eide" in embed_text(after) and "this server's articles" in embed_text(after)
    assert "Espen Barth Eide" not in embed_text(in_b)
    [change] = audit(kb)
    assert (change["server"], change["action"], change["collection"], change["article"]) == (
        "command line", "add", f"guild-{GUILD_ID}", "oslo.txt")
