"""The Discord bot: one Bot subclass given its settings and knowledge base; features live in cogs."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.audit import AuditLog
from bot.discord.batcher import QuestionBatcher
from bot.discord.errors import ErrorHandler
from bot.discord.feeds import FeedSchedule
from bot.discord.startup import explained, wait_for_discord
from bot.feedback import FeedbackStore
from bot.prompts import Prompts
from index.collections import Collections
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from bot.settings import Settings
    from index.kb import KnowledgeBase

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://discord.com/api/v10"
EXTENSIONS = ("bot.discord.cogs.ask", "bot.discord.cogs.lookup", "bot.discord.cogs.admin",
              "bot.discord.cogs.feedback", "bot.discord.cogs.feeds", "bot.discord.cogs.watch")
T = TypeVar("T")
SWEEP_EVERY_SECONDS = 60.0  # idle collections unloaded, departed servers' data expired


class CommuniqueBot(commands.AutoShardedBot):
    """Answers questions from the knowledge base; model and index work runs in worker threads.

    Sharded: SHARD_COUNT and SHARD_IDS let several processes share the shards (and one index directory).
    """

    def __init__(self, settings: Settings, kb: KnowledgeBase, prompts: Prompts, *, sync_globally: bool = False,
                 collections: Collections | None = None, **options: Any):
        # the default intents plus Message Content (privileged): questions in ANSWER_CHANNELS and replies
        intents = discord.Intents.default()
        intents.message_content = True
        # the bot never joins a voice channel: no "PyNaCl/davey is not installed" warnings at start-up
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        if settings.shard_ids and not settings.shard_count:
            raise CommuniqueError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
        sharding = {"shard_count": settings.shard_count, "shard_ids": settings.shard_ids or None}
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, help_command=None,
                         allowed_mentions=discord.AllowedMentions.none(), **sharding, **options)
        self.settings = settings
        self.kb = kb
        self.prompts = prompts
        self.sync_globally = sync_globally
        self.collections = collections or Collections(
            kb, settings.collections_dir, per_server=settings.server_collections,
            idle_seconds=settings.collection_idle_seconds)
        self.questions = QuestionBatcher(kb, collections=self.collections)
        self.audit = AuditLog(settings.audit_log)
        self._sweeper: asyncio.Task | None = None
        self.feedback = FeedbackStore(settings.feedback_db)
        self.feeds = FeedSchedule(self)
        self.errors = ErrorHandler(prompts)
        # QUESTION_BURST questions per member in QUESTION_BURST_SECONDS, messages and /ask alike
        self.question_limit = commands.CooldownMapping.from_cooldown(
            settings.question_burst, settings.question_burst_seconds, lambda user: user.id)

    async def setup_hook(self) -> None:
        if self.settings.discord_api_base.rstrip("/") != DEFAULT_API_BASE:
            # a Discord-compatible server: its gateway address comes from its own /gateway/bot
            _, url, _ = await self.http.get_bot_gateway()
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.tree.on_error = self.errors.on_app_command_error
        if self.settings.guild_id:
            guild = discord.Object(id=self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), self.settings.guild_id)
        elif self.sync_globally:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))
        report = await self.run_blocking(self.kb.ensure_index)
        if report is not None:
            log.info("index built: %d documents, %d chunks in %.1fs", report.documents, report.chunks,
                     report.seconds)
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="communique-collections-sweep")
        self.feeds.start()

    async def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        self.feeds.stop()
        await super().close()

    async def _sweep_forever(self) -> None:
        """Now and then: unload idle server collections; delete those of servers left long enough ago."""
        days = self.settings.server_data_retention_days
        while True:
            try:
                await self.run_blocking(self.collections.unload_idle)
                if days is not None:
                    for guild_id in await self.run_blocking(self.collections.expire, days):
                        log.info("deleted the collection of server %s, left over %g days ago", guild_id, days)
            except Exception:  # a failed sweep is tried again next time
                log.exception("sweeping the collections failed")
            await asyncio.sleep(min(SWEEP_EVERY_SECONDS, max(self.settings.collection_idle_seconds, 1.0)))

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Left (or removed from) a server: its collection is kept, and SERVER_DATA_RETENTION_DAYS counts."""
        if await self.run_blocking(self.collections.mark_left, guild.id):
            log.info("left server %s; its collection is kept", guild.id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.run_blocking(self.collections.mark_joined, guild.id)

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: a mention is a question (the Ask cog's listener), never a command name."""

    async def on_ready(self) -> None:
        log.info("ready as %s (%s) in %d guild(s)", self.user, getattr(self.user, "id", "?"), len(self.guilds))
        await self.run_blocking(self._note_servers_left_while_away)

    def _note_servers_left_while_away(self) -> None:
        """Collections of servers of this process's shards that Discord no longer lists: left while the bot was
        down (their data is kept, and SERVER_DATA_RETENTION_DAYS counts from now)."""
        for guild_id in self.collections.guild_ids():
            if self.serves(guild_id) and self.get_guild(guild_id) is None \
                    and self.collections.left_at(guild_id) is None and self.collections.mark_left(guild_id):
                log.info("server %s is gone (left while the bot was down); its collection is kept", guild_id)

    def serves(self, guild_id: int | None) -> bool:
        """Whether this process runs the shard of a server (the shared collection's: shard 0); any unsharded."""
        settings = self.settings
        if not settings.shard_ids or not settings.shard_count:
            return True
        return (0 if guild_id is None else (guild_id >> 22) % settings.shard_count) in settings.shard_ids

    async def run_blocking(self, function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Model and index work, off the event loop."""
        return await asyncio.to_thread(partial(function, *args, **kwargs))

    # --- shared by the cogs ----------------------------------------------------------------------------

    def check_rate_limit(self, user: discord.abc.User) -> None:
        """Raise CommandOnCooldown when this member used up QUESTION_BURST within QUESTION_BURST_SECONDS."""
        if self.settings.question_burst == 0 or self.settings.question_burst_seconds == 0:
            return
        bucket = self.question_limit.get_bucket(user)
        retry_after = bucket.update_rate_limit()
        if retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)

    async def may_change_shared(self, interaction: discord.Interaction) -> bool:
        """The application's owner anywhere; a moderator of a server named in ADMIN_GUILD_IDS (or GUILD_ID)."""
        if await self.is_owner(interaction.user):
            return True
        return interaction.guild_id in self.settings.admin_guilds and self.is_moderator(interaction.user)

    def is_moderator(self, member: discord.abc.User) -> bool:
        if not isinstance(member, discord.Member):
            return False
        if member.guild_permissions.manage_guild:
            return True
        role = (self.settings.moderator_role or "").strip()
        return bool(role) and any(r.name == role or str(r.id) == role for r in member.roles)


def point_at(api_base: str) -> None:
    """Send discord.py's HTTP calls to api_base (Discord's own API by default)."""
    discord.http.Route.BASE = api_base.rstrip("/")


async def run_bot(settings: Settings, kb: KnowledgeBase, prompts: Prompts, *, sync_globally: bool = False
                  ) -> None:
    """Run until the bot is closed by SIGINT or SIGTERM; a refused start raises StartupError (one line)."""
    point_at(settings.discord_api_base)
    await wait_for_discord(settings.discord_api_base, settings.discord_connect_retries)
    bot = CommuniqueBot(settings, kb, prompts, sync_globally=sync_globally)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop(name: str) -> None:
        log.info("received %s; shutting down", name)
        stopping.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop, sig.name)
        except (NotImplementedError, RuntimeError):
            pass
    async with bot:
        runner = asyncio.create_task(explained(bot.start(settings.token), settings.discord_api_base))
        waiter = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            waiter.cancel()
            runner.result()
        else:
            await bot.close()
            await runner


async def sync_commands(settings: Settings, kb: KnowledgeBase, prompts: Prompts) -> int:
    """Log in, register the slash commands globally (or with GUILD_ID) and log out."""
    point_at(settings.discord_api_base)
    await wait_for_discord(settings.discord_api_base, settings.discord_connect_retries)
    bot = CommuniqueBot(settings, kb, prompts)
    async with bot:
        await explained(bot.login(settings.token), settings.discord_api_base)  # setup_hook loads the cogs
        if settings.guild_id:
            guild = discord.Object(id=settings.guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
    return len(synced)
