"""communique's bot, end to end: the real discord.py client against the loopback Discord stand-in."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from bot.discord.bot import CommuniqueBot
from bot.prompts import Prompts
from bot.settings import Settings
from index.kb import KnowledgeBase
from tests.conftest import ROOT
from tests.e2e.fake_discord import (
    BOT,
    GENERAL_CHANNEL_ID,
    GUILD_ID,
    MEMBER,
    MODERATOR,
    OFF_TOPIC_CHANNEL_ID,
    OTHER_BOT,
    FakeDiscord,
)

pytestmark = pytest.mark.slow

GENEVA = (
    "Water talks in Geneva\n\n"
    "Swiss Foreign Minister Ignazio Cassis hosted the Nile basin envoys in Geneva on Monday.\n\n"
    "The envoys agreed to resume the water treaty talks in Kampala next month, a spokesman said.\n"
)
GENEVA_QUESTION = "Who hosted the Nile basin envoys?"


def make_bot(fake: FakeDiscord, kb: KnowledgeBase, **settings) -> CommuniqueBot:
    values = {"discord_token": fake.token, "discord_api_base": fake.api_base, "guild_id": GUILD_ID,
              "answer_channels": [OFF_TOPIC_CHANNEL_ID], "question_burst": 0,
              "feedback_db": kb.index_dir.parent / "feedback.sqlite3",
              "collections_dir": kb.index_dir.parent / "collections", "audit_log": kb.index_dir.parent / "audit.jsonl",
              **settings}
    return CommuniqueBot(Settings(_env_file=None, **values), kb, Prompts(ROOT / "prompts"),
                         guild_ready_timeout=0.1)


def embed_text(payload: dict) -> str:
    parts = []
    for embed in payload.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields") or []:
            parts += [field["name"], field["value"]]
    return "\n".join(parts)


def within_discord_limits(payload: dict) -> None:
    assert len(payload.get("content") or "") <= 2000
    embeds = payload.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for embed in embeds:
        assert len(embed.get("title") or "") <= 256
        assert len(embed.get("description") or "") <= 4096
        fields = embed.get("fields") or []
        assert len(fields) <= 25
        for field in fields:
            assert len(field["name"]) <= 256 and len(field["value"]) <= 1024
        total += len(embed.get("title") or "") + len(embed.get("description") or "") + sum(
            len(f["name"]) + len(f["value"]) for f in fields) + len((embed.get("footer") or {}).get("text", ""))
    assert total <= 6000


def never_pings(payload: dict) -> None:
    mentions = payload.get("allowed_mentions")
    assert mentions is not None and mentions.get("parse") == [] and not mentions.get("users")
    assert not mentions.get("roles") and not mentions.get("replied_user")


def responses_text(fake: FakeDiscord, interaction_id: int) -> str:
    return "\n".join(embed_text(r) for r in fake.interaction_responses(interaction_id) if r.get("embeds"))


async def last_response(fake: FakeDiscord, interaction_id: int, kind: str, count: int = 1) -> dict:
    return await fake.wait_for_response(interaction_id, kind, count=count, timeout=15)


def test_mention_is_answered_with_quotes(fake_discord, run, kb):
    """'@communique who is meeting Pompeo?' gets a reply naming both ministers' countries with quotes."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            asked = await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?")
            reply = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            return asked, reply

    asked, reply = run(scenario())
    text = embed_text(reply)
    assert "Armenia" in text and "Azerbaijan" in text and "Pompeo" in text
    assert "paragraph 8" in text and "paragraph 3" in text
    assert int(reply["message_reference"]["message_id"]) == int(asked["id"])
    never_pings(reply)
    within_discord_limits(reply)


def test_slash_ask_defers_then_answers(fake_discord, run, kb):
    """/ask defers first, then answers in a follow-up with the quote."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("ask", {"question": "Who did Putin talk to on the telephone?"})
            callback = await last_response(fake_discord, iid, "callback")
            await fake_discord.wait_until(lambda: "Macron" in responses_text(fake_discord, iid), 15, "the answer")
            return callback, iid

    callback, iid = run(scenario())
    assert callback["type"] == 5  # deferred
    assert "Macron" in responses_text(fake_discord, iid)


def test_slash_search_sources_and_source(fake_discord, run, kb):
    """/search lists scored passages, /sources the articles, /source a paragraph verbatim."""
    document = kb.source("karabakh-diplomacy")
    span = document.paragraph(17)
    paragraph = document.text[span.start : span.end]

    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            search = await fake_discord.send_interaction("search", {"query": "Stoltenberg", "k": 3})
            await fake_discord.wait_until(lambda: "Stoltenberg" in responses_text(fake_discord, search), 15)
            sources = await fake_discord.send_interaction("sources")
            await fake_discord.wait_until(lambda: responses_text(fake_discord, sources), 15)
            source = await fake_discord.send_interaction("source", {"doc": "karabakh-diplomacy", "paragraph": 17})
            await fake_discord.wait_until(lambda: responses_text(fake_discord, source), 15)
            return search, sources, source

    search, sources, source = run(scenario())
    assert "score" in responses_text(fake_discord, search)
    listing = responses_text(fake_discord, sources)
    assert "Karabakh Conflict" in listing and "karabakh-diplomacy" in listing and "32 paragraphs" in listing
    assert "Jens Stoltenberg" in responses_text(fake_discord, source)
    assert paragraph.split(",")[0] in responses_text(fake_discord, source)


def test_source_autocomplete_offers_doc_ids(fake_discord, run, kb):
    """Typing in /source's doc option offers matching article ids."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_autocomplete("source", {"doc": "karab"}, focused="doc")
            return await last_response(fake_discord, iid, "callback")

    response = run(scenario())
    choices = response["choices"]
    assert [c["value"] for c in choices] == ["karabakh-diplomacy"]


def test_moderator_adds_then_removes_an_article(fake_discord, run, kb):
    """A moderator's /index add makes a new article answerable; /index remove makes it unanswerable again."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            added = await fake_discord.send_interaction(
                "index", {}, subcommand="add", user=MODERATOR,
                attachments={"file": ("geneva.txt", GENEVA.encode(), "text/plain")})
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, added), 30, "the add")
            before = len(fake_discord.sent_messages(GENERAL_CHANNEL_ID))
            await fake_discord.send_message(f"{BOT.mention} {GENEVA_QUESTION}")
            answered = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=before, timeout=15)
            removed = await fake_discord.send_interaction("index", {"doc": "geneva"}, subcommand="remove",
                                                          user=MODERATOR)
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, removed), 30)
            before = len(fake_discord.sent_messages(GENERAL_CHANNEL_ID))
            await fake_discord.send_message(f"{BOT.mention} {GENEVA_QUESTION}")
            abstained = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=before, timeout=15)
            return added, answered, removed, abstained

    added, answered, removed, abstained = run(scenario())
    assert "added: `geneva`" in responses_text(fake_discord, added)
    assert "Ignazio Cassis" in embed_text(answered) and "Water talks in Geneva" in embed_text(answered)
    assert "removed: `geneva`" in responses_text(fake_discord, removed)
    assert "Cassis" not in embed_text(abstained) and "/search" in embed_text(abstained)
    own_corpus = kb.index_dir.parent / "collections" / str(GUILD_ID) / "corpus"
    assert own_corpus.is_dir() and not (own_corpus / "geneva.txt").exists()
    assert not (kb.corpus_dir / "geneva.txt").exists()  # the server's own collection, not the shared one


def test_non_moderator_is_refused(fake_discord, run, kb):
    """A member without Manage Server or the moderator role gets a short ephemeral refusal."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("index", {}, subcommand="refresh", user=MEMBER)
            return await last_response(fake_discord, iid, "callback")

    response = run(scenario())
    assert response["flags"] & 64
    assert "Only moderators" in embed_text(response)
    index_command = next(c for c in fake_discord.synced_commands(GUILD_ID) if c["name"] == "index")
    assert int(index_command["default_member_permissions"]) == 1 << 5  # hidden from non-moderators


def test_moderator_role_from_settings(fake_discord, run, kb):
    """A member holding the role named in MODERATOR_ROLE may refresh."""
    fake_discord.add_member(MEMBER, roles=[])

    async def scenario():
        bot = make_bot(fake_discord, kb, moderator_role="Moderators")
        async with fake_discord.run_client(bot):
            iid = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="refresh",
                                                      user=MODERATOR)
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, iid), 30)
            return iid

    iid = run(scenario())
    assert "no article changed" in responses_text(fake_discord, iid)


def test_long_article_is_split_within_limits(fake_discord, run, kb):
    """/source of a whole article longer than one message is split over embeds within Discord's limits."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("source", {"doc": "karabakh-diplomacy"})
            await fake_discord.wait_until(lambda: "Both Russia and Turkey" in responses_text(fake_discord, iid), 15)
            return iid

    iid = run(scenario())
    responses = [r for r in fake_discord.interaction_responses(iid) if r.get("embeds")]
    assert sum(len(r["embeds"]) for r in responses) >= 2
    for response in responses:
        within_discord_limits(response)
    assert not fake_discord.errors


def test_question_during_refresh_is_answered_from_the_old_index(fake_discord, run, kb, monkeypatch):
    """While a refresh is running, questions are answered from the index in use; a second refresh is refused."""
    release = threading.Event()
    started = threading.Event()
    encode = kb.embedder.encode

    def encode_slowly_for_the_new_article(texts, *args, **kwargs):
        if any("Nile basin" in text for text in texts):  # the refresh, embedding the new article
            started.set()
            release.wait(20)
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(kb.embedder, "encode", encode_slowly_for_the_new_article)

    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            (kb.corpus_dir / "geneva.txt").write_text(GENEVA, encoding="utf-8")
            refresh = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="refresh",
                                                          user=MODERATOR)
            await fake_discord.wait_until(started.is_set, 10, "the refresh to start")
            second = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="refresh",
                                                         user=MODERATOR)
            refused = await last_response(fake_discord, second, "callback")
            await fake_discord.send_message(f"{BOT.mention} Who is the European Council President?")
            answer = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            still_running = not release.is_set()
            release.set()
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, refresh), 30)
            return refused, answer, still_running

    refused, answer, still_running = run(scenario())
    assert still_running and "Charles Michel" in embed_text(answer)
    assert refused["flags"] & 64 and "already running" in embed_text(refused)


def test_follow_up_in_a_reply_chain(fake_discord, run, kb):
    """A reply to the bot's answer leans on the earlier question: 'and where will they meet him?'."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?")
            first = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            await fake_discord.send_message("and where will they meet him?", message_reference=first["id"])
            return await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=1, timeout=15)

    follow_up = run(scenario())
    assert "Washington" in embed_text(follow_up)


def test_questions_in_answer_channels_need_no_mention(fake_discord, run, kb):
    """In a channel listed in ANSWER_CHANNELS any message ending with '?' is answered; elsewhere it is not."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            await fake_discord.send_message("Who is the US Secretary of State?", channel_id=GENERAL_CHANNEL_ID)
            await fake_discord.send_message("Who is the US Secretary of State?", channel_id=OFF_TOPIC_CHANNEL_ID)
            return await fake_discord.wait_for_message(OFF_TOPIC_CHANNEL_ID, timeout=15)

    answer = run(scenario())
    assert "Pompeo" in embed_text(answer)
    assert fake_discord.sent_messages(GENERAL_CHANNEL_ID) == []


def test_other_bots_are_ignored(fake_discord, run, kb):
    """A question from another bot, even mentioning communique, gets no reply."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?", author=OTHER_BOT)
            await fake_discord.send_message(f"{BOT.mention} Who is the US Secretary of State?")
            await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)

    run(scenario())
    assert len(fake_discord.sent_messages(GENERAL_CHANNEL_ID)) == 1


def test_rate_limit_allows_a_burst_shared_by_messages_and_slash_commands(fake_discord, run, kb):
    """With QUESTION_BURST=2, two questions in a row are answered; a third, by /ask, is told the limit and
    when to ask again, privately; another member is still answered."""
    async def scenario():
        bot = make_bot(fake_discord, kb, question_burst=2, question_burst_seconds=60)
        async with fake_discord.run_client(bot):
            await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?")
            first = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            await fake_discord.send_message(f"{BOT.mention} Who is the US Secretary of State?")
            second = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=1, timeout=15)
            iid = await fake_discord.send_interaction("ask", {"question": "Who is Armenia's foreign minister?"})
            slash = await last_response(fake_discord, iid, "callback")
            await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?", author=MODERATOR)
            other = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=2, timeout=15)
            return first, second, slash, other

    first, second, slash, other = run(scenario())
    assert "Pompeo" in embed_text(first) and "Pompeo" in embed_text(second)
    assert slash["flags"] & 64 and "2 questions in 60s" in embed_text(slash)
    assert "ask again in" in embed_text(slash)
    assert "Pompeo" in embed_text(other) and "ask again" not in embed_text(other)


def test_a_mention_is_a_question_not_a_prefix_command(fake_discord, run, kb, caplog):
    """'@communique who is meeting Pompeo?' is answered without an error in the log (no CommandNotFound)."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            await fake_discord.send_message(f"{BOT.mention} who is meeting Pompeo?")
            return await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)

    with caplog.at_level(logging.INFO):
        reply = run(scenario())
    assert "Pompeo" in embed_text(reply)
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == []


def test_nothing_the_bot_sends_can_ping(fake_discord, run, kb):
    """Every message and interaction response carries allowed_mentions that ping no one."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            await fake_discord.send_message(f"{BOT.mention} @everyone who is meeting Pompeo? <@{MEMBER.id}>")
            await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            iid = await fake_discord.send_interaction("ask", {"question": "Who is the Russian foreign minister?"})
            await last_response(fake_discord, iid, "followup")
            return iid

    iid = run(scenario())
    for message in fake_discord.sent_messages():
        never_pings(message)
    for response in fake_discord.interaction_responses(iid):
        if response["kind"] != "callback" or response.get("type") == 4:
            never_pings(response)


def test_commands_are_synced_to_the_guild_only(fake_discord, run, kb):
    """With GUILD_ID set, setup_hook syncs the commands to that guild and nothing globally."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            pass

    run(scenario())
    names = {c["name"] for c in fake_discord.synced_commands(GUILD_ID)}
    assert {"ask", "search", "sources", "source", "help", "index"} <= names
    assert fake_discord.synced_commands(None) == []


def test_the_event_loop_serves_others_while_20_questions_are_answered(fake_discord, run, kb, monkeypatch):
    """With 20 questions held in the knowledge base, /help is still answered: the work runs off the loop."""
    questions = ["who is meeting Pompeo?", "How many civilians were killed?", "Who is Lavrov?",
                 "Where is Sarkissian going?"] * 5
    entered, release = threading.Event(), threading.Event()
    ask_many = kb.ask_many

    def held_ask_many(batch, context=None):
        entered.set()
        release.wait(20)  # were this on the event loop, /help below could not be answered
        return ask_many(batch, context=context)

    monkeypatch.setattr(kb, "ask_many", held_ask_many)

    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)) as bot:
            asking = asyncio.gather(*(bot.questions.ask(q) for q in questions))
            await fake_discord.wait_until(entered.is_set, 15, "the questions to reach the knowledge base")
            iid = await fake_discord.send_interaction("help")
            helped = await last_response(fake_discord, iid, "callback")
            held = not release.is_set()
            release.set()
            return await asking, helped, held

    answers, helped, held = run(scenario())
    assert held and helped["flags"] & 64
    assert len(answers) == 20 and all(a.answered for a in answers[:4])


def test_help_comes_from_the_prompts(fake_discord, run, kb):
    """/help shows the text of prompts/discord_help.txt, ephemerally."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("help")
            return await last_response(fake_discord, iid, "callback")

    response = run(scenario())
    expected = (ROOT / "prompts" / "discord_help.txt").read_text(encoding="utf-8").splitlines()[0]
    assert response["flags"] & 64 and expected[:60] in embed_text(response)




def test_moderator_adds_a_web_page(fake_discord, run, kb, news_site):
    """/index add url: fetches the page; its article answers with the page's url; a second add changes nothing."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb, web_allow_private=True)):
            first = await fake_discord.send_interaction("index", {"url": news_site}, subcommand="add", user=MODERATOR)
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, first), 30, "the add")
            await fake_discord.send_message(f"{BOT.mention} Where did the foreign ministers agree to resume border talks?")
            answer = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)
            again = await fake_discord.send_interaction("index", {"url": news_site}, subcommand="add", user=MODERATOR)
            await fake_discord.wait_until(lambda: "Already there" in responses_text(fake_discord, again), 30)
            return answer

    answer = run(scenario())
    text = embed_text(answer)
    # the page's canonical address is on another host than the one it came from, so its own address is kept
    assert "Geneva" in text and news_site in text and "meridian-herald.example" not in text


def test_private_addresses_are_refused_by_default(fake_discord, run, kb, news_site):
    """Without WEB_ALLOW_PRIVATE, a loopback address is refused with a clear message and nothing changes."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("index", {"url": news_site}, subcommand="add", user=MODERATOR)
            await fake_discord.wait_until(lambda: "not changed" in responses_text(fake_discord, iid), 30)
            return iid

    iid = run(scenario())
    assert "private address" in responses_text(fake_discord, iid) or "loopback" in responses_text(fake_discord, iid)
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == ["karabakh-diplomacy.meta.json", "karabakh-diplomacy.txt"]


def test_slash_meetings_quotes_every_field(fake_discord, run, kb):
    """/meetings person:Pompeo shows the Washington meeting with its quotes, within Discord's limits."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("meetings", {"person": "Pompeo"})
            await fake_discord.wait_until(lambda: responses_text(fake_discord, iid), 15)
            everyone = await fake_discord.send_interaction("meetings")
            await fake_discord.wait_until(lambda: responses_text(fake_discord, everyone), 15)
            return iid, everyone

    iid, everyone = run(scenario())
    text = responses_text(fake_discord, iid)
    assert "Washington" in text and "Bayramov" in text and "2020-10-23" in text and "¶8" in text
    assert "Brussels" in responses_text(fake_discord, everyone)
    for response in fake_discord.interaction_responses(everyone) + fake_discord.interaction_responses(iid):
        if response.get("embeds"):
            within_discord_limits(response)


def test_refresh_reports_meetings_found(fake_discord, run, kb):
    """/index refresh reports how many meetings it found."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("index", {"collection": "shared"}, subcommand="refresh",
                                                      user=MODERATOR)
            await fake_discord.wait_until(lambda: "Done" in responses_text(fake_discord, iid), 30)
            return iid

    iid = run(scenario())
    assert "5 meetings found" in responses_text(fake_discord, iid)
