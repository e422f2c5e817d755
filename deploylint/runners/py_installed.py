"""Can `python -m NAME` find NAME when it is not in the repository?

`python -m` imports an installed distribution's module as readily as a repository file,
so a module that is not in the repository is only reported missing when nothing could
have installed it: NAME is not a valid module path at all (`python3 -m ANGEL-X-ROBOT`), or
every way the deployment installs packages is readable here (requirements files,
pyproject/Pipfile dependencies, `pip install NAME` lines in Dockerfiles, an official
Python/Debian/Alpine base image) and none of them can provide NAME. Anything this cannot
read (setup.py, `-e`, URLs, `git+`, conda, another base image, a variable) means
"maybe installed": no finding.
"""
from __future__ import annotations

import re
import sys

from ..repo import Repo
from ..patterns import lazy_re

_REQUIREMENT = lazy_re(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([<>=!~;@ ]|$)")
# distributions whose import name shares no part of their own name
_ALIASES = {"telebot": "pytelegrambotapi", "bs4": "beautifulsoup4", "yaml": "pyyaml", "pil": "pillow",
            "cv2": "opencv", "sklearn": "scikit_learn", "dateutil": "python_dateutil", "jwt": "pyjwt",
            "dotenv": "python_dotenv", "decouple": "python_decouple", "tgcrypto": "tgcrypto",
            "googleapiclient": "google_api_python_client", "magic": "python_magic", "socks": "pysocks",
            "crypto": "pycryptodome", "nacl": "pynacl", "git": "gitpython", "attr": "attrs",
            "pyrogram": "pyrofork", "vkbottle": "vkbottle"}
_BASE_IMAGES = ("python", "library/python", "debian", "ubuntu", "alpine", "pypy")
# installed with every Python, or by the buildpacks and images that run Python apps
_ALWAYS = frozenset({"pip", "setuptools", "wheel", "pkg_resources", "ensurepip", "venv", "_distutils_hack"})
MAX_MANIFESTS = 40


def surely_not_installed(repo: Repo, module: str) -> bool:
    """True only when no package the deployment installs can provide `module`'s top level."""
    top = module.split(".")[0]
    if top in _ALWAYS or top in getattr(sys, "stdlib_module_names", ()) or top in sys.builtin_module_names:
        return False
    if repo.with_name(top + ".py") or repo.is_dir(top) or _dir_anywhere(repo, top):
        return False  # in the repository, only elsewhere (a working directory or PYTHONPATH question)
    declared = repo.memo(("python-declared-distributions",), lambda: _declared(repo))
    if not declared:
        return False  # some installation step cannot be read, or none is written down at all
    wanted = _norm(top)
    alias = _ALIASES.get(wanted)
    for name in declared:
        if alias and alias in name:
            return False
        if len(wanted) >= 3 and len(name) >= 3 and (wanted in name or name in wanted):
            return False
        if wanted == name:
            return False
    return True


def declares(repo: Repo, top: str) -> bool:
    """The deployment's manifests name the distribution of import name `top` (`alembic`
    in requirements.txt)."""
    declared = repo.memo(("python-declared-distributions",), lambda: _declared(repo)) or ()
    wanted = _norm(top)
    return wanted in declared or _ALIASES.get(wanted, "\0") in declared


def _dir_anywhere(repo: Repo, top: str) -> bool:
    """A directory `top/` anywhere in the repository (`app/worker/` for `worker`): a package
    or namespace package some working directory or PYTHONPATH may make importable."""
    names = repo.memo(("python-dir-basenames",), lambda: frozenset(
        d.rsplit("/", 1)[-1] for d in getattr(repo, "_dirs", ()) if d))
    return top in names


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _declared(repo: Repo) -> frozenset[str] | None:
    """Normalised names of every distribution the repository's manifests declare, or None
    when an installation source cannot be read."""
    names: set[str] = set()
    for unreadable in ("setup.py", "setup.cfg", "environment.yml", "environment.yaml", "conda.yml", "uv.lock"):
        if repo.with_name(unreadable):
            return None
    requirements = [p for p in repo.named(_is_requirements) if "/node_modules/" not in p][:MAX_MANIFESTS]
    seen: set[str] = set()
    for path in requirements:
        if not _requirements(repo, path, names, seen):
            return None
    for path in repo.with_name("pyproject.toml")[:MAX_MANIFESTS]:
        if not _pyproject(repo.peek(path) or "", names):
            return None
    for path in repo.with_name("Pipfile")[:MAX_MANIFESTS]:
        if not _pipfile(repo.peek(path) or "", names):
            return None
    for path in repo.named(_is_dockerfile)[:MAX_MANIFESTS]:
        if not _dockerfile(repo.peek(path) or "", names):
            return None
    return frozenset(names)


def _is_requirements(name: str) -> bool:
    return name.endswith(".txt") and name.startswith("requirements")


def _is_dockerfile(name: str) -> bool:
    return name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile") \
        or name.endswith(".dockerfile")


def _requirements(repo: Repo, path: str, names: set[str], seen: set[str]) -> bool:
    if path in seen or len(seen) > MAX_MANIFESTS:
        return path in seen
    seen.add(path)
    text = repo.peek(path)
    if text is None:
        return False
    for raw in text.splitlines()[:2000]:
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        included = re.match(r"(-r|--requirement)[\s=]*(\S+)$", line)
        if included:  # `-r requirements/base.txt`, relative to this file
            from ..repo import join

            other = join(path.rpartition("/")[0], included.group(2))
            if not repo.exists(other) or not _requirements(repo, other, names, seen):
                return False
            continue
        if line.startswith(("-c", "--constraint", "--index-url", "-i ", "--extra-index-url",
                            "--find-links", "-f ", "--trusted-host", "--pre", "--prefer-binary", "--no-binary",
                            "--only-binary", "--hash")):
            continue  # constraints and index options install nothing of their own
        if line.startswith("-") or "://" in line or line.startswith((".", "/")) or "$" in line:
            return False  # `-e .`, URLs, `git+https://...`, local paths: cannot tell what they install
        match = _REQUIREMENT.match(line)
        if match is None:
            return False
        names.add(_norm(match.group(1)))
    return True


def _pyproject(text: str, names: set[str]) -> bool:
    data = _toml(text)
    if data is None:
        return False
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    if any(key in tool for key in ("setuptools", "hatch", "pdm", "flit", "maturin")) and _layout_keys(tool):
        return False  # packages from other directories: what `pip install .` provides is not read here
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    groups = [project.get("dependencies") or []]
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        groups.extend(optional.values())
    for group in groups:
        if not isinstance(group, list):
            return False
        for item in group[:1000]:
            if not isinstance(item, str) or "://" in item:
                return False
            match = _REQUIREMENT.match(item)
            if match is None:
                return False
            names.add(_norm(match.group(1)))
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    if any(isinstance(p, dict) and p.get("from") for p in poetry.get("packages") or [] if isinstance(p, dict)):
        return False
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    group_tables = poetry.get("group")
    if isinstance(group_tables, dict):
        tables.extend(g.get("dependencies") for g in group_tables.values() if isinstance(g, dict))
    for table in tables:
        if isinstance(table, dict):
            names.update(_norm(str(k)) for k in list(table)[:1000])
    return True


def _toml(text: str) -> dict | None:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None


def _layout_keys(tool: dict) -> bool:
    text = repr({k: tool.get(k) for k in ("setuptools", "hatch", "pdm", "flit", "maturin")})[:20000]
    return any(key in text for key in ("package-dir", "package_dir", "'where'", "packages", "sources", "only-include"))


def _pipfile(text: str, names: set[str]) -> bool:
    data = _toml(text)
    if data is None:
        return False
    for table in ("packages", "dev-packages"):
        section = data.get(table)
        if isinstance(section, dict):
            for name, spec in list(section.items())[:1000]:
                if isinstance(spec, dict) and ("git" in spec or "path" in spec or "file" in spec):
                    return False
                names.add(_norm(str(name)))
    return True


_PIP = lazy_re(r"\bpip3?\s+install\b([^&;|\n]*)")


def _dockerfile(text: str, names: set[str]) -> bool:
    joined = re.sub(r"\\\r?\n", " ", text)
    for line in joined.splitlines()[:2000]:
        words = line.strip().split()
        if not words:
            continue
        instruction = words[0].upper()
        if instruction == "FROM":
            image = next((w for w in words[1:] if not w.startswith("--")), "")
            base = image.split("@")[0].rsplit(":", 1)[0] if ":" in image.split("/")[-1] else image.split("@")[0]
            if base.lower() not in _BASE_IMAGES and not _is_stage(base, joined):
                return False  # another image may come with the package installed
        elif instruction in ("RUN", "CMD", "ENTRYPOINT"):
            for match in _PIP.finditer(line):
                for word in match.group(1).split()[:200]:
                    word = word.strip("'\"")
                    if not word or word.startswith("-"):
                        continue
                    if "$" in word or "://" in word or word.startswith((".", "/")) or word.endswith((".txt", ".whl")):
                        if word.endswith(".txt"):
                            continue  # `-r requirements.txt`: the requirements file is read as such
                        return False
                    found = _REQUIREMENT.match(word)
                    if found is None:
                        return False
                    names.add(_norm(found.group(1)))
    return True


def _is_stage(name: str, text: str) -> bool:
    """`FROM builder`: an earlier stage of the same Dockerfile (`FROM python:3.12 AS builder`)."""
    return bool(name) and re.search(rf"(?i)\bAS\s+{re.escape(name)}\b", text) is not None
