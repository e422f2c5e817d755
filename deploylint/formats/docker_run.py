"""`docker run [OPTIONS] IMAGE [COMMAND] [ARG...]` written in a host config (a systemd
unit's `ExecStart=/usr/bin/docker run --rm --env-file ... me/bot:latest`): which image,
and what replaces its ENTRYPOINT (`--entrypoint`) and CMD (the words after the image).
https://docs.docker.com/reference/cli/docker/container/run/ (podman takes the same form).
Only words are read; nothing runs."""
from __future__ import annotations

from ..record import dataclass

ENGINES = frozenset({"docker", "podman", "nerdctl"})
# options that take no value (every other option takes the next word, unless written `--opt=value`)
_FLAGS = frozenset({"-d", "--detach", "-i", "--interactive", "-t", "--tty", "-P", "--publish-all", "--rm", "--init",
                    "--privileged", "--read-only", "--no-healthcheck", "--oom-kill-disable", "--sig-proxy", "-q",
                    "--quiet", "--disable-content-trust", "--replace", "--systemd", "--tls-verify", "--no-hosts"})
_SHORT_FLAGS = frozenset("dit" "P" "q")  # bundled: `-it`, `-dit`
MAX_WORDS = 400


@dataclass(frozen=True)
class DockerRun:
    image: str
    entrypoint: tuple[str, ...] | None  # `--entrypoint` (an empty string clears it: ())
    args: tuple[str, ...]  # the words after the image: they replace the CMD
    detached: bool  # `-d`: the command returns at once and the container runs on its own
    name: str = ""


def parse(argv: tuple[str, ...] | list[str]) -> DockerRun | None:
    """The `docker run` an argv is (`docker run`, `docker container run`, `podman run`), or None."""
    words = list(argv[:MAX_WORDS])
    if not words or words[0].rsplit("/", 1)[-1] not in ENGINES:
        return None
    index = 1
    if words[index:index + 2] == ["container", "run"]:
        index += 2
    elif words[index:index + 1] == ["run"]:
        index += 1
    else:
        return None
    entrypoint, detached, name = None, False, ""
    while index < len(words):
        word = words[index]
        if word == "--":
            index += 1
            break
        if not word.startswith("-") or word == "-":
            break
        option, eq, value = word.partition("=")
        if option in _FLAGS or (not option.startswith("--") and len(option) > 1 and set(option[1:]) <= _SHORT_FLAGS):
            detached = detached or option in ("-d", "--detach") or (not option.startswith("--") and "d" in option)
            index += 1
            continue
        if not eq:
            value = words[index + 1] if index + 1 < len(words) else ""
            index += 2
        else:
            index += 1
        if option == "--entrypoint":
            entrypoint = tuple(value.split()) if value.strip() else ()
        elif option == "--name":
            name = value
    if index >= len(words):
        return None
    return DockerRun(words[index], entrypoint, tuple(words[index + 1:]), detached, name)
