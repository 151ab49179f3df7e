"""Starting the bot: wait for Discord to answer (with backoff), and turn a refused start into one line
that says what to fix."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TypeVar

import aiohttp
import discord

from index.errors import CommuniqueError

log = logging.getLogger(__name__)
T = TypeVar("T")

PORTAL = "https://discord.com/developers/applications"
FIRST_RETRY_SECONDS = 1.0  # then twice as long each time: 1, 2, 4, 8, 16 s for five retries
PROBE_TIMEOUT_SECONDS = 10.0
UNREACHABLE = (aiohttp.ClientConnectionError, TimeoutError, OSError, discord.DiscordServerError)


class StartupError(CommuniqueError):
    """The bot could not start; the message says what to fix."""


def unreachable_error(api_base: str, reason: str, tries: int, seconds: float) -> StartupError:
    return StartupError(
        f"cannot reach Discord at {api_base} ({reason}) after {tries} {'try' if tries == 1 else 'tries'} over "
        f"{seconds:.0f}s: check this "
        "machine's network connection, or DISCORD_API_BASE in .env")


def reason_of(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


async def wait_for_discord(api_base: str, retries: int) -> None:
    """Return once Discord's API answers at all (any HTTP status below 500); retry with exponential
    backoff, then raise StartupError."""
    delays = [FIRST_RETRY_SECONDS * 2 ** n for n in range(retries)]
    started = time.monotonic()
    url = api_base.rstrip("/") + "/gateway"
    timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for attempt in range(len(delays) + 1):
            try:
                async with session.get(url) as response:
                    if response.status < 500:
                        return
                    reason = f"HTTP {response.status}"
            except (aiohttp.ClientError, TimeoutError, OSError) as error:
                reason = reason_of(error)
            if attempt == len(delays):
                raise unreachable_error(api_base, reason, attempt + 1, time.monotonic() - started)
            log.warning("cannot reach Discord at %s (%s); trying again in %.0fs", api_base, reason, delays[attempt])
            await asyncio.sleep(delays[attempt])


def explain_start_failure(error: BaseException, api_base: str) -> StartupError | None:
    """One line with the fix for the ways Discord refuses a start; None for anything else."""
    if isinstance(error, discord.LoginFailure):
        return StartupError(
            f"Discord refused the token in DISCORD_TOKEN: on {PORTAL} open your application, then Bot → "
            "Reset Token, and put the new token in .env (the OAuth2 client secret is not the token)")
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return StartupError(
            f"Discord refused the Message Content intent: on {PORTAL} open your application, then Bot → "
            "Privileged Gateway Intents, switch on Message Content Intent, save, and start the bot again")
    if isinstance(error, UNREACHABLE):
        return unreachable_error(api_base, reason_of(error), 1, 0)
    return None


async def explained(start: Awaitable[T], api_base: str) -> T:
    """start's result; the ways Discord refuses a start become a StartupError that says what to fix."""
    try:
        return await start
    except Exception as error:
        explanation = explain_start_failure(error, api_base)
        if explanation is None:
            raise
        raise explanation from None
