"""`communique feeds add|list|remove|poll`: the RSS/Atom feeds a collection follows (FEEDS_DB)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cli.collections import cli_audit
from bot.render import plural

if TYPE_CHECKING:
    from bot.cli.context import Context
    from index.feeds.poll import FeedPoller, PollResult
    from index.feeds.store import FeedStore

EXIT_OK = 0


def _store(ctx: Context) -> FeedStore:
    from index.feeds.store import FeedStore

    return FeedStore(ctx.settings.feeds_db)


def _poller(ctx: Context) -> FeedPoller:
    from index.feeds.poll import FeedPoller

    return FeedPoller(_store(ctx), ctx.kb(model=False), collection=ctx.collection,
                      policy=ctx.settings.fetch_policy(), max_new=ctx.settings.feed_max_new,
                      max_per_day=ctx.settings.feed_max_per_day)


def _report(ctx: Context, result: PollResult) -> None:
    for report in result.feeds:
        for line in report.lines():
            ctx.out(line)
        for doc_id in report.added:
            cli_audit(ctx, "add", ctx.collection, doc_id, f"from the feed {report.url}")
    ctx.built(result.build, summary_to=ctx.stdout)


def cmd_feeds_add(ctx: Context) -> int:
    url = ctx.args.url
    feed, result = _poller(ctx).add(url, backfill=ctx.args.backfill)
    cli_audit(ctx, "feed-add", ctx.collection, feed.url, "done")
    ctx.out(f"{ctx.collection} follows {feed.url}; entries already in it are not added"
            + (f" (but the newest {ctx.args.backfill})" if ctx.args.backfill else "")
            + "; `communique feeds poll` adds new ones")
    _report(ctx, result)
    return EXIT_OK


def cmd_feeds_list(ctx: Context) -> int:
    feeds = _store(ctx).feeds(ctx.collection)
    if ctx.args.json:
        for feed in feeds:
            ctx.json(feed.to_json())
        return EXIT_OK
    if not feeds:
        ctx.out(f"{ctx.collection} follows no feeds; add one with `communique feeds add URL`")
    for feed in feeds:
        state = f"{plural(feed.errors, 'error')} in a row: {feed.last_error}" if feed.errors else (
            "polled" if feed.last_polled else "not polled yet")
        ctx.out(f"{feed.url}  {state}")
    return EXIT_OK


def cmd_feeds_remove(ctx: Context) -> int:
    _store(ctx).remove(ctx.args.url.strip(), ctx.collection)
    cli_audit(ctx, "feed-remove", ctx.collection, ctx.args.url.strip(), "done")
    ctx.out(f"{ctx.collection} no longer follows {ctx.args.url.strip()}; its articles stay")
    return EXIT_OK


def cmd_feeds_poll(ctx: Context) -> int:
    store = _store(ctx)
    if not store.feeds(ctx.collection):
        ctx.out(f"{ctx.collection} follows no feeds; add one with `communique feeds add URL`")
        return EXIT_OK
    result = _poller(ctx).poll(force=True)
    _report(ctx, result)
    return EXIT_OK
