"""Part of the shell analysis (`shell.py`): files a start script writes before it runs them.

    cat > /app/run.sh <<'EOF'          echo_supervisord_conf > /etc/supervisord.conf
    python bot.py                      echo $'[program:bot]\n...' >> /etc/supervisord.conf
    EOF                                supervisord -n -c /etc/supervisord.conf
    sh /app/run.sh

The one record of files the start command writes (`Context.written`, path -> `Written`),
read by every runner that reads a file the script may have made (runners/shell for a
script it then runs, runners/supervisord for a config it then starts supervisord on):
- a `>` / `>>` redirect records its destination: with the text of a `cat`/`tee` heredoc,
  of `echo` (`-e`, `$'...'` escapes), else unknown (`printf`, a program's output). `>>`
  appends to what an earlier line wrote; after an unknown start (`echo_supervisord_conf >
  f`) the known appended text is kept apart (`tail`).
- `tee FILE <<EOF` writes FILE; `cp SRC DST` / `install SRC DST` and `cmd < SRC > DST`
  (`envsubst < tpl > conf`) record the file it was made from (`source`).
A script the walk later runs from there is analysed from the written text; a file whose
text is built at run time is reported as generated (DPL004), not as missing from the
repository (DPL003). `git clone URL [DIR]` records DIR as fetched at run time (`cloned`):
a file the walk then misses in it is code this repository does not hold (one DPL004 at the
clone, see `fetched`), not a missing file. Bounded: MAX_WRITTEN paths per walk, MAX_TEXT
characters per file.
"""
from __future__ import annotations

import posixpath
from typing import NamedTuple

from ..model import Location
from ..record import replace
from ..repo import join

MAX_WRITTEN = 64
MAX_TEXT = 200_000  # characters of one written file that are kept (appends past it: unknown)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"', "e": "\x1b", "a": "\a", "r": "\r"}


class Written(NamedTuple):
    """What the start command wrote to one file."""

    text: str | None  # the whole file, when known
    where: Location  # where the text (or the write) is, in the script
    tail: str | None = None  # text appended after an unknown start, when known
    tail_where: Location | None = None
    source: str | None = None  # the file it was copied or rendered from (`cp`, `envsubst < tpl > f`)


def record(node, walk, shell) -> None:
    """After a `redirected_statement`: the files it writes."""
    body = node.child_by_field_name("body")
    heredoc = next((c for c in node.children if c.type == "heredoc_redirect"), None)
    text, where, source = None, None, None
    destinations = []
    if heredoc is not None and body is not None and body.type == "command" and _plain_cat(body):
        content = next((c for c in heredoc.children if c.type == "heredoc_body"), None)
        if content is not None:
            text = content.text.decode("utf-8", errors="replace")
            where = shell._at(walk, content)
        if _program(body) == b"tee":  # `tee /etc/supervisord.conf <<EOF`: tee's arguments are written
            destinations = [(">", a, a) for a in _arguments(body, walk, shell)]
    elif body is not None and body.type == "command" and _program(body) == b"echo":
        text, where = _echo(body, walk, shell)
    for redirect in node.children:
        operator = redirect.children[0].type if redirect.type == "file_redirect" and redirect.children else ""
        destination = redirect.child_by_field_name("destination") if operator else None
        if operator == "<" and destination is not None:
            source = _source(shell._word(destination, walk), walk)
        elif operator in (">", ">>", ">|", "&>") and destination is not None:
            destinations.append((operator, shell._word(destination, walk), redirect))
    written = dict(walk.ctx.written)
    for operator, path, at in destinations:
        if len(written) >= MAX_WRITTEN or not path or "$" in path or path.startswith("/dev/"):
            continue
        place = where if text is not None else (shell._at(walk, at) if not isinstance(at, str) else shell._at(walk, node))
        entry = _appended(written.get(path), Written(text, place, source=source)) if operator == ">>" \
            else Written(text, place, source=source)
        _put(written, path, entry, walk)
    walk.ctx = replace(walk.ctx, written=written)


def copied(argv: tuple[str, ...], node, walk, shell) -> None:
    """`cp conf/supervisord.conf /etc/supervisord.conf`, `install -m 644 SRC DST`: DST is
    SRC's copy (a directory DST: DST/SRC's name)."""
    paths = [a for a in argv[1:] if not a.startswith("-")]
    if len(paths) != 2 or len(walk.ctx.written) >= MAX_WRITTEN or any("$" in p for p in paths):
        return
    origin, target = paths
    if target.endswith("/"):
        target += posixpath.basename(origin)
    written = dict(walk.ctx.written)
    _put(written, target, Written(None, shell._at(walk, node), source=_source(origin, walk)), walk)
    walk.ctx = replace(walk.ctx, written=written)


# `git clone` options that take the next word as their value
_CLONE_VALUES = frozenset({"-b", "--branch", "--depth", "-o", "--origin", "-c", "--config", "--reference",
                           "--reference-if-able", "--separate-git-dir", "-j", "--jobs", "--filter", "-u",
                           "--upload-pack", "--template", "--shallow-since", "--shallow-exclude", "--server-option",
                           "--bundle-uri", "--revision"})
CLONED = "git clone"


def clone_target(argv) -> str | None:
    """The directory `git clone [options] URL [DIR]` (argv from `git`) creates: DIR, else the
    URL's last part without `.git`; None without a URL. Shared with formats/dockerfile_clones."""
    operands: list[str] = []
    index = 2
    while index < len(argv):
        word = argv[index]
        if word == "--":
            operands.extend(argv[index + 1:])
            break
        if word.startswith("-"):
            index += 2 if word in _CLONE_VALUES else 1
            continue
        operands.append(word)
        index += 1
    if not operands:
        return None
    if len(operands) > 1:
        return operands[1]
    tail = operands[0].rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return tail[:-4] if tail.endswith(".git") else tail


def cloned(argv: tuple[str, ...], node, walk, shell) -> None:
    """`git clone URL [DIR]`: DIR (default: the URL's last part, without `.git`) holds code
    the start command fetches at run time. Recorded as a `Written` directory whose source is
    `git clone` (the URL is not kept: it may carry a token)."""
    if argv[1:2] != ("clone",) or len(walk.ctx.written) >= MAX_WRITTEN:
        return
    target = clone_target(argv)
    if not target or "$" in target or "`" in target or target.startswith(("/", "~")):
        return
    written = dict(walk.ctx.written)
    written[join(walk.cwd, target)] = Written(None, shell._at(walk, node), source=CLONED)
    walk.ctx = replace(walk.ctx, written=written)


def fetched(ctx, path: str) -> tuple[str, Written] | None:
    """The directory the start command cloned at run time that holds `path`, with its
    `git clone`, or None."""
    for directory, entry in (ctx.written or {}).items():
        if entry.source == CLONED and (not directory or path == directory or path.startswith(directory + "/")):
            return directory, entry
    return None


def _put(written: dict, path: str, entry: Written, walk) -> None:
    written[path] = entry
    if not path.startswith("/"):
        written[join(walk.cwd, path)] = entry


def _appended(previous: Written | None, new: Written) -> Written:
    """`>>`: the new text after what an earlier line wrote (a file not written before is
    taken as empty)."""
    if previous is None:
        return new
    if previous.text is not None and new.text is not None and len(previous.text) + len(new.text) <= MAX_TEXT:
        return Written(previous.text + new.text, previous.where)
    if new.text is None:
        return Written(None, new.where)
    if previous.tail is not None and len(previous.tail) + len(new.text) <= MAX_TEXT:
        return Written(None, previous.where, previous.tail + new.text, previous.tail_where)
    return Written(None, previous.where, new.text, new.where)


def _source(path: str, walk) -> str | None:
    """A copied file's path: absolute as written (the image maps it), else in the checkout."""
    if not path or "$" in path:
        return None
    if path.startswith("/"):
        return path
    for base in (walk.cwd, posixpath.dirname(walk.origin.path), ""):
        found = join(base, path)
        if walk.ctx.repo.exists(found):
            return found
    return None


def _program(command) -> bytes:
    name = command.child_by_field_name("name")
    return name.text if name is not None else b""


def _arguments(command, walk, shell) -> list[str]:
    return [w for w in (shell._word(c, walk) for c in command.children_by_field_name("argument")) if not w.startswith("-")]


def _echo(command, walk, shell):
    """The text `echo` writes: its arguments joined, a newline after (`-n`: none); `-e` and
    `$'...'` decode backslash escapes. None for anything built at run time."""
    words = command.children_by_field_name("argument")
    flags, parts = "", []
    for word in words:
        text = word.text.decode("utf-8", errors="replace")
        if not parts and word.type == "word" and text.startswith("-") and set(text[1:]) <= set("neE"):
            flags += text[1:]
            continue
        if word.type == "ansi_c_string":
            parts.append(_unescape(text[2:-1]))
            continue
        value = shell._word(word, walk)
        if "$" in value or "`" in value or word.type in ("command_substitution", "expansion", "simple_expansion"):
            return None, None
        parts.append(_unescape(value) if "e" in flags else value)
    if not words:
        return None, None
    return " ".join(parts) + ("" if "n" in flags else "\n"), shell._at(walk, words[0])


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPES:
            out.append(_ESCAPES[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _plain_cat(command) -> bool:
    words = [c for c in command.children if c.is_named]
    return _program(command) in (b"cat", b"tee") and (len(words) == 1 or _program(command) == b"tee")


def generated(ctx, path_text: str):
    """What the walk wrote to `path_text` (a `Written`), or None."""
    written = ctx.written
    return written.get(path_text) if written else None


def run_generated(call, ctx, path_text: str, entry):
    """A script the start command itself wrote: follow its heredoc text, or say it is
    only known at run time."""
    from . import Analysis

    text, where = entry.text, entry.where
    if text is None:
        ctx.unresolved(call.location, f"`{path_text}` is written by the start command at run time "
                       f"({where.path}:{where.line}); what it runs cannot be read",
                       "commit the script to the repository and copy it into the image")
        return Analysis([ctx.process(call, kind="unknown")])
    note = f"runs {path_text}, written from the heredoc at {where.path}:{where.line}"
    if any(step.note == note for step in ctx.trace):  # the written script runs itself: a cycle
        from ..runners.shell import cycle

        return cycle(ctx, call, f"`{path_text}`")
    inner = ctx.step(call.location, note)
    return inner.deeper(background=call.background or ctx.background,
                        positional=tuple(call.argv[1:])).analyse_shell(text, Location(where.path, where.line, 1))
