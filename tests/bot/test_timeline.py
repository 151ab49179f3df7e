"""The meetings' timeline picture: what it draws, what it leaves out and says so, and the PNG itself."""

from __future__ import annotations

import itertools
import struct
import subprocess
import sys
import zlib

import pytest

from bot.prompts import Prompts
from bot.timeline import DPI, MAX_PEOPLE, WIDTH_INCHES, draw_timeline, plan_timeline, timeline_text
from index.meetings.records import Fact, Meeting, Person, Quote
from tests.conftest import ROOT

PROMPTS = Prompts(ROOT / "prompts")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QUOTE = Quote("news", 1, 0, 4, "News")
IDS = itertools.count()


def person(name: str | None, office: str | None = None, country: str | None = None) -> Person:
    return Person(name, office, country, (name,) if name else (), QUOTE)


def meeting(*people: Person, date: str | None = None, status: str | None = "held",
            said: str | None = None) -> Meeting:
    """A meeting on `date`; without one, its `when` is None or words with no day (`said`)."""
    when = Fact(said or "Friday", QUOTE, date) if date or said else None
    return Meeting(f"m{next(IDS)}", "news", people[:1], people[1:], None, when, None, (),
                   Fact(status, QUOTE) if status else None, None, (QUOTE,))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, checking its CRC."""
    assert data.startswith(PNG_SIGNATURE)
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16:16 + length]
    assert struct.unpack(">I", data[16 + length:20 + length])[0] == zlib.crc32(kind + body)
    return struct.unpack(">II", body[:8])


LAVROV = person("Sergei Lavrov", "Foreign Minister", "Russia")
BLINKEN, WANG = person("Antony Blinken"), person("Wang Yi")
RUSSIAN_SIDE = person(None, None, "Russia")


def test_draws_a_png_of_the_dated_meetings():
    """Dated meetings become a PNG as wide as the fixed figure, one row per person."""
    timeline = draw_timeline([meeting(LAVROV, BLINKEN, date="2021-05-19"),
                              meeting(LAVROV, WANG, date="2021-05-20", status="planned")])
    width, height = png_size(timeline.png)
    assert width == WIDTH_INCHES * DPI and 200 <= height <= 1500
    assert (timeline.drawn, timeline.rows, timeline.undated) == (2, 3, 0)


def test_same_meetings_give_the_same_bytes():
    """Drawing the same meetings twice gives identical PNG bytes (no time or version inside)."""
    meetings = [meeting(LAVROV, BLINKEN, date="2021-05-19", status=s)
                for s in ["held", "planned", "cancelled", None]]
    assert draw_timeline(meetings).png == draw_timeline(meetings).png


def test_undated_meetings_are_left_out_and_counted():
    """Meetings with no day are not drawn, and the text says how many were left out."""
    meetings = [meeting(LAVROV, BLINKEN, date="2021-05-19"), meeting(LAVROV, WANG),
                meeting(BLINKEN, WANG, said="next month"), meeting(WANG, RUSSIAN_SIDE, said="Friday")]
    timeline = draw_timeline(meetings)
    assert (timeline.drawn, timeline.undated) == (1, 3)
    text = timeline_text(timeline, PROMPTS)
    assert text.startswith("1 meeting drawn, 2021-03-25 to 2021-05-19")
    assert "3 without a date are not shown" in text


def test_window_ends_at_the_newest_meeting_not_today():
    """The window is the weeks up to the newest dated meeting; older ones are counted, not drawn."""
    meetings = [meeting(LAVROV, BLINKEN, date="2019-01-10"), meeting(LAVROV, WANG, date="2019-03-01"),
                meeting(BLINKEN, WANG, date="2019-03-04")]
    timeline = draw_timeline(meetings, weeks=4)
    assert (timeline.start.isoformat(), timeline.end.isoformat()) == ("2019-02-05", "2019-03-04")
    assert (timeline.drawn, timeline.earlier) == (2, 1)
    assert "1 before 2019-02-05 is not shown" in timeline_text(timeline, PROMPTS)


def test_rows_are_capped_to_the_most_frequent_people():
    """Beyond max_people, the people with fewest meetings are left out and the text says how many."""
    regulars = [person(f"Envoy {n}") for n in range(3)]
    guests = [person(f"Guest {n}") for n in range(MAX_PEOPLE + 5)]
    meetings = [meeting(*regulars, date=f"2022-02-{day:02d}") for day in range(1, 6)]
    meetings += [meeting(regulars[0], guest, date="2022-02-10") for guest in guests]
    rows, _, timeline = plan_timeline(meetings)
    assert len(rows) == MAX_PEOPLE == timeline.rows
    assert {r.label for r in rows} >= {"Envoy 0", "Envoy 1", "Envoy 2"}
    assert timeline.hidden_people == 8
    assert "8 more people are not shown (the 25 with the most meetings are)" in timeline_text(
        draw_timeline(meetings), PROMPTS)


def test_unnamed_side_gets_its_label():
    """A side known only by its country is a row labelled like the meeting records ('Russian side')."""
    rows, _, _ = plan_timeline([meeting(RUSSIAN_SIDE, BLINKEN, date="2021-05-19")])
    assert [r.label for r in rows] == ["Russian side", "Antony Blinken"]


def test_people_in_one_meeting_are_joined_on_its_day():
    """A meeting's people share one marker column; two meetings on one day get two columns."""
    same_day = [meeting(LAVROV, BLINKEN, date="2021-05-19"), meeting(LAVROV, WANG, date="2021-05-19")]
    _, marks, _ = plan_timeline(same_day)
    assert [m.rows for m in marks] == [(0, 1), (0, 2)]
    assert marks[0].slot != marks[1].slot


def test_nothing_dated_gives_no_picture_and_a_message():
    """With no dated meeting there is no PNG, and the text says why."""
    timeline = draw_timeline([meeting(LAVROV, BLINKEN), meeting(LAVROV, WANG, said="last week")])
    assert timeline.png is None
    assert timeline_text(timeline, PROMPTS, person="Lavrov") == (
        "Nothing to draw for Lavrov: 2 meetings found, but none with a day to place on a timeline.")


def test_no_meetings_says_none_found():
    """No meetings at all: the usual 'No meetings found' text, no picture."""
    timeline = draw_timeline([])
    assert timeline.png is None
    assert timeline_text(timeline, PROMPTS, place="Oslo") == "No meetings found in Oslo."


@pytest.mark.parametrize("weeks", [0, 53])
def test_weeks_out_of_range_is_refused(weeks):
    """A window of 0 or more than 52 weeks is refused, naming the value."""
    with pytest.raises(ValueError, match=str(weeks)):
        draw_timeline([], weeks=weeks)


def test_loading_the_meetings_command_does_not_import_matplotlib():
    """The /meetings cog loads without matplotlib: the bot's start-up does not pay for the picture."""
    code = ("import sys\nimport bot.discord.cogs.lookup, bot.timeline\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
