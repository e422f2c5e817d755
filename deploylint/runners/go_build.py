"""Which Go main package a program built from the repository is.

A Go bot is deployed as a binary that is not in the repository: a Dockerfile builds it
(`RUN CGO_ENABLED=0 go build -o /out/bot ./cmd/bot`, then `COPY --from=builder /out/bot
/app/bot` and `CMD ["/app/bot"]`), a script or Makefile does (`go build -o bin/bot .`),
`go install ./cmd/bot` puts it in `$GOPATH/bin/bot`, or the platform does: Heroku's Go
buildpack installs every main package as `bin/<name>` (the last element of its import
path), Nixpacks builds `out`. This module indexes, by file name, every binary the
repository's build steps name, and the binary `go build` would name after each main
package, so a start command `bin/bot` or `/app/bot` maps to the package's `func main`.
Only text is read (never a build run); every list is bounded.
"""
from __future__ import annotations

import posixpath
import shlex

from ..model import Location
from ..patterns import lazy_re
from ..record import dataclass, replace
from ..repo import Repo, join

MAX_GO_FILES = 3000  # .go files looked at to find main packages
MAX_BUILD_FILES = 60  # Dockerfiles, Makefiles, scripts read for `go build` steps
MAX_COMMANDS = 200  # `go build`/`go install` commands kept
_PACKAGE_MAIN = lazy_re(r"(?m)^package\s+main\b")
_FUNC_MAIN = lazy_re(r"(?m)^func\s+main\s*\(\s*\)")
_GO_COMMAND = lazy_re(r"\bgo\s+(build|install)\b([^\n;&|]*)", needs=("go",))
_VERSION = lazy_re(r"v\d+")
_MODULE = lazy_re(r"(?m)^\s*module\s+\"?([^\s\"/][^\s\"]*)\"?")
# `go build` flags that take a value as the next word (https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies)
_VALUE_FLAGS = frozenset({"-o", "-C", "-p", "-asmflags", "-buildmode", "-buildvcs", "-compiler", "-gccgoflags",
                          "-gcflags", "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo",
                          "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg"})


@dataclass(frozen=True)
class GoBinary:
    """A binary named `name`, built from the main package in `package` (a directory),
    whose `func main` is in `main_file`."""

    name: str
    package: str
    main_file: str
    how: str  # "`go build -o /out/bot ./cmd/bot`", "Heroku's Go buildpack names it after the package"
    location: Location | None = None  # the build step, when one is written
    output: str = ""  # the `-o` path as the build step writes it (`./bin/bot`), when given


def has_go(repo: Repo) -> bool:
    return bool(repo.named(_is_go))


def _is_go(name: str) -> bool:
    return name.endswith(".go") and not name.endswith("_test.go")


def main_packages(repo: Repo) -> dict[str, str]:
    """Directory -> the file with `func main()`, for every `package main` in the repository."""
    def compute() -> dict[str, str]:
        found: dict[str, str] = {}
        for path in repo.named(_is_go)[:MAX_GO_FILES]:
            directory = posixpath.dirname(path)
            if directory in found:
                continue
            text = repo.read_text(path)
            if text and _PACKAGE_MAIN.search(text[:20000]) and _FUNC_MAIN.search(text):
                found[directory] = path
        return found

    return repo.memo(("go-main-packages",), compute)


def modules(repo: Repo) -> dict[str, str]:
    """go.mod directory -> module path."""
    def compute() -> dict[str, str]:
        out = {}
        for path in repo.with_name("go.mod")[:50]:
            text = repo.read_text(path) or ""
            match = _MODULE.search(text[:20000])
            if match:
                out[posixpath.dirname(path)] = match.group(1)
        return out

    return repo.memo(("go-modules",), compute)


def module_of(repo: Repo, directory: str) -> tuple[str, str] | None:
    """(go.mod directory, module path) of the module holding `directory`."""
    mods = modules(repo)
    current = directory
    for _ in range(64):
        if current in mods:
            return current, mods[current]
        if not current:
            return None
        current = posixpath.dirname(current)
    return None


def default_name(repo: Repo, directory: str) -> str:
    """The file name `go build` / `go install` give a main package's binary: the last
    element of its import path (a module root's: the module path's, minus a /vN suffix)."""
    found = module_of(repo, directory)
    if found is not None and found[0] == directory:
        parts = [p for p in found[1].split("/") if p]
        if len(parts) > 1 and _VERSION.fullmatch(parts[-1]):
            parts.pop()
        return parts[-1] if parts else posixpath.basename(directory)
    return posixpath.basename(directory)


def binaries(repo: Repo) -> list[GoBinary]:
    """Every Go binary the repository's build steps name, then each main package's default."""
    return repo.memo(("go-binaries",), lambda: _binaries(repo))


def _binaries(repo: Repo) -> list[GoBinary]:
    mains = main_packages(repo)
    if not mains:
        return []
    out: list[GoBinary] = []
    for path in _build_files(repo):
        text = repo.read_text(path)
        if not text:
            continue
        text = text[:200000].replace("\\\n", " ")
        if "makefile" in path.lower() or path.endswith(".mk"):
            from .make import expanded  # the Makefile reader `make TARGET` uses

            text = expanded(path, text)
        for match in _GO_COMMAND.finditer(text):
            if len(out) >= MAX_COMMANDS:
                break
            line = text.count("\n", 0, match.start()) + 1
            if match.group(1) == "install" and "..." in match.group(2).split("#")[0]:
                for directory, main_file in sorted(mains.items())[:MAX_COMMANDS]:  # `go install ./...`: every main package
                    out.append(GoBinary(default_name(repo, directory), directory, main_file,
                                        "`go install ./...` installs it under its package's name",
                                        Location(path, line, 1)))
                continue
            built = _built(repo, mains, posixpath.dirname(path), match.group(1), match.group(2))
            if built is not None:
                name, package, output = built
                from ..secrets import redact  # `-ldflags "-X main.token=..."` may carry a token

                command = redact(" ".join(f"go {match.group(1)}{match.group(2)}".split()))[:120]
                out.append(GoBinary(name, package, mains[package], f"`{command}`", Location(path, line, 1), output))
    for directory, main_file in sorted(mains.items()):
        out.append(GoBinary(default_name(repo, directory), directory, main_file,
                            f"`go build` names the binary of package `{directory or '.'}` after it"))
    return out


def _build_files(repo: Repo) -> list[str]:
    from ..formats.names import is_dockerfile

    def wanted(name: str) -> bool:
        lower = name.lower()
        return (is_dockerfile(name) or lower in ("makefile", "gnumakefile", "justfile", "taskfile.yml", "nixpacks.toml",
                                                 "render.yaml", "fly.toml", "procfile", ".goreleaser.yml")
                or lower.endswith((".sh", ".mk")))

    return repo.named(wanted)[:MAX_BUILD_FILES]


def _built(repo: Repo, mains: dict[str, str], base: str, verb: str, rest: str) -> tuple[str, str, str] | None:
    """(binary name, package directory, `-o` path or "") of one `go build ...` / `go install ...`."""
    try:
        words = shlex.split(rest[:2000])
    except ValueError:
        words = rest[:2000].split()
    output, directory, packages = "", "", []
    index = 0
    while index < len(words) and index < 100:
        word = words[index]
        index += 1
        if word.startswith("-") and len(word) > 1:
            flag, eq, value = word.partition("=")
            flag = "-" + flag.lstrip("-")
            if flag in _VALUE_FLAGS and not eq:
                value = words[index] if index < len(words) else ""
                index += 1
            if flag == "-o":
                output = value
            elif flag == "-C":
                directory = value
            continue
        if word in (">", ">>", "2>", "2>&1") or word.startswith(("$", ">")):
            break
        packages.append(word)
    if len(packages) > 1 and not all(p.endswith(".go") for p in packages):
        return None  # several packages: no single binary
    spec = packages[0] if packages else "."
    package = _package_dir(repo, mains, base, directory, spec)
    if package is None:
        return None
    if output and verb == "build" and not output.endswith("/"):
        name = posixpath.basename(output)
    elif spec.endswith(".go") and verb == "build":
        name = posixpath.basename(spec)[:-3]  # `go build ./cmd/main.go` writes ./main
    else:
        name = default_name(repo, package)
    return (name, package, output if verb == "build" else "") if name and not name.startswith("$") else None


def _package_dir(repo: Repo, mains: dict[str, str], base: str, directory: str, spec: str) -> str | None:
    """The main package a `go build` argument names, looked for from the build file's
    directory, the repository root and each module root (a Dockerfile's WORKDIR is seldom
    known here); a `.` that names no main package is the repository's only one."""
    if "..." in spec or spec.startswith("$"):
        return None
    if spec.endswith(".go"):
        spec = posixpath.dirname(spec) or "."
    candidates: list[str] = []
    mods = modules(repo)
    if "." in spec.split("/")[0] and not spec.startswith("."):  # an import path
        for root, module in mods.items():
            if spec == module or spec.startswith(module + "/"):
                candidates.append(join(root, spec[len(module):].lstrip("/")))
    else:
        for root in dict.fromkeys((join(base, directory), join("", directory), *(join(m, directory) for m in mods))):
            candidates.append(join(root, spec))
    for candidate in candidates:
        if candidate in mains:
            return candidate
    if spec in (".", "./") and len(mains) == 1:
        return next(iter(mains))
    return None


def binary_named(repo: Repo, path_text: str, platform: str = "") -> GoBinary | None:
    """The Go binary a program path names (`bin/bot`, `./bot`, `/app/bot`, `bot`), when the
    repository has Go main packages and one of them is built under that name (the name a
    build step gives it, else the package's default name). On Heroku the Go buildpack
    builds `bin/<name>` itself: the package's default name comes first."""
    name = posixpath.basename(path_text.rstrip("/"))
    if not name or name.startswith(("$", "-")) or "." in name or not has_go(repo):
        return None
    found = binaries(repo)
    if platform == "heroku":
        found = [replace(b, how="Heroku's Go buildpack installs it as bin/" + b.name, location=None)
                 for b in found if b.location is None] + found
    else:  # a package a build step names (`go build -o bin/relayctl ./cmd/relay`) is not also `relay`
        named = {b.package for b in found if b.location is not None}
        found = [b for b in found if b.location is not None or b.package not in named]
    for binary in found:
        if binary.name == name:
            return binary
    if name == "out":  # Nixpacks' and Railpack's Go provider: `go build -o out`, start `./out`
        mains = main_packages(repo)
        if len(mains) == 1:
            directory, main_file = next(iter(mains.items()))
            return GoBinary("out", directory, main_file, "Nixpacks/Railpack build the Go program as `out`")
    return None
