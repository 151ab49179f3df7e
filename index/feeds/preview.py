"""What a feed would give, read now and written nowhere: the entries following it (with `backfill`) or
its next poll would add, and for the first few of them the title each would be indexed under or the
one-line reason it would be refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.errors import WebError
from index.feeds.parse import Entry
from index.feeds.poll import FeedPoller, cap_note, read_entry

PREVIEW_PAGES = 5  # entry pages fetched by one preview


@dataclass(frozen=True, slots=True)
class EntryCheck:
    entry: Entry
    title: str | None  # the title its article would be indexed under
    problem: str | None  # why it would be refused (one line)


@dataclass
class FeedPreview:
    url: str
    title: str  # the feed's own title
    followed: bool  # by the poller's collection
    listed: int  # entries the feed lists, up to the cap
    would_add: list[Entry]  # what the next poll (followed) or adding it with the backfill would take now
    waiting: int  # unseen entries the caps leave for later polls
    checked: list[EntryCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def preview_feed(poller: FeedPoller, url: str, backfill: int = 0, pages: int = PREVIEW_PAGES) -> FeedPreview:
    """Fetch the feed and up to `pages` entry pages through the address-checked fetcher; write nothing.

    For a followed feed, the entries are its unseen ones; for a new one, its newest (those backfill
    would take). WebError when the feed itself cannot be read."""
    if pages < 0:
        raise ValueError(f"pages must not be negative, got {pages!r}")
    url = url.strip()
    followed = next((feed for feed in poller.store.feeds(poller.collection) if feed.url == url), None)
    parsed, _etag, _modified = poller.read(url)
    budget = poller.day_budget()
    if followed is not None:
        by_key = {entry.key: entry for entry in parsed.entries}
        unseen = [by_key[key] for key in poller.store.unseen(followed, by_key)]
        would_add = unseen[:max(0, min(poller.max_new, budget))]
        waiting, shown = len(unseen) - len(would_add), would_add
    else:
        would_add = parsed.entries[:max(0, min(backfill, budget))]
        waiting, shown = min(backfill, len(parsed.entries)) - len(would_add), parsed.entries
    preview = FeedPreview(url, parsed.title, followed is not None, len(parsed.entries), would_add, waiting)
    if parsed.capped:
        preview.notes.append(cap_note(parsed))
    if waiting and len(would_add) >= budget:
        preview.notes.append(poller.cap_reached())
    for entry in shown[:pages]:
        try:
            preview.checked.append(EntryCheck(entry, read_entry(entry, poller.policy).title, None))
        except WebError as error:
            preview.checked.append(EntryCheck(entry, None, str(error)))
    return preview
