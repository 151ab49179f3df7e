"""👍 / 👎 under every answer. The buttons carry the answer's id in their custom_id, so they keep working
after a restart (discord.py's DynamicItem: no view has to be remembered)."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.feedback import DOWN, UP, FeedbackError

if TYPE_CHECKING:
    from bot.discord.bot import CommuniqueBot
    from index.answers.compose import Answer

log = logging.getLogger(__name__)

EMOJI = {UP: "👍", DOWN: "👎"}


class VoteButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"communique:vote:(?P<answer>\d+):(?P<verdict>up|down)"):
    """One of the two buttons under answer `answer_id`; pressing it records (or changes) the member's vote."""

    def __init__(self, answer_id: int, verdict: str):
        super().__init__(discord.ui.Button(style=discord.ButtonStyle.secondary, emoji=EMOJI[verdict],
                                           custom_id=f"communique:vote:{answer_id}:{verdict}"))
        self.answer_id = answer_id
        self.verdict = verdict

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> VoteButton:
        return cls(int(match["answer"]), match["verdict"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: CommuniqueBot = interaction.client
        try:
            up, down = await bot.run_blocking(bot.feedback.vote, self.answer_id, interaction.user.id,
                                              self.verdict)
        except Exception as error:  # noqa: BLE001 - the one error handler tells the member and logs the unknown
            await bot.errors.on_app_command_error(interaction, error)
            return
        log.info("vote %s on answer %d by %s", self.verdict, self.answer_id, interaction.user.id)
        text = bot.prompts.render("vote_recorded", vote=EMOJI[self.verdict], up=up, down=down,
                                  other=EMOJI[DOWN if self.verdict == UP else UP])
        await interaction.response.send_message(text, ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())


def vote_view(answer_id: int) -> discord.ui.View:
    """The 👍 / 👎 buttons for one answer."""
    view = discord.ui.View(timeout=None)
    for verdict in (UP, DOWN):
        view.add_item(VoteButton(answer_id, verdict))
    return view


async def answer_view(bot: CommuniqueBot, answer: Answer, guild_id: int | None, channel_id: int | None
                      ) -> discord.ui.View | None:
    """Record the answer about to be sent and return its buttons (None, and a warning, if it cannot be kept)."""
    try:
        answer_id = await bot.run_blocking(bot.feedback.record_answer, answer, guild_id, channel_id)
    except FeedbackError:  # an answer without buttons beats no answer
        log.warning("could not keep an answer for feedback", exc_info=True)
        return None
    return vote_view(answer_id)


async def setup(bot: CommuniqueBot) -> None:
    bot.add_dynamic_items(VoteButton)
