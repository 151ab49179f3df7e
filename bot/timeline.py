"""The meetings as a picture: one row per person, one column per day, a marker per meeting and status.

The window is the `weeks` weeks ending at the newest dated meeting, not at today: a corpus may be years old
(the seed article is from 2020), and a window ending today would then be empty. Records whose day is not
known (no `when`, or words such as "next month" with no date) cannot be placed on a day axis: they are left
out and counted, as are dated meetings before the window and the people beyond the `max_people` rows.

matplotlib (Agg, no display) is imported inside render_png, so starting the bot or the CLI does not pay
for it. The same meetings give the same PNG bytes: fixed size and dpi, no software or time in its metadata.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.prompts import Prompts
    from index.meetings.records import Meeting, Person

DEFAULT_WEEKS = 8
MAX_WEEKS = 52
MAX_PEOPLE = 25
FILENAME = "meetings-timeline.png"
DPI = 100
WIDTH_INCHES = 10.0
ROW_INCHES = 0.34
LABEL_CHARS = 48  # longer row labels are cut with "…"

# status -> (legend label, marker, colour, filled); the order of the legend
STATUS_STYLES: dict[str | None, tuple[str, str, str, bool]] = {
    "held": ("held", "o", "#2e7d32", True),
    "under way": ("under way", "D", "#ef6c00", True),
    "planned": ("planned", "o", "#1565c0", False),
    "postponed": ("postponed", "s", "#6a1b9a", False),
    "cancelled": ("cancelled", "X", "#c62828", True),
    "ruled out": ("ruled out", "x", "#616161", True),
    None: ("status not said", "h", "#757575", False),
}
LINE_MARKERS = "x+"  # markers drawn as lines: one colour, no face


@dataclass(frozen=True)
class Row:
    key: str  # who the row is: the name, or the label of an unnamed side
    label: str  # what the axis shows: "Jeyhun Bayramov (Azerbaijani Foreign Minister)"


@dataclass(frozen=True)
class Mark:
    day: dt.date
    rows: tuple[int, ...]  # the rows of the meeting's people shown, top row 0
    status: str | None
    slot: float  # shift within the day (in days) when several meetings share it, so each stays visible


@dataclass(frozen=True)
class Timeline:
    """What is drawn and what is left out; png is None when nothing could be drawn."""

    png: bytes | None
    found: int  # the meetings given
    drawn: int  # the meetings with at least one marker in the picture
    undated: int  # without a day: not on the axis
    earlier: int  # dated before the window
    hidden_people: int  # people beyond the rows shown
    unplaced: int  # meetings in the window whose people are all beyond the rows shown
    rows: int
    start: dt.date | None
    end: dt.date | None
    weeks: int


def person_key(person: Person) -> str:
    """The same person across meetings: their name (any case), else the side's label."""
    return (person.name or person.short()).casefold()


def meeting_day(meeting: Meeting) -> dt.date | None:
    """The ISO date of the meeting's `when`, or None when the article gives no day."""
    if meeting.when is None or not meeting.when.date:
        return None
    try:
        return dt.date.fromisoformat(meeting.when.date)
    except ValueError:
        return None


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def plan_timeline(meetings: Sequence[Meeting], weeks: int = DEFAULT_WEEKS, max_people: int = MAX_PEOPLE
         ) -> tuple[list[Row], list[Mark], Timeline]:
    """Rows, markers and counts (a Timeline without its picture), without drawing anything."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between 1 and {MAX_WEEKS}, got {weeks}")
    if max_people < 1:
        raise ValueError(f"max_people must be at least 1, got {max_people}")
    dated = [(day, m) for m in meetings if (day := meeting_day(m)) is not None]
    undated = len(meetings) - len(dated)
    if not dated:
        return [], [], Timeline(None, len(meetings), 0, undated, 0, 0, 0, 0, None, None, weeks)
    end = max(day for day, _ in dated)
    start = end - dt.timedelta(days=7 * weeks - 1)
    shown = sorted(((day, m) for day, m in dated if day >= start), key=lambda item: item[0])  # stable
    earlier = len(dated) - len(shown)

    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    labels: dict[str, Counter[str]] = {}
    for _, meeting in shown:
        here: set[str] = set()
        for person in meeting.people():
            key = person_key(person)
            if key not in here:  # one count per meeting, however often the record names them
                here.add(key)
                counts[key] += 1
                first_seen.setdefault(key, len(first_seen))
                labels.setdefault(key, Counter())[person.short()] += 1
    kept = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))[:max_people]
    ordered = sorted(kept, key=first_seen.__getitem__)  # by first meeting: a meeting's people stay close
    row_of = {key: n for n, key in enumerate(ordered)}
    rows = [Row(key, _label(labels[key].most_common(1)[0][0])) for key in ordered]

    per_day = Counter(day for day, _ in shown)
    seen_on_day: Counter[dt.date] = Counter()
    marks = []
    for day, meeting in shown:
        n, total = seen_on_day[day], per_day[day]
        seen_on_day[day] += 1
        at = sorted({row_of[k] for k in map(person_key, meeting.people()) if k in row_of})
        if at:
            slot = (n - (total - 1) / 2) * 0.8 / total  # within the day
            marks.append(Mark(day, tuple(at), meeting.status.value if meeting.status else None, slot))
    summary = Timeline(None, len(meetings), len(marks), undated, earlier, len(counts) - len(kept),
                       len(shown) - len(marks), len(rows), start, end, weeks)
    return rows, marks, summary


def draw_timeline(meetings: Sequence[Meeting], weeks: int = DEFAULT_WEEKS,
                  max_people: int = MAX_PEOPLE) -> Timeline:
    """The meetings of the `weeks` weeks up to the newest dated one, as PNG bytes with what was left out."""
    rows, marks, summary = plan_timeline(meetings, weeks, max_people)
    if not marks:
        return summary
    return replace(summary, png=render_png(rows, marks, summary))


def render_png(rows: Sequence[Row], marks: Sequence[Mark], summary: Timeline) -> bytes:
    """The picture: people down the side, days across, a marker per person per meeting, lines joining."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    height = 1.6 + ROW_INCHES * max(len(rows), 3)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    statuses = [s for s in STATUS_STYLES if any(mark.status == s for mark in marks)]
    statuses += sorted({m.status for m in marks if m.status not in STATUS_STYLES})  # a status not styled yet
    for mark in marks:
        x = date2num(mark.day) + mark.slot
        _, marker, colour, filled = STATUS_STYLES.get(mark.status, (mark.status, "*", "#000000", True))
        if len(mark.rows) > 1:
            axes.plot([x, x], [mark.rows[0], mark.rows[-1]], color=colour, alpha=0.45, linewidth=1.5,
                      zorder=1)
        paint = {"color": colour} if marker in LINE_MARKERS else {
            "facecolors": colour if filled else "white", "edgecolors": colour}
        axes.scatter([x] * len(mark.rows), mark.rows, s=70, marker=marker, zorder=2, linewidths=1.6, **paint)
    axes.set_yticks(range(len(rows)), [row.label for row in rows], fontsize=9)
    axes.set_ylim(len(rows) - 0.5, -0.5)  # the first row at the top
    pad = max(1.0, (summary.end - summary.start).days * 0.02)  # markers on the edge days drawn whole
    axes.set_xlim(date2num(summary.start) - pad, date2num(summary.end) + pad)
    locator = AutoDateLocator(minticks=4, maxticks=10)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(True, axis="both", color="#e0e0e0", linewidth=0.8, zorder=0)
    axes.set_axisbelow(True)
    axes.set_title(f"Meetings, {summary.start.isoformat()} to {summary.end.isoformat()}", fontsize=11)
    handles = []
    for status in statuses:
        label, marker, colour, filled = STATUS_STYLES.get(status, (status, "*", "#000000", True))
        handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=8, markeredgewidth=1.6,
                              color=colour, markerfacecolor=colour if filled else "white", label=label))
    figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 7), frameon=False,
                  fontsize=9)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def timeline_text(timeline: Timeline, prompts: Prompts, person: str | None = None,
                  place: str | None = None) -> str:
    """One line under the picture: what is drawn and what is not; or why there is no picture."""
    from bot.render import no_meetings_text, plural

    if not timeline.found:
        return no_meetings_text(prompts, person, place)
    if timeline.png is None:
        return prompts.render("no_timeline", meetings=plural(timeline.found, "meeting"),
                              person=f" for {person}" if person else "",
                              place=f" in {place}" if place else "")
    left_out = []
    if timeline.undated:
        left_out.append(_not_shown(timeline.undated, "without a date"))
    if timeline.earlier:
        left_out.append(_not_shown(timeline.earlier, f"before {timeline.start.isoformat()}"))
    if timeline.hidden_people:
        people = "more person" if timeline.hidden_people == 1 else "more people"
        left_out.append(_not_shown(timeline.hidden_people, people) + f" (the {timeline.rows} with the most "
                                                                      "meetings are)")
    if timeline.unplaced:
        left_out.append(_not_shown(timeline.unplaced, "between those people alone"))
    return prompts.render("timeline", drawn=plural(timeline.drawn, "meeting"),
                          start=timeline.start.isoformat(), end=timeline.end.isoformat(),
                          weeks=plural(timeline.weeks, "week"),
                          left_out="".join(f"; {part}" for part in left_out))


def _not_shown(count: int, what: str) -> str:
    """'3 without a date are not shown', '1 without a date is not shown'."""
    return f"{count:,} {what} {'is' if count == 1 else 'are'} not shown"
