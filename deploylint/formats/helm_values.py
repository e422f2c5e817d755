"""Where a Helm chart's values come from (formats/helm.py renders the templates with them).

`chart_of` finds the chart of a template (`<chart>/templates/...` beside `Chart.yaml`) and
reads its values.yaml (https://helm.sh/docs/chart_template_guide/values_files/). `variants`
adds what an install layers over it: each other values file of the chart directory
(`values-prod.yaml`: `helm install -f`), and each `helm install/upgrade/template` command of
the repository's scripts, CI files or README that installs this chart, with its `-f` files
and `--set`/`--set-string` values (https://helm.sh/docs/helm/helm_upgrade/). Maps merge key by
key; anything else replaces, as Helm coalesces values.
"""
from __future__ import annotations

import posixpath

from ..patterns import lazy_re
from ..repo import Repo
from ..safe import to_int
from .helm import Chart


MAX_VARIANTS = 6
_GO_INT = lazy_re(r"[+-]?[0-9]{1,18}")  # what Go's strconv.ParseInt(s, 10, 64) reads (ASCII digits only)
_VALUES_VARIANT = lazy_re(r"^values[-._][\w.-]+\.ya?ml$")


def variants(repo: Repo, chart: Chart) -> list[Chart]:
    """The chart with values.yaml, and with each other values file of the chart directory
    (`values-prod.yaml`, `values.production.yaml`: what `helm install -f FILE` layers over
    values.yaml) merged over it."""
    return repo.memo(("helm-variants", chart.directory), lambda: _variants(repo, chart))


# `helm upgrade --install NAME CHART --set a.b=2 -f values-prod.yaml` in a script, Makefile or workflow
HELM_COMMAND = lazy_re(r"\bhelm\s+(?:upgrade|install|template)\b(?:[^\n\\]|\\[^\n]|\\\n){0,4000}", needs=("helm",))


def _variants(repo: Repo, chart: Chart) -> list[Chart]:
    found = [chart]
    if chart.values_data is None:
        return found
    found.extend(_command_variants(repo, chart))
    prefix = f"{chart.directory}/" if chart.directory else ""
    others = sorted(p for p in repo.named(lambda name: bool(_VALUES_VARIANT.match(name)))
                    if p.startswith(prefix) and "/" not in p[len(prefix):])
    for path in others[:MAX_VARIANTS]:
        data = _yaml(repo, path)
        if not isinstance(data, dict):
            continue
        merged = _merge(chart.root["Values"], data, 0)
        variant = Chart(chart.directory, merged, chart.root["Chart"]["Name"], path, data,
                        ((path, data), (chart.values_path, chart.values_data)))
        found.append(variant)
    return found


def _command_variants(repo: Repo, chart: Chart) -> list[Chart]:
    """The chart as the repository's `helm install/upgrade` commands install it: their
    `-f/--values` files and `--set`/`--set-string` values layered over values.yaml
    (https://helm.sh/docs/helm/helm_upgrade/: "--set ... set values on the command line"; the
    last `-f` and `--set` win)."""
    from . import platform_common as kit

    found = []
    for where, match in kit.mentions(repo, HELM_COMMAND)[:MAX_VARIANTS * 4]:
        words = _command_words(match.group(0))
        if words is None:
            continue
        paths, sets = [], {}
        positional = []
        index = 2
        while index < len(words):
            word = words[index]
            key, eq, value = word.partition("=")
            if key in ("-f", "--values") or key in ("--set", "--set-string"):
                value = value if eq else (words[index + 1] if index + 1 < len(words) else "")
                index += 0 if eq else 1
                if key in ("-f", "--values"):
                    paths.append(value)
                else:
                    _set_values(sets, value, key == "--set-string")
            elif word.startswith("-"):
                if not eq and word in _VALUE_FLAGS:
                    index += 1
            else:
                positional.append(word)
            index += 1
        if len(positional) < 2 or not _is_chart(repo, chart, where.path, positional[1]):
            continue
        values, layers = chart.root["Values"], [(chart.values_path, chart.values_data)]
        for path in paths[:MAX_VARIANTS]:
            data = _yaml(repo, _repo_path(where.path, path)) if not path.startswith(("http:", "https:", "-")) else None
            if isinstance(data, dict):
                values = _merge(values, data, 0)
                layers.insert(0, (_repo_path(where.path, path), data))
        if not sets and len(layers) == 1:
            continue
        values = _merge(values, sets, 0)
        variant = Chart(chart.directory, values, chart.root["Chart"]["Name"], where.path, chart.values_data, tuple(layers))
        variant.command_at = where if sets else None
        found.append(variant)
        if len(found) >= MAX_VARIANTS:
            break
    return found


_VALUE_FLAGS = frozenset({"-n", "--namespace", "--version", "--kube-context", "--timeout", "--repo", "--post-renderer",
                          "--description", "--history-max", "--kubeconfig", "--username", "--password", "-o", "--output"})


def _command_words(text: str) -> list[str] | None:
    import re
    import shlex

    text = re.sub(r"\$\{\{[^}]{0,200}\}\}", "${expression}", text.replace("\\\n", " "))
    try:
        return shlex.split(text, comments=True)[:400]
    except ValueError:
        return None


def _set_values(into: dict, text: str, as_string: bool) -> None:
    """`a.b=1,c=x` into nested maps (numbers stay numbers unless --set-string)."""
    for item in text.split(",")[:100]:
        key, eq, value = item.partition("=")
        keys = [k for k in key.strip().split(".") if k]
        if not eq or not keys or len(keys) > 20 or any(c in key for c in "[]\\"):
            continue
        node = into
        for part in keys[:-1]:
            node = node.setdefault(part, {}) if isinstance(node.get(part, {}), dict) else {}
        if as_string:
            node[keys[-1]] = value
        elif value in ("true", "false"):
            node[keys[-1]] = value == "true"
        elif value == "null":
            node[keys[-1]] = None
        else:  # Helm keeps what ParseInt(value, 10, 64) refuses as a string ('٣', '1e3', 5000 digits)
            number = to_int(value) if _GO_INT.fullmatch(value) else None
            node[keys[-1]] = value if number is None else number


def _repo_path(base_file: str, path: str) -> str:
    """A path in a command, as a repository path (commands run from the root, usually)."""
    import posixpath

    return posixpath.normpath(path.lstrip("./") if path.startswith("./") else path)


def _is_chart(repo: Repo, chart: Chart, where: str, given: str) -> bool:
    import posixpath

    given = posixpath.normpath(given.strip("/")) if given not in (".", "./") else ""
    return given == chart.directory or (given.startswith("./") and given[2:] == chart.directory) \
        or posixpath.basename(given) == posixpath.basename(chart.directory or ".") and bool(chart.directory)


def _merge(base, over, depth: int):
    """Helm's coalescing of values: maps merge key by key, anything else replaces."""
    if not isinstance(base, dict) or not isinstance(over, dict) or depth > 20:
        return over
    merged = dict(base)
    for key, value in list(over.items())[:1000]:
        merged[key] = _merge(base.get(key), value, depth + 1) if key in base else value
    return merged


def chart_of(repo: Repo, path: str) -> Chart | None:
    """The chart a template file belongs to (`<chart>/templates/...` with `<chart>/Chart.yaml`)."""
    parts = path.split("/")
    if "templates" not in parts[:-1]:
        return None
    index = len(parts) - 2 - parts[:-1][::-1].index("templates")
    directory = "/".join(parts[:index])
    chart_file = posixpath.join(directory, "Chart.yaml") if directory else "Chart.yaml"
    if not repo.exists(chart_file):
        return None
    return repo.memo(("helm-chart", directory), lambda: _chart(repo, directory, chart_file))


def _chart(repo: Repo, directory: str, chart_file: str) -> Chart:
    values_path = posixpath.join(directory, "values.yaml") if directory else "values.yaml"
    values_data = _yaml(repo, values_path)
    meta = _yaml(repo, chart_file)
    name = meta.get("name") if isinstance(meta, dict) else None
    return Chart(directory, values_data if isinstance(values_data, dict) else {},
                 name if isinstance(name, str) else "", values_path, values_data)


def _yaml(repo: Repo, path: str):
    """A values file as ruamel data, or None: a syntax error is Helm's to report (the install
    fails); a file past deploylint's limits costs DPL006 on it (yamlfile.load_quietly)."""
    from .. import yamlfile

    if not repo.exists(path):
        return None
    return repo.memo(("values-yaml", path), lambda: yamlfile.load_quietly(repo, path))
