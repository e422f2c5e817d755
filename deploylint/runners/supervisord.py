"""`supervisord [-n] [-c FILE]`: every `[program:x]` of the config runs at once, each
`numprocs` times, inside this one container or host (formats/supervisord.py reads the
file). Without `-c`, supervisord searches its default places
(http://supervisord.org/configuration.html#configuration-file); deploylint takes the
supervisord configs under the launch's directory, `supervisord.conf` first.
`supervisorctl` starts nothing that lasts.
"""
from __future__ import annotations

import posixpath
import re

from ..commands import Analysis, Call, Context
from ..repo import join
from ..patterns import lazy_re


def expand(call: Call, ctx: Context) -> Analysis:
    from ..formats import names
    from ..formats import supervisord as conf

    if call.program != "supervisord":
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    args = list(call.args)
    path = None
    for i, arg in enumerate(args):
        if arg in ("-c", "--configuration") and i + 1 < len(args):
            path = args[i + 1]
        elif arg.startswith("--configuration="):
            path = arg.split("=", 1)[1]
    repo = ctx.repo
    candidates = [p for p in repo.named(names.is_supervisord_candidate) if conf._has_programs(repo, p)]
    if path is not None:
        full = join(ctx.cwd, path)
        if not repo.exists(full):  # a container path the image's COPY rules did not map
            same = [p for p in candidates if posixpath.basename(p) == posixpath.basename(path)]
            full = same[0] if len(same) == 1 else full
        chosen = [full] if repo.exists(full) else []
        written = None if chosen else writes_config(repo, call.location.path, path, ctx.in_image)
        if written is not None and isinstance(written, str):
            chosen = [written]  # `cp conf/supervisord.conf /etc/...` or `envsubst < tpl > conf`
        elif written is not None:
            return _run(ctx, written, f"{call.location.path} writes {path}")
        if not chosen and written is None and _written_at_all(repo, call.location.path, path):
            ctx.unresolved(call.location, f"`supervisord -c {path}` reads a config {call.location.path} writes at run time",
                           "write the config as a file in the repository and copy it, so its programs can be checked")
            return Analysis([ctx.process(call, kind="unknown")])
        from ..commands.shell_files import generated

        made = None if chosen else generated(ctx, path)
        if made is not None:  # `echo '[program:x]' >> /etc/supervisord.conf` earlier in the start command
            where = made[1]
            ctx.unresolved(call.location, f"`supervisord -c {path}` reads a config the start command writes at run time "
                           f"({where.path}:{where.line}); its programs cannot be read",
                           "commit the supervisord config to the repository and copy it into the image")
            return Analysis([ctx.process(call, kind="unknown")])
        if not chosen:
            ctx.missing(call.location, f"`supervisord -c {path}` reads a config that is not in the repository",
                        "commit the supervisord config, or fix the -c path")
            return Analysis([ctx.process(call, kind="unknown")])
    else:
        scope = [p for p in candidates if not ctx.cwd or p.startswith(ctx.cwd.rstrip("/") + "/")] or candidates
        inside = {o for p in scope for o in conf.included(repo, p)}
        scope = [p for p in scope if p not in inside]
        named = [p for p in scope if posixpath.basename(p) in ("supervisord.conf", "supervisor.conf")]
        chosen = named[:1] or scope
        if not chosen:
            ctx.unresolved(call.location, "`supervisord` starts the programs of a config that is not in the repository",
                           "commit the supervisord config (and pass it with -c) so its programs can be checked")
            return Analysis([ctx.process(call, kind="unknown")])
    result = Analysis()
    for path in chosen:
        repo.consumed.add(path)
        for other in conf.included(repo, path):
            repo.consumed.add(other)
        result.add(_run(ctx, conf.launches(repo, path), path))
    return result



def _run(ctx: Context, launches: list, origin: str) -> Analysis:
    """Each program of a config runs `numprocs` times inside this launch."""
    from ..formats import platform_common as kit

    result = Analysis()
    for launch in launches:
        if not launch.runs or launch.command is None:
            continue
        note = f"supervisord runs program `{launch.name}` ({origin})"
        if launch.copies.count > 1:
            note += f", {launch.copies.reason}"
        inner = ctx.step(launch.location, note, copies=ctx.copies.times(launch.copies), cwd=ctx.cwd)
        text = kit.local_paths(ctx.repo, ctx.cwd, launch.command.text)
        result.add(inner.deeper().analyse_shell(text, launch.command.location))
    return result


# `cat > /etc/supervisord.conf <<EOF` / `cat <<'EOF' > conf` / `tee conf <<EOF`: a heredoc written to a file
_HEREDOC_TAG = lazy_re(r"<<-?\s*[\"']?(\w+)[\"']?", needs=("<<",))
_REDIRECT = lazy_re(r"(?<![<>\d])>>?\s*[\"']?([^\s\"'<>;&|]+)", needs=(">",))
_TEE = lazy_re(r"\btee\s+(?:-a\s+)?[\"']?([^\s\"'<>;&|-][^\s\"'<>;&|]*)", needs=("tee",))
_WRITER = lazy_re(r"\b(?:cat|tee)\b", needs=("cat", "tee"))
# `echo '...' > conf` / `echo $'...' >> conf` / `printf '...' > conf`: a quoted, often multi-line, string
_ECHOED = lazy_re(r"\b(?:echo(?:\s+-[ne]+)*|printf)\s+(\$?)(['\"])((?:(?!\2).){1,4000}?)\2\s*>>?\s*([^\s;&|<>]+)$",
                  re.DOTALL, needs=("echo", "printf"))
MAX_ECHO = 4100  # how far back from a redirect to the config its echo may start
# `cp src conf`, `envsubst < tpl > conf`, `sed ... tpl > conf`: a file the repository may hold
_COPIED = lazy_re(r"\b(?:cp|install)\s+(?:-\w+\s+)*([^\s;&|<>]+)\s+([^\s;&|<>]+)|<\s*([^\s;&|<>]+)\s*>\s*([^\s;&|<>]+)",
                  needs=("cp", "install", "<"))
MAX_SCRIPT_CHARS = 200_000


def writes_config(repo, script: str, config: str, in_image=None):
    """What a shell script writes to `config` before starting supervisord: the launches of
    a heredoc's `[program:x]` sections (located in the script), or the repository file it
    copies there (a template); None when it writes nothing we can read."""
    text = repo.peek(script) if script else None
    if not text or len(text) > MAX_SCRIPT_CHARS:
        return None
    from ..formats import supervisord as conf

    name = posixpath.basename(config)
    for target, tag, start in _heredocs(text):
        if posixpath.basename(target) != name:
            continue
        end = re.search(rf"^\s*{re.escape(tag)}\s*$", text[start:], re.MULTILINE)
        body = text[start: start + end.start()] if end else text[start:]
        programs = conf.parse(repo, script, body, offset=text.count("\n", 0, start))
        return conf.program_launches(repo, script, programs)
    for match in _echoed(text, name):  # `echo $'[program:x]\ncommand=...' >> /etc/supervisord.conf`
        if posixpath.basename(match.group(4).strip("\"'")) != name or "[" not in match.group(3):
            continue
        body = match.group(3)
        if match.group(1):  # $'...': backslash escapes
            body = body.replace("\\n", "\n").replace("\\t", "\t")
        offset = text.count("\n", 0, match.start(3))
        if body.startswith("\n"):  # the string opens the line before the first setting
            body, offset = body[1:], offset + 1
        programs = conf.parse(repo, script, body, offset=offset)
        if any(p.name.startswith("program:") for p in programs):
            return conf.program_launches(repo, script, programs)
    for match in _COPIED.finditer(text):
        source, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if posixpath.basename(target.rstrip("/")) != name and not target.endswith("/"):
            continue
        source = source.strip("\"'")
        if source.startswith("/") and in_image is not None:
            found = in_image(source)  # a container path the image's COPY rules map back
            if found is not None and repo.exists(found):
                return found
        for base in (posixpath.dirname(script), ""):
            found = join(base, source)
            if not source.startswith(("/", "$")) and repo.exists(found):
                return found
    return None


def _written_at_all(repo, script: str, config: str) -> bool:
    """Whether the script writes `config` some way we do not read (`echo ... > conf`)."""
    text = repo.peek(script) if script else None
    name = re.escape(posixpath.basename(config))
    return bool(text) and re.search(rf">>?\s*[\"']?[^\s\"']*\b{name}\b", text[:MAX_SCRIPT_CHARS]) is not None


def _echoed(text: str, name: str):
    """`echo '...' > conf` matches whose redirect writes a file named `name`: the text
    before each such redirect (at most 20) is searched, never the whole script per echo."""
    found = []
    for redirect in re.finditer(rf">>?\s*[\"']?[^\s\"'<>;&|]*{re.escape(name)}[\"']?(?=[\s;&|]|$)", text):
        window = text[max(0, redirect.start() - MAX_ECHO): redirect.end()]
        match = _ECHOED.search(window)
        if match is not None:
            found.append(match)
        if len(found) >= 20:
            break
    return found


def _heredocs(text: str):
    """(file written, heredoc tag, offset of the body) per `cat`/`tee` line that opens a
    heredoc and writes a file, one short line at a time (linear patterns only)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if "<<" in line and len(line) <= 2000 and not line.lstrip().startswith("#") and _WRITER.search(line):
            tag = _HEREDOC_TAG.search(line)
            rest = line[: tag.start()] + " " + line[tag.end():] if tag else line
            target = _REDIRECT.search(rest) or _TEE.search(rest)
            if tag is not None and target is not None:
                yield target.group(1), tag.group(1), offset + len(line)
        offset += len(line)
