"""The one error handler: what a user is told when a command or a question fails."""

import logging

from discord import app_commands
from discord.ext import commands

from bot.discord.errors import ErrorHandler, NotModeratorError
from bot.prompts import Prompts
from index.errors import BadQuestionError
from tests.conftest import ROOT

HANDLER = ErrorHandler(Prompts(ROOT / "prompts"))


def test_rate_limit_says_the_limit_and_when_to_ask_again():
    """A question over the rate limit is told the limit and how many whole seconds to wait."""
    text = HANDLER.text(app_commands.CommandOnCooldown(commands.Cooldown(3, 30), 7.2))
    assert "3 questions in 30s" in text and "ask again in 8s" in text


def test_non_moderator_is_told_who_may():
    """/index used by a member who is not a moderator gets the not_moderator text."""
    assert HANDLER.text(NotModeratorError()) == Prompts(ROOT / "prompts").text("not_moderator")


def test_a_users_mistake_is_shown_with_its_reason():
    """A domain error (here an empty question) shows its own message."""
    assert "the question is empty" in HANDLER.text(BadQuestionError("the question is empty"))


def test_an_unexpected_error_is_an_apology_and_a_log_entry(caplog):
    """Anything else gets the internal_error text; its traceback goes to the log, not to the user."""
    with caplog.at_level(logging.ERROR, logger="bot.discord.errors"):
        text = HANDLER.text(ZeroDivisionError("division by zero"), "command ask")
    assert text == Prompts(ROOT / "prompts").text("internal_error")
    assert "division by zero" not in text
    [record] = caplog.records
    assert record.getMessage() == "command ask failed" and record.exc_info[0] is ZeroDivisionError
