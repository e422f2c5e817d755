"""`supervisord [-n] [-c FILE]`: every `[program:x]` of the config runs at once, each
`numprocs` times, inside this one container or host (formats/supervisord.py reads the
file). Without `-c`, supervisord searches its default places
(http://supervisord.org/configuration.html#configuration-file); deploylint takes the
supervisord configs under the launch's directory, `supervisord.conf` first.
`supervisorctl` starts nothing that lasts.
"""
from __future__ import annotations

import posixpath

from ..commands import Analysis, Call, Context
from ..repo import join


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
        if not chosen:
            from ..commands.shell_files import generated

            made = generated(ctx, path)
            if made is not None:  # the start command wrote it (commands/shell_files.Written)
                return _written(ctx, call, path, made)
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
        for other in _image_included(ctx, path):
            repo.consumed.add(other)
            result.add(_run(ctx, conf.launches(repo, other, (path,)), other))
    return result


MAX_INCLUDED = 32


def _image_included(ctx: Context, path: str) -> list[str]:
    """`[include] files = /etc/supervisor/conf.d/*.conf` names container paths: the
    repository files the image's COPY rules put there (`COPY conf.d/ /etc/supervisor/conf.d/`)."""
    from fnmatch import fnmatchcase

    from ..formats import supervisord as conf

    if ctx.image is None:
        return []
    repo = ctx.repo
    found: list[str] = []
    lookups = 0  # container paths mapped back (each walks the image's COPY rules)
    for section in conf.sections(repo, path):
        if section.name != "include" or "files" not in section.values:
            continue
        for pattern in section.values["files"][0].split()[:8]:
            if not pattern.startswith("/") or "%(" in pattern:
                continue
            directory, glob = posixpath.split(pattern)
            if not glob or any(c in directory for c in "*?["):
                continue
            for name in repo.files:
                base = posixpath.basename(name)
                if name == path or name in found or not fnmatchcase(base, glob):
                    continue
                lookups += 1
                if lookups > 256:
                    return found
                if ctx.in_image(f"{directory}/{base}") == name:
                    found.append(name)
                    if len(found) >= MAX_INCLUDED:
                        return found
    return found



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


def _written(ctx: Context, call: Call, path: str, made) -> Analysis:
    """A config the start command wrote before starting supervisord: the `[program:x]`
    sections of its text (a heredoc, `echo`; or the text appended after an unknown start,
    `echo_supervisord_conf > f`), or the repository file it was copied or rendered from."""
    from ..formats import supervisord as conf

    repo = ctx.repo
    if made.source is not None:
        found = ctx.in_image(made.source) if made.source.startswith("/") else made.source
        if found is not None and repo.exists(found):  # `cp conf/supervisord.conf /etc/`, `envsubst < tpl > conf`
            repo.consumed.update([found, *conf.included(repo, found)])
            return _run(ctx, conf.launches(repo, found), found)
    for text, where in ((made.text, made.where), (made.tail, made.tail_where)):
        if text is not None and where is not None and "[program:" in text:
            programs = conf.parse(repo, where.path, text, offset=where.line - 1)
            return _run(ctx, conf.program_launches(repo, where.path, programs), f"{where.path} writes {path}")
    where = made.where
    ctx.unresolved(call.location, f"`supervisord -c {path}` reads a config the start command writes at run time "
                   f"({where.path}:{where.line}); its programs cannot be read",
                   "commit the supervisord config to the repository and copy it into the image")
    return Analysis([ctx.process(call, kind="unknown")])
