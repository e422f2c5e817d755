"""The `deploylint` command. Thin: parse options, call the engine, pick a reporter."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .model import Severity

SEVERITIES = ("error", "warning", "info")


class _DefaultToCheck(click.Group):
    """`deploylint [PATH...]` means `deploylint check [PATH...]`, as in ruff."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="deploylint")
def main():
    """Find deployment configs that start a polling bot (or any must-run-once process)
    more than once: Telegram 409 Conflict, duplicate Celery beat, double schedulers.

    Run `deploylint [PATH...]` (default: the current directory)."""


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default=None,
              help="Output format (default: text).")
@click.option("--select", help="Only these rule codes or prefixes, comma-separated (e.g. DPL1,DPL201).")
@click.option("--ignore", help="Skip these rule codes or prefixes, comma-separated.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output (auto: on a terminal, never with NO_COLOR).")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def check(paths, output_format, select, ignore, fail_on, exit_zero, color, debug):
    """Scan PATHS (directories or files; default: .) and report findings."""
    from .config import Settings
    from .engine import failed

    settings = Settings()
    if select:
        settings.select = _codes(select)
    if ignore:
        settings.ignore = _codes(ignore)
    if fail_on:
        settings.fail_on = Severity.parse(fail_on)
    try:
        results = [_scan_one(path, settings) for path in (paths or (".",))]
        stream = sys.stdout
        fmt = output_format or "text"
        from .report import reporter

        if fmt == "text":
            from .report.text import use_colour

            reporter("text").render(results, settings, stream, colour=use_colour(stream, color))
        else:
            reporter(fmt).render(results, settings, stream)
    except Exception as error:  # an internal failure: one line, exit 2
        if debug:
            raise
        click.echo(f"deploylint: internal error: {type(error).__name__}: {error} (run with --debug for details)", err=True)
        sys.exit(2)
    findings = [f for r in results for f in r.findings]
    sys.exit(0 if exit_zero or not failed(findings, settings.fail_on) else 1)


def _scan_one(path: str, settings):
    from .engine import scan

    target = Path(path)
    if target.is_file():
        root = target.parent
        label = os.path.relpath(root) if root.resolve() != Path.cwd().resolve() else "."
        return scan(root, settings, only=target.name, label=label.replace(os.sep, "/"))
    return scan(target, settings, label=path.replace(os.sep, "/").rstrip("/") or ".")


if __name__ == "__main__":  # pragma: no cover
    main()
