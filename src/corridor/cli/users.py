"""`corridor users ...` and `corridor tokens ...`: accounts for operators (who run them with database access)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from corridor.cli import _output as out
from corridor.cli.context import fail_on_error, state
from corridor.errors import InvalidInput
from corridor.i18n import mark, translate

users_app = typer.Typer(help="People who sign in, and their roles over scopes.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for machines: scoped, expiring, revocable.", no_args_is_help=True)

RoleOption = Annotated[str, typer.Option("--role", help="investor, firm, zone_manager, agency or admin")]
ScopeOption = Annotated[
    list[str] | None,
    typer.Option("--scope", help="'*' (default), locality:<unit ID>, zone:<ID> or firm:<ID>; repeat for several"),
]
ONE_TIME = mark("Password (shown once; sign in and keep it safe): {password}")
ADDED = mark("Added {email} ({grants})")
TOKEN_SCOPE = mark("A token's scope is '*' or locality:<unit ID>, not '{scope}'")


def _grant_text(grants: object) -> str:
    return ", ".join(f"{g.role}@{g.scope}" for g in grants)  # type: ignore[attr-defined]


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="e-mail address, the sign-in name")],
    role: RoleOption,
    scope: ScopeOption = None,
    name: Annotated[str, typer.Option("--name", help="shown beside the user's changes")] = "",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from stdin")] = False,
) -> None:
    """Add a user with a role over one or more scopes; without --password-stdin a password is generated and shown
    once."""
    from corridor.accounts import Grant
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    with fail_on_error(current):
        grants = [Grant(role, s) for s in scope or ["*"]]
        user, generated = open_app(current.settings).accounts.add_user(
            email, grants, current.settings.user, display_name=name, password=password
        )
    out.console().print(translate(ADDED, lang).format(email=user.email, grants=_grant_text(user.grants)), markup=False)
    if generated:
        out.console().print(translate(ONE_TIME, lang).format(password=generated), markup=False)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Every user: e-mail, name, roles over scopes, and whether the account is active."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        users = open_app(current.settings).accounts.users()
    headers = [translate(h, lang) for h in (mark("e-mail"), mark("name"), mark("roles"), mark("active"))]
    rows = [[u.email, u.display_name, _grant_text(u.grants), "-" if u.disabled else "✓"] for u in users]
    out.print_table("", headers, rows)


@users_app.command("grant")
def users_grant(
    ctx: typer.Context, email: Annotated[str, typer.Argument()], role: RoleOption, scope: ScopeOption = None
) -> None:
    """Give a user a role over more scopes."""
    from corridor.accounts import Grant
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        accounts = open_app(current.settings).accounts
        for one in scope or ["*"]:
            user = accounts.grant(email, Grant(role, one), current.settings.user)
    out.console().print(f"{user.email}: {_grant_text(user.grants)}", markup=False)


@users_app.command("revoke-grant")
def users_revoke_grant(
    ctx: typer.Context, email: Annotated[str, typer.Argument()], role: RoleOption, scope: ScopeOption = None
) -> None:
    """Take a role over scopes back from a user."""
    from corridor.accounts import Grant
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        accounts = open_app(current.settings).accounts
        for one in scope or ["*"]:
            accounts.revoke_grant(email, Grant(role, one), current.settings.user)
        user = accounts.user(email)
    out.console().print(f"{user.email}: {_grant_text(user.grants) or '-'}", markup=False)


@users_app.command("ensure-admin")
def users_ensure_admin(
    ctx: typer.Context,
    url: Annotated[str, typer.Option("--url", help="where the portal answers, for the sign-in link")] = "",
) -> None:
    """Create the first administrator when there is none, and say once how to sign in (`make run` calls this)."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        created = open_app(current.settings).accounts.ensure_admin(current.settings.user)
    if created is None:
        out.console().print(translate("The database already has an administrator", lang), markup=False)
        return
    user, password = created
    message = translate("First administrator: {email}; password (shown once): {password}", lang)
    out.console().print(message.format(email=user.email, password=password), markup=False)
    if url:
        out.console().print(translate("Sign in at {url}", lang).format(url=f"{url.rstrip('/')}/login"), markup=False)


@users_app.command("unlock")
def users_unlock(
    ctx: typer.Context, email: Annotated[str, typer.Argument(help="e-mail address of a locked account")]
) -> None:
    """Let an account locked by failed sign-ins sign in again at once (its failure count starts from zero)."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        accounts = open_app(current.settings).accounts
        failures, _ = accounts.lock_state(email)
        accounts.unlock(email, current.settings.user)
    message = translate("Unlocked {email} (after {count} failed sign-ins)", lang)
    out.console().print(message.format(email=email.strip().lower(), count=failures), markup=False)


@users_app.command("reset-password")
def users_reset_password(
    ctx: typer.Context, email: Annotated[str, typer.Argument(help="e-mail address of the account")]
) -> None:
    """Print a one-time link to choose a new password, to pass on to the user (when the server sends no mail)."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        accounts = open_app(current.settings).accounts
        link = accounts.reset_link(email)
    minutes = int(accounts.rules.reset_token_life.total_seconds() // 60)
    message = translate("One-time link to choose a new password (works for {minutes} minutes): {link}", lang)
    out.console().print(message.format(minutes=minutes, link=link), markup=False, soft_wrap=True)


def _token_localities(scopes: list[str] | None) -> list[str]:
    localities = []
    for scope in scopes or ["*"]:
        kind, _, ident = scope.partition(":")
        if scope.strip() == "*":
            continue
        if kind != "locality" or not ident:
            raise InvalidInput(TOKEN_SCOPE, scope=scope)
        localities.append(ident)
    return localities


@tokens_app.command("create")
def tokens_create(
    ctx: typer.Context,
    user: Annotated[str, typer.Option("--user", help="e-mail address of the user the token acts for")],
    action: Annotated[list[str], typer.Option("--action", help="an action it may do, e.g. records.import (repeat)")],
    scope: Annotated[
        list[str] | None, typer.Option("--scope", help="'*' (default: the user's) or locality:<unit ID> (repeat)")
    ] = None,
    expires: Annotated[int, typer.Option("--expires", help="days until it expires (1 to 366)")] = 90,
    name: Annotated[str, typer.Option("--name", help="what the token is for")] = "",
) -> None:
    """Create an API token, within its user's rights; the token is printed once and never stored."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        localities = _token_localities(scope)
        new = open_app(current.settings).accounts.create_token(
            user, action, localities, expires, current.settings.user, name=name
        )
    expires_on = new.token.expires_at.date().isoformat()
    message = translate(
        "Token {id} for {email}, until {date} (shown once; send it as 'Authorization: Bearer ...'):", lang
    )
    out.console().print(message.format(id=new.token.id, email=new.token.user_email, date=expires_on), markup=False)
    out.console().print(new.secret, markup=False, soft_wrap=True)


@tokens_app.command("list")
def tokens_list(
    ctx: typer.Context, user: Annotated[str | None, typer.Option("--user", help="only this user's tokens")] = None
) -> None:
    """API tokens (never their secret): owner, actions, localities, expiry, revocation, last use."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    lang = current.settings.lang
    with fail_on_error(current):
        tokens = open_app(current.settings).accounts.tokens(user)
    names = (mark("ID"), mark("user"), mark("name"), mark("actions"), mark("localities"), mark("expires"))
    headers = [translate(h, lang) for h in (*names, mark("revoked"), mark("last used"))]
    rows = [
        [
            str(k.id),
            k.user_email,
            k.name,
            ", ".join(k.actions),
            ", ".join(k.localities) or "*",
            k.expires_at.date().isoformat(),
            k.revoked_at.date().isoformat() if k.revoked_at else "-",
            k.last_used_at.isoformat(timespec="minutes") if k.last_used_at else "-",
        ]
        for k in tokens
    ]
    out.print_table("", headers, rows)


@tokens_app.command("revoke")
def tokens_revoke(ctx: typer.Context, token_id: Annotated[int, typer.Argument(metavar="ID", help="token ID")]) -> None:
    """Revoke an API token: it stops working at once."""
    from corridor.bootstrap import open_app

    current = state(ctx)
    with fail_on_error(current):
        open_app(current.settings).accounts.revoke_token(token_id, current.settings.user)
    out.console().print(translate("Revoked token {id}", current.settings.lang).format(id=token_id), markup=False)
