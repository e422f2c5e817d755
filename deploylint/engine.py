"""discover -> formats -> plan -> checks -> findings. No output formatting here."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager

from .record import dataclass, field

from .config import Settings
from .model import Finding, Severity
from .plan import Plan


@dataclass
class Result:
    root: str  # absolute, symlinks resolved
    label: str = "."  # the root as the user named it, for display
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    plan: Plan | None = None
    repo: object = None

    def display(self, path: str) -> str:
        """A finding's root-relative path as the user can open it from their cwd."""
        return path if self.label in ("", ".") else f"{self.label.rstrip('/')}/{path}"


def scan(root: str | os.PathLike, settings: Settings | None = None, only: str | None = None, label: str = ".",
         overlay: dict[str, str] | None = None) -> Result:
    """Scan the tree at `root`. With `only` (a root-relative file), keep the findings that
    file takes part in: the whole tree is still read, because entry points live
    elsewhere. `overlay` (root-relative path -> text) scans proposed file contents
    instead of the files on disk (the re-check of a fix), writing nothing."""
    with _no_cycle_collection():
        return _scan(root, settings, only, label, overlay)


_frozen = False  # the objects of the last scan are parked outside the collector's walk


@contextmanager
def _no_cycle_collection():
    """The cyclic garbage collector off for one scan. A scan allocates millions of
    objects that live to its end (syntax trees, summaries); each automatic collection
    walks all of them again, which made a big file or a big tree cost up to twice its
    parse time (measured: a 1.9 MB Python entry 7.4 s -> 2.6 s with this). At the end
    the scan's objects are frozen (gc.freeze: left out of later automatic collections,
    still freed by reference counting), so the first collection after the scan does
    not walk them all once more. The next scan in the same process unfreezes them and
    collects whatever cyclic garbage the previous one left."""
    global _frozen
    enabled = gc.isenabled()
    if _frozen:
        _frozen = False
        gc.unfreeze()
        if enabled:
            gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            _frozen = True
            gc.enable()


def _scan(root: str | os.PathLike, settings: Settings | None, only: str | None, label: str,
          overlay: dict[str, str] | None) -> Result:
    from . import checks
    from .discover import discover
    from .formats import all_targets
    from .plan import build

    settings = settings or Settings()
    repo = discover(root, list(settings.extend_exclude), list(settings.extend_include))
    if overlay:
        _overlay(repo, overlay)
    from .safe import guarded
    from .secrets import token_uses

    # the secrets in the tree, found first: redaction removes even pieces of them
    guarded(repo, ".", "the search for bot tokens", lambda: token_uses(repo))
    platforms = tuple(getattr(settings, "platforms", ()))
    plan = build(repo, all_targets(repo, platforms), settings.singletons)
    rule_findings = []
    for module in checks.plan_rules(plan):
        if settings.enabled(module.CODE):
            # each rule behind a boundary: a rule that fails on odd input costs DPL006
            rule_findings.extend(_guarded_rule(repo, module, plan))
    findings = [f for f in [*repo.findings, *rule_findings] if settings.enabled(f.code)]
    try:
        if findings:  # (a clean scan runs the rules per target for nothing to tag)
            _tag_platforms(findings, plan, settings)
    except Exception as error:  # noqa: BLE001 - the boundary: findings keep no platform
        from .safe import skipped

        skipped(repo, ".", "naming the platform of each finding", error)
    findings = [_sanitised(f) for f in findings]
    for finding in findings:
        rule = checks.rule(finding.code)
        finding.severity = settings.severity.get(finding.code, finding.severity or rule.SEVERITY)
    from .suppress import apply as apply_suppressions

    # per-file-ignores and inline comments; reports the ones that match nothing (DPL901)
    try:
        findings = apply_suppressions(repo, _unique(findings), settings, plan)
    except Exception as error:  # noqa: BLE001 - the boundary: keep the findings unsuppressed
        from .safe import skipped

        skipped(repo, ".", "suppression comments and per-file-ignores", error)
        findings = _unique(findings) + [_sanitised(f) for f in repo.findings[-1:]]
    if only is not None:
        # a file argument: the findings that this file takes part in, where it is the
        # finding's place or a link of its evidence chain
        findings = [f for f in findings
                    if f.location.path == only or any(step.location.path == only for step in f.trace)]
    findings = [_whole_line(repo, f) for f in findings]
    findings.sort(key=Finding.sort_key)
    return Result(repo.root, label, findings, len(repo.files), plan, repo)


def _overlay(repo, overlay: dict[str, str | None]) -> None:
    """Proposed texts over the files on disk: None deletes a file, a path discovery did
    not list is a file the fix creates."""
    gone = {path for path, text in overlay.items() if text is None}
    new = [path for path, text in overlay.items() if text is not None and path not in repo.files]
    if gone or new:
        repo.files[:] = sorted({*repo.files, *new} - gone)
        repo.index()
    repo._texts.update({path: text for path, text in overlay.items() if text is not None})


def _tag_platforms(findings: list[Finding], plan: Plan, settings: Settings) -> None:
    """Which platform each finding is about: the rules are run once more per target
    (cheap: the plan is built) to see which targets produce each finding."""
    from . import checks
    from .platforms import tag

    produced: dict[tuple, set] = {}
    for target in plan.targets:
        sub = Plan(plan.repo, [target], list(plan.of_target(target)), plan.singletons)
        for module in checks.plan_rules(sub):
            if module.CODE.startswith(("DPL1", "DPL3")) and settings.enabled(module.CODE):
                for finding in _guarded_rule(plan.repo, module, sub):
                    produced.setdefault(_key(finding), set()).add(target.platform)
    tag(findings, plan, {id(f): produced[_key(f)] for f in findings if _key(f) in produced})


def _key(finding: Finding) -> tuple:
    return (finding.code, finding.location, tuple(step.location for step in finding.trace))


def _guarded_rule(repo, module, plan) -> list[Finding]:
    try:
        return list(module.check(plan))
    except Exception as error:  # noqa: BLE001 - the boundary
        from .safe import skipped

        before = len(repo.findings)
        skipped(repo, _rule_blame(plan), f"rule {module.CODE} ({module.NAME})", error)
        return repo.findings[before:]


def _rule_blame(plan) -> str:
    """Where a failed rule's DPL006 goes: the first deployment config, else the root."""
    return plan.targets[0].location.path if plan.targets else "."


def _sanitised(finding: Finding) -> Finding:
    """Redaction at the source: every finding's text is built from file text, so tokens
    are redacted and lone surrogates replaced here, before any reporter shortens it."""
    from .record import replace

    from .safe import clean
    from .secrets import redact

    finding.message = redact(clean(finding.message))
    finding.hint = redact(clean(finding.hint))
    if any(redact(clean(step.note)) != step.note for step in finding.trace):
        finding.trace = [replace(step, note=redact(clean(step.note))) for step in finding.trace]
    return finding


def _whole_line(repo, finding: Finding) -> Finding:
    """A finding on a line without an end gets the line's end as its end, so editors and
    SARIF viewers underline the whole line, not one character."""
    loc = finding.location
    if not loc.line or loc.end_column or not repo.exists(loc.path):
        return finding
    try:
        lines = repo.lines(loc.path)
    except Exception:  # an unreadable file keeps its point location
        return finding
    if loc.line > len(lines):
        return finding
    from .record import replace

    end = len(lines[loc.line - 1].rstrip("\r\n")) + 1
    finding.location = replace(loc, column=loc.column or 1, end_line=loc.line, end_column=max(end, (loc.column or 1) + 1))
    return finding


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set = set()
    said: dict[tuple, int] = {}  # (code, location, message) -> index in unique
    unique: list[Finding] = []
    for finding in findings:
        # The same problem seen through two targets (a Procfile that both Heroku and
        # Railway run) has the same places in its trace, only other labels: report it once.
        key = (finding.code, finding.location, tuple(step.location for step in finding.trace))
        # The same words at the same place, reached another way (one compose file merged
        # into several `-f` projects): once, with the shortest explanation.
        words = (finding.code, finding.location, finding.message)
        if key in seen:
            continue
        seen.add(key)
        if words in said:
            kept = said[words]
            if len(finding.trace) < len(unique[kept].trace):
                unique[kept] = finding
            continue
        said[words] = len(unique)
        unique.append(finding)
    return unique


def failed(findings: list[Finding], threshold: Severity) -> bool:
    return any((f.severity or Severity.INFO) >= threshold for f in findings)
