"""`communique collections list|show|remove`: the operator's view of the shared collection and the servers'."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from bot.audit import AuditEntry, AuditLog
from bot.render import plural
from index.errors import CommuniqueError

if TYPE_CHECKING:
    from bot.cli.context import Context
    from index.collections import CollectionInfo, Collections

EXIT_OK = 0
RECENT_CHANGES = 10


def operator() -> str:
    """Who runs the command line, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def cli_audit(ctx: Context, action: str, collection: str, article: str | None, outcome: str) -> None:
    AuditLog(ctx.settings.audit_log).record(AuditEntry(
        server_id=None, server="command line", user_id=None, user=operator(), action=action,
        collection=collection, article=article, outcome=outcome))


def open_collections(ctx: Context) -> Collections:
    from index.collections import Collections

    settings = ctx.settings
    return Collections(ctx.knowledge_base(), settings.collections_dir, per_server=settings.server_collections,
                       idle_seconds=settings.collection_idle_seconds)


def _line(info: CollectionInfo) -> str:
    state = f"left {info.left_at}" if info.left_at else (info.build or "not built")
    return f"{info.name:<28} {plural(info.articles, 'article'):<14} {state}"


def cmd_collections_list(ctx: Context) -> int:
    everything = open_collections(ctx).all()
    if ctx.args.json:
        for info in everything:
            ctx.json(info.to_json())
        return EXIT_OK
    for info in everything:
        ctx.out(_line(info))
    return EXIT_OK


def cmd_collections_show(ctx: Context) -> int:
    from index.collections import parse_name

    info = open_collections(ctx).info(parse_name(ctx.args.name))
    changes = AuditLog(ctx.settings.audit_log).entries(info.name)[-RECENT_CHANGES:]
    if ctx.args.json:
        ctx.json({**info.to_json(), "changes": [change.__dict__ for change in changes]})
        return EXIT_OK
    ctx.out(_line(info))
    ctx.out(f"articles: {info.corpus_dir}\nindex: {info.index_dir}")
    for change in changes:
        where = f"server {change.server_id}" if change.server_id else change.server or "?"
        ctx.out(f"  {change.time}  {change.action} {change.article or ''}  by {change.user} in {where}: "
                f"{change.outcome}")
    return EXIT_OK


def cmd_collections_remove(ctx: Context) -> int:
    from index.collections import parse_name, server_name

    guild_id = parse_name(ctx.args.name)
    if guild_id is None:
        raise CommuniqueError("the shared collection is the corpus directory: remove its articles with "
                              "`communique index remove`")
    collections = open_collections(ctx)
    info = collections.info(guild_id)
    collections.remove(guild_id)
    cli_audit(ctx, "collection-remove", server_name(guild_id), None, "done")
    ctx.out(f"removed {info.name}: {plural(info.articles, 'article')} and its index")
    return EXIT_OK
