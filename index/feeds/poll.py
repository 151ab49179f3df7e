"""Following feeds: adding one (its current entries count as seen unless backfilled), and polling.

A poll fetches each due feed with a conditional GET (ETag / Last-Modified) through the address-checked
fetcher, fetches the page of each new entry, reads its article (the feed's date stands in when the page
gives none), and adds every new article of the collection in one refresh of its knowledge base.
Something wrong with a feed or an entry is one line in the report; it writes nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.corpus.documents import corpus_files
from index.corpus.fetch import FetchPolicy, fetch_feed, fetch_page
from index.corpus.html import ExtractedArticle, extract_article
from index.errors import CommuniqueError, WebError
from index.feeds.parse import MAX_ENTRIES, Entry, ParsedFeed, read_feed
from index.feeds.store import Feed, FeedStore

if TYPE_CHECKING:
    from index.kb import KnowledgeBase
    from index.retrieval.build import BuildReport

log = logging.getLogger(__name__)

MAX_NEW_PER_POLL = 10  # new entries of one feed fetched in one poll; the rest wait for the next
MAX_BACKFILL = 50
MAX_PER_DAY = 100  # articles one collection takes from its feeds in 24 hours; the rest wait
PROBE_ENTRIES = 3  # a new feed's newest entries read, until one gives an article, before it is followed
DAY = 24 * 3600
# An entry whose page fails like this will fail the same way again: it is marked seen, not retried.
# (A server error, 5xx, is not among them: like a timeout, it is tried again on the next poll.)
_FINAL = {"scheme", "address", "private", "no-article", "not-html", "size", "http", "redirect", "encoding"}
_SERVER_ERROR = re.compile(r"answered 5\d\d")
Progress = Callable[[str, int, int], None]  # (stage, done, total), called from the worker thread


def read_entry(entry: Entry, policy: FetchPolicy) -> ExtractedArticle:
    """The article of an entry's page, the feed's date standing in when the page gives none; WebError
    when the address rules refuse the page or it has no article."""
    page = fetch_page(entry.link, policy)
    article = extract_article(page.body, page.final_url, also_from=page.url)
    if entry.date and not article.meta.get("published"):
        article = dataclasses.replace(article, meta={**article.meta, "published": entry.date})
    return article


def is_final(error: WebError) -> bool:
    """Whether an entry that failed like this would fail the same way again (not retried)."""
    return error.kind in _FINAL and not _SERVER_ERROR.search(str(error))


def cap_note(parsed: ParsedFeed) -> str:
    return f"the feed lists {parsed.total} entries; only the newest {len(parsed.entries)} are looked at"


@dataclass
class FeedReport:
    """What one feed gave in one poll (or when it was added)."""

    url: str
    listed: int = 0  # entries the feed lists (read up to the cap)
    new: list[tuple[Entry, ExtractedArticle]] = field(default_factory=list)  # articles read, not yet saved
    added: list[str] = field(default_factory=list)  # doc ids saved into the corpus
    problems: list[str] = field(default_factory=list)  # one line each: a failed feed or entry
    not_modified: bool = False
    skipped: bool = False  # resting after errors (backoff)

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"{self.url}: resting after errors; not polled"]
        head = f"{self.url}: " + ("not modified" if self.not_modified else
                                  f"{len(self.added)} new article{'s' if len(self.added) != 1 else ''}")
        return [head, *(f"  {doc_id}" for doc_id in self.added), *(f"  {line}" for line in self.problems)]


@dataclass
class PollResult:
    feeds: list[FeedReport]
    build: BuildReport | None  # the one refresh, None when nothing new was added

    @property
    def added(self) -> list[str]:
        return [doc_id for report in self.feeds for doc_id in report.added]


class FeedPoller:
    """The feeds of one collection, polled into its knowledge base."""

    def __init__(self, store: FeedStore, kb: KnowledgeBase, collection: str = "shared",
                 policy: FetchPolicy | None = None, max_new: int = MAX_NEW_PER_POLL,
                 max_entries: int = MAX_ENTRIES, max_per_day: int = MAX_PER_DAY,
                 max_articles: int | None = None, clock: Callable[[], float] = time.time):
        if max_new < 1:
            raise ValueError(f"max_new must be at least 1, got {max_new!r}")
        if max_per_day < 1:
            raise ValueError(f"max_per_day must be at least 1, got {max_per_day!r}")
        self.max_per_day = max_per_day
        self.max_articles = max_articles  # the most articles the collection may hold (a server's), None: no cap
        self.store, self.kb, self.collection = store, kb, collection
        self.policy = policy or FetchPolicy()
        self.max_new, self.max_entries, self.clock = max_new, max_entries, clock

    # ------------------------------------------------------------ feeds

    def read(self, url: str, etag: str | None = None, modified: str | None = None
              ) -> tuple[ParsedFeed | None, str | None, str | None]:
        """(feed, etag, last-modified); feed None when the server says it did not change."""
        page = fetch_feed(url, self.policy, etag, modified)
        if page.not_modified:
            return None, page.etag or etag, page.last_modified or modified
        return read_feed(page.body, url, self.max_entries), page.etag, page.last_modified

    def add(self, url: str, channel_id: int | None = None, backfill: int = 0,
            progress: Progress | None = None) -> tuple[Feed, PollResult]:
        """Follow a feed; the newest `backfill` entries are added now, the others count as seen.

        A feed that cannot be read (an HTML page, 404, malformed XML), or whose newest entries give no
        article (address refused, no article text), raises WebError and is not followed."""
        url = url.strip()
        if not 0 <= backfill <= MAX_BACKFILL:
            raise CommuniqueError(f"backfill must be between 0 and {MAX_BACKFILL}, got {backfill}")
        if any(feed.url == url for feed in self.store.feeds(self.collection)):
            raise CommuniqueError(f"{self.collection} already follows {url}")
        parsed, _etag, _modified = self.read(url)
        report = FeedReport(url, listed=len(parsed.entries))
        if parsed.capped:
            report.problems.append(cap_note(parsed))
        take = min(backfill, self.day_budget())
        if take < min(backfill, len(parsed.entries)):
            report.problems.append(f"{self.cap_reached()}; "
                                   f"{min(backfill, len(parsed.entries)) - take} backfilled entries wait")
        refused = self._take_newest(parsed, take, report, progress)
        # entries beyond the backfill count as seen; backfilled ones the daily cap held back wait
        older = [entry.key for entry in parsed.entries[backfill:]]
        feed = self.store.add(url, self.collection, channel_id, older, now=self.clock())
        if refused:
            self.store.mark_seen(feed, refused, now=self.clock())
        # validators are not kept: the next poll reads the feed whole, so entries left over are seen then
        return feed, self._save([(feed, report)], progress)

    def _take_newest(self, parsed: ParsedFeed, take: int, report: FeedReport,
                     progress: Progress | None) -> dict[str, str]:
        """Read the newest `take` entries into report.new, and at least one (of PROBE_ENTRIES) to show
        the feed gives articles; the refused entries (not to be tried again). WebError when none does."""
        gives_articles, first_problem, refused = not parsed.entries, "", {}
        for n, entry in enumerate(parsed.entries[:max(take, PROBE_ENTRIES)]):
            if n >= take and gives_articles:
                break
            if progress and n < take:
                progress("reading the newest entries", n, take)
            try:
                article = read_entry(entry, self.policy)
            except WebError as error:
                first_problem = first_problem or f"{entry.link}: {error}"
                if n < take:
                    report.problems.append(f"{entry.link}: {error}")
                    if is_final(error):
                        refused[entry.key] = f"refused: {error}"
                continue
            gives_articles = True
            if n < take:
                report.new.append((entry, article))
        if not gives_articles:
            tried = min(len(parsed.entries), max(take, PROBE_ENTRIES))
            raise WebError(f"none of the feed's newest entries gives an article ({tried} read): {first_problem}",
                           report.url, "no-article")
        return refused

    def remove(self, url: str) -> None:
        self.store.remove(url.strip(), self.collection)

    # ------------------------------------------------------------ polling

    def poll(self, force: bool = False) -> PollResult:
        """Poll every feed of the collection that is due (every one with force); one refresh for all.

        A feed's new validators are kept only once its articles are saved: a refresh that fails leaves
        the next poll to read the feed whole again."""
        done: list[tuple[Feed, FeedReport]] = []
        validators: list[tuple[Feed, str | None, str | None]] = []
        budget = self.day_budget()
        for feed in self.store.feeds(self.collection):
            report = FeedReport(feed.url)
            done.append((feed, report))
            if not force and not feed.due(self.clock()):
                report.skipped = True
                continue
            try:
                parsed, etag, modified = self.read(feed.url, feed.etag, feed.last_modified)
            except WebError as error:
                self.store.failed(feed, str(error), now=self.clock())
                report.problems.append(f"the feed failed: {error}")
                continue
            if parsed is None:
                report.not_modified = True
                validators.append((feed, etag, modified))
                continue
            if parsed.capped:
                report.problems.append(cap_note(parsed))
            report.listed = len(parsed.entries)
            left_over = self._collect(feed, parsed, report, budget)
            budget -= len(report.new)
            # with entries left for the next poll, the feed must be read whole again: no validators
            validators.append((feed, None, None) if left_over else (feed, etag, modified))
        result = self._save(done)
        for feed, etag, modified in validators:
            self.store.polled(feed, etag, modified, now=self.clock())
        return result

    def day_budget(self) -> int:
        """How many more articles the collection may take from its feeds today (and hold, when capped)."""
        taken = self.store.added_since(self.collection, self.clock() - DAY)
        return max(0, min(self.max_per_day - taken, self.room()))

    def room(self) -> int | float:
        """How many more articles the collection may hold (no limit without max_articles)."""
        if self.max_articles is None:
            return float("inf")
        corpus = self.kb.corpus_dir
        held = len(corpus_files(corpus)) if corpus.is_dir() else 0  # a new server's collection has none yet
        return max(0, self.max_articles - held)

    def cap_reached(self) -> str:
        """Which cap holds entries back, in words: the collection's article limit or the daily cap."""
        if self.room() <= self.day_budget():
            return f"the limit of {self.max_articles} articles is reached"
        return f"the daily cap of {self.max_per_day} articles from feeds is reached"

    def _collect(self, feed: Feed, parsed: ParsedFeed, report: FeedReport, budget: int) -> bool:
        """Read the articles of the feed's unseen entries into report.new (at most max_new, and budget
        more articles today); whether some were left over or may pass on another try."""
        by_key = {entry.key: entry for entry in parsed.entries}
        unseen = self.store.unseen(feed, by_key)
        final: dict[str, str] = {}
        retry = False  # an entry failed in a way that may pass: the feed must be read whole next time
        limit = min(self.max_new, budget)
        if limit < len(unseen) and budget < self.max_new:
            report.problems.append(f"{self.cap_reached()}; {len(unseen) - max(limit, 0)} new entries wait")
        for key in unseen[:max(limit, 0)]:
            entry = by_key[key]
            try:
                article = read_entry(entry, self.policy)
            except WebError as error:
                report.problems.append(f"{entry.link}: {error}")
                if is_final(error):
                    final[key] = f"refused: {error}"
                else:
                    retry = True
                continue
            report.new.append((entry, article))
        if final:
            self.store.mark_seen(feed, final, now=self.clock())
        return retry or len(unseen) > limit

    def _save(self, done: list[tuple[Feed, FeedReport]], progress: Progress | None = None) -> PollResult:
        """Every article read, saved in one refresh; then their entries are marked seen."""
        articles = [article for _feed, report in done for _entry, article in report.new]
        if not articles:
            return PollResult([report for _feed, report in done], None)
        results, build = self.kb.add_articles(articles, progress, wait=True)
        outcomes = iter(results)
        for feed, report in done:
            seen: dict[str, str] = {}
            for entry, _article in report.new:
                result = next(outcomes)
                seen[entry.key] = f"{result.status} {result.doc_id}"
                if result.changed:
                    report.added.append(result.doc_id)
            if seen:
                self.store.mark_seen(feed, seen, now=self.clock())
        return PollResult([report for _feed, report in done], build)
