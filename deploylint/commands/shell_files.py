"""Part of the shell analysis (`shell.py`): files a start script writes before it runs them.

    cat > /app/run.sh <<'EOF'          echo_supervisord_conf > /etc/supervisord.conf
    python bot.py                      echo '[program:bot]' >> /etc/supervisord.conf
    EOF                                supervisord -n -c /etc/supervisord.conf
    sh /app/run.sh

A `>` / `>>` redirect records its destination in the context (`Context.written`): with
the text of a `cat <<EOF` heredoc when that is what is written, else unknown. A script
the walk later runs from there is analysed from the heredoc text; a file whose text is
built at run time is reported as generated (DPL004), not as missing from the
repository (DPL003). Bounded: MAX_WRITTEN paths per walk, the heredoc text as written.
"""
from __future__ import annotations

from ..model import Location
from ..record import replace
from ..repo import join

MAX_WRITTEN = 64


def record(node, walk, shell) -> None:
    """After a `redirected_statement`: the files it writes."""
    body = node.child_by_field_name("body")
    heredoc = next((c for c in node.children if c.type == "heredoc_redirect"), None)
    text, where = None, None
    if heredoc is not None and body is not None and body.type == "command" and _plain_cat(body):
        content = next((c for c in heredoc.children if c.type == "heredoc_body"), None)
        if content is not None:
            text = content.text.decode("utf-8", errors="replace")
            where = shell._at(walk, content)
    written = dict(walk.ctx.written)
    for redirect in node.children:
        if redirect.type != "file_redirect" or len(written) >= MAX_WRITTEN:
            continue
        operator = redirect.children[0].type if redirect.children else ""
        destination = redirect.child_by_field_name("destination")
        if operator not in (">", ">>", ">|", "&>") or destination is None:
            continue
        path = shell._word(destination, walk)
        if not path or "$" in path or path.startswith("/dev/"):
            continue
        previous = written.get(path)
        # `>>` appends to what an earlier line wrote: the whole is only known at run time
        known = text if operator != ">>" or previous is None else None
        entry = (known, where if known is not None else shell._at(walk, redirect))
        written[path] = entry
        if not path.startswith("/"):
            written[join(walk.cwd, path)] = entry
    walk.ctx = replace(walk.ctx, written=written)


def _plain_cat(command) -> bool:
    words = [c for c in command.children if c.is_named]
    return len(words) == 1 and words[0].text in (b"cat", b"tee")


def generated(ctx, path_text: str):
    """What the walk wrote to `path_text`: (text or None, Location), or None."""
    written = ctx.written
    return written.get(path_text) if written else None


def run_generated(call, ctx, path_text: str, entry):
    """A script the start command itself wrote: follow its heredoc text, or say it is
    only known at run time."""
    from . import Analysis

    text, where = entry
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
