"""The text of Kubernetes manifests before and after YAML: placeholder templates filled in
by `sed`/CI (`{{APP_ENV}}`), and where a `sh -c` script given in `command`/`args` starts,
so the lines inside it point at the manifest (formats/kubernetes reads the workloads)."""
from __future__ import annotations

from ..model import Location
from ..patterns import lazy_re

_PLACEHOLDER = lazy_re(r"\{\{\s{0,3}([A-Za-z_][A-Za-z0-9_]{0,100})\s{0,3}\}\}")


def placeholder_documents(repo, path: str, load) -> list:
    """A manifest outside a chart whose only template actions are placeholders (`namespace:
    {{APP_ENV}}`, `image: {{BOT_IMAGE}}`, filled in by `sed` or a CI step before `kubectl
    apply`): read like an envsubst manifest, each placeholder an unknown `${NAME}`. Files
    with logic (`{% if %}`, `{{ .Values.x | quote }}`) are not manifests until rendered."""
    from . import helm

    if helm.chart_of(repo, path) is not None:
        return []
    text = repo.peek(path)
    if not text or "{%" in text:
        return []
    filled = _PLACEHOLDER.sub(lambda m: "${" + m.group(1) + "}", text)
    if "{{" in filled or "}}" in filled:
        return []
    return repo.memo(("k8s-placeholders", path), lambda: load(repo, path, quiet=True, text=filled)) or []


_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})


def script_located(path: str, container: dict, entry, args):
    """`command: ["sh", "-c"]` + `args: [SCRIPT]` (or all of it in `command`): the combined
    command is placed where SCRIPT's text starts (the line after `- |` for a block scalar),
    so the lines inside the script point at the manifest's own lines."""
    from .. import yamlfile
    from ..record import replace as with_location

    first = entry if entry is not None else args
    words = [*(entry.argv if entry is not None and entry.argv else ()), *(args.argv if args is not None and args.argv else ())]
    if first is None or len(words) < 3 or words[0].rsplit("/", 1)[-1] not in _SHELLS or not words[1].startswith("-") \
            or "c" not in words[1]:
        return entry, args
    in_entry = len(entry.argv or ()) if entry is not None else 0
    key, index = ("command", 2) if in_entry > 2 else ("args", 2 - in_entry)  # the script is words[2]
    seq = container.get(key)
    if not isinstance(seq, list) or index >= len(seq) or index != len(seq) - 1:
        return entry, args
    place = yamlfile.where(path, seq, index)
    if type(seq[index]).__name__ in ("LiteralScalarString", "FoldedScalarString"):
        place = Location(path, place.line + 1, place.column + 2)
    return (with_location(entry, location=place), args) if entry is not None else (entry, with_location(args, location=place))
