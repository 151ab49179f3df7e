"""/meetings view:timeline end to end: a PNG attached to an embed that shows it, never pinging anyone."""

from __future__ import annotations

import struct
import threading

import pytest

from bot import timeline
from tests.e2e.test_bot import embed_text, last_response, make_bot, never_pings, responses_text

pytestmark = pytest.mark.slow

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_timeline_attaches_a_png_of_the_dated_meetings(fake_discord, run, kb, monkeypatch):
    """/meetings view:timeline sends meetings-timeline.png in an embed, saying undated ones are not shown;
    it is drawn off the event loop's thread."""
    drawn_in, drawing = [], timeline.draw_timeline

    def recording_draw(*args, **kwargs):
        drawn_in.append(threading.current_thread())
        return drawing(*args, **kwargs)

    monkeypatch.setattr(timeline, "draw_timeline", recording_draw)  # the cog is loaded afresh by the bot

    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("meetings", {"view": "timeline"})
            return await last_response(fake_discord, iid, "followup"), threading.current_thread()

    response, loop_thread = run(scenario())
    assert drawn_in and loop_thread not in drawn_in
    [(filename, data)] = response["files"]
    assert filename == "meetings-timeline.png" and data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1000 and height >= 200
    [embed] = response["embeds"]
    assert embed["image"]["url"] == "attachment://meetings-timeline.png"
    text = embed_text(response)
    assert "1 meeting drawn" in text and "2020-10-23" in text and "4 without a date are not shown" in text
    never_pings(response)


def test_timeline_with_no_dated_meeting_says_so(fake_discord, run, kb):
    """/meetings view:timeline person:Putin (no day known) sends no picture and says why."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("meetings", {"view": "timeline", "person": "Putin"})
            return await last_response(fake_discord, iid, "followup")

    response = run(scenario())
    assert not response["files"]
    assert "Nothing to draw for Putin: 1 meeting found" in embed_text(response)
    never_pings(response)


def test_default_view_is_still_the_list(fake_discord, run, kb):
    """/meetings with no view lists the meetings with their quotes, with no picture attached."""
    async def scenario():
        async with fake_discord.run_client(make_bot(fake_discord, kb)):
            iid = await fake_discord.send_interaction("meetings", {"place": "Brussels"})
            await fake_discord.wait_until(lambda: responses_text(fake_discord, iid), 15)
            return iid

    iid = run(scenario())
    responses = fake_discord.interaction_responses(iid)
    assert "Sarkissian" in responses_text(fake_discord, iid)
    assert all(not r["files"] for r in responses)
    for response in responses:
        never_pings(response)
