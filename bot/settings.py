"""Every setting in one place, read from the environment and a `.env` file (pydantic-settings)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.errors import CommuniqueError
from index.retrieval.embedding import BACKENDS, DEFAULT_BACKEND, DEFAULT_CACHE_DIR

log = logging.getLogger(__name__)

ENV_FILE_VARIABLE = "COMMUNIQUE_ENV_FILE"
DEFAULT_ENV_FILE = ".env"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The prompts shipped with the project, used when PROMPTS_DIR is left at its default and ./prompts is absent.
SHIPPED_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


class SettingsError(CommuniqueError):
    """A setting in the environment or the .env file has a value that cannot be used."""


class Settings(BaseSettings):
    """communique's settings. Names are matched case-insensitively, so DISCORD_TOKEN sets discord_token."""

    model_config = SettingsConfigDict(
        env_file=DEFAULT_ENV_FILE, env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore",
        case_sensitive=False,
    )

    # Discord (only `communique run` needs these)
    discord_token: SecretStr | None = Field(default=None, description="the bot's token; never committed")
    discord_api_base: str = Field(default="https://discord.com/api/v10",
                                  description="Discord's HTTP API, or a Discord-compatible server")
    discord_connect_retries: int = Field(default=5, ge=0, le=10,
                                         description="tries again this often when Discord cannot be reached")
    guild_id: int | None = Field(default=None, description="sync slash commands to this guild only")
    answer_channels: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="channel ids where any message ending in '?' is answered")
    moderator_role: str | None = Field(default=None, description="role name or id allowed to change articles")
    question_burst: int = Field(default=3, ge=0,
                                description="questions a member may ask within the window; 0: no limit")
    question_burst_seconds: float = Field(default=30.0, ge=0, description="the window of QUESTION_BURST")
    admin_guild_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="servers whose moderators may change the shared collection (GUILD_ID)")
    server_collections: bool = Field(default=True, description="each server may have its own collection")
    collections_dir: Path = Field(default=Path("var/collections"), description="the servers' own collections")
    server_max_articles: int = Field(default=500, ge=1, description="the most articles a server's collection holds")
    collection_idle_seconds: float = Field(default=900.0, ge=0,
                                           description="a server's collection is unloaded after this long unused")
    server_data_retention_days: float | None = Field(
        default=None, ge=0, description="delete a server's collection this long after the bot leaves it")
    audit_log: Path = Field(default=Path("var/audit.jsonl"), description="every change to the articles")
    shard_count: int | None = Field(default=None, ge=1, description="total shards across all processes")
    shard_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="the shards this process runs (needs SHARD_COUNT)")

    # articles from the web
    web_allow_private: bool = Field(default=False, description="allow pages on private/loopback addresses")
    web_timeout_seconds: float = Field(default=15.0, gt=0, description="give up on a page after this long")
    web_max_bytes: int = Field(default=5_000_000, ge=1000, description="largest page fetched")
    max_file_bytes: int = Field(default=5_000_000, ge=1000, description="largest article file indexed")

    # the engine
    embedding_backend: Literal[BACKENDS] = Field(
        default=DEFAULT_BACKEND, description="how the model runs: torch, onnx or onnx-int8 (exported locally)")
    model_cache_dir: Path = Field(default=Path(DEFAULT_CACHE_DIR), description="where the ONNX export is kept")
    answer_reader: bool = Field(
        default=False, description="let the trained reader (index/reader/) rank sentences and abstain: stricter")
    corpus_dir: Path = Field(default=Path("corpus"), description="the articles, one file each")
    index_dir: Path = Field(default=Path("var/index"), description="where the built index is kept")
    feedback_db: Path = Field(default=Path("var/feedback.sqlite3"),
                              description="the answers given on Discord and the votes they got")
    feeds_db: Path = Field(default=Path("var/feeds.sqlite3"),
                           description="the feeds each collection follows and the entries already seen")
    feed_poll_minutes: float = Field(default=15.0, ge=0,
                                     description="the bot polls the followed feeds this often; 0: never")
    feed_max_new: int = Field(default=10, ge=1, le=200,
                              description="new entries of one feed fetched in one poll; the rest wait")
    feed_max_per_day: int = Field(default=100, ge=1,
                                  description="articles one collection takes from its feeds in 24 hours")
    feeds_per_server: int = Field(default=20, ge=1, description="the most feeds a server's collection follows")
    alerts_channel_id: int | None = Field(
        default=None, description="where new meetings of the shared feeds are posted when a feed names no channel")
    prompts_dir: Path = Field(default=Path("prompts"), description="user-facing text templates")
    max_question_chars: int = Field(default=1000, ge=10, le=100_000, description="longest question accepted")
    log_level: str = Field(default="INFO", description="logging level of the bot")
    log_format: Literal["auto", "text", "json"] = Field(
        default="auto", description="the bot's logs: text on a terminal and JSON elsewhere (auto), or always one")

    @field_validator("answer_channels", "shard_ids", "admin_guild_ids", mode="before")
    @classmethod
    def _split_channels(cls, value: Any) -> Any:
        """'123, 456' or '[123, 456]' from the environment; a list when given in code."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _check_level(cls, value: Any) -> Any:
        level = str(value).strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}, got {value!r}")
        return level

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: Any) -> Any:
        return str(value).strip().lower()

    @field_validator("corpus_dir", "index_dir", "prompts_dir", "model_cache_dir", "feedback_db", "collections_dir",
                     "audit_log", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        """Relative paths are taken from the current directory, as a user typing them would expect."""
        value = value.expanduser()
        return value if value.is_absolute() else Path.cwd() / value

    @property
    def admin_guilds(self) -> set[int]:
        """The servers whose moderators may change the shared collection: ADMIN_GUILD_IDS, else GUILD_ID."""
        if self.admin_guild_ids:
            return set(self.admin_guild_ids)
        return {self.guild_id} if self.guild_id else set()

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None

    def prompts_path(self) -> Path:
        """PROMPTS_DIR; left at its default with no ./prompts here, the prompts shipped with communique."""
        if "prompts_dir" not in self.model_fields_set and not self.prompts_dir.is_dir():
            return SHIPPED_PROMPTS
        return self.prompts_dir

    def fetch_policy(self):
        from index.corpus.fetch import FetchPolicy

        return FetchPolicy(timeout=self.web_timeout_seconds, max_bytes=self.web_max_bytes,
                           allow_private=self.web_allow_private)

    def explicit(self, name: str) -> bool:
        """Whether the setting was given (environment, .env or code) rather than left at its default."""
        return name in self.model_fields_set


def load_settings(env_file: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Settings from the environment and env_file (default: $COMMUNIQUE_ENV_FILE, else ./.env).

    A bad value raises SettingsError naming the setting, fit to show on one line.
    """
    if env_file is None:
        env_file = os.environ.get(ENV_FILE_VARIABLE) or DEFAULT_ENV_FILE
    try:
        return Settings(_env_file=env_file, **overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(part) for part in first["loc"][:1]).upper() or "settings"
        message = first["msg"].removeprefix("Value error, ")
        problems = error.error_count()
        more = f" (and {problems - 1} more problem(s))" if problems > 1 else ""
        raise SettingsError(f"invalid setting {name}: {message}{more}") from error
