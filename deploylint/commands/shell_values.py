"""Command substitutions whose value is known without running anything.

A script's own directory: `DIR="$(cd "$(dirname "$0")" && pwd)"`.

Start scripts find their own files through their location: `ROOT=$(cd "$(dirname
"${BASH_SOURCE[0]}")/.." && pwd)`, `HERE=$(dirname "$0")`, `$(realpath "$(dirname "$0")")`,
then `cd "$ROOT"` or `python "$ROOT/bot.py"`. When the walk reads a script file
(`Context.script`), such a value is that file's directory (with the `/..` written after
it), kept as a path relative to the walk's working directory and moved along when a later
`cd` changes it, so that `$ROOT/bot.py` names the repository file whatever the directory
the script was started from.

A program looked up on PATH: `PY="$(command -v python3)"`, `PYTHON=$(which python3)`,
`PY=$(command -v python3 || command -v python)` hold the program's name (the first one),
so `"$PY" -u bot.py` is followed like `python3 -u bot.py`.

Any other `$(...)` stays unknown, as before.
"""
from __future__ import annotations

import posixpath
import re

from ..patterns import lazy_re

_SOURCE = r"(?:\$0|\$\{0\}|\$\{BASH_SOURCE(?:\[0\])?\}|\$BASH_SOURCE(?:\[0\])?)"
_RESOLVED = rf"(?:{_SOURCE}|\$\((?:realpath|readlink -[fe]|greadlink -f) (?:-- )?{_SOURCE}\))"
_DIRNAME = rf"\$\(dirname (?:-- )?{_RESOLVED}\)"
_SUFFIX = r"(?P<suffix>(?:/[\w.-]+)*)/?"
_QUIET = r"(?: ?(?:[12]?>>?|&>) ?/dev/null)*(?: 2>&1)?"
_FORMS = (
    lazy_re(rf"^{_DIRNAME}{_SUFFIX}$"),  # $(dirname "$0")/..
    lazy_re(rf"^\$\(cd (?:-P )?(?:-- )?{_DIRNAME}{_SUFFIX}{_QUIET} ?(?:&&|;) ?pwd(?: -P)?{_QUIET}\)"
            rf"(?P<after>(?:/[\w.-]+)*)/?$"),  # $(cd "$(dirname "$0")/.." && pwd)
    lazy_re(rf"^\$\((?:realpath|readlink -[fe]) (?:-- )?{_DIRNAME}{_SUFFIX}\)$"),  # $(realpath "$(dirname "$0")/..")
)


def script_dir(text: str, script: str) -> str | None:
    """The repository directory a `$(...)` value names, or None (not the idiom, or out of
    the repository). `script` is the path of the script being read."""
    if not script or "dirname" not in text or len(text) > 300:
        return None
    plain = re.sub(r"\s+", " ", text.replace('"', "").replace("'", "")).strip()
    plain = plain.replace("$( ", "$(").replace(" )", ")")
    if plain.startswith("`") and plain.endswith("`"):
        plain = f"$({plain[1:-1]})"
    match = next((m for m in (form.match(plain) for form in _FORMS) if m is not None), None)
    if match is None:
        return None
    suffix = (match.group("suffix") or "") + (match.groupdict().get("after") or "")
    directory = posixpath.normpath(posixpath.join(posixpath.dirname(script) or ".", suffix.lstrip("/") or "."))
    if directory == ".":
        return ""
    return None if directory.startswith("..") or directory.startswith("/") else directory


def relative(directory: str, cwd: str) -> str:
    """`directory` (from the repository root) as seen from `cwd`."""
    return posixpath.relpath(directory or ".", cwd or ".")


_LOOKUP = lazy_re(r"^\$\((?:command -v|which|type -P|type -p|hash -t) ([\w.+-]{1,64})(?: 2>/dev/null)?"
                  r"(?: ?\|\| ?(?:command -v|which|type -P|type -p) [\w.+-]{1,64}(?: 2>/dev/null)?)*\)$")


def looked_up(text: str) -> str | None:
    """The program a `$(command -v NAME)` / `$(which NAME)` value names, or None."""
    if len(text) > 300 or ("$(" not in text and "`" not in text):
        return None
    plain = re.sub(r"\s+", " ", text.replace('"', "").replace("'", "")).strip()
    plain = plain.replace("$( ", "$(").replace(" )", ")")
    if plain.startswith("`") and plain.endswith("`"):
        plain = f"$({plain[1:-1]})"
    match = _LOOKUP.match(plain)
    return match.group(1) if match else None
