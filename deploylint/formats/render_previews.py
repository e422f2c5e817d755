"""Render preview environments: a copy of the Blueprint's services for each pull request.

https://render.com/docs/preview-environments: with `previews.generation: automatic` at the
top of render.yaml (legacy: `previewsEnabled: true`) every pull request gets "a fresh copy
of your production environment (including services, databases, and environment groups)";
`manual` creates one when someone asks for it in the Dashboard; `off` (the default) none.
A service opts out with its own `previews: {generation: off}`
(https://render.com/tutorials/advanced-blueprint-patterns/preview-environments, "Per-service
overrides"); the legacy per-service `pullRequestPreviewsEnabled: true` gives that service
its own preview instance per pull request. The preview copy runs the pull request's code
with the same environment unless an env var sets a `previewValue`: a bot token without one
polls with the production token beside production for as long as the preview lives.
Whether secrets entered with `sync: false` reach previews is not confirmed: such a token
counts as shared (the copy of the environment groups is documented).
"""
from __future__ import annotations

from ..model import Location, Overlap
from ..repo import Repo

DOCS = "https://render.com/docs/preview-environments"
_TOKEN_WORDS = ("TOKEN", "SESSION", "API_HASH", "BOT_KEY")


def mode(data: dict) -> str:
    """`automatic`, `manual` or "" for the Blueprint as a whole."""
    previews = data.get("previews")
    generation = previews.get("generation") if isinstance(previews, dict) else None
    if generation in ("automatic", "manual"):
        return generation
    return "automatic" if data.get("previewsEnabled") is True else ""


def overlap(repo: Repo, path: str, data: dict, service: dict, name: str) -> Overlap | None:
    """The preview copy of a service that runs beside production, or None."""
    from .. import yamlfile

    own = service.get("previews")
    if isinstance(own, dict) and own.get("generation") in ("off", "none"):
        return None
    generation = mode(data)
    if service.get("pullRequestPreviewsEnabled") is True:
        generation, where = "automatic", yamlfile.where(path, service, "pullRequestPreviewsEnabled")
        setting = "`pullRequestPreviewsEnabled: true`"
    elif generation:
        key = "previews" if isinstance(data.get("previews"), dict) else "previewsEnabled"
        where = yamlfile.where(path, data, key)
        setting = f"`previews.generation: {generation}`" if key == "previews" else "`previewsEnabled: true`"
    else:
        return None
    if _separate_token(service):
        return None
    when = ("while a pull request has a preview environment" if generation == "automatic"
            else "while a preview environment someone created for a pull request runs")
    return Overlap(
        f"Render preview environments ({setting}: each pull request gets its own copy of service `{name}`, with the same "
        f"environment)", Location(where.path, where.line, where.column), platform="render", when=when,
        signals_old=False, beside="runs a second copy beside production",
        switch=f"set `previews: {{generation: off}}` on service `{name}`, or give its bot token a `previewValue` "
               f"(another bot for previews) ({DOCS})")


def _separate_token(service: dict) -> bool:
    """A token-like env var of the service with its own value in previews (`previewValue`)."""
    env = service.get("envVars")
    if not isinstance(env, list):
        return False
    for item in env[:500]:
        if isinstance(item, dict) and isinstance(item.get("key"), str) and "previewValue" in item \
                and any(word in item["key"].upper() for word in _TOKEN_WORDS):
            return True
    return False
