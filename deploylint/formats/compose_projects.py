"""Which compose files are combined, like `docker compose -f a.yml -f b.yml`.

Compose (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/):
`docker compose up` in a directory reads compose.yaml + compose.override.yaml; `-f a -f
b` (or `COMPOSE_FILE=a:b` in `.env`) merges the files in order, and relative paths in
every file are resolved against the project directory, the first file's directory.

A project is found from, in order:
1. evidence in the repository: `-f` lists in Makefiles, scripts, CI workflows, package.json
   and README usage lines, and `COMPOSE_FILE` in `.env` files;
2. the conventions: base + its override beside it, base + each variant beside it
   (`docker-compose.prod.yml`), except a variant the repository runs alone (`-f
   docker-compose.prod.yml` with no other file) or one that is a complete layout of its own
   (every service has an image or a build, most of them not the base's: a
   `docker-compose.cluster.yml`); a Swarm stack file (`docker-stack.yml`) on its own;
3. an override kept elsewhere (`deploy/docker-compose.ha.yml`) whose services all extend
   a base file's services (same names, no image or build of their own) only makes sense
   on top of that base: merged with it, and the trace says there was no evidence.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from ..record import dataclass

from ..model import Location, Step
from ..repo import Repo, join
from .names import COMPOSE_BASE_NAMES as BASE_NAMES, COMPOSE_OVERRIDE, COMPOSE_VARIANT, SWARM_STACK, default_dockerfile, \
    is_compose
from ..patterns import NameTest, lazy_re

MAX_EVIDENCE_FILES = 400
_INVOCATION = lazy_re(r"docker[- ]compose\b((?:[^\n\\]|\\\n|\\.)*)")
# Swarm: `docker stack deploy -c a.yml [-c b.yml] STACK` reads compose files the same way
_STACK = lazy_re(r"docker\s+stack\s+(?:deploy|up)\b((?:[^\n\\]|\\\n|\\.)*)", needs=("stack",))
_COMPOSE_FILE = lazy_re(r"^\s*(?:export\s+)?COMPOSE_FILE\s*=\s*[\"']?([^\"'\n#]+)", re.MULTILINE)
_MENTIONS_COMPOSE = lazy_re(rb"compose|COMPOSE_FILE|stack", needs=(b"compose", b"COMPOSE_FILE", b"stack"))
_EVIDENCE_NAMES = NameTest(lazy_re(r"(?i)^(Makefile|GNUmakefile|.*\.mk|justfile|Taskfile\.ya?ml|.*\.(sh|bash|ps1|bat|cmd)|"
                                   r"package\.json|README(\..*)?|.*\.md|\.env(\..*)?)$"),
                           exact=("makefile", "gnumakefile", "justfile", "taskfile.yml", "taskfile.yaml", "package.json",
                                  "readme", ".env"),
                           prefixes=("readme.", ".env."), suffixes=(".mk", ".sh", ".bash", ".ps1", ".bat", ".cmd", ".md"))
_STOP_WORDS = {"&&", "||", ";", "|", "&"}
# compose's global options that take a value, and subcommands that start no service
_VALUE_OPTIONS = {"-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory",
                  "--ansi", "--parallel", "--progress", "-H", "--host", "-c", "--context", "--log-level"}
_NON_STARTING = {"down", "stop", "kill", "rm", "ps", "logs", "config", "convert", "pull", "push", "build", "images",
                 "ls", "top", "port", "version", "pause", "unpause", "events", "cp", "exec", "wait"}
_SERVICES_KEY = lazy_re(r"^services[ \t]*:", re.MULTILINE, needs=("services",))
_SERVICES_BYTES = lazy_re(rb"services", needs=(b"services",))


@dataclass(frozen=True)
class Project:
    files: tuple[str, ...]
    why: Step | None = None  # where the combination comes from (evidence or assumption)
    from_override: bool = False  # files[0] is itself an override (no base found)
    directory: str | None = None  # `--project-directory`: what relative paths resolve against


def projects(repo: Repo) -> list[Project]:
    return repo.memo(("compose-projects",), lambda: _projects(repo)) or []


def _projects(repo: Repo) -> list[Project]:
    found: list[Project] = []
    seen: set[tuple[str, ...]] = set()

    def add(project: Project) -> None:
        if project.files not in seen:
            seen.add(project.files)
            found.append(project)

    evidence, alone = _evidence(repo)
    for project in evidence:  # first, so a list the repository writes keeps its evidence step
        add(project)
    for project in _conventional(repo, alone):
        add(project)
    for project in _orphans(repo, {p for e in evidence for p in e.files}):
        add(project)
    # a base that only works with an overlay (a service with no image or build, or a build
    # whose Dockerfile is not where the base alone looks) is never run alone: `docker compose
    # up` would refuse it; the overlay set that completes it is what runs
    completed = {p.files[0] for p in found if len(p.files) > 1}
    return [p for p in found if not (len(p.files) == 1 and p.files[0] in completed and _incomplete_alone(repo, p.files[0]))]


def _incomplete_alone(repo: Repo, path: str) -> bool:
    from .compose import load, services

    if load(repo, path) is None:
        return False
    base_dir = posixpath.dirname(path)
    for service in services(repo, path).values():
        build, image = service.get("build"), service.get("image")
        if build is None and image is None:
            return True
        if isinstance(build, dict):
            context = str(build.get("context", "."))
            if "://" in context or context.startswith("git@") or "dockerfile_inline" in build:
                continue
            directory = service.dirs.get("build", base_dir)
            named = build.get("dockerfile")
            if not repo.exists(join(join(directory, context), str(named)) if named is not None
                               else default_dockerfile(repo, join(directory, context))):
                return True
    return False


# -- the conventions --------------------------------------------------------------------
def _conventional(repo: Repo, alone: dict[str, Step] | None = None) -> list[Project]:
    by_dir: dict[str, list[str]] = {}
    for path in repo.named(is_compose):
        if path.startswith(".github/workflows/"):  # `.github/workflows/docker-compose.yml` is a workflow
            continue
        by_dir.setdefault(posixpath.dirname(path), []).append(path)
    found = []
    for directory, paths in sorted(by_dir.items()):
        names = {posixpath.basename(p): p for p in paths}
        bases = [names[n] for n in BASE_NAMES if n in names]
        for base in bases:
            stem = _stem(base)
            override = next((p for n, p in sorted(names.items()) if (m := COMPOSE_OVERRIDE.match(n)) and m.group(1) == stem), None)
            found.append(Project((base, override) if override else (base,)))
        for name, path in sorted(names.items()):
            match = None if name in BASE_NAMES else COMPOSE_VARIANT.match(name)  # (base names: no pattern compiled)
            if not match:
                continue
            base = next((b for b in bases if _stem(b) == match.group(1)), bases[0] if bases else None)
            if base:
                why = _standalone(repo, base, path, alone or {})
                found.append(Project((path,), why) if why is not None else Project((base, path)))
        for name, path in sorted(names.items()):  # a Swarm stack file is deployed on its own
            if SWARM_STACK.match(name):
                found.append(Project((path,)))
        if not bases:  # overrides and variants with no base beside them: see _orphans
            for name, path in sorted(names.items()):
                if (COMPOSE_OVERRIDE.match(name) or COMPOSE_VARIANT.match(name)) and not _override_like(repo, path):
                    found.append(Project((path,)))
    return found


def _stem(path: str) -> str:
    return posixpath.basename(path).rsplit(".", 1)[0]


def _standalone(repo: Repo, base: str, variant: str, alone: dict[str, Step]) -> Step | None:
    """Why a variant beside a base (`docker-compose.cluster.yml`) runs on its own rather than
    on top of the base, or None: the repository runs it alone (`docker compose -f
    docker-compose.cluster.yml up`, no other `-f`), or it is a complete project of its own:
    every service has an image or a build, and most of them are not the base's services
    (a second layout of the application, not an overlay that adjusts the base's services)."""
    from .compose import services

    if _base_image(services(repo, base), services(repo, variant)):
        return None  # it runs the image the base builds (`image: app_bot`): the base's build applies
    if variant in alone:
        return alone[variant]
    if _override_like(repo, variant) or _incomplete_alone(repo, variant):
        return None
    own = set(services(repo, variant))
    shared = own & set(services(repo, base))
    if not own or 2 * len(shared) >= len(own):
        return None
    return Step(Location(variant, 1, 1), f"{variant} runs on its own, not on top of {base}: every service has an image "
                                         f"or a build, and {len(own) - len(shared)} of its {len(own)} services are not "
                                         f"in {base} (no `-f` list found)")


def _base_image(base: dict, variant: dict) -> bool:
    """A variant service with no build of its own runs an image a base service builds: the
    base's `image:` tag, or Compose's default name for it (`<project>_<service>`, `-` since v2)."""
    built = {n for n, body in base.items() if body.get("build") is not None}
    tags = {str(base[n].get("image")).split(":")[0] for n in built if isinstance(base[n].get("image"), str)}
    for body in variant.values():
        image = body.get("image")
        if body.get("build") is not None or not isinstance(image, str) or "$" in image:
            continue
        name = image.rsplit("/", 1)[-1].split(":")[0]
        if image.split(":")[0] in tags or any(name.endswith((f"_{n}", f"-{n}")) for n in built):
            return True
    return False


# -- evidence ---------------------------------------------------------------------------
def _evidence(repo: Repo) -> tuple[list[Project], dict[str, Step]]:
    """The `-f` lists the repository writes, and the variant files it runs alone (no base)."""
    from .platform_common import evidence_texts

    found: list[Project] = []
    alone: dict[str, Step] = {}
    for path, text in evidence_texts(repo, lambda p, name: _in_ci(p, name) or _EVIDENCE_NAMES(name),
                                     _MENTIONS_COMPOSE, MAX_EVIDENCE_FILES):
        name = posixpath.basename(path)
        in_ci = _in_ci(path, name)
        for files, line, project_dir, verb in _lists_in(text, name):
            resolved = _resolve(repo, path, files, in_ci)
            if resolved:  # a file named only by `-f` counts when it reads as a compose document
                kept = [f for f in resolved if is_compose(posixpath.basename(f)) or _compose_document(repo, f)]
                if kept != resolved:
                    files = [f for f, r in zip(files, resolved) if r in kept]
                    resolved = kept or None
            directory = _resolve_dir(repo, path, resolved, project_dir, in_ci) if resolved and project_dir else None
            if resolved and len(resolved) == 1 and directory is None and COMPOSE_VARIANT.match(posixpath.basename(resolved[0])) \
                    and not COMPOSE_OVERRIDE.match(posixpath.basename(resolved[0])) and resolved[0] not in alone:
                alone[resolved[0]] = Step(Location(path, abs(line)), f"COMPOSE_FILE in {path} names {files[0]} alone"
                                          if line < 0 else f"{path} runs `{verb} {_flag(verb)} {files[0]}` alone")
            if resolved and (len(resolved) > 1 or directory is not None or not is_compose(posixpath.basename(resolved[0]))):
                how = f"COMPOSE_FILE in {path}" if line < 0 else f"{path} runs `{verb} {' '.join(_flag(verb) + ' ' + f for f in files)}" \
                    + (f" --project-directory {project_dir}`" if project_dir else "`")
                found.append(Project(tuple(resolved), Step(Location(path, abs(line)), how), directory=directory))
    return found, alone


def _in_ci(path: str, name: str) -> bool:
    return path.startswith(".github/workflows/") or name in (".gitlab-ci.yml", "Jenkinsfile", ".drone.yml")


def _lists_in(text: str, name: str) -> list[tuple[list[str], int, str | None, str]]:
    """(-f files, line, --project-directory, the command) per `docker compose` or
    `docker stack deploy` invocation; line < 0 for COMPOSE_FILE."""
    found = []
    for match in _INVOCATION.finditer(text):
        rest = match.group(1).replace("\\\n", " ")
        files = _file_options(rest)
        if files and not _starts_nothing(rest):
            project = re.search(r"--project-directory[=\s]+([^\s;&|]+)", rest)
            found.append((files, text.count("\n", 0, match.start()) + 1, project.group(1).strip("\"'") if project else None,
                          "docker compose"))
    for match in _STACK.finditer(text):
        files = _file_options(match.group(1).replace("\\\n", " "), ("-c", "--compose-file"))
        if files:
            found.append((files, text.count("\n", 0, match.start()) + 1, None, "docker stack deploy"))
    if name.startswith(".env") or name.endswith(".sh"):
        for match in _COMPOSE_FILE.finditer(text):
            separator = ";" if ";" in match.group(1) else ":"
            files = [f.strip() for f in match.group(1).strip().split(separator) if f.strip()]
            if files:
                found.append((files, -(text.count("\n", 0, match.start()) + 1), None, "docker compose"))
    return found


def _flag(verb: str) -> str:
    return "-c" if verb == "docker stack deploy" else "-f"


def _words(rest: str) -> list[str]:
    try:  # `;`, `&&`, `|` split off even when glued to a word (`up -d; kubectl apply -f x`)
        lexer = shlex.shlex(rest, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split, lexer.commenters = True, ""
        return list(lexer)
    except ValueError:
        return rest.split()


def _starts_nothing(rest: str) -> bool:
    """The invocation's subcommand stops, inspects or builds (`down`, `logs`, `build`):
    its `-f` list says nothing about what runs (a `down` target often lists every file)."""
    words = _words(rest)
    index = 0
    while index < len(words):
        word = words[index]
        if word in _STOP_WORDS:
            return False
        if word.startswith("-"):
            index += 2 if word in _VALUE_OPTIONS else 1
            continue
        return word in _NON_STARTING
    return False


def _file_options(rest: str, names: tuple[str, str] = ("-f", "--file")) -> list[str]:
    """The files an invocation names with `-f x`, `--file x`, `--file=x`, `-fx` (or, for
    `docker stack deploy`, `-c`/`--compose-file`)."""
    short, long = names
    words = _words(rest)
    files = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _STOP_WORDS or word.startswith(("`", ")")):
            break
        if word in names and index + 1 < len(words):
            files.append(words[index + 1])
            index += 2
            continue
        if word.startswith((long + "=", short + "=")):
            files.append(word.split("=", 1)[1])
        elif word.startswith(short) and len(word) > 2 and not word.startswith("--"):
            files.append(word[2:])
        index += 1
    return [f.strip("\"'`,") for f in files]


def _resolve(repo: Repo, evidence: str, files: list[str], in_ci: bool) -> list[str] | None:
    """The repo paths of an evidence list: relative to the evidence file's directory, else
    to the root (CI and READMEs run from the root); None when one is not in the repo."""
    if any("$" in f or "*" in f for f in files):
        return None
    directory = "" if in_ci else posixpath.dirname(evidence)
    for base in dict.fromkeys((directory, "")):
        resolved = [join(base, f) for f in files]
        if all(repo.exists(p) and p.endswith((".yml", ".yaml")) for p in resolved):
            return resolved
    return None


def _compose_document(repo: Repo, path: str) -> bool:
    """A file with a name compose does not look for, named by `-f`: a compose document
    when it is a YAML mapping with a `services:` mapping, or when it does not parse but
    has a top-level `services:` key (compose would fail on it: DPL001 from compose.load).
    Anything else (a file another tool reads, a YAML list) is left alone."""
    return bool(repo.memo(("compose-document", path), lambda: _is_compose_document(repo, path)))


def _is_compose_document(repo: Repo, path: str) -> bool:
    text = repo.peek(path, quick=_SERVICES_BYTES)
    if not text or not _SERVICES_KEY.search(text):
        return False
    from ..safe import MAX_DEPTH, yaml_depth

    if yaml_depth(text) > MAX_DEPTH:
        return True  # compose.load reports what it cannot read (DPL006)
    from ..yamlfile import parse

    try:  # quietly: compose.load reports on it once it is known to be a compose file
        data = parse(text)
    except Exception:  # noqa: BLE001 - a top-level `services:` that does not parse: a broken compose file
        return True
    services = data.get("services") if isinstance(data, dict) else None
    return isinstance(services, dict) and bool(services)


def _resolve_dir(repo: Repo, evidence: str, resolved: list[str], project_dir: str, in_ci: bool) -> str | None:
    """`--project-directory DIR` as a repo directory, from where the command runs (the
    evidence file's directory for scripts, the root for CI and READMEs)."""
    if "$" in project_dir:
        return None
    directory = "" if in_ci or evidence.lower().endswith(".md") else posixpath.dirname(evidence)
    found = join(directory, project_dir)
    return found if repo.is_dir(found) and not found.startswith("..") else None


# -- overrides kept away from their base --------------------------------------------------
def _orphans(repo: Repo, covered: set[str]) -> list[Project]:
    """Override-like compose files (services without image/build) with no base beside them
    and no evidence: merged with the base file whose services they extend."""
    if not repo.named(is_compose):
        return []  # nothing to merge (and no compose module to load for a repository without compose files)
    from . import compose

    bases = [p for p in repo.named(is_compose) if posixpath.basename(p) in BASE_NAMES]
    found = []
    for path in repo.named(is_compose):
        directory = posixpath.dirname(path)
        if path in covered or posixpath.basename(path) in BASE_NAMES or SWARM_STACK.match(posixpath.basename(path)) \
                or path.startswith(".github/workflows/") \
                or not _override_like(repo, path):
            continue
        if any(posixpath.dirname(b) == directory for b in bases):
            continue  # the conventions pair it with the base beside it
        names = _bare_services(repo, path)
        best, score = None, (0, 0)
        for base in bases:
            overlap = len(names & set(compose.services(repo, base)))
            nearness = -_distance(directory, posixpath.dirname(base))
            if overlap and (overlap, nearness) > score:
                best, score = base, (overlap, nearness)
        if best is None:
            found.append(Project((path,), None, from_override=True))
            continue
        shared = ", ".join(f"`{n}`" for n in sorted(names & set(compose.services(repo, best))))
        found.append(Project((best, path), Step(
            Location(path, 1, 1),
            f"{path} is merged with {best} (no `-f` list found): its services ({shared}) have no image or build of their own, so it only runs on top of {best}")))
    return found


def _override_like(repo: Repo, path: str) -> bool:
    """Some service has no image, build or extends of its own: the file cannot run alone."""
    from . import compose

    data = compose.load(repo, path)
    raw = data.get("services") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        return False
    return any(isinstance(body, dict) and not ({"image", "build", "extends"} & set(body)) for body in raw.values()) \
        and not data.get("include")


def _bare_services(repo: Repo, path: str) -> set[str]:
    """The services of `path` with no image, build or extends: the ones a base must define."""
    from . import compose

    data = compose.load(repo, path)
    raw = data.get("services") if isinstance(data, dict) else None
    return {str(n) for n, body in (raw or {}).items() if isinstance(body, dict) and not ({"image", "build", "extends"} & set(body))}


def _distance(a: str, b: str) -> int:
    parts_a, parts_b = [p for p in a.split("/") if p], [p for p in b.split("/") if p]
    common = 0
    for x, y in zip(parts_a, parts_b):
        if x != y:
            break
        common += 1
    return len(parts_a) + len(parts_b) - 2 * common
