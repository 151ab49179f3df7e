"""Questions: in channels (mention, reply to an answer, or a question in ANSWER_CHANNELS), in direct
messages (every message), and /ask."""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.cogs.common import send_embeds
from bot.discord.cogs.feedback import answer_view
from bot.discord.embeds import answer_embeds, text_embed

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot

log = logging.getLogger(__name__)

REMEMBERED_ANSWERS = 5_000  # answers whose question a reply can follow up
REMEMBERED_THREADS = 1_000  # threads whose last question a follow-up can lean on
_MENTION = re.compile(r"<@!?\d+>|<@&\d+>")
_FOLLOW_UP = re.compile(r"^(?:and|but|so|also|what about|how about)\b|\b(?:he|she|they|him|her|them|his|their|it|"
                        r"its|there|that|those|these)\b", re.IGNORECASE)


def is_follow_up(question: str) -> bool:
    """Questions that lean on an earlier one: 'and where will they meet him?', 'what about Lavrov?'."""
    return bool(_FOLLOW_UP.search(question))


def strip_mentions(text: str) -> str:
    return " ".join(_MENTION.sub(" ", text).split())


class Recent(OrderedDict):
    """A mapping that keeps only the `size` most recently written keys."""

    def __init__(self, size: int):
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class Ask(commands.Cog):
    def __init__(self, bot: CommuniqueBot):
        self.bot = bot
        self.answered: Recent = Recent(REMEMBERED_ANSWERS)  # answer message id -> the question it answered
        self.threads: Recent = Recent(REMEMBERED_THREADS)  # thread id -> the last question asked in it

    @app_commands.command(name="ask")
    @app_commands.describe(question="What you want to know, e.g. who is meeting Pompeo?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 3, 300]) -> None:
        """Answer a question from the articles, quoting them word for word."""
        self.bot.check_rate_limit(interaction.user)
        await interaction.response.defer(thinking=True)
        answer = await self.bot.questions.ask(question, guild_id=interaction.guild_id)
        view = await answer_view(self.bot, answer, interaction.guild_id, interaction.channel_id)
        sent = await send_embeds(interaction.followup.send, answer_embeds(answer, self.bot.prompts), wait=True,
                                 **({"view": view} if view else {}))
        if sent:
            self.answered[sent[0].id] = answer.question

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None or message.author.id == self.bot.user.id:
            return
        question, context = await self._question_in(message)
        if question is None:
            return
        if not question:
            await self._reply(message, [text_embed(self.bot.prompts.render("mention_help"))])
            return
        try:
            self.bot.check_rate_limit(message.author)
            async with message.channel.typing():
                answer = await self.bot.questions.ask(question, context,
                                                      guild_id=message.guild.id if message.guild else None)
        except Exception as error:  # noqa: BLE001 - the one error handler tells the user, logs the unknown
            await self.bot.errors.on_message_error(message, error)
            return
        view = await answer_view(self.bot, answer, message.guild.id if message.guild else None, message.channel.id)
        sent = await self._reply(message, answer_embeds(answer, self.bot.prompts), view)
        if sent:
            self.answered[sent[0].id] = question if not context else f"{context} {question}"

    async def _question_in(self, message: discord.Message) -> tuple[str | None, str | None]:
        """The question a message asks the bot (None: not addressed to it), and the earlier one it follows."""
        me = self.bot.user
        text = strip_mentions(message.content)
        previous = await self._answered_question(message)
        if previous is not None:
            return text, previous
        addressed = any(user.id == me.id for user in message.mentions) or message.guild is None or (
            message.channel.id in self.bot.settings.answer_channels and text.endswith("?"))
        if not addressed:
            return None, None
        earlier = self.threads.get(message.channel.id)
        if isinstance(message.channel, discord.Thread):
            self.threads[message.channel.id] = text
        return text, earlier if earlier and is_follow_up(text) else None

    async def _answered_question(self, message: discord.Message) -> str | None:
        """When the message replies to one of the bot's answers, the question that answer was for."""
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        if reference.message_id in self.answered:
            return self.answered[reference.message_id]
        replied = reference.resolved if isinstance(reference.resolved, discord.Message) else None
        if replied is None:
            try:
                replied = await message.channel.fetch_message(reference.message_id)
            except discord.HTTPException:
                return None
        if replied.author.id != self.bot.user.id or replied.reference is None:
            return None
        try:
            asked = await message.channel.fetch_message(replied.reference.message_id)
        except discord.HTTPException:
            return None
        return strip_mentions(asked.content) or None

    async def _reply(self, message: discord.Message, embeds: list[discord.Embed],
                     view: discord.ui.View | None = None) -> list[discord.Message]:
        async def send(**kwargs):
            return await message.reply(mention_author=False, **kwargs)

        try:
            return await send_embeds(send, embeds, **({"view": view} if view else {}))
        except discord.HTTPException:
            log.warning("could not reply to message %s", message.id, exc_info=True)
            return []


async def setup(bot: CommuniqueBot) -> None:
    await bot.add_cog(Ask(bot))
