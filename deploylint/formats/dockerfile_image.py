"""The image a Dockerfile stage builds: its ENTRYPOINT/CMD, WORKDIR, ENV and COPY rules, and
where container paths come from in the repository.

Docker semantics ("Understand how CMD and ENTRYPOINT interact",
https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact):
- only the final stage counts (or the stage a build `target` names); `FROM <earlier
  stage>` inherits that stage's ENTRYPOINT, CMD, WORKDIR, ENV and files;
- the last ENTRYPOINT / CMD of a stage wins; setting ENTRYPOINT resets a CMD inherited
  from the base image (a CMD written in the same stage is kept);
- exec form is a JSON array; anything else, invalid JSON included, is shell form and
  runs as SHELL + [text] (default `/bin/sh -c`);
- exec ENTRYPOINT + exec CMD: the argvs are concatenated; exec ENTRYPOINT + shell CMD:
  ENTRYPOINT + ["/bin/sh", "-c", cmd]; shell-form ENTRYPOINT: `/bin/sh -c entrypoint`
  and CMD is ignored; no ENTRYPOINT: CMD alone.
Commands name container paths (`/app/start.sh`); COPY/ADD rules map them back to repo
files so the runners can follow them (`COPY . .` under `WORKDIR /app`: /app is the
build context): see dockerfile_paths.
"""
from __future__ import annotations

import posixpath
import shlex
from ..record import dataclass, field, replace

from ..jsonvalue import json_value
from ..model import Command, Location
from .docker_build import built_by, turbo_prune_outputs
from .dockerfile_clones import clones_in_run
# container paths -> repository paths, kept importable from here
from .dockerfile_paths import PATH_DIRS, ImagePaths, container_path_to_repo, localise  # noqa: F401
from .dockerfile_stages import Instruction, Stage, _expand, find_stage, _pairs, stages
from ..repo import Repo
from ..patterns import lazy_re
from ..safe import MAX_DEPTH, TooDeep, bracket_depth

MAX_COPY_RULES = 1000  # COPY/ADD rules an image state keeps
DEFAULT_SHELL = ("/bin/sh", "-c")
POSIX_SHELLS = {"sh", "bash", "dash", "ash", "zsh", "ksh"}


@dataclass(frozen=True)
class Form:
    """An ENTRYPOINT or CMD as written: exec form (argv) or shell form (shell text)."""

    command: Command
    shell: tuple[str, ...]  # the SHELL in effect, for shell form
    instruction: Location

    @property
    def empty(self) -> bool:
        return self.command.argv == ()

    def run(self) -> Command:
        """What the container executes for this form on its own."""
        if self.command.shell is None:
            return self.command
        if posixpath.basename(self.shell[0]) in POSIX_SHELLS and self.shell[-1] == "-c":
            return self.command  # the shell parser follows it as `sh -c` would
        return Command(self.command.location, argv=(*self.shell, self.command.shell))


@dataclass(frozen=True)
class CopyRule:
    """COPY/ADD: `source` (build-context relative) ends up at container path `dest`."""

    source: str
    dest: str
    into_dir: bool  # dest names a directory (trailing /, several sources, `.`)


@dataclass
class DockerCommand:
    path: str
    command: Command | None  # what the container runs (ENTRYPOINT and CMD combined)
    entrypoint_form: Form | None
    cmd_form: Form | None
    cmd_dropped: bool  # a CMD is written but never runs (shell-form ENTRYPOINT, reset)
    stage: str
    workdir: str
    env: dict[str, str]
    exposes: list[str]
    copies: tuple[CopyRule, ...] = ()
    note: str = ""  # why a CMD is dropped
    stage_location: Location | None = None
    built: tuple[str, ...] = ()  # fnmatch patterns of files the build's RUN steps create
    final: bool = True  # the last stage: what a plain `docker build` produces
    image: str = ""  # the external image the stage chain starts FROM (its own ENTRYPOINT may apply)
    clones: tuple = ()  # (container directory, RUN step) of each build-time `git clone` (dockerfile_clones)

    @property
    def entrypoint(self) -> Command | None:
        return self.entrypoint_form.command if self.entrypoint_form else None

    @property
    def cmd(self) -> Command | None:
        return self.cmd_form.command if self.cmd_form else None

    @property
    def entrypoint_location(self) -> Location | None:
        return self.entrypoint_form.instruction if self.entrypoint_form else None

    @property
    def cmd_location(self) -> Location | None:
        return self.cmd_form.instruction if self.cmd_form else None


# -- the final command ----------------------------------------------------------------
@dataclass
class _State:
    entrypoint: Form | None = None
    cmd: Form | None = None
    shell: tuple[str, ...] = DEFAULT_SHELL
    workdir: str = "/"
    env: dict[str, str] = field(default_factory=dict)
    exposes: list[str] = field(default_factory=list)
    copies: list[CopyRule] = field(default_factory=list)
    note: str = ""
    image: str = ""  # the external image the stage chain starts FROM (`node:20-alpine`)
    clones: list = field(default_factory=list)


def final_command(repo: Repo, path: str, target: str | None = None) -> DockerCommand | None:
    """What a container built from `path` (up to stage `target`) runs; None when the file
    cannot be parsed or has no such stage."""
    return repo.memo(("dockerfile-command", path, (target or "").lower()), lambda: _final(repo, path, target))


def _final(repo: Repo, path: str, target: str | None) -> DockerCommand | None:
    found = stages(repo, path)
    if not found:
        return None
    stage = find_stage(found, target) if target else found[-1]
    if stage is None:
        return None
    state = _state(found, stage.index, {})
    command, dropped = combine(state.entrypoint, state.cmd)
    if state.entrypoint is None and command is not None:
        command = image_entrypoint(state.image, command)
    note = state.note or (f"shell-form ENTRYPOINT ignores CMD `{state.cmd.command.text}`" if dropped else "")
    return DockerCommand(path, command, state.entrypoint, state.cmd, dropped or bool(state.note),
                         stage.name, state.workdir, dict(state.env), list(state.exposes), tuple(state.copies),
                         note, stage.location, built_by(found[: stage.index + 1]), stage is found[-1], state.image,
                         tuple(state.clones))


def _state(found: list[Stage], index: int, cache: dict[int, _State], depth: int = 0) -> _State:
    """The image state after stage `index`: its base stage's state (`FROM base`) and the
    stages it copies from (`COPY --from`) first. A chain of stages deeper than MAX_DEPTH
    is refused (safe.TooDeep -> DPL006 on the stage), not left to Python's recursion limit."""
    if index in cache:
        return cache[index]
    stage = found[index]
    if depth > MAX_DEPTH:
        raise TooDeep(MAX_DEPTH, stage.location.line, what="stages built on or copied from earlier stages")
    parent = find_stage(found[:index], stage.base)
    state = _State(image=_expand(stage.base, stage.global_args or {})) if parent is None \
        else _inherit(_state(found, parent.index, cache, depth + 1))
    cmd_written = False
    args: dict[str, str] = {}
    earlier = found[:index]
    for item in stage.instructions:
        cmd_written = _apply(state, item, earlier, cache, args, cmd_written, depth, stage.global_args)
    cache[index] = state
    return state


def _inherit(parent: _State) -> _State:
    return replace(parent, env=dict(parent.env), exposes=list(parent.exposes), copies=list(parent.copies), note="",
                   clones=list(parent.clones))


def _apply(state: _State, item: Instruction, earlier: list[Stage], cache, args: dict, cmd_written: bool,
           depth: int = 0, global_args: dict | None = None) -> bool:
    keyword, value = item.keyword, item.value
    known = {**args, **state.env}
    if keyword == "ENTRYPOINT":
        state.entrypoint = _form(item, state.shell)
        if state.cmd is not None and not cmd_written:
            state.note = f"ENTRYPOINT resets the CMD `{state.cmd.command.text}` inherited from the base stage"
            state.cmd = None
    elif keyword == "CMD":
        state.cmd, cmd_written = _form(item, state.shell), True
        state.note = ""
    elif keyword == "SHELL":
        argv = _json_argv(value)
        if argv:
            state.shell = argv
    elif keyword == "WORKDIR":
        state.workdir = posixpath.normpath(posixpath.join(state.workdir, _expand(value.strip(), known)))
    elif keyword == "ENV":
        state.env.update({k: _expand(v or "", known) for k, v in _pairs(value, legacy=True).items()})
    elif keyword == "ARG":
        for k, v in _pairs(value, legacy=False).items():  # `ARG NAME` takes the default set before the first FROM
            if v is not None or k in (global_args or {}):
                args[k] = _expand(v, known) if v is not None else (global_args or {})[k]
    elif keyword == "EXPOSE":
        state.exposes.extend(_expand(value, known).split())
    elif keyword == "RUN" and "prune" in value:  # `turbo prune`: out/ holds a copy of the stage's workspace
        for sub in turbo_prune_outputs(value):
            state.copies.extend(_rebase(list(state.copies), state.workdir, posixpath.join(state.workdir, sub), True))
    elif keyword == "RUN" and "clone" in value:  # code fetched while the image is built
        state.clones.extend((d, item.location) for d in clones_in_run(value, state.workdir))
    elif keyword in ("COPY", "ADD"):
        state.copies.extend(_copy_rules(value, state.workdir, earlier, cache, known, depth, state.copies))
        if len(state.copies) > MAX_COPY_RULES:  # `COPY --from` of a stage that copied from ... doubles each time
            del state.copies[:-MAX_COPY_RULES]  # the later rules win (container_path_to_repo reads backwards)
    return cmd_written


def _form(item: Instruction, shell: tuple[str, ...]) -> Form:
    argv = _json_argv(item.value)
    location = item.value_location
    if argv is not None:
        return Form(Command(location, argv=argv), shell, item.location)
    text = item.value.strip()
    return Form(Command(Location(location.path, location.line, location.column, location.line,
                                 location.column + len(text)), shell=text), shell, item.location)


def _json_argv(value: str) -> tuple[str, ...] | None:
    """Exec form: a JSON array of strings. Anything else is shell form (Docker's rule)."""
    text = value.strip()
    if not text.startswith("[") or bracket_depth(text) > MAX_DEPTH:
        return None  # not an exec form (a nested one is refused as a shell command, DPL006)
    try:
        data = json_value(text)
    except ValueError:
        return None
    if isinstance(data, list) and all(isinstance(x, str) for x in data):
        return tuple(data)
    return None


def combine(entrypoint: Form | None, cmd: Form | None) -> tuple[Command | None, bool]:
    """The command a container runs (Docker's ENTRYPOINT x CMD table) and whether a
    written CMD is dropped."""
    if entrypoint is None or entrypoint.empty:
        if cmd is None or cmd.empty:
            return None, False
        return cmd.run(), False
    if entrypoint.command.shell is not None:
        return entrypoint.run(), cmd is not None and not cmd.empty
    argv = entrypoint.command.argv or ()
    if cmd is None or cmd.empty:
        return entrypoint.command, False
    if cmd.command.shell is not None:
        return Command(entrypoint.command.location, argv=(*argv, *cmd.shell, cmd.command.shell)), False
    return Command(entrypoint.command.location, argv=(*argv, *(cmd.command.argv or ()))), False


_NODE_IMAGE = lazy_re(r"^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?(?:library/)?node(?::[^@]*)?(?:@.*)?$",
                      needs=("node",))
# images whose ENTRYPOINT is the node binary itself: every CMD word is an argument of node
_NODE_BINARY_IMAGE = lazy_re(r"^(?:gcr\.io/distroless/nodejs[\w.-]*|cgr\.dev/chainguard/node)(?::[^@]*)?(?:@.*)?$",
                             needs=("node",))
_SCRIPT_WORD = lazy_re(r"\.(?:js|mjs|cjs)$")
# Deno's and Bun's official images: their docker-entrypoint.sh prepends the runtime to a CMD
# that starts with an option or a runtime subcommand (deno) / a word that is no command (bun)
_DENO_IMAGE = lazy_re(r"^(?:(?:docker\.io|index\.docker\.io)/)?denoland/deno(?::[^@]*)?(?:@.*)?$", needs=("deno",))
_BUN_IMAGE = lazy_re(r"^(?:(?:docker\.io|index\.docker\.io)/)?oven/bun(?::[^@]*)?(?:@.*)?$", needs=("bun",))
DENO_SUBCOMMANDS = frozenset({"bench", "bundle", "cache", "check", "compile", "completions", "coverage", "doc", "eval",
                              "fmt", "help", "info", "init", "install", "jupyter", "lint", "lsp", "publish", "repl",
                              "run", "serve", "task", "test", "types", "uninstall", "upgrade", "vendor"})
BUN_WORDS = frozenset({"run", "test", "x", "repl", "exec", "install", "add", "build", "init", "create", "upgrade"})
_TS_SCRIPT_WORD = lazy_re(r"\.(?:js|mjs|cjs|ts|tsx|mts|cts|jsx)$")
# official images whose /usr/local/bin/docker-entrypoint.sh ends in `exec "$@"`
_SHIPS_ENTRYPOINT = lazy_re(r"^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?(?:library/)?"
                            r"(?:node|postgres|mysql|mariadb|mongo|redis|rabbitmq)(?::[^@]*)?(?:@.*)?$",
                            needs=("node", "postgres", "mysql", "mariadb", "mongo", "redis", "rabbitmq"))


# official images whose own command is their server (nginx, a database, a broker): a stage
# built FROM one without a CMD runs that server, not this repository's code
_SERVER_IMAGE = lazy_re(r"^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?(?:library/|bitnami/|nginxinc/)?"
                        r"(?:nginx|nginx-unprivileged|openresty|httpd|caddy|traefik|haproxy|envoy|redis|valkey|postgres|"
                        r"mysql|mariadb|mongo|rabbitmq|memcached|elasticsearch|clickhouse)(?::[^@]*)?(?:@.*)?$",
                        needs=("nginx", "openresty", "httpd", "caddy", "traefik", "haproxy", "envoy", "redis", "valkey",
                               "postgres", "mysql", "mariadb", "mongo", "rabbitmq", "memcached", "elasticsearch",
                               "clickhouse"))


def runs_own_server(image: str) -> bool:
    """Is this base image's default command its own server (`FROM nginx:alpine`)?"""
    return bool(_SERVER_IMAGE.match(image.strip().lower()))


def ships_entrypoint(image: str) -> bool:
    """Does this base image put its own docker-entrypoint.sh on PATH?"""
    return bool(_SHIPS_ENTRYPOINT.match(image.strip().lower()))


def image_entrypoint(image: str, command: Command) -> Command:
    """The base image's own ENTRYPOINT applied to an exec-form CMD the Dockerfile leaves
    without one. The official `node` image's docker-entrypoint.sh runs `node "$@"` when the
    first word is an option or a script file rather than a command
    (https://github.com/nodejs/docker-node/blob/main/docker-entrypoint.sh: `CMD ["dist/main.js"]`
    is `node dist/main.js`); distroless/Chainguard node images have `node` as ENTRYPOINT
    (https://github.com/GoogleContainerTools/distroless/blob/main/nodejs/README.md).
    `denoland/deno` runs `deno "$@"` for an option or a deno subcommand (`CMD ["run",
    "--allow-net", "bot.ts"]`, https://github.com/denoland/deno_docker), `oven/bun` runs
    `bun "$@"` when the first word is an option or not a command on PATH."""
    argv = command.argv
    if not argv or command.shell is not None:
        return command
    name = image.strip().lower()
    if _NODE_BINARY_IMAGE.match(name) and posixpath.basename(argv[0]) not in ("node", "nodejs"):
        return Command(command.location, argv=("node", *argv))
    if _NODE_IMAGE.match(name) and (argv[0].startswith("-") or _SCRIPT_WORD.search(argv[0])):
        return Command(command.location, argv=("node", *argv))
    if _DENO_IMAGE.match(name) and (argv[0].startswith("-") or argv[0] in DENO_SUBCOMMANDS):
        return Command(command.location, argv=("deno", *argv))  # `CMD ["run", "--allow-net", "bot.ts"]`
    if _BUN_IMAGE.match(name) and (argv[0].startswith("-") or argv[0] in BUN_WORDS or _TS_SCRIPT_WORD.search(argv[0])):
        return Command(command.location, argv=("bun", *argv))  # `CMD ["run", "src/index.ts"]`
    return command


def _copy_rules(value: str, workdir: str, earlier: list[Stage], cache, known, depth: int = 0,
                existing: list[CopyRule] = ()) -> list[CopyRule]:
    try:
        words = _json_argv(value) or tuple(shlex.split(value))
    except ValueError:
        words = tuple(value.split())
    flags = {w.split("=", 1)[0]: w.partition("=")[2] for w in words if w.startswith("--")}
    words = [_expand(w, known) for w in words if not w.startswith("--")]
    if len(words) < 2 or any(w.startswith("<<") for w in words):
        return []  # heredoc content is not a repo file
    *sources, dest_text = words
    dest = posixpath.normpath(posixpath.join(workdir, dest_text))
    into_dir = dest_text.endswith("/") or dest_text in (".", "./") or len(sources) > 1 or dest == workdir \
        or any(r.dest.startswith(dest.rstrip("/") + "/") for r in existing[-200:])  # a directory already: COPY goes into it
    if "--from" in flags:
        stage = find_stage(earlier, flags["--from"])
        if stage is None:
            return []  # copied from an external image
        inner = _state(earlier, stage.index, cache, depth + 1).copies
        return [rule for source in sources for rule in _rebase(inner, posixpath.normpath(posixpath.join("/", source)), dest, into_dir)]
    # BuildKit joins a source to the context root (`../app` is `app`: nothing escapes the context)
    return [CopyRule(posixpath.normpath(posixpath.join("/", s)).lstrip("/") or ".", dest, into_dir)
            for s in sources if "://" not in s]


def _rebase(rules: list[CopyRule], source: str, dest: str, into_dir: bool) -> list[CopyRule]:
    """`COPY --from=stage source dest`: the earlier stage's rules, moved from source to dest."""
    moved = []
    for rule in rules:
        if rule.dest == source or rule.dest.startswith(source.rstrip("/") + "/"):
            moved.append(CopyRule(rule.source, dest + rule.dest[len(source.rstrip("/")):], rule.into_dir))
        elif source.startswith(rule.dest.rstrip("/") + "/"):
            rest = source[len(rule.dest.rstrip("/")) + 1:]
            moved.append(CopyRule(posixpath.normpath(posixpath.join(rule.source, rest)), dest, into_dir))
    return moved

