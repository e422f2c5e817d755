"""discover -> formats -> plan -> checks -> findings. No output formatting here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .model import Finding, Severity
from .plan import Plan


@dataclass
class Result:
    root: Path
    label: str = "."  # the root as the user named it, for display
    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    plan: Plan | None = None
    repo: object = None

    def display(self, path: str) -> str:
        """A finding's root-relative path as the user can open it from their cwd."""
        return path if self.label in ("", ".") else f"{self.label.rstrip('/')}/{path}"


def scan(root: Path, settings: Settings | None = None, only: str | None = None, label: str = ".",
         overlay: dict[str, str] | None = None) -> Result:
    """Scan the tree at `root`. With `only` (a root-relative file), keep the findings that
    file takes part in: the whole tree is still read, because entry points live
    elsewhere. `overlay` (root-relative path -> text) scans proposed file contents
    instead of the files on disk (the re-check of a fix), writing nothing."""
    from . import checks
    from .discover import discover
    from .formats import all_targets
    from .plan import build

    settings = settings or Settings()
    repo = discover(root, list(settings.extend_exclude))
    if overlay:
        repo._texts.update(overlay)
    platforms = tuple(getattr(settings, "platforms", ()))
    plan = build(repo, all_targets(repo, platforms), settings.singletons)
    findings = list(repo.findings)
    for module in checks.all_rules():
        if settings.enabled(module.CODE):
            findings.extend(module.check(plan))
    findings = [f for f in findings if settings.enabled(f.code)]
    _tag_platforms(findings, plan, settings)
    for finding in findings:
        rule = checks.rule(finding.code)
        finding.severity = settings.severity.get(finding.code, finding.severity or rule.SEVERITY)
    from .suppress import apply as apply_suppressions

    # per-file-ignores and inline comments; reports the ones that match nothing (DPL901)
    findings = apply_suppressions(repo, _unique(findings), settings, plan)
    if only is not None:
        # a file argument: the findings that this file takes part in, where it is the
        # finding's place or a link of its evidence chain
        findings = [f for f in findings
                    if f.location.path == only or any(step.location.path == only for step in f.trace)]
    findings = [_whole_line(repo, f) for f in findings]
    findings.sort(key=Finding.sort_key)
    return Result(repo.root, label, findings, len(repo.files), plan, repo)


def _tag_platforms(findings: list[Finding], plan: Plan, settings: Settings) -> None:
    """Which platform each finding is about: the rules are run once more per target
    (cheap: the plan is built) to see which targets produce each finding."""
    from . import checks
    from .platforms import tag

    produced: dict[tuple, set] = {}
    for target in plan.targets:
        sub = Plan(plan.repo, [target], [lp for lp in plan.launches if lp.target is target], plan.singletons)
        for module in checks.all_rules():
            if module.CODE.startswith(("DPL1", "DPL3")) and settings.enabled(module.CODE):
                for finding in module.check(sub):
                    produced.setdefault(_key(finding), set()).add(target.platform)
    tag(findings, plan, {id(f): produced[_key(f)] for f in findings if _key(f) in produced})


def _key(finding: Finding) -> tuple:
    return (finding.code, finding.location, tuple(step.location for step in finding.trace))


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
    from dataclasses import replace

    end = len(lines[loc.line - 1].rstrip("\r\n")) + 1
    finding.location = replace(loc, column=loc.column or 1, end_line=loc.line, end_column=max(end, (loc.column or 1) + 1))
    return finding


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        # The same problem seen through two targets (a Procfile that both Heroku and
        # Railway run) has the same places in its trace, only other labels: report it once.
        key = (finding.code, finding.location, tuple(step.location for step in finding.trace))
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def failed(findings: list[Finding], threshold: Severity) -> bool:
    return any((f.severity or Severity.INFO) >= threshold for f in findings)
