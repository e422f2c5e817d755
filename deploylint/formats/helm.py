"""Helm chart templates read statically (never executed): enough of Go's text/template to
see what a chart's workloads run and how many replicas they get.

A chart is a directory with `Chart.yaml`, `values.yaml` and `templates/`
(https://helm.sh/docs/topics/charts/). `helm install` renders every file of `templates/`
with `.Values` (values.yaml merged with the user's `-f`/`--set` values), `.Chart` (Chart.yaml)
and `.Release` (https://helm.sh/docs/chart_template_guide/builtin_objects/). The usual
workload template (`helm create`) writes `replicas: {{ .Values.replicaCount }}` inside
`{{- if not .Values.autoscaling.enabled }}`, and an HPA template inside
`{{- if .Values.autoscaling.enabled }}`.

What is read: `{{ .Values.a.b }}` (also `$.Values`, `.Chart.Name`, `.Release.Name`) with the
pipeline functions `default`, `quote`, `squote`, `int`, `toString`, `toYaml`, `toJson`,
`indent`, `nindent`, `trim`, `lower`, `upper`, `required`; `if`/`else if`/`else`/`end` on such
values (with `not`, `and`, `or`, `eq`, `ne`); `with` (rebinds `.`); `range`, `define` and
`block` bodies are left out (their output is not known without running them); a variable
declaration (`$x := ...`, `$x = ...`) prints nothing (its value is not followed). A value that
cannot be read becomes `${.Values.x}` (a placeholder: counts built from it are only known
when the chart is rendered). Every line keeps its line number (control lines become blank),
so locations point into the template (formats/helm_values.py: where the values come from).
values.yaml is read, and each other values file of the
chart directory (`values-prod.yaml`, `values.staging.yaml`) as a layer over it (what
`helm install -f values-prod.yaml` does): formats/kubernetes keeps, per template, the
rendering with the most replicas. A `helm install/upgrade/template` command in the
repository's scripts, CI files or README that installs this chart adds its `-f` files and
`--set`/`--set-string` values as one more layer (a count set there points at the command).
"""
from __future__ import annotations

import json
import math

from ..model import Location
from ..safe import to_int
from ..patterns import lazy_re

MAX_TEMPLATE_BYTES = 256_000
MAX_ACTIONS = 5000  # per template
MAX_OUTPUT_BYTES = 1_000_000  # text the actions of one template may print
UNKNOWN = object()
_ACTION = lazy_re(r"\{\{-?\s*(.*?)\s*-?\}\}")
_PATH = lazy_re(r"^(\$)?((?:\.[A-Za-z_]\w*)*|\.)$")
_STRING = lazy_re(r'^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$')
_ASSIGNMENT = lazy_re(r"^\$[A-Za-z_]\w*\s*:?=(?!=)")  # a variable declared or assigned
_NUMBER = lazy_re(r"^-?[0-9]{1,9}(?:\.[0-9]{1,20})?$")  # ASCII: `\d` also takes '٣', which Go does not


class Chart:
    """A chart directory: its values and names."""

    def __init__(self, directory: str, values: dict, name: str, values_path: str, values_data, layers=()):
        self.directory = directory
        self.root = {"Values": values, "Chart": {"Name": name, "AppVersion": "latest", "Version": "0"},
                     "Release": {"Name": name or "release", "Namespace": "default", "Service": "Helm"},
                     "Capabilities": {}, "Files": {}}
        self.values_path = values_path
        self.values_data = values_data  # ruamel data: where each value is written
        # (path, ruamel data) of each values file, the one that wins first
        self.layers = tuple(layers) or ((values_path, values_data),)
        self.command_at = None  # where a `helm ... --set` command sets values (a command-line variant)


class Rendered:
    def __init__(self, text: str, sources: dict[int, tuple[str, Location]]):
        self.text = text
        self.sources = sources  # template line -> (`.Values.x.y`, where values.yaml sets it)


def render(chart: Chart, text: str) -> Rendered | None:
    """The template with what can be read filled in, line for line. A template past the
    limits (MAX_TEMPLATE_BYTES, MAX_ACTIONS, MAX_OUTPUT_BYTES) raises LimitExceeded, with
    the line where the budget ran out: the caller reports it (DPL006), never silently."""
    if len(text) > MAX_TEMPLATE_BYTES:
        raise _Limit(f"template is larger than {MAX_TEMPLATE_BYTES:,} characters ({len(text):,})", 1)
    out: list[str] = []
    sources: dict[int, tuple[str, Location]] = {}
    # (active, branch taken, the `.` inside, kind) per open block
    stack: list[list] = []
    dot = chart.root
    actions = 0
    budget = MAX_OUTPUT_BYTES
    skipping_comment = skipping_action = False
    for number, line in enumerate(text.split("\n"), 1):
        if skipping_comment or skipping_action:
            out.append("")
            if skipping_comment and ("*/}}" in line or "*/ -}}" in line):
                skipping_comment = False
            elif skipping_action and "}}" in line:
                skipping_action = False
            continue
        active = all(block[0] for block in stack)
        here = stack[-1][2] if stack else dot
        pieces: list[str] = []
        last = 0
        control = False
        for match in _ACTION.finditer(line):
            actions += 1
            if actions > MAX_ACTIONS:
                raise _Limit(f"more than {MAX_ACTIONS:,} template actions", number)
            pieces.append(line[last:match.start()])
            last = match.end()
            body = match.group(1)
            word = body.split(None, 1)[0] if body.split() else ""
            rest = body[len(word):].strip()
            if body.startswith("/*"):
                control = True
                continue
            if _ASSIGNMENT.match(body):  # `{{- $repo := default .Values.image.repository .Values.repo -}}`
                control = True  # prints nothing (its value is not followed: `$repo` reads as unknown)
                continue
            if word in ("if", "with", "range", "define", "block"):
                control = True
                if word == "if":
                    value = _truth(_eval(chart, here, rest))
                    taken = value is not False
                    stack.append([active and taken, taken, here, "if"])
                elif word == "with":
                    value = _eval(chart, here, rest)
                    truth = _truth(value)
                    inner = value if truth is True else here
                    stack.append([active and truth is not False, truth is not False, inner, "with"])
                else:
                    stack.append([False, True, here, word])  # not known without running it
            elif word == "else":
                control = True
                if stack:
                    block = stack[-1]
                    outer = all(b[0] for b in stack[:-1])
                    if block[1]:
                        block[0] = False
                    elif rest.startswith("if "):
                        value = _truth(_eval(chart, block[2], rest[3:]))
                        block[1] = value is not False
                        block[0] = outer and block[1]
                    else:
                        block[0] = outer and block[3] in ("if", "with")
                        block[1] = True
            elif word == "end":
                control = True
                if stack:
                    stack.pop()
            elif word in ("template", "include") and line[:match.start()].strip() == "" and line[match.end():].strip() == "":
                control = True  # a named template's output on its own line: unknown, left out
            elif active:
                value = _eval(chart, here, body)
                source = _values_source(chart, here, body)
                if source is not None:
                    sources[number] = source
                printed = _text(value, body, line[:match.start()])
                budget -= len(printed)
                if budget < 0:  # values printed again and again (`toYaml .Values` on every line): not rendered
                    raise _Limit(f"the template's actions print more than {MAX_OUTPUT_BYTES:,} characters", number)
                pieces.append(printed)
            if "{{/*" in line[match.start():match.start() + 4] and "*/" not in body:
                skipping_comment = True
        if "{{" in line[last:]:  # an action that goes on past this line: unknown, up to its `}}`
            out.append("")
            opened = line[last:].split("{{", 1)[1].lstrip("- ")
            if opened.startswith("/*"):
                skipping_comment = True
            else:
                skipping_action = True
                word = opened.split(None, 1)[0] if opened.split() else ""
                if word in ("if", "with"):
                    stack.append([active, True, here, word])  # unknown condition: its body is read
                elif word in ("range", "define", "block"):
                    stack.append([False, True, here, word])
            continue
        pieces.append(line[last:])
        rendered = "".join(pieces)
        if not active or (control and not rendered.strip()):
            out.append("")
        else:
            out.append(rendered)
    return Rendered("\n".join(out), sources)


def _Limit(message: str, line: int):
    from ..safe import LimitExceeded

    error = LimitExceeded(message)
    error.line = line  # where the budget ran out (safe.skipped points there)
    return error


def _text(value, body: str, before: str) -> str:
    """An action's output as YAML text (collections as JSON flow: valid YAML on one line)."""
    if value is UNKNOWN:
        path = _first_path(body)
        if path is None:
            return "" if before.strip() == "" else "${helm}"
        return "${" + path + "}"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        try:
            text = json.dumps(value, default=str)
        except (TypeError, ValueError, RecursionError):
            return "${helm}"
        return (" " if before.endswith(":") else "") + text
    return str(value)


def _first_path(body: str) -> str | None:
    for word in body.replace("(", " ").replace(")", " ").split():
        if word.startswith((".Values", "$.Values")):
            return word.lstrip("$")
    return None


def _truth(value):
    """Go template truth: empty/zero values are false; UNKNOWN stays unknown (None)."""
    if value is UNKNOWN:
        return None
    return bool(value)


def _eval(chart: Chart, dot, body: str, depth: int = 0):
    """A pipeline `term | fn args | ...`; anything not understood is UNKNOWN."""
    if depth > 8 or len(body) > 400:
        return UNKNOWN
    stages = _split(body, "|")
    if not stages:
        return UNKNOWN
    value = _call(chart, dot, _words(stages[0]), None, False, depth)
    for stage in stages[1:]:
        value = _call(chart, dot, _words(stage), value, True, depth)
    return value


def _split(text: str, sep: str | None) -> list[str]:
    """`text` cut at `sep` (None: any whitespace) outside quotes and parentheses."""
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            current.append(char)
            if char == quote:
                quote = ""
            continue
        if char in "\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and (char.isspace() if sep is None else char == sep):
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _words(text: str) -> list[str]:
    return _split(text, None)


def _term(chart: Chart, dot, word: str, depth: int):
    if word.startswith("(") and word.endswith(")"):
        return _eval(chart, dot, word[1:-1], depth + 1)
    match = _STRING.match(word)
    if match:
        return match.group(1) if match.group(1) is not None else match.group(2)
    if _NUMBER.match(word):
        return float(word) if "." in word else int(word)
    if word in ("true", "false"):
        return word == "true"
    if word == "nil":
        return None
    match = _PATH.match(word)
    if match:
        if chart.values_data is None and (match.group(2).startswith(".Values") or dot is not chart.root):
            return UNKNOWN  # no readable values.yaml: every value is unknown
        node = chart.root if match.group(1) else dot
        for key in [k for k in match.group(2).split(".") if k]:
            if not isinstance(node, dict) or key not in node:
                return None if isinstance(node, dict) and node is not chart.root else UNKNOWN
            node = node[key]
        return node
    return UNKNOWN


_STRING_FUNCS = {"quote": lambda v: str(v), "squote": lambda v: str(v), "toString": str, "trim": lambda v: str(v).strip(),
                 "lower": lambda v: str(v).lower(), "upper": lambda v: str(v).upper()}


def _call(chart: Chart, dot, words: list[str], piped, has_piped: bool, depth: int):
    if not words:
        return UNKNOWN
    name, args = words[0], [_term(chart, dot, w, depth) for w in words[1:]]
    if has_piped:
        args.append(piped)
    if not name[0].isalpha() or name in ("true", "false", "nil"):
        return _term(chart, dot, name, depth) if not args else UNKNOWN
    if name == "default" and len(args) == 2:
        given = args[1]
        return args[0] if given is None or given == "" or given is False or given == {} or given == [] else given
    if name in ("required",) and len(args) == 2:
        return args[1]
    if name in _STRING_FUNCS and len(args) == 1:
        return UNKNOWN if args[0] is UNKNOWN else "" if args[0] is None else _STRING_FUNCS[name](args[0])
    if name in ("int", "int64", "atoi") and len(args) == 1:
        if args[0] is UNKNOWN:
            return UNKNOWN
        number = to_int(args[0]) if not isinstance(args[0], float) else to_int(float(int(args[0]))) \
            if math.isfinite(args[0]) else None  # sprig's toInt truncates a float
        return UNKNOWN if number is None else number
    if name in ("toYaml", "toJson", "toRawJson") and len(args) == 1:
        return args[0]
    if name in ("indent", "nindent") and len(args) == 2:
        return args[1]
    if name == "not" and len(args) == 1:
        truth = _truth(args[0])
        return UNKNOWN if truth is None else not truth
    if name in ("and", "or") and args:
        truths = [_truth(a) for a in args]
        if name == "and":
            return False if False in truths else UNKNOWN if None in truths else True
        return True if True in truths else UNKNOWN if None in truths else False
    if name in ("eq", "ne") and len(args) == 2:
        if UNKNOWN in args:
            return UNKNOWN
        return (args[0] == args[1]) == (name == "eq")
    if name in ("include", "template") and args and isinstance(args[0], str) and args[0].endswith((".fullname", ".name")):
        return chart.root["Chart"]["Name"] or "release"
    return UNKNOWN


def _values_source(chart: Chart, dot, body: str) -> tuple[str, Location] | None:
    """Where values.yaml sets the one `.Values` path an action prints (for the report)."""
    from .. import yamlfile

    path = _first_path(body)
    if path is None or dot is not chart.root and not body.lstrip().startswith("$"):
        return None
    keys = path.split(".")[2:]
    if not keys:
        return None
    command_at = getattr(chart, "command_at", None)
    if command_at is not None and _in(chart.root["Values"], keys) and not _in_layers(chart, keys):
        return f"{path}` set with `--set", command_at  # set with `--set` on a helm command line
    for values_path, data in chart.layers:
        node = data
        for key in keys[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and keys[-1] in node:
            return path, yamlfile.where(values_path, node, keys[-1])
    return None


def _in(values, keys) -> bool:
    for key in keys:
        if not isinstance(values, dict) or key not in values:
            return False
        values = values[key]
    return True


def _in_layers(chart: Chart, keys) -> bool:
    """Whether a values file sets the key to the value the variant has (else --set did)."""
    final = chart.root["Values"]
    for key in keys:
        final = final.get(key) if isinstance(final, dict) else None
    for _, data in chart.layers:
        node = data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None:
            return node == final
    return False


def is_template_text(text: str) -> bool:
    return "{{" in text or "{%" in text


# (values handling lives in formats/helm_values.py; these names stay reachable here)
from .helm_values import _command_words, _merge, _set_values, chart_of, variants  # noqa: E402,F401
