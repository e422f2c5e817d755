"""Settings: rule selection, severities, excludes, user singletons, fail threshold.

Read from `[tool.deploylint]` in pyproject.toml or `.deploylint.toml` (see `load`);
command-line options override file values.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Severity


@dataclass
class Settings:
    select: tuple[str, ...] = ()  # code prefixes; empty = all
    ignore: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    singletons: tuple[str, ...] = ()
    require_reason: bool = False
    sources: dict[str, str] = field(default_factory=dict)  # key -> where its value came from

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(p) for p in self.select)
        ignored = any(code.startswith(p) for p in self.ignore)
        if selected and ignored:  # the longer (more specific) prefix wins, as in ruff
            best_select = max((len(p) for p in self.select if code.startswith(p)), default=0)
            best_ignore = max(len(p) for p in self.ignore if code.startswith(p))
            return best_select > best_ignore
        return selected
