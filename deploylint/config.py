"""Settings: rule selection, severities, excludes, user singletons, fail threshold.

Read from `.deploylint.toml` (top-level keys) or `[tool.deploylint]` in pyproject.toml,
found by walking up from the scanned path (in one directory `.deploylint.toml` wins);
`--config FILE` names the file, `--isolated` ignores every file. Command-line options
override file values. Paths in a config file (`extend-exclude`, `per-file-ignores`) are
relative to the directory that holds it, as in ruff.
"""
from __future__ import annotations

from .record import replace as record_replace
import os
import re
from .record import dataclass, field

from .model import Severity

KEYS = ("select", "ignore", "extend-exclude", "extend-include", "per-file-ignores", "severity", "fail-on", "singletons",
        "require-reason", "baseline", "platforms")
DOT_FILE = ".deploylint.toml"
PYPROJECT = "pyproject.toml"
DEFAULT = "default"


class ConfigError(Exception):
    """A config problem, worded for one line: it names the file and the key. The text
    quotes the config, so tokens are redacted and control characters escaped here."""

    def __init__(self, message: str):
        from .safe import printable
        from .secrets import redact

        super().__init__(redact(printable(message)))


@dataclass
class Settings:
    select: tuple[str, ...] = ()  # code prefixes; empty = all
    ignore: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    extend_include: tuple[str, ...] = ()  # directories skipped by default to scan anyway
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    singletons: tuple[str, ...] = ()
    require_reason: bool = False
    baseline: str | None = None  # a baseline file (absolute; relative to its config file)
    platforms: tuple[str, ...] = ()  # analyse only these platforms' targets; empty = all
    sources: dict[str, str] = field(default_factory=dict)  # key -> where its value came from
    config_file: str | None = None  # the file the values came from (absolute), if any
    prefix: str = ""  # the scanned root relative to the config's directory ("" = same)
    entry_lines: dict[str, int] = field(default_factory=dict)  # per-file-ignores pattern -> line

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(p) for p in self.select)
        ignored = any(code.startswith(p) for p in self.ignore)
        if selected and ignored:  # the longer (more specific) prefix wins, as in ruff
            best_select = max((len(p) for p in self.select if code.startswith(p)), default=0)
            best_ignore = max(len(p) for p in self.ignore if code.startswith(p))
            return best_select > best_ignore
        return selected

    def source(self, key: str) -> str:
        return self.sources.get(key, DEFAULT)

    def for_root(self, root: str | os.PathLike) -> "Settings":
        """These settings as seen from a scanned root below the config's directory:
        config-relative exclude patterns are rebased onto the root."""
        if self.config_file is None:
            return self
        try:
            prefix = os.path.relpath(os.path.realpath(root), os.path.dirname(self.config_file)).replace(os.sep, "/")
        except ValueError:  # another drive
            prefix = ".."
        prefix = "" if prefix == "." else prefix
        excludes = tuple(p for p in (_rebase(pattern, prefix) for pattern in self.extend_exclude) if p)
        includes = tuple(p for p in (_rebase(pattern, prefix) for pattern in self.extend_include) if p)
        return record_replace(self, prefix=prefix, extend_exclude=excludes, extend_include=includes)

    def config_relative(self, path: str) -> str:
        """A root-relative path as the config file's patterns see it."""
        return f"{self.prefix}/{path}" if self.prefix and not self.prefix.startswith("..") else path


# -- finding and reading the file -------------------------------------------------------
def resolve(start: str | os.PathLike, config_file: str | os.PathLike | None = None, isolated: bool = False) -> Settings:
    """The settings for a scan of `start` before command-line overrides."""
    settings = Settings()
    if isolated:
        return settings
    path = config_file if config_file is not None else find(start)
    if path is None:
        return settings
    table, lines = read(path, inside=None if config_file is not None else os.path.dirname(path))
    apply(settings, table, path, lines)
    return settings


def find(start: str | os.PathLike) -> str | None:
    """The nearest `.deploylint.toml`, or pyproject.toml with a [tool.deploylint] table,
    in `start` or a directory above it."""
    candidate = os.path.realpath(start)
    if not os.path.isdir(candidate):
        candidate = os.path.dirname(candidate)
    while True:
        dot = os.path.join(candidate, DOT_FILE)
        if os.path.isfile(dot):
            return dot
        pyproject = os.path.join(candidate, PYPROJECT)
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return pyproject
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        candidate = parent


def _has_table(pyproject: str) -> bool:
    """Whether pyproject.toml has deploylint settings, in any TOML spelling:
    `[tool.deploylint]`, `[tool]` + `deploylint = {...}`, dotted `tool.deploylint.x = ...`,
    quoted keys. Parsed with tomllib (a quick text test first spares the parse for the
    many pyproject files that never mention deploylint); a broken file is left to `read`
    to report when it is the one used."""
    from .safe import MAX_CONFIG_BYTES, read_bytes

    try:
        text = read_bytes(pyproject, MAX_CONFIG_BYTES, inside=os.path.dirname(pyproject)).decode("utf-8", errors="replace")
    except OSError:
        return False
    if "deploylint" not in text:
        return False
    try:
        data = _parse_toml(text, os.path.basename(pyproject))
    except ConfigError:
        return True  # mentions deploylint but does not parse: report it, do not pass it over
    tool = data.get("tool")
    return isinstance(tool, dict) and "deploylint" in tool


def read(path: str | os.PathLike, inside: str | None = None) -> tuple[dict, list[str]]:
    """The deploylint table of `path` and the file's lines (to locate entries). With
    `inside`, a config that links out of that directory is refused (found configs must
    stay in the directory they were found in; a file named with --config may be anywhere)."""
    from .safe import MAX_CONFIG_BYTES, read_bytes

    name = _shown(path)
    try:
        text = read_bytes(path, MAX_CONFIG_BYTES, inside=inside).decode("utf-8")
        text = text[1:] if text[:1] == "\ufeff" else text  # a BOM, as the utf-8-sig codec drops it
    except OSError as error:
        raise ConfigError(f"{name}: cannot read config file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: config file is not UTF-8") from None
    data = _parse_toml(text, name)
    tool = data.get("tool")
    # pyproject.toml (or any file passed with --config that has the table) keeps the
    # settings under [tool.deploylint]; .deploylint.toml has them at the top level
    if os.path.basename(path) == PYPROJECT or (isinstance(tool, dict) and "deploylint" in tool and not set(data) & set(KEYS)):
        table = tool.get("deploylint", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{name}: [tool.deploylint] must be a table")
        return table, text.splitlines()
    return data, text.splitlines()


def _parse_toml(text: str, name: str) -> dict:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{name}: invalid TOML: nested too deeply") from None


# -- validating and applying values ---------------------------------------------------
def apply(settings: Settings, table: dict, path: str | os.PathLike, lines: list[str] | None = None) -> None:
    where = _where(path)
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key `{key}`{_did_you_mean(key)}")
    for key, value in table.items():
        _APPLY[key](settings, value, f"{where}: `{key}`")
        settings.sources[key] = _shown(path)
    settings.config_file = os.path.realpath(path)
    if settings.baseline is not None and "baseline" in table:
        settings.baseline = os.path.join(os.path.dirname(settings.config_file), settings.baseline)
    if "per-file-ignores" in table and lines is not None:
        settings.entry_lines = {p: _line_of(lines, p) for p in settings.per_file_ignores}


def _where(path: str | os.PathLike) -> str:
    section = "[tool.deploylint]" if os.path.basename(path) == PYPROJECT else ""
    return f"{_shown(path)} {section}".strip()


def _did_you_mean(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("_", "-").lower(), KEYS, n=1, cutoff=0.6)
    known = ", ".join(KEYS)
    return f" (did you mean `{close[0]}`?)" if close else f" (known keys: {known})"


def known_codes() -> tuple[str, ...]:
    from .checks import RULES

    return tuple(sorted(RULES))


def parse_codes(values, what: str, exact: bool = False) -> tuple[str, ...]:
    """Rule codes or code prefixes (DPL1, DPL101); `what` names the key in errors."""
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{what} must be a list of rule codes, e.g. [\"DPL101\"]")
    codes = known_codes()
    parsed = []
    for value in values:
        code = value.strip().upper()
        if not code:
            continue
        matches = code in codes if exact else any(c.startswith(code) for c in codes)
        if not re.fullmatch(r"DPL\d{0,3}", code) or not matches:
            import difflib

            hint = difflib.get_close_matches(code, codes, n=1)
            raise ConfigError(f"{what}: `{value}` is not a deploylint rule code"
                              + (f" (did you mean `{hint[0]}`?)" if hint else " (see `deploylint rule --all`)"))
        parsed.append(code)
    return tuple(parsed)


def parse_severity(value, what: str) -> Severity:
    if isinstance(value, str) and value.strip().lower() in ("error", "warning", "info"):
        return Severity.parse(value)
    raise ConfigError(f"{what}: `{value}` is not a severity (use \"error\", \"warning\" or \"info\")")


def _strings(value, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _globs(value, what: str) -> tuple[str, ...]:
    """extend-exclude: gitignore-style patterns, each checked to compile."""
    from .discover import valid_pattern

    patterns = _strings(value, what)
    for pattern in patterns:
        if not valid_pattern(pattern):
            raise ConfigError(f"{what}: `{pattern}` is not a valid gitignore-style pattern")
    return patterns


def _fnmatch_glob(pattern: str, what: str) -> str:
    """A per-file-ignores pattern that fnmatch can compile (`[z-a]` cannot)."""
    import fnmatch

    try:
        re.compile(fnmatch.translate(pattern))
    except (re.error, RecursionError, ValueError):
        raise ConfigError(f"{what}: `{pattern}` is not a valid glob") from None
    return pattern


def _table(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a table, e.g. {{\"path/glob\" = [\"DPL102\"]}}" if "ignores" in what
                          else f"{what} must be a table, e.g. {{DPL303 = \"warning\"}}")
    return value


def _set_severity(settings: Settings, value, what: str) -> None:
    levels: dict[str, Severity] = {}
    # shorter prefixes first, so `DPL3 = "info"` then `DPL303 = "error"` ends specific
    for prefix, level in sorted(_table(value, what).items(), key=lambda item: len(item[0])):
        severity = parse_severity(level, f"{what}.{prefix}")
        for code in parse_codes([prefix], what):
            for known in known_codes():
                if known.startswith(code):
                    levels[known] = severity
    settings.severity = levels


def _set_per_file_ignores(settings: Settings, value, what: str) -> None:
    settings.per_file_ignores = {
        _fnmatch_glob(str(pattern), what): parse_codes(codes, f"{what} entry \"{pattern}\"")
        for pattern, codes in _table(value, what).items()
    }


def _path(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise ConfigError(f"{what} must be a file path (a non-empty string)")
    return value


def _set_bool(settings: Settings, value, what: str) -> None:
    if not isinstance(value, bool):
        raise ConfigError(f"{what} must be true or false")
    settings.require_reason = value


def parse_platforms(values, what: str) -> tuple[str, ...]:
    """Platform names (`railway`, `heroku`, ...), canonical and without repeats."""
    from .platforms import KNOWN, canonical

    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{what} must be a list of platform names, e.g. [\"railway\"]")
    found: list[str] = []
    for value in values:
        name = canonical(value)
        if name is None:
            import difflib

            close = difflib.get_close_matches(value.strip().lower(), KNOWN, n=1, cutoff=0.6)
            raise ConfigError(f"{what}: `{value}` is not a platform deploylint knows"
                              + (f" (did you mean `{close[0]}`?)" if close else f" (known: {', '.join(KNOWN)})"))
        if name not in found:
            found.append(name)
    return tuple(found)


_APPLY = {
    "select": lambda s, v, w: setattr(s, "select", parse_codes(v, w)),
    "ignore": lambda s, v, w: setattr(s, "ignore", parse_codes(v, w)),
    "extend-exclude": lambda s, v, w: setattr(s, "extend_exclude", _globs(v, w)),
    "extend-include": lambda s, v, w: setattr(s, "extend_include", _globs(v, w)),
    "per-file-ignores": _set_per_file_ignores,
    "severity": _set_severity,
    "fail-on": lambda s, v, w: setattr(s, "fail_on", parse_severity(v, w)),
    "singletons": lambda s, v, w: setattr(s, "singletons", _strings(v, w)),
    "require-reason": _set_bool,
    "baseline": lambda s, v, w: setattr(s, "baseline", _path(v, w)),
    "platforms": lambda s, v, w: setattr(s, "platforms", parse_platforms(v, w)),
}


# -- helpers ------------------------------------------------------------------------
def _shown(path: str | os.PathLike) -> str:
    """The path as the user would type it from the current directory."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith(".." + os.sep + "..") else str(path)


def _line_of(lines: list[str], pattern: str) -> int:
    """The line of a per-file-ignores entry (tomllib keeps no positions)."""
    quoted = (f'"{pattern}"', f"'{pattern}'", f"{pattern} =", f"{pattern}=")
    start = next((i for i, line in enumerate(lines) if "per-file-ignores" in line), 0)
    for number in range(start, len(lines)):
        if any(q in lines[number] for q in quoted):
            return number + 1
    return start + 1


def _rebase(pattern: str, prefix: str) -> str | None:
    """A gitignore-style pattern relative to the config's directory, made relative to
    the scanned root `prefix` below it; None when it cannot match under that root."""
    if not prefix:
        return pattern
    negated, body = (pattern[:1], pattern[1:]) if pattern.startswith("!") else ("", pattern)
    anchored = body.startswith("/") or "/" in body.rstrip("/")
    if not anchored or body.startswith("**/"):
        return pattern
    body = body.lstrip("/")
    if prefix.startswith(".."):
        return None
    if body.startswith(prefix + "/"):
        return negated + "/" + body[len(prefix) + 1:]
    return None


# -- showing ------------------------------------------------------------------------
def show(settings: Settings) -> str:
    """The effective settings as TOML, each key with where its value came from."""
    def toml(value) -> str:
        import json

        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, Severity):
            return json.dumps(value.label)
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {toml(v)}" for k, v in value.items()) + "}"
        return json.dumps(value)

    values = {
        "select": list(settings.select), "ignore": list(settings.ignore),
        "extend-exclude": list(settings.extend_exclude),
        "extend-include": list(settings.extend_include),
        "per-file-ignores": {k: list(v) for k, v in settings.per_file_ignores.items()},
        "severity": settings.severity, "fail-on": settings.fail_on, "singletons": list(settings.singletons),
        "require-reason": settings.require_reason,
        "baseline": _shown(settings.baseline) if settings.baseline else "",
        "platforms": list(settings.platforms),
    }
    where = _shown(settings.config_file) if settings.config_file else "none (defaults)"
    lines = [f"# config file: {where}", "[tool.deploylint]"]
    for key in KEYS:
        lines.append(f"{key} = {toml(values[key])}  # {settings.source(key)}")
    from .safe import printable
    from .secrets import redact

    return "\n".join(redact(printable(line)) for line in lines) + "\n"
