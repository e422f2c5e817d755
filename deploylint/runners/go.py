"""The `go` command and Go binaries built from the repository.

`go run .`, `go run ./cmd/bot`, `go run main.go` compile and run a main package: a
process of kind "go" whose entry is the package's `func main` file (code/go.py reads it).
`go build`, `go install`, `go mod download`... do their work and exit. A program that is
a binary the repository's Go build produces (`bin/bot`, `/app/bot`, runners/go_build)
is that main package too.
"""
from __future__ import annotations

import posixpath

from ..commands import Analysis, Call, Context
from ..patterns import lazy_re
from ..repo import join
from .go_build import GoBinary, _VALUE_FLAGS, binary_named, main_packages


def expand(call: Call, ctx: Context) -> Analysis:
    args = call.args
    if not args or args[0] != "run":
        return Analysis([ctx.process(call, kind="other", long_running=False)])  # build, install, mod, vet...
    index = 1
    while index < len(args) and index < 100 and args[index].startswith("-") and args[index] != "--":
        flag = "-" + args[index].lstrip("-")
        index += 2 if flag in _VALUE_FLAGS or flag == "-exec" else 1
    if index < len(args) and args[index] == "--":
        index += 1
    spec = args[index] if index < len(args) else "."
    files = [a for a in args[index:index + 50] if a.endswith(".go")]
    if files:
        spec = posixpath.dirname(files[0]) or "."
    package = join(ctx.cwd, spec)
    if spec.startswith("$") or "..." in spec:
        ctx.unresolved(call.location, f"`go run {spec}` names its package only at run time",
                       "name the main package (`go run ./cmd/bot`) so the deployment can be checked")
        return Analysis([ctx.process(call, kind="unknown")])
    mains = main_packages(ctx.repo)
    main_file = mains.get(package)
    if main_file is None and not spec.startswith((".", "/")) and "." in spec.split("/")[0]:
        main_file = _by_import_path(ctx, spec, mains)
    if main_file is None:
        if not ctx.repo.is_dir(package) and not any(ctx.repo.exists(join(ctx.cwd, f)) for f in files):
            ctx.missing(call.at(index + 1 if index < len(args) else 1),
                        f"`go run {spec}` names a package that is not in the repository (looked for {package or '.'})",
                        "fix the package path, or commit the Go sources")
        return Analysis([ctx.process(call, kind="unknown")])
    step = ctx.step(call.location, f"`go run` compiles and runs the main package in {posixpath.dirname(main_file) or '.'}")
    return Analysis([step.process(call, kind="go", entry=main_file, language="go")])


def _by_import_path(ctx: Context, spec: str, mains: dict[str, str]) -> str | None:
    from .go_build import modules

    for root, module in modules(ctx.repo).items():
        if spec == module or spec.startswith(module + "/"):
            found = mains.get(join(root, spec[len(module):].lstrip("/")))
            if found:
                return found
    return None


def binary(call: Call, ctx: Context, path_text: str) -> Analysis | None:
    """A program that is not a repository file but a binary built from one of its Go main
    packages: a Go process, with the build step in its trace. None when it is not one."""
    found = binary_named(ctx.repo, path_text, ctx.platform)
    if found is None:
        return None
    elsewhere = _elsewhere(ctx, call, path_text, found)
    if elsewhere:
        ctx.missing(call.location, f"`{path_text}` {MISPLACED}: {found.how} "
                                   f"({found.location.path}:{found.location.line}) writes {elsewhere}",
                    f"run `{elsewhere}`, or build to the path the command runs (`go build -o {path_text}`)")
        return Analysis([ctx.process(call, kind="unknown")])
    return Analysis([_process(call, ctx, found)])


MISPLACED = "is not where the Go build puts the program"  # plan._drop_built keeps this DPL003
_MOVES = lazy_re(r"(?im)^\s*(?:WORKDIR|COPY|ADD)\b|\b(?:mv|cp|ln|install)\s")


def _elsewhere(ctx: Context, call: Call, path_text: str, found: GoBinary) -> str:
    """The path a build step in the same file writes the binary to, when the command runs
    it from another directory (`RUN go build -o ./bin/bot ./cmd/bot` then `CMD ["./bot"]` in
    one Dockerfile stage: /app/bot does not exist), else "". Only when nothing between the
    build and the end of the file moves or copies files (a later WORKDIR, COPY, mv, cp)."""
    where, output = found.location, found.output
    if where is None or not output or where.path != call.location.path or where.line >= call.location.line:
        return ""
    if output.startswith(("/", "$", "~")) or path_text.startswith(("/", "$", "~")):
        return ""
    built, run = posixpath.normpath(output), posixpath.normpath(path_text)
    if posixpath.dirname(built) == posixpath.dirname(run) or built.startswith(".."):
        return ""
    lines = (ctx.repo.read_text(where.path) or "").splitlines()[where.line:call.location.line - 1]
    if any(_MOVES.search(line) for line in lines[:200]):
        return ""
    return f"./{built}"


def _process(call: Call, ctx: Context, found: GoBinary):
    where = posixpath.dirname(found.main_file) or "."
    note = f"`{call.argv[0]}` is the Go program built from package {where} ({found.how})"
    step = ctx.step(found.location or call.location, note)
    return step.process(call, kind="go", entry=found.main_file, language="go")
