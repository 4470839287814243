"""Rendering pages: Jinja2 templates with the request's language, translation and number formats."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlencode

from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from corridor.accounts import Grant, is_allowed, parse_scope
from corridor.http.auth import current_session
from corridor.http.lang import COOKIE, request_lang
from corridor.i18n import INVESTOR_LANGUAGES, LANGUAGES, translate
from corridor.registry.labels import CODE_LABELS, code_label, field_label
from corridor.registry.records import DERIVED_AVAILABLE
from corridor.registry.terms import term_label

_TEMPLATES = resources.files("corridor.web") / "templates"
_BABEL_LOCALES = {"vi": "vi_VN", "en": "en_US", "ko": "ko_KR", "ja": "ja_JP", "zh": "zh_Hans_CN"}
# Each language named in itself, for the language switch.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "ko": "한국어", "ja": "日本語", "zh": "中文"}

environment = Environment(
    loader=FileSystemLoader(str(_TEMPLATES)),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["combine"] = lambda first, second: {**first, **second}


def format_number(value: float | None, lang: str, digits: int = 2) -> str:
    """1234.5 -> '1.234,5' (vi) or '1,234.5' (en, ko, ja, zh); None -> 'unknown' in the language."""
    if value is None:
        return translate("unknown", lang)
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_BABEL_LOCALES[lang]))


def lang_url(request: Request, lang: str) -> str:
    """This page in another language."""
    query = {**request.query_params, "lang": lang}
    return f"{request.url.path}?{urlencode(query)}"


def map_code_labels(lang: str) -> dict[str, dict[str, str]]:
    """Labels of the codes the map's popups show (a feature's type is a zone type or a node type)."""
    fields = {"type": ("zone_type", "node_type"), "status": ("status",), "precision": ("precision",)}
    return {
        shown: {code: code_label(field, code, lang) for field in sources for code in CODE_LABELS[field]}
        for shown, sources in fields.items()
    }


def _moderates(grants: tuple[Grant, ...]) -> bool:
    """Whether one of the grants lets its holder moderate proposals somewhere (the header links the queue)."""
    actions = ("proposal.moderate", "claim.review")
    return any(is_allowed(g.role, parse_scope(g.scope)[0], action) for g in grants for action in actions)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    session = current_session(request, request.app.state.corridor)
    page = environment.get_template(template).render(
        request=request,
        lang=lang,
        signed_in=session.user if session else None,
        moderator=bool(session) and _moderates(session.user.grants if session else ()),
        firm_owner=bool(session) and any(g.role == "firm" for g in (session.user.grants if session else ())),
        csrf_token=session.csrf_token if session else "",
        _=lambda message: translate(message, lang),
        num=lambda value, digits=2: format_number(value, lang, digits),
        unknown=translate("unknown", lang),
        lang_url=lambda other: lang_url(request, other),
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        data_in_source_language=lang in INVESTOR_LANGUAGES,
        label=lambda field, code: code_label(field, code, lang),
        field_label=lambda key: field_label(key, lang),
        term=lambda text: term_label(text, lang),
        code_labels=map_code_labels(lang),
        registry_derivation=DERIVED_AVAILABLE,
        **context,
    )
    response = HTMLResponse(page, status_code=status_code)
    if request.query_params.get("lang") == lang:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
