"""Compose interpolation in `command`/`entrypoint`: `${VAR:-default}` and `${VAR-default}`
become the value `.env` (in the project directory) gives VAR, else the default, before the
command runs (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/).
`command: ["npm", "run", "${ENABLE:-start}"]` runs `npm run start`. `${VAR}` with no
default and no `.env` value stays as written (unknown here)."""
from __future__ import annotations

import posixpath

from ..patterns import lazy_re

_DEFAULTED = lazy_re(r"(?<!\$)\$\{(\w{1,100})(:?-)([^}$]{0,200})\}", needs=("${",))


def project_env(repo, compose_path: str) -> dict[str, str]:
    """Variables of the `.env` file beside the compose file (committed ones only)."""
    path = posixpath.join(posixpath.dirname(compose_path), ".env")
    if not repo.exists(path):
        return {}
    return env_lines(repo.read_text(path) or "")


def env_lines(text: str) -> dict[str, str]:
    """`NAME=value` lines of a .env file (`export NAME=value` too; quotes removed, comments
    skipped, at most 2,000 lines read)."""
    env: dict[str, str] = {}
    for line in text.splitlines()[:2000]:
        line = line.strip()
        if line.startswith("export "):
            line = line[7:].lstrip()
        name, equals, rest = line.partition("=")
        if not equals or line.startswith("#") or not name.strip().replace("_", "").isalnum():
            continue
        rest = rest.strip()
        if len(rest) >= 2 and rest[0] == rest[-1] and rest[0] in "'\"":
            rest = rest[1:-1]
        env[name.strip()] = rest
    return env


def interpolate(word: str, env: dict[str, str]) -> str:
    """`word` with each defaulted `${VAR:-x}`/`${VAR-x}` replaced (`:-` also takes the
    default for an empty value)."""
    if "${" not in word:
        return word

    def one(match) -> str:
        name, how, default = match.group(1), match.group(2), match.group(3)
        value = env.get(name)
        if value is None or (how == ":-" and value == ""):
            return default
        return value

    return _DEFAULTED.sub(one, word)
