"""What a compose service's container sees at run time (split from formats/compose.py):
bind mounts of the repository (`./:/app`, which act like COPY rules that win), its
`working_dir`, and its environment (`environment`, `env_file`, `${VAR:-default}`).
"""
from __future__ import annotations

import posixpath
from ..repo import Repo, join, normalise
from .compose_merge import Service, _normalise
from ..patterns import lazy_re

_INTERPOLATED = lazy_re(r"^\$\{\w+(?::?-([^}]*))?\}$", needs=("${",))


def _working_dir(service: Service) -> str | None:
    value = service.get("working_dir")
    return value if isinstance(value, str) and value.startswith("/") else None


def _mounts_code(dc, working_dir: str | None) -> bool:
    """The service bind-mounts repository code where its command runs: the project
    directory itself (`./:/app`), or a directory over the `working_dir`."""
    for rule in dc.copies:
        if rule.source in (".", "") or rule.source.startswith(".."):
            return True
        if working_dir and (working_dir == rule.dest or working_dir.startswith(rule.dest.rstrip("/") + "/")):
            return True
    return False


def _with_mounts(dc, service: Service, context: str):
    """Bind mounts of repo directories (`./:/app`) act like COPY rules that win."""
    from ..record import replace

    from .dockerfile import CopyRule

    rules = []
    directory = service.dirs.get("volumes", posixpath.dirname(service.location.path))
    for item in service.get("volumes") or []:
        host, dest = _mount(item)
        if host is None or not dest.startswith("/"):
            continue
        source = posixpath.relpath(join(directory, host) or ".", context or ".")
        rules.append(CopyRule(source, posixpath.normpath(dest), False))
    return replace(dc, copies=(*dc.copies, *rules)) if rules else dc


def _foreign_mount_over(service: Service, workdir: str | None) -> bool:
    """A bind mount from outside the repository (`${PROJECT_PATH}:/var/www`,
    `/srv/app:/app`, `~/bot:/app`) over the directory the command runs in: the files
    there come from the host at run time, so one the repository lacks is not missing
    (DPL003)."""
    if not workdir or not workdir.startswith("/"):
        return False
    for item in service.get("volumes") or []:
        if isinstance(item, dict):
            host, dest = (item.get("source"), item.get("target")) if item.get("type") == "bind" else (None, None)
        else:
            parts = str(item).split(":")
            host, dest = (parts[0], parts[1]) if len(parts) >= 2 else (None, None)
        if not isinstance(host, str) or not isinstance(dest, str) or not host.startswith(("$", "/", "~")):
            continue
        dest = posixpath.normpath(dest) if dest.startswith("/") else ""
        if dest and (workdir == dest or workdir.startswith(dest.rstrip("/") + "/")):
            return True
    return False


def _mount(item) -> tuple[str | None, str]:
    if isinstance(item, dict):
        if item.get("type") == "bind" and isinstance(item.get("source"), str):
            return item["source"], str(item.get("target", ""))
        return None, ""
    parts = str(item).split(":")
    if len(parts) >= 2 and parts[0].startswith("."):  # a path relative to the compose file
        return parts[0], parts[1]
    return None, ""


def _env_files(repo: Repo, service: Service) -> dict[str, str]:
    """Variables of the service's `env_file` files that are in the repository (later files
    win; `environment` wins over all). A file that is not committed adds nothing."""
    value = service.get("env_file")
    items = value if isinstance(value, list) else [value] if value is not None else []
    directory = service.dirs.get("env_file", posixpath.dirname(service.location.path))
    env: dict[str, str] = {}
    for item in items[:20]:
        path = item.get("path") if isinstance(item, dict) else item
        if not isinstance(path, str) or not path or path.startswith(("/", "$")):
            continue
        full = normalise(posixpath.join(directory, path))
        text = repo.read_text(full) if repo.exists(full) else None
        if text:
            from .compose_interpolate import env_lines

            env.update(env_lines(text))
    return env


def _env_complete(repo: Repo, service: Service) -> bool:
    """Whether a service built from the repository's Dockerfile gets exactly the variables
    deploylint read: Compose passes the container only its `environment` and `env_file`
    entries (and the image's ENV), so a name in none of them is unset. Not so when an
    env_file is not committed, an entry passes the host's value through (`- NAME`, `NAME:`)
    or is interpolated without a default (`NAME: ${NAME}`)."""
    files = service.get("env_file")
    items = files if isinstance(files, list) else [files] if files is not None else []
    directory = service.dirs.get("env_file", posixpath.dirname(service.location.path))
    for item in items[:20]:
        path = item.get("path") if isinstance(item, dict) else item
        if not isinstance(path, str) or path.startswith(("/", "$")) \
                or not repo.exists(normalise(posixpath.join(directory, path))):
            return False
    value = _normalise(service.get("environment"), "environment")
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if item is None or isinstance(item, (dict, list)):
            return False
        match = _INTERPOLATED.match(str(item))
        if match and match.group(1) is None or "$" in _INTERPOLATED.sub("", str(item)):
            return False
    return True


def _environment(value) -> dict[str, str]:
    value = _normalise(value, "environment")
    if not isinstance(value, dict):
        return {}
    env = {}
    for name, item in value.items():
        if item is None or isinstance(item, (dict, list)):
            continue  # `- NAME` alone passes the shell's value through: unknown here
        text = str(item).lower() if isinstance(item, bool) else str(item)
        match = _INTERPOLATED.match(text)
        env[str(name)] = match.group(1) if match and match.group(1) is not None else text
    return env
