"""`deploylint plan`: what each platform will start, as a tree, a Mermaid flowchart or JSON.

Per target (one way of deploying) and launch (a Procfile line, a compose service...):
the command, the programs it resolves to, how many copies run, and which of them reach
a must-run-once singleton. The same plan the rules read, so the picture explains the
findings.
"""
from __future__ import annotations

import json
import posixpath

from .model import SINGLETON_KINDS, Evidence, Instance, Location
from .secrets import redact
from .textutil import clip as _short


# -- shared reading of the plan -------------------------------------------------------
def copies_of(instance: Instance, evidence: Evidence | None = None) -> int:
    """How many copies of `evidence` this instance runs, counted as the rules count them:
    server workers (or Celery worker children) multiply code that runs once per worker
    (the code walk already knows that gunicorn --preload runs imports once, in the
    master); a dev reloader runs the module twice (DPL104)."""
    count = instance.copies.count
    if evidence is None:
        return count
    count = instance.copies_of(evidence).count  # a NODE_APP_INSTANCE guard: one per PM2, not per instance
    process = instance.process
    reloader = process.reloader or any(e.kind == "reloader" for e in instance.evidence)
    from .checks.common import worker_lock
    from .checks.polling_in_web_workers import reloader_once, reloader_reruns

    if process.workers.count > 1 and evidence.per_worker and not worker_lock(instance, evidence):
        count *= process.workers.count
    elif process.workers.count <= 1 and reloader and not reloader_once(evidence) and reloader_reruns(instance, evidence):
        count *= 2
    return count


def singleton_groups(plan, target) -> list[tuple[str, list[tuple[Instance, Evidence]]]]:
    """Singletons of one target, each with one (instance, evidence) pair per process that
    runs it (not per call site), grouped as the rules group them: one family and no proof
    of different credentials. Release phases are not long-lived copies."""
    from .checks.common import same_bot_in

    groups: list[tuple[str, list]] = []
    for lp in plan.launches:
        if lp.target is not target or not lp.launch.runs or lp.launch.role == "release":
            continue
        for instance in lp.instances:
            for evidence in instance.evidence:
                if not evidence.is_singleton:
                    continue
                group = next((g for g in groups if same_bot_in(g[1][0], (instance, evidence))), None)
                if group is None:
                    groups.append((evidence.singleton, [(instance, evidence)]))
                    continue
                pairs = group[1]
                index = next((n for n, (i, _) in enumerate(pairs) if i is instance), None)
                if index is None:
                    pairs.append((instance, evidence))
                elif copies_of(instance, evidence) > copies_of(*pairs[index]):
                    pairs[index] = (instance, evidence)
    return groups


def counted(pairs: list[tuple[Instance, Evidence]]) -> list[tuple[Instance, Evidence]]:
    """The pairs that run at the same moment: not the fallbacks that start only after a
    foreground command exits, and of alternatives (if/case branches) only the largest
    set of branches that run together. Copies are summed over these."""
    from .commands.sequence import together

    return together(pairs, lambda pair: copies_of(*pair))


def sequencing(process) -> list[str]:
    """Why a process is or is not counted beside the others: "after `uvicorn app:app`
    exits", "only in the `if [ "$DEBUG" = 1 ]` branch"."""
    notes = []
    if process.after:
        notes.append(f"after {process.after}")
    if process.condition:
        notes.append(f"only in {process.condition}")
    return notes


def _where(location: Location | None) -> str:
    if location is None:
        return ""
    return f"{location.path}:{location.line}" if location.line else location.path


def _copies_text(copies) -> str:
    if getattr(copies, "per", ""):
        each = copies.per_unit()
        text = f"{each} cop{'y' if each == 1 else 'ies'} per {copies.per} (counted as {copies.count}: {copies.count // each} assumed)"
        return f"{text} ({copies.reason})" if copies.reason else text
    text = f"{copies.count} cop{'y' if copies.count == 1 else 'ies'}"
    return f"{text} ({copies.reason})" if copies.reason else text


def _program(instance: Instance) -> str:
    process = instance.process
    details = [process.kind]
    if process.entry:
        details.append(process.entry + (f":{process.app}" if process.app else ""))
    if process.server:
        details.append(process.server)
    if process.workers.count != 1 or process.workers.reason:
        details.append(f"{process.workers.count} workers" + (f": {process.workers.reason}" if process.workers.reason else ""))
    if process.copies.count != 1 or process.copies.reason:
        details.append(_copies_text(process.copies))
    if process.background:
        details.append("in the background")
    if process.restarted:
        details.append(f"restarted by {process.restarted}")
    if process.preload:
        details.append("--preload")
    details.extend(sequencing(process))
    return f"{' '.join(process.argv)}  [{', '.join(details)}]"


def target_title(plan, target) -> str:
    """`.railway/railway.ts (railway)`; when one file plans several targets (Railway
    environments that plan different services), the environments tell them apart:
    `.railway/railway.ts (railway, environment dev)`."""
    twins = sum(1 for t in plan.targets if t.name == target.name and t.platform == target.platform)
    if twins > 1 and target.environments:
        shown = ["other environments" if e == "<other>" else e for e in target.environments]
        word = "environment" if len(shown) == 1 else "environments"
        return f"{target.name} ({target.platform}, {word} {', '.join(shown)})"
    return f"{target.name} ({target.platform})"


def is_short_command(instance: Instance) -> bool:
    """`echo`, `shift`, `return 0`, `sleep 2`, `command -v x`: a shell step that exits at once
    and reaches nothing. The text and Mermaid views fold these into one line (a 300-line
    start script would otherwise list hundreds); JSON keeps every process."""
    process = instance.process
    return (process.kind == "other" and not process.long_running and not process.background
            and not instance.evidence)


def _folded(instances) -> str:
    names = list(dict.fromkeys(posixpath.basename(i.process.argv[0]) if i.process.argv else "?" for i in instances))
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return f"{len(instances)} short command{'s' if len(instances) != 1 else ''} ({shown})"


# -- text -----------------------------------------------------------------------------
def text(plan) -> str:
    out: list[str] = []
    if not plan.targets:
        out.append("No deployment configuration found (Procfile, railway.json/toml, Dockerfile, compose, PM2, render.yaml, fly.toml, heroku.yml/app.json, supervisord, systemd, Kubernetes, .do/app.yaml, nixpacks.toml).")
    for target in plan.targets:
        out.append(f"{target_title(plan, target)}  {_where(target.location)}")
        for lp in (lp for lp in plan.launches if lp.target is target):
            launch = lp.launch
            command = launch.command.text if launch.command else "(command unknown)"
            state = "" if launch.runs else f"  -- not started{': ' + launch.note if launch.note else ''}"
            out.append(f"  {launch.name}: {' '.join(command.split())}")
            out.append(f"    {_copies_text(launch.copies)}  {_where(launch.location)}{state}")
            short = [i for i in lp.instances if is_short_command(i)]
            for instance in lp.instances:
                if short and is_short_command(instance):
                    continue
                out.append(f"    runs {_program(instance)}  {_where(instance.process.location)}")
                for evidence in instance.evidence:
                    mark = "singleton" if evidence.is_singleton else evidence.kind
                    if getattr(evidence, "after_serving", False):  # a fallback: not counted (DPL109)
                        mark = f"singleton, after {evidence.after}, not counted"
                    elif getattr(evidence, "on_request", "") and evidence.kind in SINGLETON_KINDS:  # per request, not at start-up
                        mark = f"{evidence.kind} when the server handles {evidence.on_request}, not counted"
                    per = ", once per worker" if evidence.per_worker else ""
                    if evidence.leader and instance.copies_of(evidence).reason.startswith("one at a time"):
                        per += f", one copy at a time: {evidence.leader}"
                    if getattr(evidence, "repeated", None) is not None:
                        per += f", {evidence.repeated.reason}"
                    out.append(f"      reaches {evidence.singleton} ({mark}{per})  {_where(evidence.location)}")
            if short:
                out.append(f"    also runs {_folded(short)}  {_where(short[0].process.location)}")
            for fact in lp.facts:
                out.append(f"    {fact.kind}: {fact.text}  {_where(fact.location)}")
        groups = singleton_groups(plan, target)
        if groups:
            out.append("  singletons:")
            for name, pairs in groups:
                chosen = counted(pairs)
                parts = [_part(i, e, any(i is c and e is d for c, d in chosen)) for i, e in pairs]
                total = sum(copies_of(i, e) for i, e in chosen)
                verdict = "OK" if total <= 1 else "started more than once"
                if total > 1 and all(e.leader and not e.leader_where for _, e in chosen):
                    verdict = "OK, one at a time (each takes a lock every copy sees)"  # DPL101's _leased
                how = " (largest set of branches that run together)" if len(chosen) < len(pairs) else ""
                out.append(f"    {name}: {', '.join(parts)} = {total}{how} {verdict}")
        out.append("")
    return redact("\n".join(out).rstrip() + "\n")


def _part(instance: Instance, evidence: Evidence, is_counted: bool) -> str:
    text = f"{instance.launch.name} x{copies_of(instance, evidence)}"
    notes = sequencing(instance.process)
    if notes:
        text += f" [{'; '.join(notes)}]"
    if is_counted:
        return text
    return f"{text} (a fallback, not counted)" if instance.process.after else f"{text} (another branch)"


# -- json -----------------------------------------------------------------------------
def _loc(location: Location | None) -> dict | None:
    if location is None:
        return None
    return {"path": location.path, "line": location.line or 1, "column": location.column or 1}


def _copies(copies) -> dict:
    found = {"count": copies.count, "reason": copies.reason, "assumed": copies.assumed, "location": _loc(copies.location)}
    if getattr(copies, "per", ""):  # one copy per Swarm node / cluster node: `count` assumes two of them
        found.update(per=copies.per, per_unit=copies.per_unit())
    return found


def data(plan) -> dict:
    targets = []
    for target in plan.targets:
        launches = []
        for lp in (lp for lp in plan.launches if lp.target is target):
            launch = lp.launch
            launches.append({
                "name": launch.name, "label": launch.label, "role": launch.role, "location": _loc(launch.location),
                "command": launch.command.text if launch.command else None, "copies": _copies(launch.copies),
                "runs": launch.runs, "note": launch.note,
                "processes": [{
                    "argv": list(i.process.argv), "kind": i.process.kind, "entry": i.process.entry,
                    "app": i.process.app, "server": i.process.server, "location": _loc(i.process.location),
                    "copies": _copies(i.copies), "workers": _copies(i.process.workers),
                    "background": i.process.background, "preload": i.process.preload,
                    "after": i.process.after or None, "condition": i.process.condition or None,
                    **({"restarted_by": i.process.restarted} if i.process.restarted else {}),
                    "reaches": [{"kind": e.kind, "name": e.singleton, "singleton": e.is_singleton,
                                 "per_worker": e.per_worker, "copies": copies_of(i, e), "location": _loc(e.location),
                                 **({"after": e.after} if getattr(e, "after", "") else {}),
                                 **({"on_request": e.on_request} if getattr(e, "on_request", "") else {}),
                                 **({"leader": e.leader} if getattr(e, "leader", "") else {})}
                                for e in i.evidence],
                } for i in lp.instances],
                "facts": [{"kind": f.kind, "text": f.text, "location": _loc(f.location)} for f in lp.facts],
            })
        targets.append({
            "platform": target.platform, "name": target.name, "location": _loc(target.location),
            **({"environments": list(target.environments)} if target.environments else {}),
            "launches": launches,
            "singletons": [_singleton_data(name, pairs) for name, pairs in singleton_groups(plan, target)],
        })
    return {"version": 1, "targets": targets}


def _singleton_data(name: str, pairs) -> dict:
    chosen = counted(pairs)
    return {"name": name, "copies": sum(copies_of(i, e) for i, e in chosen),
            "reached_by": [{"launch": i.launch.name, "program": " ".join(i.process.argv),
                            "copies": copies_of(i, e), "after": i.process.after or None,
                            "condition": i.process.condition or None,
                            "counted": any(i is c and e is d for c, d in chosen)} for i, e in pairs],
            **({"one_at_a_time": True} if len(chosen) > 1 and all(e.leader and not e.leader_where for _, e in chosen)
               else {})}


def as_json(plan) -> str:
    return redact(json.dumps(data(plan), indent=2, ensure_ascii=False)) + "\n"


# -- mermaid --------------------------------------------------------------------------
def _label(*lines: str) -> str:
    """A quoted Mermaid label: entity codes for the characters its grammar reserves."""
    def escape(text: str) -> str:
        text = " ".join(text.split())
        text = text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        return text.replace("`", "'")
    return '"' + "<br/>".join(escape(line) for line in lines if line) + '"'


def mermaid(plan) -> str:
    out = ["flowchart LR"]
    singles: list[str] = []
    for t, target in enumerate(plan.targets):
        out.append(f"  subgraph T{t}[{_label(target_title(plan, target))}]")
        out.append("    direction LR")
        nodes: dict[str, str] = {}
        edges: list[str] = []
        for l, lp in enumerate(lp for lp in plan.launches if lp.target is target):
            launch = lp.launch
            lid = f"T{t}L{l}"
            command = launch.command.text if launch.command else "(command unknown)"
            state = "" if launch.runs else "not started"
            out.append(f"    {lid}[{_label(f'{launch.name} x{launch.copies.count}', _short(command), state)}]")
            if not launch.runs:
                singles.append(f"  class {lid} idle")
            short = [i for i in lp.instances if is_short_command(i)]
            if short:
                out.append(f"    {lid}S[{_label(_folded(short))}]")
                edges.append(f"    {lid} --> {lid}S")
            for p, instance in enumerate(lp.instances):
                if is_short_command(instance):
                    continue
                pid = f"{lid}P{p}"
                process = instance.process
                extra = f"{process.workers.count} workers" if process.workers.count != 1 else ""
                out.append(f"    {pid}[{_label(_short(' '.join(process.argv)), extra, *map(_short, sequencing(process)))}]")
                copies = instance.process.copies.count
                edges.append(f"    {lid} -->" + (f"|{_label(f'x{copies}')}|" if copies != 1 else "") + f" {pid}")
                for evidence in instance.evidence:
                    if not evidence.is_singleton or not launch.runs:  # a release phase is not a copy
                        continue
                    key = evidence.family or evidence.singleton
                    if key not in nodes:
                        nodes[key] = f"T{t}S{len(nodes)}"
                        out.append(f"    {nodes[key]}([{_label(evidence.singleton)}])")
                        singles.append(f"  class {nodes[key]} singleton")
                    count = copies_of(instance, evidence)
                    arrow = "-.->" if process.after else "-->"  # a fallback: not a copy running beside the others
                    edges.append(f"    {pid} {arrow}|{_label(f'x{count}' + (' per worker' if evidence.per_worker else ''))}| "
                                 f"{nodes[key]}")
        out.extend(edges)
        out.append("  end")
    out.extend(singles)
    out.append("  classDef singleton fill:#fde2e2,stroke:#c0392b,stroke-width:2px")
    out.append("  classDef idle stroke-dasharray:4 4,color:#888")
    return redact("\n".join(out)) + "\n"



FORMATS = {"text": text, "json": as_json, "mermaid": mermaid}


def render(plan, fmt: str = "text") -> str:
    return FORMATS[fmt](plan)
