"""discover -> formats -> plan -> checks -> findings. No output formatting here."""
from __future__ import annotations

import fnmatch
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


def scan(root: Path, settings: Settings | None = None, only: str | None = None, label: str = ".") -> Result:
    """Scan the tree at `root`. With `only` (a root-relative file), keep the findings in
    that file: the whole tree is still read, because entry points live elsewhere."""
    from . import checks
    from .discover import discover
    from .formats import all_targets
    from .plan import build

    settings = settings or Settings()
    repo = discover(root, list(settings.extend_exclude))
    plan = build(repo, all_targets(repo), settings.singletons)
    findings = list(repo.findings)
    for module in checks.all_rules():
        if settings.enabled(module.CODE):
            findings.extend(module.check(plan))
    findings = [f for f in findings if settings.enabled(f.code)]
    for finding in findings:
        rule = checks.rule(finding.code)
        finding.severity = settings.severity.get(finding.code, finding.severity or rule.SEVERITY)
    findings = _per_file_ignores(_unique(findings), settings)
    from .suppress import apply as apply_suppressions

    findings = apply_suppressions(repo, findings, settings)
    if only is not None:
        findings = [f for f in findings if f.location.path == only]
    findings.sort(key=Finding.sort_key)
    return Result(repo.root, label, findings, len(repo.files), plan, repo)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        key = (finding.code, finding.location, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _per_file_ignores(findings: list[Finding], settings: Settings) -> list[Finding]:
    if not settings.per_file_ignores:
        return findings
    kept = []
    for finding in findings:
        codes = [c for pattern, cs in settings.per_file_ignores.items()
                 if fnmatch.fnmatch(finding.location.path, pattern) for c in cs]
        if not any(finding.code.startswith(code) for code in codes):
            kept.append(finding)
    return kept


def failed(findings: list[Finding], threshold: Severity) -> bool:
    return any((f.severity or Severity.INFO) >= threshold for f in findings)
