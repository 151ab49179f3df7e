"""The Discord stand-in against the real, unmodified discord.py client."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import discord
import pytest
from discord import app_commands

from tests.e2e.fake_discord import (
    BOT,
    GENERAL_CHANNEL_ID,
    GUILD_ID,
    MEMBER,
    MODERATOR,
    MODERATORS_ROLE_ID,
    OFF_TOPIC_CHANNEL_ID,
    OTHER_BOT,
    OWNER,
    FakeDiscord,
)

GUILD = discord.Object(id=GUILD_ID)


class ProbeBot(discord.Client):
    """A small bot exercising what communique needs: replies, reply chains, slash commands."""

    def __init__(self, *, message_content: bool = True, **kwargs: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content
        intents.members = True
        super().__init__(intents=intents, guild_ready_timeout=0.1, **kwargs)
        self.tree = app_commands.CommandTree(self)
        self.seen: list[discord.Message] = []
        self.ready_count = 0
        self.resumed_count = 0
        self.interaction_users: list[discord.abc.User] = []

        @self.tree.command(name="ask", description="Ask a question", guild=GUILD)
        async def ask(interaction: discord.Interaction, question: str) -> None:
            self.interaction_users.append(interaction.user)
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(f"answer to: {question}",
                                            allowed_mentions=discord.AllowedMentions.none())

        @self.tree.command(name="secret", description="Answer only to you", guild=GUILD)
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("just for you", ephemeral=True)

        @self.tree.command(name="revise", description="Edit and delete responses", guild=GUILD)
        async def revise(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("draft")
            original = await interaction.original_response()
            await interaction.edit_original_response(content=f"final (was {original.content})")
            extra = await interaction.followup.send("extra", ephemeral=True, wait=True)
            await extra.edit(content="extra, edited")
            await extra.delete()

        @self.tree.command(name="upload", description="Read an attachment", guild=GUILD)
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            await interaction.response.send_message(f"{file.filename}: {data.decode()}")

        articles = app_commands.Group(name="article", description="Manage articles", guild_ids=[GUILD_ID])

        @articles.command(name="remove", description="Remove an article")
        async def remove(interaction: discord.Interaction, slug: str) -> None:
            perms = interaction.permissions
            await interaction.response.send_message(f"remove {slug} manage_guild={perms.manage_guild}")

        @remove.autocomplete("slug")
        async def slug_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            slugs = ["karabakh-diplomacy", "kashmir-talks", "korea-summit"]
            return [app_commands.Choice(name=s, value=s) for s in slugs if s.startswith(current)]

        self.tree.add_command(articles)

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=GUILD)

    async def on_ready(self) -> None:
        self.ready_count += 1

    async def on_resumed(self) -> None:
        self.resumed_count += 1

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append(message)
        if message.author.bot or self.user not in message.mentions:
            return
        none = discord.AllowedMentions.none()
        if message.reference is not None:
            resolved = message.reference.resolved
            fetched = await message.channel.fetch_message(message.reference.message_id)
            resolved_text = resolved.content if isinstance(resolved, discord.Message) else None
            await message.reply(f"you replied to [{fetched.content}] resolved [{resolved_text}]",
                                allowed_mentions=none)
        elif "slowly" in message.content:
            async with message.channel.typing():
                reply = await message.reply("thinking...", allowed_mentions=none)
            await reply.edit(content="done")
        else:
            await message.reply(f"echo: {message.content}", allowed_mentions=none)


def test_client_connects_and_sees_the_guild(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot()) as bot:
            assert bot.user.id == BOT.id
            assert bot.application_id == BOT.id
            guild = bot.get_guild(GUILD_ID)
            assert guild is not None and guild.name == fake_discord.guild_name
            assert [c.name for c in guild.text_channels] == ["general", "off-topic"]
            assert bot.get_channel(GENERAL_CHANNEL_ID).permissions_for(guild.me).send_messages
            assert {r.name for r in guild.roles} == {"@everyone", "communique", "Moderators"}
            assert guild.default_role.id == GUILD_ID
            # GUILD_CREATE carried only the bot; the rest came from the member chunk it requested
            assert fake_discord.member_requests and fake_discord.member_requests[0]["guild_id"] == GUILD_ID
            assert {m.id for m in guild.members} == {BOT.id, OWNER.id, MODERATOR.id, MEMBER.id, OTHER_BOT.id}
            assert guild.owner_id == OWNER.id
            mod = guild.get_member(MODERATOR.id)
            assert [r.id for r in mod.roles[1:]] == [MODERATORS_ROLE_ID]
            assert mod.guild_permissions.manage_guild
            assert not guild.get_member(MEMBER.id).guild_permissions.manage_guild
            assert guild.get_member(OTHER_BOT.id).bot
            assert bot.ready_count == 1

    run(scenario())
    # discord.py 2.7.1 asks for zlib-stream, or zstd-stream when zstandard / compression.zstd imports
    asked = discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE
    assert asked in ("zlib-stream", "zstd-stream")
    assert fake_discord.compressions == [asked]
    assert fake_discord.encodings == ["json"]
    intents = fake_discord.identify_payloads[0]["intents"]
    assert intents & (1 << 15) and intents & (1 << 1)  # message content, members
    assert fake_discord.command_syncs[0]["guild_id"] == GUILD_ID
    assert fake_discord.unknown_routes == [] and fake_discord.errors == []
    assert not fake_discord.connected  # the client's clean close ended its session


def test_reply_and_reply_chain(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot()) as bot:
            question = await fake_discord.send_message(f"{BOT.mention} who met in Geneva?", author=MEMBER)
            sent = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID)
            assert sent["content"] == f"echo: {BOT.mention} who met in Geneva?"
            assert int(sent["message_reference"]["message_id"]) == int(question["id"])
            assert sent["allowed_mentions"] == {"parse": []}
            assert sent["message"]["mentions"] == []  # nobody pinged
            assert sent["message"]["author"]["id"] == str(BOT.id)
            assert bot.seen[0].author.id == MEMBER.id and bot.seen[0].guild.id == GUILD_ID

            # the member replies to the bot's answer: reference.resolved and fetch_message both work
            await fake_discord.send_message(f"{BOT.mention} and then?", author=MEMBER,
                                            message_reference=sent["id"])
            chained = await fake_discord.wait_for_message(GENERAL_CHANNEL_ID, since=1)
            assert chained["content"] == (f"you replied to [{sent['content']}] "
                                          f"resolved [{sent['content']}]")

            # messages from bots and without a mention are seen but not answered
            await fake_discord.send_message(f"{BOT.mention} hi", author=OTHER_BOT)
            await fake_discord.send_message("no mention here", author=MODERATOR)
            await fake_discord.wait_until(lambda: len(bot.seen) == 4, 5, "four messages seen")
            assert len(fake_discord.sent_messages()) == 2

            # typing, then an edit of the bot's own message
            await fake_discord.send_message(f"{BOT.mention} answer slowly")
            edit = await fake_discord.wait_until(lambda: fake_discord.message_edits[-1:], 5, "an edit")
            assert fake_discord.typing == [GENERAL_CHANNEL_ID]
            assert edit[0]["content"] == "done"
            assert fake_discord.message(edit[0]["message_id"])["content"] == "done"
            assert fake_discord.message(edit[0]["message_id"])["edited_timestamp"] is not None

            # Discord's limits: more than 2000 characters is a 400
            with pytest.raises(discord.HTTPException) as info:
                await bot.get_channel(GENERAL_CHANNEL_ID).send("x" * 2001)
            assert info.value.status == 400 and info.value.code == 50035

    run(scenario())
    assert fake_discord.unknown_routes == [] and fake_discord.errors == []


def test_slash_commands(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot()) as bot:
            sync = fake_discord.command_syncs[-1]
            assert sync["guild_id"] == GUILD_ID
            assert sorted(sync["names"]) == ["article", "ask", "revise", "secret", "upload"]
            assert fake_discord.synced_commands(None) == []  # nothing global

            # deferred thinking, then a followup (which edits the thinking message, as on Discord)
            asked = await fake_discord.send_interaction("ask", {"question": "Who?"}, user=MODERATOR)
            followup = await fake_discord.wait_for_response(asked, "followup")
            callback, _ = fake_discord.interaction_responses(asked)
            assert callback["kind"] == "callback" and callback["type"] == 5
            assert followup["content"] == "answer to: Who?"
            assert followup["allowed_mentions"] == {"parse": []}
            assert followup["edited_original"] and followup["message_id"] == callback["message_id"]
            assert bot.interaction_users[0].id == MODERATOR.id
            assert isinstance(bot.interaction_users[0], discord.Member)

            # an ephemeral reply
            secret = await fake_discord.send_interaction("secret")
            response = await fake_discord.wait_for_response(secret, "callback")
            assert response["type"] == 4 and response["flags"] == 64 and response["content"] == "just for you"

            # original response fetched and edited; a followup edited and deleted
            revised = await fake_discord.send_interaction("revise")
            await fake_discord.wait_for_response(revised, "delete")
            kinds = [r["kind"] for r in fake_discord.interaction_responses(revised)]
            assert kinds == ["callback", "edit_original", "followup", "edit", "delete"]
            callback, edit_original, followup, edit, _ = fake_discord.interaction_responses(revised)
            assert edit_original["content"] == "final (was draft)"
            assert fake_discord.message(callback["message_id"])["content"] == "final (was draft)"
            assert followup["flags"] == 64 and not followup["edited_original"]
            assert edit["content"] == "extra, edited" and edit["message_id"] == followup["message_id"]
            assert followup["message_id"] in fake_discord.deleted_messages

            # a subcommand, with the member's permissions
            for user, expected in ((MODERATOR, True), (MEMBER, False)):
                removed = await fake_discord.send_interaction("article", {"slug": "kashmir-talks"},
                                                              subcommand="remove", user=user)
                response = await fake_discord.wait_for_response(removed, "callback")
                assert response["content"] == f"remove kashmir-talks manage_guild={expected}"

            # an attachment option, downloaded from the stand-in
            uploaded = await fake_discord.send_interaction(
                "upload", attachments={"file": ("notes.txt", b"Lavrov met Blinken", "text/plain")})
            response = await fake_discord.wait_for_response(uploaded, "callback")
            assert response["content"] == "notes.txt: Lavrov met Blinken"

            # autocomplete
            typed = await fake_discord.send_autocomplete("article", {"slug": "ka"}, focused="slug",
                                                         subcommand="remove")
            response = await fake_discord.wait_for_response(typed, "callback")
            assert response["type"] == 8
            assert [c["value"] for c in response["choices"]] == ["karabakh-diplomacy", "kashmir-talks"]

    run(scenario())
    assert fake_discord.unknown_routes == [] and fake_discord.errors == []


def test_heartbeats_are_acknowledged(fake_discord: FakeDiscord, run) -> None:
    fake_discord.heartbeat_interval = 300  # milliseconds

    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot()) as bot:
            await fake_discord.wait_until(lambda: fake_discord.heartbeats >= 4, 5, "four heartbeats")
            assert math.isfinite(bot.latency) and bot.latency >= 0

    run(scenario())


def test_resume_after_a_dropped_connection(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot()) as bot:
            assert await fake_discord.disconnect(4000) == 1
            await fake_discord.wait_until(lambda: bot.resumed_count == 1, 10, "on_resumed")
            assert fake_discord.resumes == 1 and len(fake_discord.identify_payloads) == 1
            await fake_discord.send_message(f"{BOT.mention} still there?")
            sent = await fake_discord.wait_for_message()
            assert sent["content"] == f"echo: {BOT.mention} still there?"

    run(scenario())


def test_without_message_content_intent_only_mentions_have_content(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        async with fake_discord.run_client(ProbeBot(message_content=False)) as bot:
            await fake_discord.send_message("plain words", channel_id=OFF_TOPIC_CHANNEL_ID)
            await fake_discord.send_message(f"{BOT.mention} words", channel_id=OFF_TOPIC_CHANNEL_ID)
            await fake_discord.wait_until(lambda: len(bot.seen) == 2, 5, "two messages")
            assert [m.content for m in bot.seen] == ["", f"{BOT.mention} words"]

    run(scenario())


def test_wrong_token_and_unknown_routes(fake_discord: FakeDiscord, run) -> None:
    async def scenario() -> None:
        bot = ProbeBot()
        with fake_discord.patch_discord():
            with pytest.raises(discord.LoginFailure):
                await bot.login("not-the-token")
            await bot.close()
        assert fake_discord.requests[-1].status == 401

        async with fake_discord.run_client(ProbeBot()) as bot:
            with fake_discord.patch_discord(), pytest.raises(discord.NotFound):
                await bot.http.request(discord.http.Route("GET", "/no/such/route"))
            assert fake_discord.unknown_routes == ["GET /api/v10/no/such/route"]

    run(scenario())
    assert discord.http.Route.BASE == "https://discord.com/api/v10"  # restored


def test_stand_in_alone_as_context_manager() -> None:
    async def scenario() -> None:
        async with FakeDiscord() as fake:
            assert fake.api_base.startswith("http://127.0.0.1:")
            with pytest.raises(RuntimeError, match="has the client connected"):
                await fake.send_message("nobody listening")
            with pytest.raises(TimeoutError, match="a matching request"):
                await fake.wait_for(lambda r: True, timeout=0.1)

    asyncio.run(scenario())
