"""Helpers shared by the platform formats (Render, Fly, Heroku/Dokku, supervisord,
systemd, Kubernetes, DigitalOcean): guarded numbers, TOML loading, and the command a
container built from a Dockerfile in the repository runs when a platform overrides its
ENTRYPOINT or CMD (Docker's table, the same one compose uses)."""
from __future__ import annotations

import os
import posixpath
import re

from ..model import Command, Copies, Launch, Location
from ..repo import Repo, join
from ..patterns import NameTest, lazy_re

MAX_COPIES = 10_000  # more than this is a typo or hostile input, not a deployment


# a count filled in when the config is used: `${N}`/`$N` (envsubst before `kubectl apply`),
# `%(ENV_N)s` (supervisord expands environment variables in every value), `{{ .Values.n }}`
_PLACEHOLDER = lazy_re(r"\$\{[^}]{0,200}\}|\$[A-Za-z_]\w*|%\(ENV_\w+\)s|\{\{.{0,200}?\}\}")


def count(repo: Repo, value, where: Location, what: str, default: int | None = 1, minimum: int = 0,
          variables: str = "") -> int | None:
    """An instance count written in a config: an int in [minimum, MAX_COPIES], else
    DPL002 and `default`. Numeric strings are accepted ("2"). With `variables` (when the
    platform fills them in, e.g. "when supervisord starts"), a placeholder is no error: it is
    only known then (DPL004, info) and `default` copies are assumed, as DESIGN says for
    numbers that come from the environment."""
    if value is None:
        return default
    if variables and isinstance(value, str) and _PLACEHOLDER.search(value):
        assumed = f"assumed {default} cop{'y' if default == 1 else 'ies'}" if default is not None else "not counted"
        repo.problem("DPL004", where, f"{what} is `{_short(value)}`, only known {variables}; {assumed}",
                     f"write {what} as a number where the copies of a must-run-once program are set, "
                     f"or make sure the value is 1 for it")
        return default
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e9:
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):  # not `\d`: '٣' is no count
        number = int(value)
    if number is None:
        repo.problem("DPL002", where, f"{what} must be a whole number, not `{_short(value)}`",
                     f"write {what} as a number, e.g. 1")
        return default
    if number < minimum or number > MAX_COPIES:
        repo.problem("DPL002", where, f"{what} = {_short(number)} is out of range ({minimum}..{MAX_COPIES})",
                     f"set {what} to the number of copies you mean to run")
        return default
    return number


def _short(value, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_or_none(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def load_toml(repo: Repo, path: str):
    """(data, locate) for a TOML file, or (None, None) after DPL001 (syntax, encoding,
    nesting too deep for the parser). `locate(keys)` finds a key's line."""
    return repo.memo(("toml", path), lambda: _load_toml(repo, path))


def _load_toml(repo: Repo, path: str):
    text = repo.read_text(path)
    data = parse_toml(repo, path, text) if text is not None else None
    if data is None:
        return None, None
    lines = text.splitlines()
    return data, lambda keys: toml_where(path, lines, keys)


def parse_toml(repo: Repo, path: str, text: str):
    """The parsed TOML document, or None after a DPL001 at the parser's position (syntax)
    or on line 1 (nesting too deep). Shared by every TOML format (Railway, Fly)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    from ..safe import MAX_DEPTH, TooDeep, bracket_depth, deep_line, skipped, value_depth

    if bracket_depth(text) > MAX_DEPTH:  # nested arrays / inline tables: before tomllib recurses
        skipped(repo, path, path, TooDeep(MAX_DEPTH, deep_line(text)))
        return None
    try:
        data = tomllib.loads(text)
        if value_depth(data) > MAX_DEPTH:  # `[a.a.a...]` headers nest tables without brackets
            skipped(repo, path, path, TooDeep(MAX_DEPTH))
            return None
        return data
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = Location(path, int(match.group(1)), int(match.group(2))) if match else Location(path, 1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        repo.problem("DPL001", where, f"invalid TOML: {message}", "fix the TOML syntax")
    except (RecursionError, ValueError, MemoryError):  # a last resort: the checks above come first
        repo.problem("DPL001", Location(path, 1, 1), "TOML nested too deeply to read", "flatten the arrays/tables")
    return None


def read_toml(repo: Repo, path: str):
    """A TOML file of the repository parsed once per scan (parse_toml), whoever asks:
    several readers of one file (pyproject.toml) report its syntax error once."""
    def load():
        text = repo.read_text(path)
        return parse_toml(repo, path, text) if text is not None else None

    return repo.memo(("toml", path), load)


def yaml_mapping(repo: Repo, path: str, shape: str, docs: str, unwrap: str | None = None) -> dict | None:
    """A platform's YAML file as a mapping (`unwrap`: a key whose mapping holds the spec,
    as DigitalOcean's `spec:`), or None after DPL001 (yamlfile) or DPL002 (`shape`)."""
    from .. import yamlfile

    data = yamlfile.load(repo, path)
    if data is None:
        return None
    if unwrap and isinstance(data, dict) and isinstance(data.get(unwrap), dict):
        data = data[unwrap]
    if not isinstance(data, dict):
        repo.problem("DPL002", Location(path, 1, 1), shape, f"see {docs}")
        return None
    return data


def toml_where(path: str, lines: list[str], keys: tuple) -> Location:
    """The line of `keys` under its `[table]` (TOML parsers give no positions)."""
    keys = tuple(str(k) for k in keys)
    while keys:
        current: tuple = ()
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            header = re.fullmatch(r"\[+\s*([^\]]+?)\s*\]+", stripped)
            if header:
                current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
                if current == keys:
                    return Location(path, number, 1)
                continue
            match = re.match(r"([A-Za-z0-9_.\"'-]+)\s*=", stripped)
            if match:
                full = current + tuple(p.strip("\"'") for p in match.group(1).split("."))
                if full[: len(keys)] == keys:
                    return Location(path, number, line.index(stripped[0]) + 1)
        keys = keys[:-1]
    return Location(path, 1, 1)


def image_launch(repo: Repo, dockerfile: str, context: str, *, name: str, label: str, location: Location,
                 entrypoint: Command | None = None, cmd: Command | None = None, copies: Copies | None = None,
                 role: str = "", workdir: str | None = None) -> Launch:
    """The launch of a container built from `dockerfile` (context `context`) whose
    ENTRYPOINT and/or CMD a platform may override. Without a usable Dockerfile, the
    overrides alone (or an unknown command)."""
    from . import dockerfile as docker

    launch = Launch(name, label, location, None, copies or Copies(), role=role)
    dc = docker.final_command(repo, dockerfile) if repo.exists(dockerfile) else None
    if dc is None:
        parts = [c for c in (entrypoint, cmd) if c is not None]
        if len(parts) == 1:
            launch.command = parts[0]
        elif parts:
            launch.command = Command(parts[0].location, argv=(*_argv(parts[0]), *_argv(parts[1])))
        launch.cwd = context
        return launch
    repo.consumed.add(dockerfile)
    entry_form = docker.Form(entrypoint, docker.DEFAULT_SHELL, entrypoint.location) if entrypoint else dc.entrypoint_form
    cmd_form = docker.Form(cmd, docker.DEFAULT_SHELL, cmd.location) if cmd else None if entrypoint else dc.cmd_form
    combined, _ = docker.combine(entry_form, cmd_form)
    if entry_form is None and combined is not None:  # the base image's own ENTRYPOINT (node images)
        combined = docker.image_entrypoint(dc.image, combined)
    launch.command, launch.cwd = docker.localise(repo, dc, context, combined, workdir)
    launch.image = docker.ImagePaths(dc, context)
    launch.built = dc.built
    launch.env = dict(dc.env)
    if combined is None:
        docker.no_command(repo, dc)
    return launch


def _argv(command: Command) -> tuple[str, ...]:
    if command.argv is not None:
        return command.argv
    return ("/bin/sh", "-c", command.shell or "")


def shell_command(where: Location, value) -> Command | None:
    """A command written as a string (shell text) or a list (exec form)."""
    if isinstance(value, str) and value.strip():
        return Command(where, shell=value.strip())
    if isinstance(value, list) and value and all(isinstance(v, (str, int, float)) for v in value):
        return Command(where, argv=tuple(str(v) for v in value))
    return None


# matched against a path's last part (a name holds no `/`)
_TEXT_FILES = NameTest(lazy_re(r"(README[^/]*|[^/]*\.(sh|bash|md|rst|txt|ya?ml|toml|json)|Makefile|justfile|Taskfile[^/]*)$", re.I),
                       exact=("makefile", "justfile"), prefixes=("readme", "taskfile"),
                       suffixes=(".sh", ".bash", ".md", ".rst", ".txt", ".yml", ".yaml", ".toml", ".json"))


def mentions(repo: Repo, pattern: re.Pattern, limit: int = 400) -> list[tuple[Location, re.Match]]:
    """Where `pattern` appears in the repository's scripts, CI files and READMEs (the
    places a deploy command like `fly scale count 1` is written), read quietly."""
    return repo.memo(("mentions", pattern), lambda: _mentions(repo, pattern, limit))  # a module-level pattern


MENTION_BYTES = 256_000  # scripts, CI files and READMEs larger than this are not searched


def _texts(repo: Repo, limit: int) -> list[tuple[str, str]]:
    """The scripts/CI/README texts searched for deploy commands, read once per scan."""
    def read():
        found = []
        for path in repo.files:
            if not _TEXT_FILES(path.rpartition("/")[2]):
                continue
            try:
                if os.stat(os.path.join(repo.root, path)).st_size > MENTION_BYTES:
                    continue
            except OSError:
                continue
            text = repo.peek(path)
            if text:
                found.append((path, text))
            if len(found) >= limit:
                break
        return found

    return repo.memo(("mention-texts", limit), read)


def _mentions(repo: Repo, pattern: re.Pattern, limit: int) -> list[tuple[Location, re.Match]]:
    found = []
    for path, text in _texts(repo, limit):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            found.append((Location(path, line, column), match))
            if len(found) > 200:
                return found
    return found


class HostPaths:
    """Host paths of a checkout (`/home/me/bot/`): a unit whose ExecStart names
    /home/me/bot/start.sh that the repository holds as start.sh says the checkout lives at
    /home/me/bot, so /home/me/bot/main.py inside that script is main.py. The same
    interface as dockerfile_image.ImagePaths (`to_repo`), for the runners' `ctx.in_image`."""

    def __init__(self, prefixes: tuple[str, ...], cwd: str):
        self.prefixes, self.cwd = prefixes, cwd

    def __repr__(self) -> str:  # stable across runs (plans are compared by repr)
        return f"HostPaths({self.prefixes!r}, {self.cwd!r})"

    def to_repo(self, repo: Repo, path: str) -> str | None:
        return checkout_file(repo, self.cwd, path, self.prefixes)


def checkout_file(repo: Repo, cwd: str, path: str, prefixes: tuple[str, ...] = ()) -> str | None:
    """THE mapping of an absolute host path into the checkout (`/home/me/bot/main.py` ->
    `main.py`): under a prefix the checkout is known to live at (`HostPaths`, learned from
    a unit's ExecStart), a file or directory; else by the shortest tail the checkout holds
    as a file (`_tail`, as local_paths rewrites commands). None when nothing matches."""
    if not path.startswith("/") or len(path) > 1024:
        return None
    for prefix in prefixes:
        if path.startswith(prefix):
            found = join(cwd, posixpath.normpath(path[len(prefix):]))
            if not found.startswith("..") and (repo.exists(found) or repo.is_dir(found)):
                return found
    tail = _tail(repo, cwd, path, directories=True)
    return join(cwd, tail) if tail and repo.exists(join(cwd, tail)) else None


def _tail(repo: Repo, cwd: str, word: str, directories: bool = False) -> str | None:
    """The shortest tail of an absolute path (`/home/me/bot/pkg/a.py` -> `pkg/a.py`, never
    the whole path) that the checkout under `cwd` holds: a file, or with `directories` a
    directory as well."""
    parts = word.strip("/").split("/")
    for start in range(1, len(parts)):
        tail = "/".join(parts[start:])
        if tail and (repo.exists(join(cwd, tail)) or (directories and repo.is_dir(join(cwd, tail)))):
            return tail
    return None


def host_paths(repo: Repo, cwd: str, text: str, directories: tuple[str, ...] = ()) -> HostPaths | None:
    """Where the checkout lives on the host, learned from the absolute paths of a command
    that local_paths maps into the repository; else from absolute working directories
    (`WorkingDirectory=/home/me/bot`), taken for its root (often, not always, the case)."""
    prefixes: list[str] = []
    for word in text.split()[:50]:
        tail = _tail(repo, cwd, word) if word.startswith("/") else None
        if tail:
            prefixes.append(word[: len(word.rstrip("/")) - len(tail)])
    if not prefixes:  # no path of the command says where the checkout is: its working directory may
        prefixes = [d.rstrip("/") + "/" for d in directories if d.startswith("/") and d.strip("/")]
    prefixes = [p for p in dict.fromkeys(prefixes) if p.count("/") > 2 or p.startswith(("/home/", "/root/", "/opt/", "/srv/"))]
    return HostPaths(tuple(prefixes), cwd) if prefixes else None


def local_paths(repo: Repo, cwd: str, text: str) -> str:
    """Host or container paths in a command (`/app/bot.py`, `/home/me/bot/main.py`) as
    repository paths relative to `cwd`, when a file with that tail exists there."""
    words = text.split(" ")
    for index, word in enumerate(words):
        tail = _tail(repo, cwd, word, directories=True) if word.startswith("/") else None
        if tail:
            words[index] = tail
    return " ".join(words)


HOST_PLATFORMS = ("systemd", "supervisord")


def checkout_path(repo: Repo, cwd: str, platform: str, path: str) -> str | None:
    """The repository file an absolute host path names in a command of a unit or program
    that runs on the host (`/home/me/bot/main.py` in a script a systemd unit runs):
    checkout_file without a known prefix; None on other platforms."""
    return checkout_file(repo, cwd, path) if platform in HOST_PLATFORMS else None


def typos(repo: Repo, mapping, modelled: tuple[str, ...], known: frozenset, where, what: str, docs: str) -> None:
    """DPL002 for a key that is not a documented key but is one letter or so away from a
    key deploylint models (`numInstance` for `numInstances`): the platform ignores it,
    so the setting the author meant is silently not applied."""
    if not isinstance(mapping, dict):
        return
    unknown = [k for k in mapping if isinstance(k, str) and k not in known and k not in modelled]
    if not unknown:
        return
    import difflib

    for key in unknown[:50]:
        close = difflib.get_close_matches(key, modelled, n=1, cutoff=0.8)
        if close:
            repo.problem("DPL002", where(key), f"{what}: unknown key `{key}` (the platform ignores it)",
                         f"did you mean `{close[0]}`? ({docs})")


def evidence_texts(repo: Repo, wanted, quick, limit: int):
    """(path, text) of the repository's scripts and CI files that `wanted(path, basename)`
    accepts and whose text `quick` finds (`repo.peek`): what scripts say about how a
    platform is driven (`docker build -f`, `docker compose -f`). At most `limit` files are
    looked at, in repository order."""
    checked = 0
    for path in list(repo.files):
        if not wanted(path, posixpath.basename(path)):
            continue
        checked += 1
        if checked > limit:
            break
        text = repo.peek(path, quick=quick)
        if text:
            yield path, text
