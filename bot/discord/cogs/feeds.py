"""Moderators follow RSS/Atom feeds: /feeds add, list, remove and test.

A server's feeds fill that server's own collection; `collection: shared` the shared one, for those who
may change it (as with /index). Each feed keeps the channel its meeting alerts go to. Fetching, reading
and indexing run in a worker thread; a feed that cannot be read is refused in one line, and nothing is
written for it. Every change and every refusal goes to the audit log.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.cogs.admin.guard import ModeratorGroup, audit_entry
from bot.discord.cogs.admin.targets import COLLECTION_HELP, SERVER, Target, collection_choices
from bot.discord.cogs.common import GroupCog
from bot.discord.embeds import text_embed
from bot.discord.feed_lines import entries, feed_line, followed_text, preview_text
from bot.render import plural
from index.collections import SHARED, server_name
from index.errors import CommuniqueError, WebError
from index.feeds.poll import MAX_BACKFILL, FeedPoller
from index.feeds.preview import preview_feed
from index.feeds.store import Feed, FeedStore

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.feeds.poll import Progress
    from index.kb import KnowledgeBase
    from index.retrieval.build import BuildReport

log = logging.getLogger(__name__)

AUTOCOMPLETE_CHOICES = 25
CHOICE_LIMIT = 100  # Discord's longest choice name and value
ALERT_PERMISSIONS = (("view_channel", "View Channel"), ("send_messages", "Send Messages"),
                     ("embed_links", "Embed Links"))


def feeds_of(path: Path, collection: str) -> list[Feed]:
    """The feeds a collection follows; none (and no database created) before any feed was added."""
    return FeedStore(path).feeds(collection) if path.is_file() else []


@contextmanager
def reading_store(path: Path) -> Iterator[FeedStore]:
    """The feeds database to read; an empty throwaway one when none exists yet (nothing is created)."""
    if path.is_file():
        yield FeedStore(path)
        return
    with tempfile.TemporaryDirectory() as folder:
        yield FeedStore(Path(folder) / "feeds.sqlite3")


def owner(target: Target) -> str:
    return "the shared collection" if target.shared else "this server"


def alert_channel_problem(interaction: discord.Interaction, channel: object) -> str | None:
    """Why meeting alerts could not go to this channel; None when they can."""
    if not isinstance(channel, discord.TextChannel) or channel.guild.id != interaction.guild_id:
        return "meeting alerts go to a text channel of this server: choose one with channel:"
    me = channel.guild.me
    if me is None:  # the bot's own member is not cached: Discord will tell when an alert is sent
        return None
    allowed = channel.permissions_for(me)
    missing = [label for name, label in ALERT_PERMISSIONS if not getattr(allowed, name)]
    if not allowed.send_messages and "Embed Links" in missing:  # Discord withdraws it with Send Messages
        missing.remove("Embed Links")
    if missing:  # the name, not a mention: an error is shown escaped
        return f"I cannot post in #{channel.name}: I lack {', '.join(missing)} there"
    return None


async def followed_url_autocomplete(interaction: discord.Interaction, current: str
                                    ) -> list[app_commands.Choice[str]]:
    """The addresses of the feeds the collection the command would change follows (moderators only:
    autocomplete skips the group's check)."""
    bot: CommuniqueBot = interaction.client
    if interaction.guild_id is None or not (bot.is_moderator(interaction.user) or await bot.is_owner(interaction.user)):
        return []
    scope = getattr(interaction.namespace, "collection", None) or SERVER
    if scope == SERVER and bot.collections.per_server:
        name = server_name(interaction.guild_id)
    elif await bot.may_change_shared(interaction):
        name = SHARED
    else:
        return []
    feeds = await bot.run_blocking(feeds_of, bot.settings.feeds_db, name)
    wanted = current.strip().lower()
    return [app_commands.Choice(name=feed.url, value=feed.url) for feed in feeds
            if wanted in feed.url.lower() and len(feed.url) <= CHOICE_LIMIT][:AUTOCOMPLETE_CHOICES]


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class FeedCommands(ModeratorGroup, name="feeds", description="Moderators: follow news feeds into the articles"):
    audit_prefix = "feed-"

    def poller(self, store: FeedStore, kb: KnowledgeBase, target: Target) -> FeedPoller:
        settings = self.bot.settings
        return FeedPoller(store, kb, collection=target.name, policy=settings.fetch_policy(),
                          max_new=settings.feed_max_new, max_per_day=settings.feed_max_per_day,
                          max_articles=None if target.shared else settings.server_max_articles)

    @app_commands.command(name="add")
    @app_commands.describe(url="The feed's address (RSS or Atom, http or https)",
                           channel="Where its meeting alerts go (default: this channel)",
                           backfill=f"Also add its newest N entries now (0 to {MAX_BACKFILL}; default 0: none)",
                           collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 8, 2000],
                  channel: discord.TextChannel | None = None,
                  backfill: app_commands.Range[int, 0, MAX_BACKFILL] = 0, collection: str | None = None) -> None:
        """Follow a feed: its new entries' articles are added as they appear; those there now are not."""
        url = url.strip()
        target = await self.target(interaction, collection, url)
        alerts = channel or interaction.channel
        problem = alert_channel_problem(interaction, alerts) or await self._followed_problem(target, url)
        if problem:
            await self.refuse(interaction, target.name, url, problem)
            raise CommuniqueError(problem)
        try:
            await self.check_room(target, backfill)
        except CommuniqueError as error:
            await self.refuse(interaction, target.name, url, str(error))
            raise
        settings = self.bot.settings

        def follow(kb: KnowledgeBase, progress: Progress) -> tuple[str, BuildReport | None]:
            feed, result = self.poller(FeedStore(settings.feeds_db), kb, target).add(url, alerts.id, backfill,
                                                                                     progress)
            [report] = result.feeds
            for doc_id in report.added:
                self.bot.audit.record(audit_entry(interaction, "add", target.name, doc_id, f"done: from the feed {url}"))
            return followed_text(feed.url, alerts.mention, backfill, report, settings.feed_poll_minutes), result.build

        await self.change(interaction, target, url, f"Reading {url}…", follow,
                          failed=lambda reason: f"Not following {url}: {reason}")

    async def _followed_problem(self, target: Target, url: str) -> str | None:
        """Why the collection may not follow one more feed: it follows this one, or as many as it may."""
        followed = await self.bot.run_blocking(feeds_of, self.bot.settings.feeds_db, target.name)
        if any(feed.url == url for feed in followed):
            return f"{owner(target)} already follows {url}"
        limit = self.bot.settings.feeds_per_server
        if not target.shared and len(followed) >= limit:
            return (f"this server already follows {plural(limit, 'feed')}, the most it may (FEEDS_PER_SERVER): "
                    "remove one with /feeds remove first")
        return None

    @app_commands.command(name="list")
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        """The feeds this server follows (and the shared ones, for those who may change them)."""
        scopes = [(server_name(interaction.guild_id), "This server")] if self.bot.collections.per_server else []
        if await self.bot.may_change_shared(interaction):
            scopes.append((SHARED, "The shared collection"))
        if not scopes:
            raise CommuniqueError("servers have no articles of their own here (SERVER_COLLECTIONS is off), "
                                  "and only the bot's operator follows feeds into the shared ones")
        await interaction.response.defer(ephemeral=True, thinking=True)
        path, sections = self.bot.settings.feeds_db, []
        for name, label in scopes:
            feeds = await self.bot.run_blocking(feeds_of, path, name)
            if feeds:
                sections.append(f"**{label}** follows {plural(len(feeds), 'feed')}:\n"
                                + "\n".join(feed_line(feed) for feed in feeds))
            else:
                sections.append(f"**{label}** follows no feeds: add one with /feeds add url:")
        await interaction.followup.send(embed=text_embed("\n\n".join(sections)), ephemeral=True,
                                        allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(name="remove")
    @app_commands.describe(url="The followed feed's address",
                           collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    @app_commands.autocomplete(url=followed_url_autocomplete)
    async def remove(self, interaction: discord.Interaction, url: str, collection: str | None = None) -> None:
        """Stop following a feed; the articles it added stay."""
        url = url.strip()
        target = await self.target(interaction, collection, url)
        path = self.bot.settings.feeds_db

        def forget() -> bool:
            if not any(feed.url == url for feed in feeds_of(path, target.name)):
                return False
            FeedStore(path).remove(url, target.name)
            return True

        if not await self.bot.run_blocking(forget):
            await self.audit(interaction, target.name, url, "failed: not followed")
            raise CommuniqueError(f"{owner(target)} follows no feed {url} (see /feeds list)")
        await self.audit(interaction, target.name, url, "done")
        await interaction.response.send_message(
            embed=text_embed(f"No longer following {url}; the articles it added stay in {target.label}"),
            allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(name="test")
    @app_commands.describe(url="The feed's address, followed or not",
                           backfill=f"For a new feed: the newest N entries /feeds add would add (0 to {MAX_BACKFILL})",
                           collection=COLLECTION_HELP)
    @app_commands.choices(collection=collection_choices())
    @app_commands.autocomplete(url=followed_url_autocomplete)
    async def test(self, interaction: discord.Interaction, url: app_commands.Range[str, 8, 2000],
                   backfill: app_commands.Range[int, 0, MAX_BACKFILL] = 0, collection: str | None = None) -> None:
        """Fetch a feed now and show what would be added, writing nothing."""
        url = url.strip()
        target = await self.target(interaction, collection, url)
        await interaction.response.defer(ephemeral=True, thinking=True)

        def dry_run():
            with reading_store(self.bot.settings.feeds_db) as store:
                # a preview reads the feed and its pages only: the knowledge base is never touched
                return preview_feed(self.poller(store, self.bot.kb, target), url, backfill)

        try:
            preview = await self.bot.run_blocking(dry_run)
        except WebError as error:
            raise CommuniqueError(f"{url} cannot be followed: {error}") from error
        text = preview_text(preview, owner(target), backfill)
        await interaction.followup.send(embed=text_embed(text), ephemeral=True,
                                        allowed_mentions=discord.AllowedMentions.none())
        log.info("feeds test of %s for %s: %s would be added", url, target.name, entries(len(preview.would_add)))


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(GroupCog(bot, FeedCommands(bot)))
