"""What the /feeds commands say: a followed feed's state, what adding one did, what a test would add."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.embeds import escape
from bot.render import plural

if TYPE_CHECKING:
    from index.feeds.poll import FeedReport
    from index.feeds.preview import FeedPreview
    from index.feeds.store import Feed

MAX_PROBLEM_LINES = 10


def entries(count: int) -> str:
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


def when(epoch: float) -> str:
    """A moment as Discord shows it to each reader, in their time zone ("3 minutes ago")."""
    return f"<t:{int(epoch)}:R>"


def feed_line(feed: Feed) -> str:
    """• address → alerts channel: last poll, or the errors in a row and when it is tried again."""
    channel = f" → <#{feed.channel_id}>" if feed.channel_id else ""
    if feed.errors:
        state = (f"{feed.errors} failed poll{'s' if feed.errors != 1 else ''} in a row, last: "
                 f"{escape(feed.last_error or '?')}; resting until {when(feed.retry_after)}")
    elif feed.last_polled:
        state = f"last polled {when(feed.last_polled)}"
    else:
        state = "not polled yet"
    return f"• {feed.url}{channel}: {state}"


def problem_lines(problems: list[str]) -> list[str]:
    shown = [f"⚠ {escape(line)}" for line in problems[:MAX_PROBLEM_LINES]]
    if len(problems) > MAX_PROBLEM_LINES:
        shown.append(f"⚠ and {len(problems) - MAX_PROBLEM_LINES} more")
    return shown


def followed_text(url: str, channel: str, backfill: int, report: FeedReport, poll_minutes: float) -> str:
    """What /feeds add did: the entries there now (not added, or the backfilled ones), and its problems."""
    if backfill:
        taken = min(backfill, report.listed)
        older = report.listed - taken
        what = (f"{plural(len(report.added), 'article')} added from its newest {entries(taken)}"
                + (f"; {older:,} older entr{'y' if older == 1 else 'ies'} not added" if older else ""))
    else:
        what = f"{entries(report.listed)} there now, not added (use backfill: to add some)"
    schedule = (f"I check it every {poll_minutes:g} minutes for new ones" if poll_minutes > 0 else
                "the bot does not poll feeds here (FEED_POLL_MINUTES is 0)")
    return "\n".join([f"Following {url} in {channel}: {what}.", f"{schedule}; meeting alerts go to {channel}.",
                      *problem_lines(report.problems)])


def preview_text(preview: FeedPreview, owner: str, backfill: int) -> str:
    """What /feeds test found: how many entries, which would be added, and each checked page's outcome."""
    title = f"**{escape(preview.title)}** — " if preview.title else ""
    lines = [f"{title}{preview.url}: {entries(preview.listed)} in the feed."]
    would = len(preview.would_add)
    if preview.followed:
        lines.append(f"{owner.capitalize()} follows it: the next poll would add {entries(would)}"
                     + (f"; {preview.waiting} more wait for later polls" if preview.waiting else "") + ".")
    elif backfill:
        lines.append(f"{owner.capitalize()} does not follow it: /feeds add with backfill: {backfill} would add "
                     f"{entries(would)} now" + (f" ({preview.waiting} more later)" if preview.waiting else "") + ".")
    else:
        lines.append(f"{owner.capitalize()} does not follow it: /feeds add would add none of them now, "
                     "only entries that appear later (or the newest, with backfill:).")
    lines += problem_lines(preview.notes)
    if preview.checked:
        lines.append(f"{plural(len(preview.checked), 'page')} read now:")
    for check in preview.checked:
        if check.title is not None:
            lines.append(f"✓ {escape(check.title)} — {check.entry.link}")
        else:
            lines.append(f"✗ {check.entry.link} — {escape(check.problem or '?')}")
    lines.append("Nothing was written.")
    return "\n".join(lines)
