"""👍 / 👎 under answers, through the loopback Discord stand-in: a vote, a changed vote, a restart, export."""

from __future__ import annotations

import json
import os

import pytest

from bot.feedback import FeedbackStore
from index.evaluation import load_cases
from tests.e2e.fake_discord import BOT, GENERAL_CHANNEL_ID, GUILD_ID, MEMBER, MODERATOR
from tests.e2e.test_bot import last_response, make_bot

pytestmark = pytest.mark.slow

QUESTION = "who is meeting Pompeo?"


def buttons(message: dict) -> dict[str, str]:
    """emoji -> custom_id of the buttons on a message the bot sent."""
    return {button["emoji"]["name"]: button["custom_id"]
            for row in message.get("components") or [] for button in row["components"]}


async def ask_by_mention(fake_discord) -> dict:
    await fake_discord.send_message(f"{BOT.mention} {QUESTION}")
    return await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, timeout=15)


async def vote(fake_discord, message: dict, emoji: str, user=MEMBER) -> dict:
    iid = await fake_discord.press_button(int(message["id"]), buttons(message)[emoji], user=user)
    return await last_response(fake_discord, iid, "callback")


def test_a_vote_is_kept_with_question_answer_passages_and_server(fake_discord, run, kb):
    """An answer carries 👍 and 👎; pressing 👍 thanks the member privately and keeps the vote with the
    question, the answer, the cited passages (doc, paragraph, offsets) and the server."""
    bot = make_bot(fake_discord, kb)

    async def scenario():
        async with fake_discord.run_client(bot):
            answer = await ask_by_mention(fake_discord)
            return answer, await vote(fake_discord, answer, "👍")

    answer, thanks = run(scenario())
    assert set(buttons(answer)) == {"👍", "👎"}
    assert thanks["flags"] & 64 and "your 👍 is recorded" in thanks["content"]
    [rated] = FeedbackStore(bot.settings.feedback_db).rated()
    assert rated.question == QUESTION and "Pompeo" in rated.answer and rated.answered
    assert rated.guild_id == GUILD_ID and (rated.up, rated.down) == (1, 0)
    text = kb.source("karabakh-diplomacy").text
    for cited in rated.citations:
        assert cited["doc_id"] == "karabakh-diplomacy" and cited["paragraph"] >= 1
        assert text[cited["start"]:cited["end"]] == cited["quote"]


def test_a_member_has_one_vote_per_answer_and_can_change_it(fake_discord, run, kb):
    """👍 then 👎 by one member leaves one 👎 from them; another member's 👍 counts apart."""
    bot = make_bot(fake_discord, kb)

    async def scenario():
        async with fake_discord.run_client(bot):
            answer = await ask_by_mention(fake_discord)
            await vote(fake_discord, answer, "👍")
            changed = await vote(fake_discord, answer, "👎")
            other = await vote(fake_discord, answer, "👍", user=MODERATOR)
            return changed, other

    changed, other = run(scenario())
    assert "0 👍 and 1 👎" in changed["content"]
    assert "1 👍 and 1 👎" in other["content"]
    [rated] = FeedbackStore(bot.settings.feedback_db).rated()
    assert (rated.up, rated.down) == (1, 1)


def test_buttons_keep_working_after_a_restart(fake_discord, run, kb):
    """A /ask answer's 👎 pressed after the bot restarted is still recorded (persistent buttons)."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("ask", {"question": QUESTION})
            followup = await last_response(fake_discord, iid, "followup")
            answer = fake_discord.message(followup["message_id"])
        async with fake_discord.run_client(make_bot(fake_discord, kb)) as restarted:
            return await vote(fake_discord, answer, "👎"), restarted.settings.feedback_db

    thanks, db = run(scenario())
    assert "your 👎 is recorded" in thanks["content"]
    [rated] = FeedbackStore(db).rated()
    assert rated.question == QUESTION and rated.down == 1


def test_export_writes_a_question_file_eval_reads(fake_discord, run, kb, cli, monkeypatch, tmp_path):
    """`communique feedback export` turns votes into a question file: the liked answer a case that passes
    (doc, answer_any, evidence), the disliked one a case to fix; `communique eval` reads it."""
    bot = make_bot(fake_discord, kb)

    async def scenario():
        async with fake_discord.run_client(bot):
            liked = await ask_by_mention(fake_discord)
            await vote(fake_discord, liked, "👍")
            await fake_discord.send_message(f"{BOT.mention} What is the capital of Australia?")
            disliked = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=1, timeout=15)
            await vote(fake_discord, disliked, "👎")

    run(scenario())
    monkeypatch.setenv("COMMUNIQUE_ENV_FILE", os.devnull)
    monkeypatch.setenv("FEEDBACK_DB", str(bot.settings.feedback_db))
    questions = tmp_path / "questions.jsonl"
    result = cli("feedback", "export", "-o", questions)
    assert result.code == 0, result.err
    assert "exported 2 questions" in result.err and "1 approved, 1 to fix" in result.err
    passing, to_fix = load_cases(questions)
    assert passing["question"] == QUESTION and passing["doc"] == "karabakh-diplomacy"
    assert passing["evidence"] and any("Pompeo" in alternatives[0] for alternatives in passing["answer_any"])
    assert to_fix["question"] == "What is the capital of Australia?" and "to_fix" in to_fix
    assert to_fix["feedback"]["down"] == 1
    listed = cli("feedback", "list", "--json", "--votes", "down")
    assert [json.loads(line)["question"] for line in listed.out.splitlines()] == [to_fix["question"]]
    scored = cli("eval", "--corpus", kb.corpus_dir, "--index", kb.index_dir, "--json", questions)
    figures = scored.json()
    assert scored.code == 0 and figures["answerable"]["passed"] == 1
    assert [failure["id"] for failure in figures["failures"]] == [to_fix["id"]]
