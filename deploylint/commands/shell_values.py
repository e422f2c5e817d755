"""Shell variables: `NAME=value` and `cd` as the walk sees them (commands/shell.py), and
the command substitutions whose value is known without running anything.

A script's own directory: `DIR="$(cd "$(dirname "$0")" && pwd)"`.

Start scripts find their own files through their location: `ROOT=$(cd "$(dirname
"${BASH_SOURCE[0]}")/.." && pwd)`, `HERE=$(dirname "$0")`, `$(realpath "$(dirname "$0")")`,
then `cd "$ROOT"` or `python "$ROOT/bot.py"`. When the walk reads a script file
(`Context.script`), such a value is that file's directory (with the `/..` written after
it), kept as a path relative to the walk's working directory and moved along when a later
`cd` changes it, so that `$ROOT/bot.py` names the repository file whatever the directory
the script was started from.

A directory built from such a variable is one too: `ROOT="$(dirname "$SCRIPT_DIR")"`,
`$(cd "$SCRIPT_DIR/.." && pwd)`, `$(realpath "$HERE/..")`, `$(readlink -f "${work_dir}/..")`.
`cmd+=" --debug"` appends to the known value (inside an undecided `if` too: the program
is the same either way).

A program looked up on PATH: `PY="$(command -v python3)"`, `PYTHON=$(which python3)`,
`PY=$(command -v python3 || command -v python)` hold the program's name (the first one),
so `"$PY" -u bot.py` is followed like `python3 -u bot.py`.

Any other `$(...)` stays unknown, as before.
"""
from __future__ import annotations

import posixpath
import re

from ..patterns import lazy_re
from ..record import replace
from ..repo import join
from ..safe import MAX_COMMAND
from .shell_words import _word as word_value

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
    plain = _plain(text)
    match = next((m for m in (form.match(plain) for form in _FORMS) if m is not None), None)
    if match is None:
        return None
    suffix = (match.group("suffix") or "") + (match.groupdict().get("after") or "")
    return _inside(posixpath.dirname(script), suffix)


def _inside(base: str, suffix: str) -> str | None:
    """`base` (a repository directory) with `suffix` (`/..`, `/src`) applied, or None when
    that leaves the repository."""
    directory = posixpath.normpath(posixpath.join(base or ".", suffix.lstrip("/") or "."))
    if directory == ".":
        return ""
    return None if directory.startswith("..") or directory.startswith("/") else directory


_VAR = r"\$(?:(?P<name>\w{1,64})|\{(?P<braced>\w{1,64})\})"
_FROM_ANCHOR = (  # a directory built from a variable that holds one (`$SCRIPT_DIR`)
    lazy_re(rf"^\$\(dirname (?:-- )?{_VAR}{_SUFFIX}\)(?P<after>(?:/[\w.-]+)*)/?$"),  # $(dirname "$SCRIPT_DIR")
    lazy_re(rf"^\$\(cd (?:-P )?(?:-- )?{_VAR}{_SUFFIX}{_QUIET} ?(?:&&|;) ?pwd(?: -P)?{_QUIET}\)"
            rf"(?P<after>(?:/[\w.-]+)*)/?$"),  # $(cd "$SCRIPT_DIR/.." && pwd)
    lazy_re(rf"^\$\((?:realpath|readlink -[fe]) (?:-- )?{_VAR}{_SUFFIX}\)(?P<after>(?:/[\w.-]+)*)/?$"),
)


def from_anchor(text: str, anchors: dict) -> str | None:
    """The repository directory of `$(dirname "$SCRIPT_DIR")`, `$(cd "$ROOT/.." && pwd)` or
    `$(realpath "$HERE/..")` when the variable holds a script directory (`anchors`)."""
    if not anchors or len(text) > 300 or "$(" not in _plain(text):
        return None
    plain = _plain(text)
    for index, form in enumerate(_FROM_ANCHOR):
        match = form.match(plain)
        if match is None:
            continue
        anchor = anchors.get(match.group("name") or match.group("braced"))
        if anchor is None:
            return None
        inner = _inside(anchor, match.group("suffix") or "")
        if inner is None:
            return None
        if index == 0:  # dirname: the parent of the path inside
            inner = _inside(inner, "/..")
        return None if inner is None else _inside(inner, match.group("after") or "")
    return None


def _plain(text: str) -> str:
    """A substitution's text without quotes, with single spaces, `` `x` `` as `$(x)`."""
    plain = re.sub(r"\s+", " ", text.replace('"', "").replace("'", "")).strip()
    plain = plain.replace("$( ", "$(").replace(" )", ")")
    return f"$({plain[1:-1]})" if plain.startswith("`") and plain.endswith("`") and len(plain) > 1 else plain


def relative(directory: str, cwd: str) -> str:
    """`directory` (from the repository root) as seen from `cwd`."""
    return posixpath.relpath(directory or ".", cwd or ".")


_LOOKUP = lazy_re(r"^\$\((?:command -v|which|type -P|type -p|hash -t) ([\w.+-]{1,64})(?: 2>/dev/null)?"
                  r"(?: ?\|\| ?(?:command -v|which|type -P|type -p) [\w.+-]{1,64}(?: 2>/dev/null)?)*\)$")


def looked_up(text: str) -> str | None:
    """The program a `$(command -v NAME)` / `$(which NAME)` value names, or None."""
    if len(text) > 300 or ("$(" not in text and "`" not in text):
        return None
    plain = _plain(text)
    match = _LOOKUP.match(plain)
    return match.group(1) if match else None


def assign(node, walk) -> None:
    """`BOT=app/bot.py`, `export PORT=8000`: later words see the value (a value only
    known at run time, `$(...)`, is forgotten rather than guessed)."""
    assignments = [node] if node.type == "variable_assignment" else \
        [c for c in node.children if c.type == "variable_assignment"]
    if not assignments and node.type == "declaration_command":
        exported_file(node, walk)  # `export $(grep -v '^#' .env | xargs)`
    for assignment in assignments:
        name = assignment.child_by_field_name("name")
        value = assignment.child_by_field_name("value")
        if name is None:
            continue
        key = name.text.decode("utf-8", errors="replace")
        if value is not None and value.type == "array":
            _array(key, value, assignment, walk)
            continue
        walk.arrays.pop(key, None)
        text = word_value(value, walk) if value is not None else ""
        env = dict(walk.ctx.env)
        if any(c.type == "+=" for c in assignment.children):  # `cmd+=" --debug"`: appended
            if key not in env:
                text = "$" + key  # appended to a value only known at run time: unknown
            else:
                text = env[key] + text
        anchor = script_dir(text, walk.ctx.script) if walk.ctx.script and "dirname" in text else None
        if anchor is None and walk.anchors and "$(" in text:
            anchor = from_anchor(text, walk.anchors)  # `ROOT="$(dirname "$SCRIPT_DIR")"`
        walk.anchors.pop(key, None)
        if anchor is not None:  # `ROOT="$(cd "$(dirname "$0")/.." && pwd)"`: the script's own directory
            walk.anchors[key] = anchor
            env[key] = relative(anchor, walk.cwd)
        elif "$" in text or "`" in text or len(text) > MAX_COMMAND:  # `A="$A$A"` 60 times: not kept
            program = looked_up(text)  # `PY="$(command -v python3)"`
            if program is not None:
                env[key] = program
            else:
                env.pop(key, None)
        else:
            env[key] = text
        walk.ctx = replace(walk.ctx, env=env)


def glued_assignment(node, walk) -> bool:
    """`out=./log/`date +%s`.txt`: tree-sitter-bash reads an assignment whose value goes on
    with a substitution as `out=./log/` + a command named `` `date +%s`.txt ``. A command
    name that touches the assignment before it, with nothing after it, is the rest of the
    value: the variable is only known at run time, and no command runs."""
    children = [c for c in node.children if c.type != "comment"]
    if len(children) < 2 or children[-1].type != "command_name" or children[-2].type != "variable_assignment" \
            or children[-2].end_byte != children[-1].start_byte:
        return False
    name = children[-2].child_by_field_name("name")
    if name is not None:
        env = dict(walk.ctx.env)
        env.pop(name.text.decode("utf-8", errors="replace"), None)
        walk.anchors.pop(name.text.decode("utf-8", errors="replace"), None)
        walk.ctx = replace(walk.ctx, env=env)
    return True


_EXPORT_FILE = lazy_re(r"^\$\((?:cat|grep|egrep|sed)\b[^()|]{0,200}?(?<![\w./$-])((?:\./)?[\w./-]{0,100}\.env[\w.-]{0,40})"
                       r"[^()]{0,200}\|\s?xargs(?: -0| -d ?\S+)?\)$")


def exported_file(node, walk) -> None:
    """`export $(cat .env | xargs)`, `export $(grep -v '^#' .env | xargs)`: the committed
    file's `NAME=value` lines become variables, as `set -a; . ./.env` would (read, never run)."""
    from ..formats.compose_interpolate import env_lines

    for child in node.children:
        if child.type not in ("command_substitution", "string"):
            continue
        match = _EXPORT_FILE.match(_plain(child.text.decode("utf-8", errors="replace")))
        if match is None:
            continue
        path = join(walk.cwd, match.group(1))
        repo = walk.ctx.repo
        text = repo.read_text(path) if repo.exists(path) else None
        if text:
            walk.ctx = replace(walk.ctx, env={**walk.ctx.env, **env_lines(text)})


MAX_ARRAY = 64  # words of one array kept (`a+=("${a[@]}")` in a loop doubles it)


def _array(key: str, value, assignment, walk) -> None:
    """`cmd=(python bot.py "$@")`, `cmd+=(--debug)`: the words, for `"${cmd[@]}"`
    (shell_words.py); `$cmd` is its first word. A word only known at run time makes
    the whole array unknown."""
    from .shell_words import _all_arguments

    words: list[str] = list(walk.arrays.get(key, ())) if any(c.type == "+=" for c in assignment.children) else []
    known = key in walk.arrays or not words
    for element in value.children:
        if not element.is_named or element.type == "comment":
            continue
        spread = _all_arguments(element, walk)
        found = spread if spread is not None else [word_value(element, walk)]
        if any("$" in w or "`" in w for w in found):
            known = False
            break
        words.extend(found)
    env = dict(walk.ctx.env)
    if known and len(words) <= MAX_ARRAY:
        walk.arrays[key] = tuple(words)
        if words:
            env[key] = words[0]
        else:
            env.pop(key, None)
    else:
        walk.arrays.pop(key, None)
        env.pop(key, None)
    walk.ctx = replace(walk.ctx, env=env)


def change_directory(argv: tuple[str, ...], walk) -> None:
    """`cd DIR`: the walk's working directory, and the script-directory values seen from it;
    `pushd DIR` too, remembering where it was, and `popd` goes back there."""
    if argv[0] == "popd":
        if walk.pushed:
            walk.cwd = walk.pushed.pop()
            _move_anchors(walk)
        return
    if argv[0] == "pushd":
        argv = (argv[0], *[a for a in argv[1:] if not a.startswith(("-", "+"))])
        if len(argv) < 2:
            return  # `pushd` alone swaps the top two directories: not followed
        if len(walk.pushed) < 64:
            walk.pushed.append(walk.cwd)
    target = argv[1] if len(argv) > 1 else ""
    if target.startswith(("$", "`")) and walk.ctx.script:  # `cd "$(dirname "$0")/.."`, cd `dirname $0`
        anchor = script_dir(target, walk.ctx.script)
        if anchor is None and walk.anchors:
            anchor = from_anchor(target, walk.anchors)  # `cd "$(dirname "$SCRIPT_DIR")"`
        if anchor is not None:
            walk.cwd = anchor
            _move_anchors(walk)
            return
    if not target or target.startswith(("$", "~", "`")) or target == "-":
        return
    if target.startswith("/"):  # an absolute container path: the repo directory the image copied there
        to_dir = getattr(walk.ctx.image, "dir_to_repo", None)
        mapped = to_dir(walk.ctx.repo, target) if to_dir is not None else None
        if mapped is not None:
            walk.cwd = mapped
            _move_anchors(walk)
        return  # else keep the repo directory we know
    walk.cwd = join(walk.cwd, target)
    _move_anchors(walk)


def _move_anchors(walk) -> None:
    if walk.anchors:  # `$ROOT` still names the script's directory from the new one
        env = dict(walk.ctx.env)
        env.update({name: relative(anchor, walk.cwd) for name, anchor in walk.anchors.items()})
        walk.ctx = replace(walk.ctx, env=env)


def shift(argv: tuple[str, ...], walk) -> None:
    """`shift` / `shift 2`: the script's arguments lose their first words."""
    count = argv[1] if len(argv) > 1 else "1"
    if not (count.isascii() and count.isdigit()):
        walk.positional = None  # `shift "$n"`: the arguments are no longer known
    elif len(count) < 7 and int(count) <= len(walk.positional):
        walk.positional = walk.positional[int(count):]  # past the end: bash shifts nothing
