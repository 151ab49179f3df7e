"""A loopback stand-in for Discord that an unmodified discord.py client connects to.

`FakeDiscord` is an aiohttp server on 127.0.0.1 (random port) that speaks enough of Discord's HTTP API
(v10) and gateway for a bot: login, application info, slash-command sync, messages, replies, interaction
responses and followups. Tests inject gateway events (MESSAGE_CREATE, INTERACTION_CREATE) and read back
every request the bot made.

Pointing discord.py 2.7 at it takes two class attributes (see `FakeDiscord.patch_discord`):

    discord.http.Route.BASE = fake.api_base                                  # "http://127.0.0.1:PORT/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)

A plain `discord.Client` never asks `GET /gateway/bot` for the gateway address (only AutoShardedClient
does); it connects to `DiscordWebSocket.DEFAULT_GATEWAY`, so Route.BASE alone is not enough.

What it imitates beyond the happy path, because a real bot trips on these in production:
- 401 for a wrong `Authorization: Bot <token>`, gateway close 4004 for a wrong IDENTIFY token;
- 400 (code 50035) for content over 2000 characters or embeds over Discord's limits, 50006 for an empty
  message, 40060 for a second response to one interaction, 10062 for an unknown interaction;
- MESSAGE_CREATE reaches only sessions with the GUILD_MESSAGES intent, and without MESSAGE_CONTENT the
  content, embeds and attachments are blanked unless the bot is mentioned;
- GUILD_CREATE lists only the bot among members unless GUILD_PRESENCES is on (as Discord does), so a client
  with the members intent requests the rest with REQUEST_GUILD_MEMBERS (op 8), answered by one chunk;
- the first followup after a deferred response edits the "thinking" message instead of creating one;
- mentions in messages the bot sends honour its `allowed_mentions`.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import mimetypes
import re
import secrets
import time
import traceback
import zlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import quote

from aiohttp import WSCloseCode, WSMsgType, web

log = logging.getLogger("fake_discord")

API_VERSION = 10
DISCORD_EPOCH_MS = 1420070400000

# gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents)
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# permission bits
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
    | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CONNECT | SPEAK | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
MODERATOR_PERMISSIONS = MANAGE_GUILD | MANAGE_MESSAGES
BOT_ROLE_PERMISSIONS = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | ADD_REACTIONS
    | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS
)

# message flags
FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

# message types
MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19
MESSAGE_CHAT_INPUT_COMMAND = 20

# interaction types and callback types
INTERACTION_APPLICATION_COMMAND = 2
INTERACTION_COMPONENT = 3
INTERACTION_AUTOCOMPLETE = 4
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE_RESULT = 8
CALLBACK_MODAL = 9
ALLOWED_CALLBACKS = {
    INTERACTION_APPLICATION_COMMAND: {CALLBACK_MESSAGE, CALLBACK_DEFERRED_MESSAGE, CALLBACK_MODAL},
    INTERACTION_COMPONENT: {CALLBACK_MESSAGE, CALLBACK_DEFERRED_MESSAGE, CALLBACK_DEFERRED_UPDATE,
                            CALLBACK_UPDATE_MESSAGE, CALLBACK_MODAL},
    INTERACTION_AUTOCOMPLETE: {CALLBACK_AUTOCOMPLETE_RESULT},
}

# application command option types
OPTION_SUB_COMMAND = 1
OPTION_SUB_COMMAND_GROUP = 2
OPTION_STRING = 3
OPTION_INTEGER = 4
OPTION_BOOLEAN = 5
OPTION_USER = 6
OPTION_CHANNEL = 7
OPTION_ROLE = 8
OPTION_MENTIONABLE = 9
OPTION_NUMBER = 10
OPTION_ATTACHMENT = 11

APPLICATION_FLAGS = (1 << 15) | (1 << 19) | (1 << 23)  # members + message content (limited), command badge
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
JOINED_AT = "2024-01-15T12:00:00.000000+00:00"

# close codes Discord uses on the gateway
CLOSE_UNKNOWN_ERROR = 4000
CLOSE_UNKNOWN_OPCODE = 4001
CLOSE_DECODE_ERROR = 4002
CLOSE_NOT_AUTHENTICATED = 4003
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_ALREADY_AUTHENTICATED = 4005
CLOSE_INVALID_INTENTS = 4013
CLOSE_DISALLOWED_INTENTS = 4014


# --------------------------------------------------------------------------------------------------------
# the cast


@dataclass(frozen=True)
class FakeUser:
    """A Discord user of the stand-in's guild. `roles` are the guild role ids they hold by default."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    roles: tuple[int, ...] = ()

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        """The user object as Discord sends it."""
        return {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }


GUILD_ID = 1200000000000000001
EVERYONE_ROLE_ID = GUILD_ID  # Discord's @everyone role shares the guild's id
SECOND_GUILD_ID = 1300000000000000001  # a second server, added with FakeDiscord.add_guild()
SECOND_CHANNEL_ID = 1300000000000000011
SECOND_MODERATORS_ROLE_ID = 1300000000000000021
MODERATORS_ROLE_ID = 1200000000000000021
BOT_ROLE_ID = 1200000000000000022
GENERAL_CHANNEL_ID = 1200000000000000011
OFF_TOPIC_CHANNEL_ID = 1200000000000000012

BOT = FakeUser(1100000000000000001, "communique", bot=True, global_name="Communique", roles=(BOT_ROLE_ID,))
OWNER = FakeUser(1100000000000000002, "owner_olga", global_name="Olga")
MODERATOR = FakeUser(1100000000000000003, "mod_mira", global_name="Mira", roles=(MODERATORS_ROLE_ID,))
MEMBER = FakeUser(1100000000000000004, "member_max", global_name="Max")
OTHER_BOT = FakeUser(1100000000000000005, "otherbot", bot=True, global_name="Other Bot")
DEFAULT_MEMBERS = (BOT, OWNER, MODERATOR, MEMBER, OTHER_BOT)
# the second server's owner and moderator (MEMBER is in both servers)
SECOND_OWNER = FakeUser(1100000000000000006, "owner_omar", global_name="Omar")
SECOND_MODERATOR = FakeUser(1100000000000000007, "mod_bea", global_name="Bea", roles=(SECOND_MODERATORS_ROLE_ID,))
DM_CHANNEL_BASE = 1400000000000000000  # a user's direct-message channel with the bot: this plus the user's index


@dataclass
class FakeGuild:
    """One server: its owner, members (with their role ids), roles and channels."""

    id: int
    name: str
    owner: FakeUser
    members: dict[int, FakeUser]
    member_roles: dict[int, list[int]]
    roles: dict[int, dict[str, Any]]
    channels: dict[int, dict[str, Any]]


# --------------------------------------------------------------------------------------------------------
# records


@dataclass
class RecordedFile:
    """One uploaded file of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One HTTP request the client made. `path` is relative to /api/v10 (e.g. "/channels/1/messages");
    `route` is its template ("/channels/{channel_id}/messages"), None when unknown."""

    index: int
    method: str
    path: str
    route: str | None
    params: dict[str, str]
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    status: int = 0
    response: Any = None

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


class _Snowflakes:
    """Increasing snowflakes with real timestamps, so discord.py's `created_at` makes sense."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> int:
        now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(now, self._last + 1)
        return self._last


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _as_id(value: Any) -> int:
    """A snowflake from an int, a numeric str, a payload dict with "id", or an object with `.id`."""
    if isinstance(value, Mapping):
        return int(value["id"])
    if isinstance(value, int | str):
        return int(value)
    return int(value.id)


def _form_error(path: Sequence[str | int], code: str, message: str) -> tuple[int, dict[str, Any]]:
    """Discord's 400 Invalid Form Body with one nested error."""
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for key in reversed(path):
        errors = {str(key): errors}
    return 400, {"message": "Invalid Form Body", "code": 50035, "errors": errors}


def _error(status: int, message: str, code: int) -> tuple[int, dict[str, Any]]:
    return status, {"message": message, "code": code}


# --------------------------------------------------------------------------------------------------------
# gateway plumbing


def _make_compressor(kind: str | None) -> Callable[[bytes], bytes] | None:
    """The transport compression a client asked for with ?compress=..., as one stream per connection."""
    if kind is None:
        return None
    if kind == "zlib-stream":
        stream = zlib.compressobj()
        return lambda data: stream.compress(data) + stream.flush(zlib.Z_SYNC_FLUSH)
    if kind == "zstd-stream":
        # discord.py 2.7 asks for zstd-stream when `zstandard` or Python 3.14's `compression.zstd` imports
        try:
            import zstandard  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            zstream = zstandard.ZstdCompressor().compressobj()
            return lambda data: zstream.compress(data) + zstream.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
        try:
            from compression.zstd import ZstdCompressor  # type: ignore[import-not-found]
        except ImportError as exc:
            raise ValueError("zstd-stream requested but no zstd library is importable") from exc
        compressor = ZstdCompressor()
        return lambda data: compressor.compress(data, ZstdCompressor.FLUSH_BLOCK)
    raise ValueError(f"unsupported compress={kind!r}")


class _Connection:
    """One gateway websocket."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self._compressor = _make_compressor(compress)
        self._lock = asyncio.Lock()  # compress-and-send must not interleave on one zlib stream
        self.session: _Session | None = None
        self.server_closed = False
        self.client_close_code: int | None = None

    async def send(self, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            if self.ws.closed:
                return
            try:
                if self._compressor is not None:
                    await self.ws.send_bytes(self._compressor(data.encode()))
                else:
                    await self.ws.send_str(data)
            except (ConnectionError, RuntimeError) as exc:
                log.debug("gateway send failed: %s", exc)

    async def close(self, code: int, message: str = "") -> None:
        self.server_closed = True
        if not self.ws.closed:
            await self.ws.close(code=code, message=message.encode())


@dataclass
class _Session:
    session_id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    connection: _Connection | None = None
    alive: bool = True


@dataclass(frozen=True)
class _Route:
    method: str
    template: str
    handler: str
    auth: bool
    pattern: re.Pattern[str]


def _routes(*specs: tuple[str, str, str, bool]) -> list[_Route]:
    routes = []
    for method, template, handler, auth in specs:
        regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        routes.append(_Route(method, template, handler, auth, re.compile(regex)))
    return routes


_CMDS = "/applications/{application_id}/commands"
_GUILD_CMDS = "/applications/{application_id}/guilds/{guild_id}/commands"
_MSG = "/channels/{channel_id}/messages/{message_id}"
_HOOK_MSG = "/webhooks/{application_id}/{token}/messages/{message_id}"
ROUTES = _routes(
    ("GET", "/gateway", "_h_gateway", False),
    ("GET", "/gateway/bot", "_h_gateway_bot", True),
    ("GET", "/users/@me", "_h_users_me", True),
    ("GET", "/users/{user_id}", "_h_get_user", True),
    ("POST", "/users/@me/channels", "_h_create_dm", True),
    ("GET", "/oauth2/applications/@me", "_h_application", True),
    ("GET", "/applications/@me", "_h_application", True),
    ("GET", _CMDS, "_h_get_commands", True),
    ("PUT", _CMDS, "_h_put_commands", True),
    ("POST", _CMDS, "_h_post_command", True),
    ("GET", _CMDS + "/{command_id}", "_h_get_command", True),
    ("DELETE", _CMDS + "/{command_id}", "_h_delete_command", True),
    ("GET", _GUILD_CMDS, "_h_get_commands", True),
    ("PUT", _GUILD_CMDS, "_h_put_commands", True),
    ("POST", _GUILD_CMDS, "_h_post_command", True),
    ("GET", _GUILD_CMDS + "/{command_id}", "_h_get_command", True),
    ("DELETE", _GUILD_CMDS + "/{command_id}", "_h_delete_command", True),
    ("GET", "/channels/{channel_id}", "_h_get_channel", True),
    ("GET", "/channels/{channel_id}/messages", "_h_history", True),
    ("POST", "/channels/{channel_id}/messages", "_h_create_message", True),
    ("GET", _MSG, "_h_get_message", True),
    ("PATCH", _MSG, "_h_edit_message", True),
    ("DELETE", _MSG, "_h_delete_message", True),
    ("PUT", _MSG + "/reactions/{emoji}/@me", "_h_add_reaction", True),
    ("DELETE", _MSG + "/reactions/{emoji}/@me", "_h_remove_reaction", True),
    ("POST", "/channels/{channel_id}/typing", "_h_typing", True),
    ("GET", "/guilds/{guild_id}", "_h_get_guild", True),
    ("GET", "/guilds/{guild_id}/channels", "_h_get_guild_channels", True),
    ("GET", "/guilds/{guild_id}/roles", "_h_get_roles", True),
    ("GET", "/guilds/{guild_id}/members", "_h_get_members", True),
    ("GET", "/guilds/{guild_id}/members/{user_id}", "_h_get_member", True),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", "_h_callback", False),
    ("POST", "/webhooks/{application_id}/{token}", "_h_followup", False),
    ("GET", _HOOK_MSG, "_h_webhook_get", False),
    ("PATCH", _HOOK_MSG, "_h_webhook_edit", False),
    ("DELETE", _HOOK_MSG, "_h_webhook_delete", False),
)
_API_PREFIX = re.compile(r"^/api/v(\d+)(/.*)$")
_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
_EMBED_LIMITS = (("title", 256), ("description", 4096))


def _truthy(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "yes")


# --------------------------------------------------------------------------------------------------------
# the stand-in


class FakeDiscord:
    """Discord's HTTP API and gateway for one bot in one guild, on 127.0.0.1.

    Use `async with FakeDiscord() as fake:` or `await fake.start()` / `await fake.stop()`.
    """

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        heartbeat_interval: int = 41250,
        members: Sequence[FakeUser] = DEFAULT_MEMBERS,
        owner: FakeUser = OWNER,
        privileged_intents_enabled: bool = True,
        guild_name: str = "Communique Test Guild",
    ) -> None:
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.privileged_intents_enabled = privileged_intents_enabled
        self.bot = BOT
        self.application_id = BOT.id
        self.owner = owner  # the application's owner, and the first server's
        self.guild_id = GUILD_ID
        self.guild_name = guild_name
        self.host = "127.0.0.1"
        self.port: int | None = None

        # the guild; tests may edit these before the client connects
        self.members: dict[int, FakeUser] = {user.id: user for user in members}
        self.member_roles: dict[int, list[int]] = {user.id: list(user.roles) for user in members}
        self.roles: dict[int, dict[str, Any]] = {
            EVERYONE_ROLE_ID: self._role(EVERYONE_ROLE_ID, "@everyone", EVERYONE_PERMISSIONS, 0),
            BOT_ROLE_ID: self._role(BOT_ROLE_ID, BOT.username, BOT_ROLE_PERMISSIONS, 1, managed=True,
                                    tags={"bot_id": str(BOT.id)}),
            MODERATORS_ROLE_ID: self._role(MODERATORS_ROLE_ID, "Moderators", MODERATOR_PERMISSIONS, 2,
                                           hoist=True, mentionable=True),
        }
        self.channels: dict[int, dict[str, Any]] = {
            GENERAL_CHANNEL_ID: self._text_channel(GENERAL_CHANNEL_ID, "general", 0, "Questions welcome"),
            OFF_TOPIC_CHANNEL_ID: self._text_channel(OFF_TOPIC_CHANNEL_ID, "off-topic", 1, None),
        }
        # every server the bot is in; the first one's records are the attributes above
        self.guilds: dict[int, FakeGuild] = {GUILD_ID: FakeGuild(
            GUILD_ID, guild_name, owner, self.members, self.member_roles, self.roles, self.channels)}
        self.dm_channels: dict[int, int] = {}  # direct-message channel id -> the user's id

        # what happened
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[str] = []
        self.errors: list[str] = []
        self.gateway_received: list[dict[str, Any]] = []
        self.identify_payloads: list[dict[str, Any]] = []
        self.compressions: list[str | None] = []
        self.encodings: list[str] = []
        self.heartbeats = 0
        self.resumes = 0
        self.presence_updates: list[dict[str, Any]] = []
        self.member_requests: list[dict[str, Any]] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.command_syncs: list[dict[str, Any]] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.message_edits: list[dict[str, Any]] = []
        self.deleted_messages: list[int] = []
        self.reactions: list[dict[str, Any]] = []
        self.typing: list[int] = []

        self._sent: list[dict[str, Any]] = []
        self._interactions: dict[int, dict[str, Any]] = {}
        self._tokens: dict[str, int] = {}
        self._attachments: dict[str, tuple[bytes, str]] = {}
        self._command_ids: dict[tuple[int | None, str, int], int] = {}
        self._sessions: dict[str, _Session] = {}
        self._connections: set[_Connection] = set()
        self._waiters: set[asyncio.Event] = set()
        self._snowflake = _Snowflakes()
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeDiscord is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE must be set to."""
        return f"{self.base_url}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    async def start(self) -> Self:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{key:.+}", self._serve_attachment)
        app.router.add_route("*", "/{tail:.*}", self._api)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("fake discord listening on %s", self.base_url)
        return self

    async def stop(self) -> None:
        for conn in list(self._connections):
            await conn.close(WSCloseCode.GOING_AWAY, "fake discord stopping")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py at this stand-in (HTTP base and gateway address), restoring both afterwards."""
        import discord.gateway
        import discord.http
        import yarl

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    @contextlib.asynccontextmanager
    async def run_client(self, client: Any, *, token: str | None = None,
                         ready_timeout: float = 10.0) -> AsyncIterator[Any]:
        """Start `client` (a discord.Client) against this stand-in, wait for on_ready, close it on exit."""
        with self.patch_discord():
            task = asyncio.create_task(client.start(token or self.token), name="fake-discord-client")

            def ready() -> bool | None:
                if task.done():
                    exc = task.exception()
                    raise RuntimeError("the client stopped before it was ready") from exc
                return client.is_ready() or None

            try:
                await self.wait_until(ready, ready_timeout, "the client's on_ready")
                yield client
            finally:
                await client.close()
                try:
                    await asyncio.wait_for(task, 10.0)
                except asyncio.CancelledError:
                    pass

    # ---------------------------------------------------------------- waiting

    def _notify(self) -> None:
        for event in self._waiters:
            event.set()

    async def wait_until(self, check: Callable[[], Any], timeout: float = 5.0, what: str = "a condition",
                         *, poll: float = 0.05) -> Any:
        """Return check()'s first truthy result, re-checking on every recorded change (and every `poll`
        seconds); TimeoutError, listing the recent requests, after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(self._timeout_message(what, timeout))
            event = asyncio.Event()
            self._waiters.add(event)
            try:
                await asyncio.wait_for(event.wait(), min(remaining, poll))
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(event)

    def _timeout_message(self, what: str, timeout: float) -> str:
        recent = ", ".join(repr(r) for r in self.requests[-15:]) or "none"
        text = f"timed out after {timeout}s waiting for {what}; recent requests: {recent}"
        if self.unknown_routes:
            text += f"; unknown routes: {self.unknown_routes}"
        if self.errors:
            text += f"; errors: {self.errors}"
        return text

    async def wait_for(self, predicate: Callable[[RecordedRequest], bool], timeout: float = 5.0,
                       *, since: int = 0) -> RecordedRequest:
        """The first recorded HTTP request (from index `since`) matching `predicate`."""
        return await self.wait_until(
            lambda: next((r for r in self.requests[since:] if predicate(r)), None), timeout,
            "a matching request")

    async def wait_for_message(self, channel_id: int | None = None, *,
                               predicate: Callable[[dict[str, Any]], bool] | None = None,
                               since: int = 0, timeout: float = 5.0) -> dict[str, Any]:
        """The first message the bot POSTed (to `channel_id`, from index `since` of sent_messages())."""
        def check() -> dict[str, Any] | None:
            for sent in self.sent_messages(channel_id)[since:]:
                if predicate is None or predicate(sent):
                    return sent
            return None
        return await self.wait_until(check, timeout, f"a message in channel {channel_id}")

    async def wait_for_response(self, interaction_id: int, kind: str | None = None, *, count: int = 1,
                                timeout: float = 5.0) -> dict[str, Any]:
        """The `count`-th response (of `kind`: callback, followup, edit_original, edit, delete_original,
        delete) to an interaction."""
        def check() -> dict[str, Any] | None:
            found = [r for r in self.interaction_responses(interaction_id) if kind is None or r["kind"] == kind]
            return found[count - 1] if len(found) >= count else None
        return await self.wait_until(check, timeout, f"response #{count} ({kind or 'any'}) to {interaction_id}")

    async def wait_identified(self, count: int = 1, timeout: float = 5.0) -> None:
        await self.wait_until(lambda: len(self.identify_payloads) >= count, timeout, f"IDENTIFY #{count}")

    # ---------------------------------------------------------------- reading what happened

    def sent_messages(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot POSTed to channels, oldest first. Each is the request payload (content, embeds,
        allowed_mentions, message_reference, attachments, components, flags; None when absent) plus id,
        channel_id, files ([(filename, bytes)]) and message (the message object returned)."""
        return [m for m in self._sent if channel_id is None or m["channel_id"] == channel_id]

    def interaction_responses(self, interaction_id: int) -> list[dict[str, Any]]:
        """Callback, followups, edits and deletes for one interaction, in order. Each has kind, method,
        type (callback type, else None), data (the payload), content, embeds, flags, allowed_mentions,
        files, message_id and message."""
        return list(self._interactions[interaction_id]["responses"])

    def interaction(self, interaction_id: int) -> dict[str, Any]:
        """The INTERACTION_CREATE payload that was dispatched."""
        return self._interactions[interaction_id]["payload"]

    def message(self, message_id: int) -> dict[str, Any]:
        return self.messages[int(message_id)]

    def synced_commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """The commands currently registered globally (None) or for a guild."""
        return list(self.commands.get(guild_id, []))

    # ---------------------------------------------------------------- the guild's payloads

    @staticmethod
    def _role(role_id: int, name: str, permissions: int, position: int, *, hoist: bool = False,
              mentionable: bool = False, managed: bool = False, tags: dict[str, Any] | None = None
              ) -> dict[str, Any]:
        role: dict[str, Any] = {
            "id": str(role_id), "name": name, "description": None, "permissions": str(permissions),
            "position": position, "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": hoist, "icon": None, "unicode_emoji": None, "managed": managed,
            "mentionable": mentionable, "flags": 0,
        }
        if tags is not None:
            role["tags"] = tags
        return role

    def _text_channel(self, channel_id: int, name: str, position: int, topic: str | None,
                      guild_id: int | None = None) -> dict[str, Any]:
        return {
            "id": str(channel_id), "type": 0, "guild_id": str(guild_id or self.guild_id), "name": name,
            "position": position, "permission_overwrites": [], "parent_id": None, "topic": topic,
            "nsfw": False, "last_message_id": None, "rate_limit_per_user": 0, "flags": 0,
        }

    def add_channel(self, channel_id: int, name: str, topic: str | None = None) -> dict[str, Any]:
        """Another text channel (before the client connects, or it will not know it)."""
        channel = self._text_channel(channel_id, name, len(self.channels), topic)
        self.channels[channel_id] = channel
        return channel

    def add_member(self, user: FakeUser, roles: Sequence[int] | None = None, guild_id: int | None = None) -> None:
        """Another guild member (before the client connects, or its cache will not have them)."""
        guild = self.guilds[guild_id or self.guild_id]
        guild.members[user.id] = user
        guild.member_roles[user.id] = list(user.roles if roles is None else roles)

    def add_guild(self, guild_id: int = SECOND_GUILD_ID, name: str = "Second Test Guild",
                  channel_id: int = SECOND_CHANNEL_ID, owner: FakeUser = SECOND_OWNER,
                  members: Sequence[FakeUser] = (BOT, SECOND_OWNER, SECOND_MODERATOR, MEMBER)) -> FakeGuild:
        """Another server the bot is in, with one channel "general" and a Moderators role (Manage Server)
        held by SECOND_MODERATOR. Before the client connects, or it will not know it."""
        roles = {
            guild_id: self._role(guild_id, "@everyone", EVERYONE_PERMISSIONS, 0),
            BOT_ROLE_ID: self._role(BOT_ROLE_ID, BOT.username, BOT_ROLE_PERMISSIONS, 1, managed=True,
                                    tags={"bot_id": str(BOT.id)}),
            SECOND_MODERATORS_ROLE_ID: self._role(SECOND_MODERATORS_ROLE_ID, "Moderators", MODERATOR_PERMISSIONS, 2),
        }
        guild = FakeGuild(guild_id, name, owner, {u.id: u for u in members},
                          {u.id: [r for r in u.roles if r in roles] for u in members}, roles,
                          {channel_id: self._text_channel(channel_id, "general", 0, None, guild_id)})
        self.guilds[guild_id] = guild
        return guild

    def dm_channel(self, user: FakeUser) -> int:
        """The id of the direct-message channel between `user` and the bot (made on first use)."""
        for channel_id, user_id in self.dm_channels.items():
            if user_id == user.id:
                return channel_id
        channel_id = DM_CHANNEL_BASE + len(self.dm_channels) + 1
        self.dm_channels[channel_id] = user.id
        return channel_id

    async def remove_guild(self, guild_id: int) -> None:
        """The bot is removed from a server: GUILD_DELETE (not unavailable), as Discord sends it."""
        del self.guilds[guild_id]
        await self.dispatch("GUILD_DELETE", {"id": str(guild_id)})

    def _guild_of_channel(self, channel_id: int) -> FakeGuild | None:
        """The server a channel is in; None for a direct-message channel."""
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild
        if channel_id in self.dm_channels:
            return None
        raise ValueError(f"unknown channel {channel_id}")

    def _channel(self, channel_id: int) -> dict[str, Any]:
        guild = self._guild_of_channel(channel_id)
        if guild is not None:
            return guild.channels[channel_id]
        user = self._user(self.dm_channels[channel_id])
        return {"id": str(channel_id), "type": 1, "last_message_id": None, "flags": 0,
                "recipients": [user.payload()]}

    def permissions_for(self, user_id: int, guild_id: int | None = None) -> int:
        """Guild-level permissions (no channel overwrites in this stand-in)."""
        guild = self.guilds[guild_id or self.guild_id]
        if user_id == guild.owner.id:
            return ALL_PERMISSIONS
        perms = int(guild.roles[guild.id]["permissions"])
        for role_id in guild.member_roles.get(user_id, []):
            if role_id in guild.roles:
                perms |= int(guild.roles[role_id]["permissions"])
        return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms

    def _user(self, user_id: int) -> FakeUser | None:
        """A user of any server the bot is in."""
        for guild in self.guilds.values():
            if user_id in guild.members:
                return guild.members[user_id]
        return None

    def _member_payload(self, user: FakeUser, *, with_user: bool = True,
                        permissions: bool = False, guild_id: int | None = None) -> dict[str, Any]:
        guild = self.guilds[guild_id or self.guild_id]
        member: dict[str, Any] = {
            "nick": None, "avatar": None, "banner": None,
            "roles": [str(r) for r in guild.member_roles.get(user.id, list(user.roles))],
            "joined_at": JOINED_AT, "premium_since": None, "deaf": False, "mute": False, "pending": False,
            "flags": 0, "communication_disabled_until": None, "avatar_decoration_data": None,
        }
        if with_user:
            member["user"] = user.payload()
        if permissions:
            member["permissions"] = str(self.permissions_for(user.id, guild.id))
        return member

    def _guild_payload(self, guild_id: int | None = None) -> dict[str, Any]:
        """The guild as GET /guilds/{id} returns it."""
        guild = self.guilds[guild_id or self.guild_id]
        return {
            "id": str(guild.id), "name": guild.name, "icon": None, "icon_hash": None,
            "splash": None, "discovery_splash": None, "owner_id": str(guild.owner.id), "region": None,
            "afk_channel_id": None, "afk_timeout": 300, "widget_enabled": False, "widget_channel_id": None,
            "verification_level": 1, "default_message_notifications": 1, "explicit_content_filter": 0,
            "roles": list(guild.roles.values()), "emojis": [], "features": [], "mfa_level": 0,
            "application_id": None, "system_channel_id": str(next(iter(guild.channels))), "system_channel_flags": 0,
            "rules_channel_id": None, "max_presences": None, "max_members": 500000, "vanity_url_code": None,
            "description": None, "banner": None, "premium_tier": 0, "premium_subscription_count": 0,
            "preferred_locale": "en-US", "public_updates_channel_id": None, "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50, "nsfw_level": 0, "stickers": [],
            "premium_progress_bar_enabled": False, "safety_alerts_channel_id": None, "incidents_data": None,
        }

    def _guild_create_payload(self, intents: int, guild_id: int | None = None) -> dict[str, Any]:
        """GUILD_CREATE. Without GUILD_PRESENCES Discord lists only the bot itself among members."""
        record = self.guilds[guild_id or self.guild_id]
        members = list(record.members.values())
        if not intents & INTENT_GUILD_PRESENCES:
            members = [m for m in members if m.id == self.bot.id]
        guild = self._guild_payload(record.id)
        guild.update({
            "joined_at": JOINED_AT, "large": False, "unavailable": False, "lazy": True,
            "member_count": len(record.members), "voice_states": [],
            "members": [self._member_payload(m, guild_id=record.id) for m in members],
            "channels": [{k: v for k, v in c.items() if k != "guild_id"} for c in record.channels.values()],
            "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
            "soundboard_sounds": [], "embedded_activities": [],
        })
        return guild

    def _application_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id), "name": self.bot.username, "icon": None, "description": "",
            "summary": "", "type": None, "hook": True, "rpc_origins": [], "bot_public": True,
            "bot_require_code_grant": False, "bot": self.bot.payload(), "terms_of_service_url": None,
            "privacy_policy_url": None, "owner": self.owner.payload(), "verify_key": "0" * 64, "team": None,
            "flags": APPLICATION_FLAGS, "interactions_endpoint_url": None, "redirect_uris": [], "tags": [],
            "approximate_guild_count": 1, "role_connections_verification_url": None,
            "integration_types_config": {"0": {}},
        }

    # ---------------------------------------------------------------- HTTP

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        if request.content_type == "multipart/form-data":
            payload: Any = None
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if part.name == "payload_json":
                    payload = json.loads(await part.text())
                else:
                    data = bytes(await part.read())
                    files.append(RecordedFile(part.name or "", part.filename,
                                              part.headers.get("Content-Type"), data))
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode(errors="replace"), files

    @staticmethod
    def _json_response(status: int, body: Any) -> web.Response:
        if body is None:
            return web.Response(status=204 if status < 300 else status)
        # discord.py compares the Content-Type with "application/json" exactly: no charset suffix
        return web.Response(status=status, body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json"})

    async def _api(self, request: web.Request) -> web.Response:
        body, files = await self._read_body(request)
        match = _API_PREFIX.match(request.path)
        path = match.group(2) if match else request.path
        route, params = None, {}
        if match:
            for candidate in ROUTES:
                if candidate.method == request.method and (m := candidate.pattern.match(path)):
                    route, params = candidate, m.groupdict()
                    break
        record = RecordedRequest(
            index=len(self.requests), method=request.method, path=path,
            route=route.template if route else None, params=params, query=dict(request.query),
            json=body, files=files, headers=dict(request.headers))
        self.requests.append(record)

        if route is None:
            self.unknown_routes.append(f"{request.method} {request.path}")
            log.warning("fake discord: unknown route %s %s", request.method, request.path)
            status, response = _error(404, "404: Not Found", 0)
        elif not self._authorized(request, route):
            status, response = _error(401, "401: Unauthorized", 0)
        else:
            try:
                status, response = await getattr(self, route.handler)(record)
            # any handler bug becomes a 400: a 500 would make discord.py retry for ~25 s
            except Exception as exc:  # noqa: BLE001
                self.errors.append(f"{request.method} {path}: {exc!r}")
                log.error("fake discord handler failed:\n%s", traceback.format_exc())
                status, response = _error(400, f"fake discord error: {exc!r}", 0)
        record.status = 204 if response is None and status < 300 else status
        record.response = response
        self._notify()
        return self._json_response(status, response)

    def _authorized(self, request: web.Request, route: _Route) -> bool:
        header = request.headers.get("Authorization")
        if header is None:
            return not route.auth
        return header == f"Bot {self.token}"

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        self.requests.append(RecordedRequest(len(self.requests), "GET", request.path, "/attachments/{key}",
                                             {"key": key}, dict(request.query), None, [], dict(request.headers)))
        if key not in self._attachments:
            self.requests[-1].status = 404
            return web.Response(status=404)
        data, content_type = self._attachments[key]
        self.requests[-1].status = 200
        self._notify()
        return web.Response(body=data, headers={"Content-Type": content_type})

    def add_attachment(self, filename: str, data: bytes, content_type: str | None = None) -> dict[str, Any]:
        """Serve `data` at this stand-in's /attachments/...; returns Discord's attachment object for it."""
        attachment_id = self._snowflake()
        content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        key = f"{attachment_id}/{filename}"
        self._attachments[key] = (data, content_type)
        url = f"{self.base_url}/attachments/{attachment_id}/{quote(filename)}"
        return {"id": str(attachment_id), "filename": filename, "size": len(data), "url": url,
                "proxy_url": url, "content_type": content_type, "ephemeral": False}

    # --- meta

    async def _h_gateway(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url}

    async def _h_gateway_bot(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": {
            "total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}}

    async def _h_users_me(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {**self.bot.payload(), "verified": True, "mfa_enabled": False, "email": None,
                     "locale": "en-US"}

    async def _h_get_user(self, req: RecordedRequest) -> tuple[int, Any]:
        user = self._user(int(req.params["user_id"]))
        return (200, user.payload()) if user else _error(404, "Unknown User", 10013)

    async def _h_create_dm(self, req: RecordedRequest) -> tuple[int, Any]:
        """Open (or find) the direct-message channel with a user who shares a server with the bot."""
        body = req.json if isinstance(req.json, dict) else {}
        user = self._user(_as_id(body.get("recipient_id", 0)))
        if user is None or user.bot:
            return _error(400, "Cannot send messages to this user", 50007)
        return 200, self._channel(self.dm_channel(user))

    async def _h_application(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, self._application_payload()

    # --- application commands

    def _command_scope(self, req: RecordedRequest) -> tuple[int | None, tuple[int, Any] | None]:
        if req.params["application_id"] != str(self.application_id):
            return None, _error(403, "Missing Access", 50001)
        guild = req.params.get("guild_id")
        if guild is not None and int(guild) not in self.guilds:
            return None, _error(403, "Missing Access", 50001)
        return (int(guild) if guild else None), None

    def _make_command(self, payload: dict[str, Any], scope: int | None, index: int
                      ) -> tuple[dict[str, Any] | None, tuple[int, Any] | None]:
        name = payload.get("name")
        ctype = payload.get("type", 1)
        if not isinstance(name, str) or not _COMMAND_NAME.match(name) or (ctype == 1 and name != name.lower()):
            return None, _form_error([index, "name"], "APPLICATION_COMMAND_INVALID_NAME",
                                     "Command name is invalid")
        description = payload.get("description", "")
        if ctype == 1 and not 1 <= len(description) <= 100:
            return None, _form_error([index, "description"], "BASE_TYPE_BAD_LENGTH",
                                     "Must be between 1 and 100 in length.")
        if len(payload.get("options") or []) > 25:
            return None, _form_error([index, "options"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        key = (scope, name, ctype)
        command_id = self._command_ids.setdefault(key, self._snowflake())
        command = {
            "type": 1, "description": "", "options": [], "default_member_permissions": None,
            "dm_permission": True, "nsfw": False, "contexts": None, "integration_types": [0],
            "name_localizations": None, "description_localizations": None, **payload,
            "id": str(command_id), "application_id": str(self.application_id), "version": str(self._snowflake()),
        }
        if scope is not None:
            command["guild_id"] = str(scope)
        return command, None

    async def _h_get_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        scope, err = self._command_scope(req)
        return err or (200, self.commands.get(scope, []))

    async def _h_put_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        scope, err = self._command_scope(req)
        if err:
            return err
        payloads = req.json or []
        if len(payloads) > 100:
            return _form_error([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
        commands, seen = [], set()
        for index, payload in enumerate(payloads):
            command, err = self._make_command(payload, scope, index)
            if err:
                return err
            key = (command["name"], command["type"])
            if key in seen:
                return _form_error([index, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME",
                                   "Application command names must be unique")
            seen.add(key)
            commands.append(command)
        self.commands[scope] = commands
        self.command_syncs.append({"guild_id": scope, "commands": commands,
                                   "names": [c["name"] for c in commands]})
        return 200, commands

    async def _h_post_command(self, req: RecordedRequest) -> tuple[int, Any]:
        scope, err = self._command_scope(req)
        if err:
            return err
        command, err = self._make_command(req.json or {}, scope, 0)
        if err:
            return err
        existing = [c for c in self.commands.get(scope, []) if c["id"] != command["id"]]
        self.commands[scope] = existing + [command]
        return 201, command

    async def _h_get_command(self, req: RecordedRequest) -> tuple[int, Any]:
        scope, err = self._command_scope(req)
        if err:
            return err
        for command in self.commands.get(scope, []):
            if command["id"] == req.params["command_id"]:
                return 200, command
        return _error(404, "Unknown application command", 10063)

    async def _h_delete_command(self, req: RecordedRequest) -> tuple[int, Any]:
        scope, err = self._command_scope(req)
        if err:
            return err
        self.commands[scope] = [c for c in self.commands.get(scope, []) if c["id"] != req.params["command_id"]]
        return 204, None

    def _find_command(self, name: str, ctype: int = 1, guild_id: int | None = None
                      ) -> tuple[dict[str, Any] | None, int | None]:
        """A command as the server (guild_id; None: a direct message) sees it: its own, then global ones."""
        for scope in ((guild_id, None) if guild_id else (None,)):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == ctype:
                    return command, scope
        return None, None

    # --- messages

    def _known_channel(self, req: RecordedRequest) -> tuple[int, tuple[int, Any] | None]:
        channel_id = int(req.params["channel_id"])
        try:
            self._guild_of_channel(channel_id)
        except ValueError:
            return channel_id, _error(404, "Unknown Channel", 10003)
        return channel_id, None

    @staticmethod
    def _validate_message(payload: dict[str, Any], files: Sequence[RecordedFile], *, require_body: bool = True,
                          prefix: Sequence[str] = ()) -> tuple[int, Any] | None:
        """Discord's limits on a message body: content, embeds, emptiness."""
        content = payload.get("content")
        if content is not None and len(str(content)) > 2000:
            return _form_error([*prefix, "content"], "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
        embeds = payload.get("embeds") or []
        if len(embeds) > 10:
            return _form_error([*prefix, "embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
        total = 0
        for i, embed in enumerate(embeds):
            for key, limit in _EMBED_LIMITS:
                value = embed.get(key) or ""
                total += len(value)
                if len(value) > limit:
                    return _form_error([*prefix, "embeds", str(i), key], "BASE_TYPE_MAX_LENGTH",
                                       f"Must be {limit} or fewer in length.")
            fields = embed.get("fields") or []
            if len(fields) > 25:
                return _form_error([*prefix, "embeds", str(i), "fields"], "BASE_TYPE_MAX_LENGTH",
                                   "Must be 25 or fewer in length.")
            for j, fld in enumerate(fields):
                for key, limit in (("name", 256), ("value", 1024)):
                    value = str(fld.get(key) or "")
                    total += len(value)
                    if not value or len(value) > limit:
                        return _form_error([*prefix, "embeds", str(i), "fields", str(j), key],
                                           "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {limit} in length.")
            for key, sub, limit in (("footer", "text", 2048), ("author", "name", 256)):
                value = (embed.get(key) or {}).get(sub) or ""
                total += len(value)
                if len(value) > limit:
                    return _form_error([*prefix, "embeds", str(i), key, sub], "BASE_TYPE_MAX_LENGTH",
                                       f"Must be {limit} or fewer in length.")
        if total > 6000:
            return _form_error([*prefix, "embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
        empty = not (content or embeds or files or payload.get("components") or payload.get("sticker_ids")
                     or payload.get("poll") or payload.get("attachments"))
        if require_body and empty:
            return _error(400, "Cannot send an empty message", 50006)
        return None

    def _mentions(self, content: str, allowed: dict[str, Any] | None, replied_to: int | None
                  ) -> tuple[list[dict[str, Any]], list[str], bool]:
        """The mentions Discord would resolve for content sent with `allowed` allowed_mentions."""
        parse = None if allowed is None else set(allowed.get("parse") or [])
        explicit_users = set() if allowed is None else {int(u) for u in allowed.get("users") or []}
        explicit_roles = set() if allowed is None else {int(r) for r in allowed.get("roles") or []}
        users: list[int] = []
        for raw in _USER_MENTION.findall(content or ""):
            uid = int(raw)
            if uid in self.members and uid not in users and (
                    parse is None or "users" in parse or uid in explicit_users):
                users.append(uid)
        if replied_to is not None and replied_to not in users and replied_to in self.members and (
                allowed is None or allowed.get("replied_user", False)):
            users.append(replied_to)
        roles = []
        for raw in _ROLE_MENTION.findall(content or ""):
            rid = int(raw)
            if rid in self.roles and str(rid) not in roles and (
                    parse is None or "roles" in parse or rid in explicit_roles):
                roles.append(str(rid))
        everyone = ("@everyone" in (content or "") or "@here" in (content or "")) and (
            parse is None or "everyone" in parse)
        return [self.members[u].payload() for u in users], roles, everyone

    def _store_files(self, payload: dict[str, Any], files: Sequence[RecordedFile]) -> list[dict[str, Any]]:
        attachments = []
        described = {str(a.get("id")): a for a in payload.get("attachments") or []}
        for index, upload in enumerate(files):
            idx = upload.field[len("files["):-1] if upload.field.startswith("files[") else str(index)
            meta = described.get(idx, {})
            attachment = self.add_attachment(meta.get("filename") or upload.filename or f"file{index}",
                                             upload.data, upload.content_type)
            if meta.get("description"):
                attachment["description"] = meta["description"]
            attachments.append(attachment)
        return attachments

    def _bot_message(self, channel_id: int, payload: dict[str, Any], files: Sequence[RecordedFile], *,
                     msg_type: int = MESSAGE_DEFAULT, flags: int = 0,
                     interaction: dict[str, Any] | None = None) -> dict[str, Any]:
        reference = payload.get("message_reference")
        referenced = None
        if reference:
            referenced = self.messages.get(int(reference["message_id"]))
        replied_to = int(referenced["author"]["id"]) if referenced else None
        mentions, roles, everyone = self._mentions(payload.get("content") or "", payload.get("allowed_mentions"),
                                                   replied_to)
        message_id = self._snowflake()
        guild = self._guild_of_channel(channel_id)
        message: dict[str, Any] = {
            "id": str(message_id), "channel_id": str(channel_id), "author": self.bot.payload(),
            "content": payload.get("content") or "", "timestamp": _now_iso(), "edited_timestamp": None,
            "tts": bool(payload.get("tts", False)), "mention_everyone": everyone, "mentions": mentions,
            "mention_roles": roles, "attachments": self._store_files(payload, files),
            "embeds": [{"type": "rich", **e} for e in payload.get("embeds") or []], "pinned": False,
            "type": msg_type, "flags": flags, "components": payload.get("components") or [],
        }
        if reference:
            message["type"] = MESSAGE_REPLY
            message["message_reference"] = {
                "type": 0, "message_id": str(reference["message_id"]),
                "channel_id": str(reference.get("channel_id") or channel_id)}
            if guild is not None:
                message["message_reference"]["guild_id"] = str(guild.id)
            message["referenced_message"] = self._rest_view(referenced, nested=True) if referenced else None
        if interaction is not None:
            payload_of = interaction["payload"]
            user = payload_of["member"]["user"] if "member" in payload_of else payload_of["user"]
            message.update({
                "webhook_id": str(self.application_id), "application_id": str(self.application_id),
                "interaction_metadata": {
                    "id": str(interaction["id"]), "type": interaction["type"], "user": user,
                    "authorizing_integration_owners": {"0": str(guild.id)} if guild else {"1": str(user["id"])},
                    "name": interaction["payload"]["data"].get("name"), "command_type": 1},
            })
        self.messages[message_id] = message
        return message

    @staticmethod
    def _rest_view(message: dict[str, Any], *, nested: bool = False) -> dict[str, Any]:
        """A stored message as the REST API returns it (no guild_id/member; one level of referenced_message)."""
        view = copy.deepcopy(message)
        view.pop("member", None)
        view.pop("guild_id", None)
        for mention in view.get("mentions", []):
            mention.pop("member", None)
        if nested:
            view.pop("referenced_message", None)
        elif view.get("referenced_message"):
            view["referenced_message"].pop("referenced_message", None)
        return view

    def _apply_edit(self, message: dict[str, Any], payload: dict[str, Any], files: Sequence[RecordedFile]) -> None:
        if "content" in payload:
            message["content"] = payload["content"] or ""
        if "embeds" in payload:
            message["embeds"] = [{"type": "rich", **e} for e in payload["embeds"] or []]
        if "components" in payload:
            message["components"] = payload["components"] or []
        if payload.get("flags") is not None:
            keep = message["flags"] & FLAG_EPHEMERAL
            message["flags"] = keep | (int(payload["flags"]) & ~(FLAG_EPHEMERAL | FLAG_LOADING))
        if "attachments" in payload or files:
            keep_ids = {str(a.get("id")) for a in payload.get("attachments") or []}
            kept = [a for a in message["attachments"] if a["id"] in keep_ids]
            message["attachments"] = kept + self._store_files(payload, files)
        if "content" in payload:
            replied = message.get("referenced_message")
            mentions, roles, everyone = self._mentions(
                message["content"], payload.get("allowed_mentions"),
                int(replied["author"]["id"]) if replied else None)
            message.update(mentions=mentions, mention_roles=roles, mention_everyone=everyone)
        message["edited_timestamp"] = _now_iso()

    @staticmethod
    def _sent_record(payload: dict[str, Any], files: Sequence[RecordedFile], message: dict[str, Any],
                     **extra: Any) -> dict[str, Any]:
        record: dict[str, Any] = {key: None for key in (
            "content", "embeds", "allowed_mentions", "message_reference", "attachments", "components", "flags")}
        record.update(payload)
        record.update(extra)
        record["files"] = [(f.filename, f.data) for f in files]
        record["message"] = message
        record["message_id"] = int(message["id"]) if message else None
        return record

    async def _h_create_message(self, req: RecordedRequest) -> tuple[int, Any]:
        channel_id, err = self._known_channel(req)
        if err:
            return err
        payload = req.json or {}
        err = self._validate_message(payload, req.files)
        if err:
            return err
        reference = payload.get("message_reference")
        if reference and int(reference["message_id"]) not in self.messages and reference.get(
                "fail_if_not_exists", True):
            return _form_error(["message_reference"], "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
        message = self._bot_message(channel_id, payload, req.files, flags=int(payload.get("flags") or 0))
        self._channel(channel_id)["last_message_id"] = message["id"]
        self._sent.append(self._sent_record(payload, req.files, message, id=int(message["id"]),
                                            channel_id=channel_id))
        return 200, self._rest_view(message)

    def _channel_message(self, req: RecordedRequest) -> tuple[dict[str, Any] | None, tuple[int, Any] | None]:
        channel_id, err = self._known_channel(req)
        if err:
            return None, err
        message = self.messages.get(int(req.params["message_id"]))
        if message is None or int(message["channel_id"]) != channel_id:
            return None, _error(404, "Unknown Message", 10008)
        return message, None

    async def _h_get_message(self, req: RecordedRequest) -> tuple[int, Any]:
        message, err = self._channel_message(req)
        return err or (200, self._rest_view(message))

    async def _h_edit_message(self, req: RecordedRequest) -> tuple[int, Any]:
        message, err = self._channel_message(req)
        if err:
            return err
        if int(message["author"]["id"]) != self.bot.id:
            return _error(403, "Cannot edit a message authored by another user", 50005)
        payload = req.json or {}
        err = self._validate_message(payload, req.files, require_body=False)
        if err:
            return err
        self._apply_edit(message, payload, req.files)
        self.message_edits.append(self._sent_record(payload, req.files, message,
                                                    channel_id=int(message["channel_id"])))
        return 200, self._rest_view(message)

    async def _h_delete_message(self, req: RecordedRequest) -> tuple[int, Any]:
        message, err = self._channel_message(req)
        if err:
            return err
        del self.messages[int(message["id"])]
        self.deleted_messages.append(int(message["id"]))
        return 204, None

    async def _h_history(self, req: RecordedRequest) -> tuple[int, Any]:
        channel_id, err = self._known_channel(req)
        if err:
            return err
        limit = min(int(req.query.get("limit", 50)), 100)
        found = sorted((m for m in self.messages.values() if int(m["channel_id"]) == channel_id),
                       key=lambda m: int(m["id"]), reverse=True)
        if "before" in req.query:
            found = [m for m in found if int(m["id"]) < int(req.query["before"])]
        if "after" in req.query:
            found = [m for m in found if int(m["id"]) > int(req.query["after"])][-limit:]
        return 200, [self._rest_view(m) for m in found[:limit]]

    async def _h_add_reaction(self, req: RecordedRequest) -> tuple[int, Any]:
        message, err = self._channel_message(req)
        if err:
            return err
        self.reactions.append({"message_id": int(message["id"]), "emoji": req.params["emoji"], "added": True})
        return 204, None

    async def _h_remove_reaction(self, req: RecordedRequest) -> tuple[int, Any]:
        message, err = self._channel_message(req)
        if err:
            return err
        self.reactions.append({"message_id": int(message["id"]), "emoji": req.params["emoji"], "added": False})
        return 204, None

    async def _h_typing(self, req: RecordedRequest) -> tuple[int, Any]:
        channel_id, err = self._known_channel(req)
        if err:
            return err
        self.typing.append(channel_id)
        return 204, None

    async def _h_get_channel(self, req: RecordedRequest) -> tuple[int, Any]:
        channel_id, err = self._known_channel(req)
        return err or (200, self._channel(channel_id))

    # --- guild

    def _known_guild(self, req: RecordedRequest) -> tuple[int, Any] | None:
        return None if int(req.params["guild_id"]) in self.guilds else _error(404, "Unknown Guild", 10004)

    def _guild_of(self, req: RecordedRequest) -> FakeGuild:
        return self.guilds[int(req.params["guild_id"])]

    async def _h_get_guild(self, req: RecordedRequest) -> tuple[int, Any]:
        return self._known_guild(req) or (200, self._guild_payload(int(req.params["guild_id"])))

    async def _h_get_guild_channels(self, req: RecordedRequest) -> tuple[int, Any]:
        return self._known_guild(req) or (200, list(self._guild_of(req).channels.values()))

    async def _h_get_roles(self, req: RecordedRequest) -> tuple[int, Any]:
        return self._known_guild(req) or (200, list(self._guild_of(req).roles.values()))

    async def _h_get_members(self, req: RecordedRequest) -> tuple[int, Any]:
        err = self._known_guild(req)
        if err:
            return err
        after = int(req.query.get("after", 0))
        limit = int(req.query.get("limit", 1))
        guild = self._guild_of(req)
        users = sorted((u for u in guild.members.values() if u.id > after), key=lambda u: u.id)[:limit]
        return 200, [self._member_payload(u, guild_id=guild.id) for u in users]

    async def _h_get_member(self, req: RecordedRequest) -> tuple[int, Any]:
        err = self._known_guild(req)
        if err:
            return err
        guild = self._guild_of(req)
        user = guild.members.get(int(req.params["user_id"]))
        return (200, self._member_payload(user, guild_id=guild.id)) if user else _error(404, "Unknown Member", 10007)

    # --- interactions

    def _interaction_by_token(self, req: RecordedRequest) -> tuple[dict[str, Any] | None, tuple[int, Any] | None]:
        if req.params["application_id"] != str(self.application_id):
            return None, _error(404, "Unknown Webhook", 10015)
        interaction_id = self._tokens.get(req.params["token"])
        if interaction_id is None:
            return None, _error(404, "Unknown Webhook", 10015)
        return self._interactions[interaction_id], None

    def _response_record(self, interaction: dict[str, Any], kind: str, req: RecordedRequest,
                         payload: dict[str, Any], message: dict[str, Any] | None, *,
                         callback_type: int | None = None, **extra: Any) -> dict[str, Any]:
        record = self._sent_record(payload, req.files, message, kind=kind, method=req.method,
                                   type=callback_type, data=payload, **extra)
        interaction["responses"].append(record)
        return record

    async def _h_callback(self, req: RecordedRequest) -> tuple[int, Any]:
        interaction = self._interactions.get(int(req.params["interaction_id"]))
        if interaction is None or interaction["token"] != req.params["interaction_token"]:
            return _error(404, "Unknown interaction", 10062)
        if interaction["acknowledged"]:
            return _error(400, "Interaction has already been acknowledged.", 40060)
        body = req.json or {}
        callback_type = body.get("type")
        data = body.get("data") or {}
        if callback_type not in ALLOWED_CALLBACKS.get(interaction["type"], set()):
            return _form_error(["type"], "INTERACTION_CALLBACK_TYPE_INVALID",
                               f"Callback type {callback_type} is not valid for interaction type "
                               f"{interaction['type']}")
        message = None
        flags = int(data.get("flags") or 0)
        channel_id = int(interaction["payload"]["channel_id"])
        if callback_type == CALLBACK_MESSAGE:
            err = self._validate_message(data, req.files, prefix=["data"])
            if err:
                return err
            message = self._bot_message(channel_id, data, req.files, msg_type=MESSAGE_CHAT_INPUT_COMMAND,
                                        flags=flags, interaction=interaction)
        elif callback_type == CALLBACK_DEFERRED_MESSAGE:
            flags = (flags & FLAG_EPHEMERAL) | FLAG_LOADING
            message = self._bot_message(channel_id, {}, [], msg_type=MESSAGE_CHAT_INPUT_COMMAND, flags=flags,
                                        interaction=interaction)
        elif callback_type == CALLBACK_AUTOCOMPLETE_RESULT and len(data.get("choices") or []) > 25:
            return _form_error(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        interaction["acknowledged"] = True
        interaction["response_type"] = callback_type
        if message is not None:
            interaction["original_id"] = int(message["id"])
            interaction["message_ids"].append(int(message["id"]))
        self._response_record(interaction, "callback", req, data, message, callback_type=callback_type,
                              choices=data.get("choices"))
        if not _truthy(req.query.get("with_response")):
            return 204, None
        response: dict[str, Any] = {
            "interaction": {
                "id": str(interaction["id"]), "type": interaction["type"],
                "response_message_loading": callback_type == CALLBACK_DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(flags & FLAG_EPHEMERAL)},
            "resource": {"type": callback_type}}
        if message is not None:
            response["interaction"]["response_message_id"] = message["id"]
            response["resource"]["message"] = self._rest_view(message)
        return 200, response

    async def _h_followup(self, req: RecordedRequest) -> tuple[int, Any]:
        interaction, err = self._interaction_by_token(req)
        if err:
            return err
        if not interaction["acknowledged"]:
            return _error(404, "Unknown Webhook", 10015)
        payload = req.json or {}
        err = self._validate_message(payload, req.files)
        if err:
            return err
        original = self.messages.get(interaction["original_id"] or 0)
        if (interaction["response_type"] == CALLBACK_DEFERRED_MESSAGE and original is not None
                and original["flags"] & FLAG_LOADING):
            # Discord: the first followup after a deferred response edits the "thinking" message
            self._apply_edit(original, {k: v for k, v in payload.items() if k != "flags"}, req.files)
            original["flags"] &= ~FLAG_LOADING
            message, edited_original = original, True
        else:
            flags = int(payload.get("flags") or 0)
            message = self._bot_message(int(interaction["payload"]["channel_id"]), payload, req.files,
                                        msg_type=MESSAGE_CHAT_INPUT_COMMAND, flags=flags, interaction=interaction)
            interaction["message_ids"].append(int(message["id"]))
            edited_original = False
        self._response_record(interaction, "followup", req, payload, message, edited_original=edited_original)
        return (200, self._rest_view(message)) if _truthy(req.query.get("wait")) else (204, None)

    def _webhook_message(self, req: RecordedRequest
                         ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, tuple[int, Any] | None]:
        interaction, err = self._interaction_by_token(req)
        if err:
            return None, None, err
        raw = req.params["message_id"]
        message_id = interaction["original_id"] if raw == "@original" else int(raw)
        if message_id is None or message_id not in interaction["message_ids"] or message_id not in self.messages:
            return interaction, None, _error(404, "Unknown Message", 10008)
        return interaction, self.messages[message_id], None

    async def _h_webhook_get(self, req: RecordedRequest) -> tuple[int, Any]:
        _, message, err = self._webhook_message(req)
        return err or (200, self._rest_view(message))

    async def _h_webhook_edit(self, req: RecordedRequest) -> tuple[int, Any]:
        interaction, message, err = self._webhook_message(req)
        if err:
            return err
        payload = req.json or {}
        err = self._validate_message(payload, req.files, require_body=False)
        if err:
            return err
        self._apply_edit(message, payload, req.files)
        message["flags"] &= ~FLAG_LOADING
        kind = "edit_original" if req.params["message_id"] == "@original" else "edit"
        self._response_record(interaction, kind, req, payload, message)
        return 200, self._rest_view(message)

    async def _h_webhook_delete(self, req: RecordedRequest) -> tuple[int, Any]:
        interaction, message, err = self._webhook_message(req)
        if err:
            return err
        del self.messages[int(message["id"])]
        self.deleted_messages.append(int(message["id"]))
        kind = "delete_original" if req.params["message_id"] == "@original" else "delete"
        self._response_record(interaction, kind, req, {}, message)
        return 204, None

    # ---------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0, timeout=3.0)
        await ws.prepare(request)
        encoding = request.query.get("encoding", "json")
        compress = request.query.get("compress")
        self.encodings.append(encoding)
        self.compressions.append(compress)
        try:
            conn = _Connection(ws, compress)
        except ValueError as exc:
            self.errors.append(f"gateway: {exc}")
            await ws.close(code=CLOSE_DECODE_ERROR, message=str(exc).encode())
            return ws
        if encoding != "json":
            self.errors.append(f"gateway: unsupported encoding={encoding!r}")
            await conn.close(CLOSE_DECODE_ERROR, "only encoding=json is supported")
            return ws
        self._connections.add(conn)
        try:
            await conn.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval,
                                             "_trace": ["fake-discord"]}, "s": None, "t": None})
            while True:
                msg = await ws.receive()
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    try:
                        payload = json.loads(msg.data)
                    except ValueError:
                        await conn.close(CLOSE_DECODE_ERROR, "invalid payload")
                        break
                    self.gateway_received.append(payload)
                    await self._on_gateway_payload(conn, payload)
                    self._notify()
                elif msg.type == WSMsgType.CLOSE:
                    conn.client_close_code = msg.data
                    break
                elif msg.type in (WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    break
        finally:
            self._connections.discard(conn)
            session = conn.session
            if session is not None and session.connection is conn:
                session.connection = None
                # a client's own clean close (1000/1001) ends its session, as on Discord
                if not conn.server_closed and conn.client_close_code in (1000, 1001):
                    session.alive = False
            self._notify()
        return ws

    async def _on_gateway_payload(self, conn: _Connection, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == 1:
            self.heartbeats += 1
            await conn.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._identify(conn, data or {})
        elif op == 6:
            await self._resume(conn, data or {})
        elif conn.session is None:
            await conn.close(CLOSE_NOT_AUTHENTICATED, "Not authenticated.")
        elif op == 3:
            self.presence_updates.append(data)
        elif op == 8:
            await self._request_members(conn.session, data or {})
        elif op == 4:
            pass  # voice state update: nothing to do here
        else:
            self.errors.append(f"gateway: unknown opcode {op}")
            await conn.close(CLOSE_UNKNOWN_OPCODE, "Unknown opcode.")

    async def _identify(self, conn: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await conn.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return
        if conn.session is not None:
            await conn.close(CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            await conn.close(CLOSE_INVALID_INTENTS, "Invalid intent(s).")
            return
        if intents & PRIVILEGED_INTENTS and not self.privileged_intents_enabled:
            await conn.close(CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).")
            return
        self.identify_payloads.append(data)
        session = _Session(session_id=secrets.token_hex(16), intents=intents, shard=data.get("shard"),
                           connection=conn)
        conn.session = session
        self._sessions[session.session_id] = session
        ready: dict[str, Any] = {
            "v": API_VERSION,
            "user": {**self.bot.payload(), "verified": True, "mfa_enabled": False, "email": None},
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in self.guilds],
            "session_id": session.session_id, "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": APPLICATION_FLAGS},
            "private_channels": [], "relationships": [], "presences": [], "user_settings": {},
            "guild_join_requests": [], "geo_ordered_rtc_regions": ["fake"], "session_type": "normal",
            "auth": {}, "_trace": ["fake-discord"],
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        await self._dispatch_to(session, "READY", ready)
        if intents & INTENT_GUILDS:
            for guild_id in self.guilds:
                await self._dispatch_to(session, "GUILD_CREATE", self._guild_create_payload(intents, guild_id))

    async def _resume(self, conn: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await conn.close(CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return
        session = self._sessions.get(data.get("session_id") or "")
        if session is None or not session.alive:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        if session.connection is not None and session.connection is not conn:
            await session.connection.close(CLOSE_UNKNOWN_ERROR, "session resumed elsewhere")
        session.connection = conn
        conn.session = session
        self.resumes += 1
        last = data.get("seq") or 0
        for event in session.events:
            if event["s"] > last:
                await conn.send(event)
        await self._dispatch_to(session, "RESUMED", {"_trace": ["fake-discord"]})

    async def _request_members(self, session: _Session, data: dict[str, Any]) -> None:
        self.member_requests.append(data)
        guild = self.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        users = list(guild.members.values())
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            users = [u for u in users if u.id in wanted]
        elif not session.intents & INTENT_GUILD_MEMBERS:
            await session.connection.close(CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).")
            return
        query = (data.get("query") or "").lower()
        users = [u for u in users if u.username.lower().startswith(query)]
        if data.get("limit"):
            users = users[: int(data["limit"])]
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id), "members": [self._member_payload(u, guild_id=guild.id) for u in users],
            "chunk_index": 0, "chunk_count": 1, "not_found": []}
        if data.get("presences"):
            chunk["presences"] = []
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _dispatch_to(self, session: _Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append(payload)
        if session.connection is not None:
            await session.connection.send(payload)

    def _filter_event(self, session: _Session, event: str, data: dict[str, Any]) -> dict[str, Any] | None:
        """What Discord would deliver of an event given the session's intents (None: nothing)."""
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
            needed = INTENT_GUILD_MESSAGES if "guild_id" in data else INTENT_DIRECT_MESSAGES
            if not session.intents & needed:
                return None
            mentioned = any(int(m["id"]) == self.bot.id for m in data.get("mentions", []))
            if (not session.intents & INTENT_MESSAGE_CONTENT and not mentioned
                    and int(data["author"]["id"]) != self.bot.id):
                data = {**data, "content": "", "embeds": [], "attachments": [], "components": []}
                data.pop("poll", None)
        return data

    @property
    def connected(self) -> bool:
        """Whether a client holds a live, identified gateway session."""
        return any(s.alive and s.connection is not None for s in self._sessions.values())

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send a DISPATCH (op 0) to every live session, filtered by its intents (sessions between a
        disconnect and a RESUME get it on resume). Returns how many sessions it was queued for."""
        sessions = [s for s in self._sessions.values() if s.alive]
        if not sessions:
            raise RuntimeError(f"no gateway session to dispatch {event} to: has the client connected?")
        delivered = 0
        for session in sessions:
            filtered = self._filter_event(session, event, copy.deepcopy(data))
            if filtered is not None:
                await self._dispatch_to(session, event, filtered)
                delivered += 1
        self._notify()
        return delivered

    async def disconnect(self, code: int = CLOSE_UNKNOWN_ERROR, reason: str = "fake discord disconnect") -> int:
        """Drop every gateway connection with `code` (4000: the client should RESUME). Returns the count."""
        connections = list(self._connections)
        for conn in connections:
            await conn.close(code, reason)
        return len(connections)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT to every connection."""
        for conn in list(self._connections):
            await conn.send({"op": 7, "d": None, "s": None, "t": None})

    async def invalidate_sessions(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; unless `resumable`, the sessions are gone and the client re-IDENTIFIes
        (discord.py waits 5 s before a non-initial IDENTIFY)."""
        for conn in list(self._connections):
            if not resumable and conn.session is not None:
                conn.session.alive = False
            await conn.send({"op": 9, "d": resumable, "s": None, "t": None})

    # ---------------------------------------------------------------- test helpers: users acting

    async def send_message(
        self,
        content: str = "",
        *,
        author: FakeUser = MEMBER,
        channel_id: int = GENERAL_CHANNEL_ID,
        mentions: Sequence[FakeUser] | None = None,
        message_reference: Any = None,
        ping_reply: bool = True,
        attachments: Sequence[tuple[str, bytes] | tuple[str, bytes, str]] = (),
        embeds: Sequence[dict[str, Any]] = (),
        dispatch: bool = True,
    ) -> dict[str, Any]:
        """A user posts a message: dispatches MESSAGE_CREATE (unless dispatch=False) and stores it so the
        bot can fetch it. `mentions` default: users written as <@id> in `content`, plus the replied-to
        author when `message_reference` (a message id or payload) is given and `ping_reply`."""
        guild = self._guild_of_channel(channel_id)  # None: a direct message
        members = guild.members if guild else {author.id: author, self.bot.id: self.bot}
        referenced = None
        if message_reference is not None:
            ref_id = _as_id(message_reference)
            referenced = self.messages.get(ref_id)
        if mentions is None:
            users = [members[int(u)] for u in dict.fromkeys(_USER_MENTION.findall(content))
                     if int(u) in members]
            if referenced is not None and ping_reply:
                replied = members.get(int(referenced["author"]["id"]))
                if replied is not None and replied not in users:
                    users.append(replied)
        else:
            users = list(mentions)
        message_id = self._snowflake()
        message: dict[str, Any] = {
            "id": str(message_id), "channel_id": str(channel_id),
            "author": author.payload(),
            "content": content, "timestamp": _now_iso(), "edited_timestamp": None, "tts": False,
            "mention_everyone": "@everyone" in content or "@here" in content,
            "mentions": [u.payload() for u in users],
            "mention_roles": [r for r in dict.fromkeys(_ROLE_MENTION.findall(content))
                              if guild and int(r) in guild.roles],
            "attachments": [self.add_attachment(*a) for a in attachments], "embeds": list(embeds),
            "pinned": False, "type": MESSAGE_DEFAULT, "flags": 0, "components": [], "nonce": str(message_id),
        }
        if guild is not None:
            message["guild_id"] = str(guild.id)
            message["member"] = self._member_payload(author, with_user=False, guild_id=guild.id)
            for mention, user in zip(message["mentions"], users, strict=True):
                mention["member"] = self._member_payload(user, with_user=False, guild_id=guild.id)
        if message_reference is not None:
            message["type"] = MESSAGE_REPLY
            message["message_reference"] = {
                "type": 0, "message_id": str(ref_id),
                "channel_id": referenced["channel_id"] if referenced else str(channel_id)}
            if guild is not None:
                message["message_reference"]["guild_id"] = str(guild.id)
            message["referenced_message"] = self._rest_view(referenced, nested=True) if referenced else None
        self.messages[message_id] = message
        self._channel(channel_id)["last_message_id"] = str(message_id)
        if dispatch:
            await self.dispatch("MESSAGE_CREATE", message)
        return message

    def _option_definitions(self, command: dict[str, Any] | None, path: Sequence[str]) -> list[dict[str, Any]]:
        options = (command or {}).get("options") or []
        for name in path:
            options = next((o.get("options") or [] for o in options if o["name"] == name), [])
        return options

    def _option(self, name: str, value: Any, definition: dict[str, Any] | None,
                resolved: dict[str, dict[str, Any]]) -> dict[str, Any]:
        if definition is not None:
            otype = definition["type"]
        elif isinstance(value, FakeUser):
            otype = OPTION_USER
        elif isinstance(value, bool):
            otype = OPTION_BOOLEAN
        elif isinstance(value, int):
            otype = OPTION_INTEGER
        elif isinstance(value, float):
            otype = OPTION_NUMBER
        else:
            otype = OPTION_STRING
        if otype in (OPTION_USER, OPTION_MENTIONABLE) and (isinstance(value, FakeUser) or _as_id(value) in self.members):
            user = value if isinstance(value, FakeUser) else self.members[_as_id(value)]
            resolved.setdefault("users", {})[str(user.id)] = user.payload()
            resolved.setdefault("members", {})[str(user.id)] = self._member_payload(
                user, with_user=False, permissions=True)
            value = str(user.id)
        elif otype in (OPTION_ROLE, OPTION_MENTIONABLE):
            resolved.setdefault("roles", {})[str(_as_id(value))] = self.roles[_as_id(value)]
            value = str(_as_id(value))
        elif otype == OPTION_CHANNEL:
            channel = self.channels[_as_id(value)]
            resolved.setdefault("channels", {})[channel["id"]] = {
                "id": channel["id"], "name": channel["name"], "type": channel["type"], "parent_id": None,
                "permissions": str(ALL_PERMISSIONS), "guild_id": str(self.guild_id)}
            value = channel["id"]
        return {"name": name, "type": otype, "value": value}

    def _command_data(self, name: str, options: Mapping[str, Any] | Sequence[dict[str, Any]] | None,
                      subcommand: str | None, attachments: Mapping[str, Sequence[Any]] | None,
                      focused: str | None = None, channel_id: int = GENERAL_CHANNEL_ID) -> dict[str, Any]:
        guild = self._guild_of_channel(channel_id)
        command, scope = self._find_command(name, guild_id=guild.id if guild else None)
        if command is None and guild is None:  # a guild-only command tried in a DM: sent as the server has it
            command, _ = self._find_command(name, guild_id=self.guild_id)
        path = subcommand.split() if subcommand else []
        definitions = {d["name"]: d for d in self._option_definitions(command, path)}
        resolved: dict[str, dict[str, Any]] = {}
        if options is None or isinstance(options, Mapping):
            leaf = [self._option(k, v, definitions.get(k), resolved) for k, v in (options or {}).items()]
        else:
            leaf = [dict(o) for o in options]
        for option_name, spec in (attachments or {}).items():
            attachment = self.add_attachment(*spec)
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            leaf.append({"name": option_name, "type": OPTION_ATTACHMENT, "value": attachment["id"]})
        if focused is not None:
            for option in leaf:
                if option["name"] == focused:
                    option["focused"] = True
                    option["value"] = str(option["value"])
                    option["type"] = definitions.get(focused, {}).get("type", option["type"])
                    break
            else:
                leaf.append({"name": focused, "type": definitions.get(focused, {}).get("type", OPTION_STRING),
                             "value": "", "focused": True})
        wrapped = leaf
        if len(path) == 2:
            wrapped = [{"name": path[0], "type": OPTION_SUB_COMMAND_GROUP,
                        "options": [{"name": path[1], "type": OPTION_SUB_COMMAND, "options": leaf}]}]
        elif len(path) == 1:
            wrapped = [{"name": path[0], "type": OPTION_SUB_COMMAND, "options": leaf}]
        data: dict[str, Any] = {"id": command["id"] if command else str(self._snowflake()), "name": name,
                                "type": 1, "options": wrapped}
        if resolved:
            data["resolved"] = resolved
        if scope is not None:
            data["guild_id"] = str(scope)
        return data

    async def _send_interaction(self, itype: int, data: dict[str, Any], user: FakeUser, channel_id: int,
                                locale: str, message: dict[str, Any] | None = None) -> int:
        guild = self._guild_of_channel(channel_id)  # None: a direct message with the bot
        interaction_id = self._snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload = {
            "id": str(interaction_id), "application_id": str(self.application_id), "type": itype, "data": data,
            "channel_id": str(channel_id), "token": token, "version": 1, "locale": locale,
            "entitlements": [], "entitlement_sku_ids": [], "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if guild is not None:
            payload.update({
                "guild_id": str(guild.id), "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
                "channel": {**guild.channels[channel_id], "permissions": str(self.permissions_for(user.id, guild.id))},
                "member": self._member_payload(user, permissions=True, guild_id=guild.id),
                "app_permissions": str(self.permissions_for(self.bot.id, guild.id)), "guild_locale": "en-US",
                "authorizing_integration_owners": {"0": str(guild.id)}, "context": 0})
        else:
            payload.update({
                "channel": {**self._channel(channel_id), "permissions": str(EVERYONE_PERMISSIONS)},
                "user": user.payload(), "app_permissions": str(BOT_ROLE_PERMISSIONS),
                "authorizing_integration_owners": {"0": str(user.id)}, "context": 1})
        if message is not None:
            payload["message"] = self._rest_view(message)
        self._interactions[interaction_id] = {
            "id": interaction_id, "token": token, "type": itype, "payload": payload, "responses": [],
            "acknowledged": False, "response_type": None, "original_id": None, "message_ids": []}
        self._tokens[token] = interaction_id
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction_id

    async def send_interaction(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[dict[str, Any]] | None = None,
        *,
        user: FakeUser = MEMBER,
        subcommand: str | None = None,
        attachments: Mapping[str, Sequence[Any]] | None = None,
        channel_id: int = GENERAL_CHANNEL_ID,
        locale: str = "en-US",
    ) -> int:
        """A user runs slash command `name`: dispatches INTERACTION_CREATE (type 2) and returns its id.

        `options` maps option names to values (their types come from the synced command, else from the
        Python type: str, int, float, bool, FakeUser); a list is sent as raw option objects.
        `subcommand` is "sub" or "group sub". `attachments` maps option names to (filename, bytes[,
        content_type]), served from this stand-in's /attachments/... and listed in data.resolved.
        data.guild_id is set when the command was synced to the guild, as Discord does."""
        data = self._command_data(name, options, subcommand, attachments, channel_id=channel_id)
        return await self._send_interaction(INTERACTION_APPLICATION_COMMAND, data, user, channel_id, locale)

    async def send_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: FakeUser = MEMBER,
        subcommand: str | None = None,
        channel_id: int = GENERAL_CHANNEL_ID,
        locale: str = "en-US",
    ) -> int:
        """A user types in option `focused` of `name`: dispatches an autocomplete INTERACTION_CREATE
        (type 4); the bot's choices are in interaction_responses(id)[0]["choices"]."""
        data = self._command_data(name, options, subcommand, None, focused=focused, channel_id=channel_id)
        return await self._send_interaction(INTERACTION_AUTOCOMPLETE, data, user, channel_id, locale)

    async def press_button(self, message_id: int, custom_id: str, *, user: FakeUser = MEMBER,
                           locale: str = "en-US") -> int:
        """A user presses the button `custom_id` on a message the bot sent: dispatches a component
        INTERACTION_CREATE (type 3) carrying that message, and returns the interaction's id."""
        message = self.messages[int(message_id)]
        buttons = [c for row in message.get("components") or [] for c in row.get("components") or []]
        if not any(button.get("custom_id") == custom_id for button in buttons):
            raise ValueError(f"message {message_id} has no button {custom_id!r}")
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._send_interaction(INTERACTION_COMPONENT, data, user, int(message["channel_id"]), locale,
                                            message=message)
