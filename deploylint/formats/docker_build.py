"""What a Dockerfile's RUN steps create, so a start command that runs a build output
(`next build`'s standalone server.js, `tsc` output, a script a RUN writes, a binary a
compiler writes) is not reported as a missing file (DPL003); and what the repository's own
build scripts (build.sh, a Makefile, a CI workflow) write before `docker build` copies it."""
from __future__ import annotations

import posixpath
import re

from ..patterns import NameTest, lazy_re

_JS_BUILD = lazy_re(r"\b(next\s+build|(npm|pnpm|bun)\s+run\s+build|(yarn|pnpm)\s+build|tsc\b|nest\s+build|vite\s+build|"
                       r"webpack\b|esbuild\b|rollup\b|turbo\s+(run\s+)?build|nx\s+build|ncc\s+build|swc\b|"
                       r"rush\s+(re)?build|lerna\s+run\s+build)",
                   needs=("build", "tsc", "webpack", "esbuild", "rollup", "swc"))
_CREATED = lazy_re(r"(?:>>?|\btouch|\btee(?:\s+-a)?|\s-[oO]|--output[=\s])\s*([^\s;&|<>]+)"
                      r"|\b(?:cp|mv|ln)\s+(?:-\w+\s+)*([^\s;&|]+)\s+([^\s;&|<>]+)",
                   needs=(">", "touch", "tee", "-o", "-O", "cp", "mv", "ln"))

# a compiler or build tool: what it writes is a program the repository does not hold
_COMPILE_WORD = r"(?<![\w.-])(%s)(?![\w.-])"
_COMPILE = lazy_re(_COMPILE_WORD % (
    r"go\s+build|cargo\s+build|make|cmake|gcc|g\+\+|clang(\+\+)?|rustc|"
    r"zig\s+build|dotnet\s+(publish|build)|mvnw?|\./mvnw|gradlew?|\./gradlew|swift\s+build|crystal\s+build|"
    r"nim\s+c|ghc|stack\s+build|cabal\s+build|deno\s+compile|bun\s+build\b[^\n]*--compile|"
    r"pyinstaller|nuitka3?|javac|sbt|mix\s+release|dune\s+build|bazel\s+build"),
                   needs=("build", "make", "gcc", "g++", "clang", "rustc", "dotnet", "mvn", "gradle", "nim", "ghc",
                          "compile", "pyinstaller", "nuitka", "javac", "sbt", "release"))
# the installing compilers apart: `pip install` (in most Dockerfiles) compiles neither pattern
_COMPILE_INSTALL = lazy_re(_COMPILE_WORD % r"(go|cargo|stack|cabal)\s+install", needs=("go", "cargo", "stack", "cabal"))


def _compiles(text: str) -> bool:
    """Does `text` run a compiler or build tool (what it writes is a program the repository does not hold)?"""
    return _COMPILE.search(text) is not None or _COMPILE_INSTALL.search(text) is not None


# `go build -o bin/server`, `gcc -o app`: the output, with or without an extension
_OUTPUT = lazy_re(r"(?<![\w-])(?:-o|--output)[=\s]\s*([\w./-]+)", needs=("-o", "--output"))
COMPILED = "<compiled>"  # pattern: any extensionless program, .jar/.war/.dll/.exe/.so/.bin
_COMPILED_SUFFIXES = (".jar", ".war", ".dll", ".exe", ".so", ".bin", ".out")
_SCRIPT_NAMES = ("Makefile", "makefile", "GNUmakefile", "justfile", "Justfile", "Taskfile.yml", "Taskfile.yaml")


def compiled(word: str) -> bool:
    """Whether a file name looks like a compiler's output (what COMPILED stands for)."""
    name = word.rstrip("/").rsplit("/", 1)[-1]
    return bool(name) and ("." not in name or name.endswith(_COMPILED_SUFFIXES)) and name not in (".", "..")


def built_by(stages_up_to: list) -> tuple[str, ...]:
    """What the RUN steps of these stages create: JavaScript output of a build tool
    (`next build` standalone server.js, `tsc` outDir), and files a RUN writes or copies."""
    patterns: list[str] = []
    for stage in stages_up_to:
        for item in stage.instructions:
            if item.keyword != "RUN":
                continue
            if _JS_BUILD.search(item.value):
                patterns.extend(("*.js", "*.mjs", "*.cjs"))
            if _compiles(item.value):
                patterns.append(COMPILED)
            for match in _CREATED.finditer(item.value):
                target = (match.group(1) or match.group(3) or "").strip("\"'")
                if match.group(3) and (target in (".", "./") or target.endswith("/")):
                    target = match.group(2).strip("\"'")  # `cp dist/server.js .`: its own name
                name = posixpath.basename(target.rstrip("/"))
                if name and not name.startswith(("$", "-")) and name not in ("null", "stdout", "stderr") \
                        and ("." in name or "/" in target):
                    patterns.append(f"*{name}")
    return tuple(dict.fromkeys(p for p in patterns if p and p != "*"))


def script_outputs(repo) -> tuple[str, ...]:
    """Patterns of what the repository's build scripts write (a Go binary `build.sh`
    compiles into bin/ before `docker build` ADDs it): `-o PATH` of a compile command in a
    shell script, Makefile-like file or CI workflow. Paths are matched by their tail (a
    script may run from its own directory); a path may be a file or a directory."""
    return repo.memo(("script_outputs",), lambda: _script_outputs(repo))


def _script_outputs(repo) -> tuple[str, ...]:
    patterns: list[str] = []
    for path in repo.files:
        name = posixpath.basename(path)
        workflow = path.startswith(".github/workflows/") and name.endswith((".yml", ".yaml"))
        if not (name.endswith((".sh", ".mk")) or name in _SCRIPT_NAMES or workflow):
            continue
        text = repo.peek(path) or ""
        if not _compiles(text):
            continue
        for line in text.splitlines():
            if len(line) > 2000 or not _compiles(line):
                continue
            for match in _OUTPUT.finditer(line):
                target = match.group(1)
                target = (target[2:] if target.startswith("./") else target).rstrip("/")
                if target and not target.startswith(("-", "/")) and ".." not in target and len(patterns) < 200:
                    patterns.extend((target, f"*/{target}", f"{target}/*", f"*/{target}/*"))
    # a Dockerfile CI copies into a build output (`cp app/Dockerfile app/dist`): what the image
    # runs from there is that output
    patterns.extend(f"{context}/*" for context in copied_dockerfiles(repo).values())
    return tuple(dict.fromkeys(patterns))


# -- where the repository's scripts and CI build each Dockerfile ----------------------------
_DOCKER_BUILD = lazy_re(r"\bdocker\s+(?:buildx\s+)?build\b((?:[^\n\\]|\\\n|\\.)*)", needs=("build",))
_BUILD_PUSH = lazy_re(r"uses:\s*['\"]?docker/build-push-action@", needs=("build-push-action",))
_WITH_KEY = lazy_re(r"^\s*(file|context)\s*:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
_MENTIONS_BUILD = lazy_re(rb"docker\s+(?:buildx\s+)?build|build-push-action", needs=(b"build",))
_EVIDENCE = NameTest(lazy_re(r"(?i)^(Makefile|GNUmakefile|.*\.mk|justfile|Taskfile\.ya?ml|.*\.(sh|bash)|package\.json|"
                             r"\.gitlab-ci\.yml|Jenkinsfile|cloudbuild\.ya?ml|README(\..*)?)$"),
                     exact=("makefile", "gnumakefile", "justfile", "taskfile.yml", "taskfile.yaml", "package.json",
                            ".gitlab-ci.yml", "jenkinsfile", "cloudbuild.yml", "cloudbuild.yaml", "readme"),
                     prefixes=("readme.",), suffixes=(".mk", ".sh", ".bash"))
_BUILD_VALUE_OPTIONS = {"-t", "--tag", "--build-arg", "--target", "--platform", "--label", "--network", "--secret",
                        "--ssh", "--cache-from", "--cache-to", "--output", "-o", "--progress", "--iidfile", "--add-host",
                        "--builder", "--build-context", "--shm-size", "--ulimit", "--memory", "-m", "--metadata-file"}
MAX_BUILD_EVIDENCE_FILES = 400


def build_contexts(repo) -> dict[str, str]:
    """Dockerfile path -> build context directory, from `docker build -f X CONTEXT` in the
    repository's scripts, Makefiles and CI, and `docker/build-push-action` steps (`file:`,
    `context:`; the action's default context is the repository root). Paths resolve
    against the repository root (how CI and `make` run them), else the script's directory.
    A Dockerfile named here inside a directory discovery skips (`build/Dockerfile`) is
    read all the same."""
    return repo.memo(("docker_build_contexts",), lambda: _build_contexts(repo))


def _build_contexts(repo) -> dict[str, str]:
    from .platform_common import evidence_texts

    found: dict[str, str] = {}
    for path, text in evidence_texts(repo, lambda p, name: _workflow(p, name) or _EVIDENCE(name),
                                     _MENTIONS_BUILD, MAX_BUILD_EVIDENCE_FILES):
        workflow = _workflow(path, posixpath.basename(path))
        for match in _DOCKER_BUILD.finditer(text):
            pair = _invocation(match.group(1).replace("\\\n", " "))
            if pair is not None:
                _record(repo, found, path, *pair)
        if workflow:
            for match in _BUILD_PUSH.finditer(text):
                block = text[match.end(): match.end() + 1500]
                cut = re.search(r"^\s*-\s|^\s*uses:", block, re.MULTILINE)
                block = block[: cut.start()] if cut else block
                keys = {m.group(1): m.group(2) for m in _WITH_KEY.finditer(block)}
                if "file" in keys or "context" in keys:
                    _record(repo, found, path, keys.get("file"), keys.get("context", "."))
    for dockerfile, context in copied_dockerfiles(repo).items():
        found.setdefault(dockerfile, context)
    return found


# `cp $APP/Dockerfile $APP/dist` in CI or a script: the image is built from that directory
_COPIED = lazy_re(r"\b(?:cp|mv)\s+(?:-\w+\s+)*([^\s;&|<>]*Dockerfile[\w.-]*)\s+([^\s;&|<>]+)", needs=("Dockerfile",))
_SIMPLE_VAR = lazy_re(r"^[ \t]+([A-Za-z_]\w*)[ \t]*[:=][ \t]*[\"']?([\w./-]+)[\"']?[ \t]*$", re.MULTILINE)
_MENTIONS_DOCKERFILE = lazy_re(rb"Dockerfile", needs=(b"Dockerfile",))


def copied_dockerfiles(repo) -> dict[str, str]:
    """Dockerfile path -> the directory a CI step or script copies it into (a build output
    the repository does not hold), where it is then built."""
    return repo.memo(("docker_copied_dockerfiles",), lambda: _copied(repo))


def _copied(repo) -> dict[str, str]:
    from .names import is_dockerfile
    from .platform_common import evidence_texts

    found: dict[str, str] = {}
    for path, text in evidence_texts(repo, lambda p, name: _workflow(p, name) or name.endswith((".sh", ".bash")),
                                     _MENTIONS_DOCKERFILE, MAX_BUILD_EVIDENCE_FILES):
        variables = {m.group(1): m.group(2) for m in _SIMPLE_VAR.finditer(text[:100_000])}
        for match in _COPIED.finditer(text[:100_000]):
            source, dest = (_expanded(w, variables) for w in match.groups())
            if source is None or dest is None or not is_dockerfile(posixpath.basename(source)):
                continue
            if is_dockerfile(posixpath.basename(dest)):
                dest = posixpath.dirname(dest)
            if not repo.exists(source) or repo.is_dir(dest) or dest in ("", ".") or len(found) >= 50:
                continue  # into a directory the repository holds: a copy, not a build output
            found.setdefault(source, dest)
    return found


def _expanded(word: str, variables: dict[str, str]) -> str | None:
    text = re.sub(r"\$\{?(\w+)\}?", lambda m: variables.get(m.group(1), "$"), word.strip("\"'"))
    text = posixpath.normpath(text[2:] if text.startswith("./") else text)
    if "$" in text or text.startswith(("/", "-")) or ".." in text.split("/") or any(c in text for c in "*?{}"):
        return None
    return text


def _workflow(path: str, name: str) -> bool:
    return path.startswith(".github/workflows/") and name.endswith((".yml", ".yaml"))


def _invocation(rest: str) -> tuple[str | None, str] | None:
    import shlex

    try:
        lexer = shlex.shlex(rest[:2000], posix=True, punctuation_chars=";&|")
        lexer.whitespace_split, lexer.commenters = True, ""
        words = list(lexer)
    except ValueError:
        words = rest[:2000].split()
    file, context, index = None, None, 0
    while index < len(words):
        word = words[index]
        if word in (";", "&&", "||", "|", "&", ")"):
            break
        if word in ("-f", "--file") and index + 1 < len(words):
            file, index = words[index + 1], index + 2
            continue
        if word.startswith(("--file=", "-f=")):
            file = word.split("=", 1)[1]
        elif word in _BUILD_VALUE_OPTIONS:
            index += 1
        elif not word.startswith("-") and context is None:
            context = word
        index += 1
    return (file, context) if context is not None else None


def _record(repo, found: dict, script: str, file: str | None, context: str) -> None:
    from ..repo import join
    from .names import default_dockerfile

    if any(c in (file or "") + context for c in "$%{}<>*") or context.startswith(("http", "git@", "-")) \
            or ".." in (file or "").split("/") or len(found) >= 200:
        return
    base_dirs = [""] + ([posixpath.dirname(script)] if posixpath.dirname(script) and not script.startswith(".github/") else [])
    for base in base_dirs:
        directory = join(base, context.strip("/") if context not in (".", "./") else "")
        if directory.startswith("..") or (directory and not repo.is_dir(directory)):
            continue
        dockerfile = join(base, file) if file else default_dockerfile(repo, directory)
        if repo.exists(dockerfile):  # admits a Dockerfile under build/ that the build names
            found.setdefault(dockerfile, directory)
            return


# `turbo prune app [--docker] [--out-dir out]` (https://turbo.build/repo/docs/handbook/deploying-with-docker,
# vercel/turbo PR #3666: out/json holds the package.json files, out/full the sources): a
# pruned copy of the workspace the stage holds, under out/ (with --docker: out/full/ for the
# sources and out/json/ for the package.json files)
_TURBO_PRUNE = lazy_re(r"\bturbo\s+prune\b([^;&|\n]*)", needs=("prune",))
_OUT_DIR = lazy_re(r"--out-dir(?:=|\s+)([\w./-]+)", needs=("--out-dir",))


def turbo_prune_outputs(run_text: str) -> tuple[str, ...]:
    """The directories (relative to the RUN's working directory) that a `turbo prune` in this
    RUN writes as copies of the workspace, () when it runs none."""
    found = _TURBO_PRUNE.search(run_text[:20_000])
    if found is None:
        return ()
    args = found.group(1)
    out = _OUT_DIR.search(args)
    base = posixpath.normpath(out.group(1)) if out else "out"
    if base.startswith(("/", "..")) or base == ".":
        return ()
    return (f"{base}/full", f"{base}/json") if "--docker" in args.split() else (base,)
