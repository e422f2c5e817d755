"""The `deploylint` command. Thin: parse options, read the config, call the engine,
pick a reporter. Heavy modules (reporters other than text, jsonschema, parsers) are
imported only when the chosen format or the scanned files need them."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

SEVERITIES = ("error", "warning", "info")
CHECK_FORMATS = ("text", "json", "sarif", "github", "markdown")
PLAN_FORMATS = ("text", "json", "mermaid")


class _DefaultToCheck(click.Group):
    """`deploylint [PATH...]` means `deploylint check [PATH...]`, as in ruff."""

    def main(self, args=None, prog_name=None, **extra):
        _utf8_streams()
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.ClickException as error:
            # argument errors quote what was typed (a path, an option value): redacted,
            # control characters escaped
            error.message = _safe_message(error.message)
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)

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


class _Failure(Exception):
    """A usage or config problem: one line on stderr, exit 2."""


def _config_options(function):
    function = click.option("--isolated", is_flag=True,
                            help="Ignore every config file (pyproject.toml, .deploylint.toml).")(function)
    function = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                            help="Read settings from this file instead of searching for one.")(function)
    return function


def _output_options(function):
    function = click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")(function)
    function = click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False, writable=True),
                            help="Write the report to FILE instead of standard output.")(function)
    return function


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "output_format", type=click.Choice(CHECK_FORMATS), default=None,
              help="Output format (default: text; github when GITHUB_ACTIONS=true).")
@click.option("--select", help="Only these rule codes or prefixes, comma-separated (e.g. DPL1,DPL201).")
@click.option("--ignore", help="Skip these rule codes or prefixes, comma-separated.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--require-reason", is_flag=True, default=None,
              help="Report suppression comments that give no reason (DPL901).")
@click.option("--show-config", is_flag=True, help="Print the effective settings and where each came from.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them (text).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output (auto: on a terminal, never with NO_COLOR).")
@_config_options
@_output_options
def check(paths, output_format, select, ignore, fail_on, exit_zero, require_reason, show_config, statistics,
          color, config_file, isolated, output_file, debug):
    """Scan PATHS (directories or files; default: .) and report findings."""
    paths = paths or (".",)
    overrides = {"select": select, "ignore": ignore, "fail-on": fail_on,
                 "require-reason": True if require_reason else None}
    with _errors(debug):
        if show_config:
            click.echo(_show_config(paths[0], config_file, isolated, overrides), nl=False)
            sys.exit(0)
        fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        scans = [_scan_one(path, _settings(path, config_file, isolated, overrides)) for path in paths]
        results = [result for result, _ in scans]
        with _open_output(output_file) as stream:
            _report(fmt, results, scans[0][1], stream, color, statistics, output_file)
    from .engine import failed

    failing = any(failed(result.findings, settings.fail_on) for result, settings in scans)
    sys.exit(0 if exit_zero or not failing else 1)


def _report(fmt, results, settings, stream, color, statistics, output_file) -> None:
    from .report import reporter

    if fmt != "text":
        reporter(fmt).render(results, settings, stream)
        return
    from .report import text

    colour = text.use_colour(stream, "never" if output_file and color == "auto" else color)
    if statistics:
        text.statistics(results, stream)
    else:
        text.render(results, settings, stream, colour=colour)


@main.command("rule")
@click.argument("code", required=False)
@click.option("--all", "all_rules", is_flag=True, help="List every rule.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="Output format (default: text).")
def rule_command(code, all_rules, output_format):
    """Print the rule-book page of CODE (e.g. DPL101 or polling-started-twice), or list
    every rule with --all."""
    from . import rulepages

    if all_rules:
        table = rulepages.rules()
        if output_format == "json":
            import json

            click.echo(json.dumps(table, indent=2))
        else:
            width = max(len(r["name"]) for r in table)
            for r in table:
                click.echo(f"{r['code']}  {r['severity']:<7}  {r['name']:<{width}}  {r['summary']}")
        return
    if not code:
        raise click.UsageError("give a rule code (e.g. `deploylint rule DPL101`) or --all")
    found = rulepages.lookup(code)
    if found is None:
        click.echo(f"deploylint: unknown rule `{code}` (see `deploylint rule --all`)", err=True)
        sys.exit(2)
    entry = next(r for r in rulepages.rules() if r["code"] == found)
    page = rulepages.page(found)
    if output_format == "json":
        import json

        click.echo(json.dumps({**entry, "explanation": page or ""}, indent=2))
    else:
        click.echo(page if page is not None else
                   f"# {found} {entry['name']}\n\n**Severity:** {entry['severity']} · "
                   f"**Summary:** {entry['summary']}\n\n(This rule has no rule-book page yet.)", nl=page is None)


@main.command("plan")
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=True, dir_okay=True))
@click.option("--format", "output_format", type=click.Choice(PLAN_FORMATS), default="text",
              help="text (an indented tree), json, or mermaid (a flowchart).")
@_config_options
@_output_options
def plan_command(path, output_format, config_file, isolated, output_file, debug):
    """Show what each platform will start from PATH: per target and process, the
    command, the program it runs, how many copies, and which singletons it reaches."""
    from .engine import scan
    from .planview import render

    with _errors(debug):
        settings = _settings(path, config_file, isolated, {})
        root = Path(path) if Path(path).is_dir() else Path(path).parent
        result = scan(root, settings)
        with _open_output(output_file) as stream:
            stream.write(_safe_plan(render(result.plan, output_format), output_format))


# -- helpers ----------------------------------------------------------------------------
def _utf8_streams() -> None:
    """Every format writes UTF-8 whatever the locale (LANG=C, ISO-8859-1, EUC-JP): `…`,
    emoji and redaction marks must not end a scan with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            else:
                stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass  # not a text stream we can reconfigure (a test harness)


def _safe_message(text: str) -> str:
    from .safe import printable
    from .secrets import redact

    return printable(redact(str(text)))


def _safe_plan(text: str, output_format: str) -> str:
    """Plan output quotes commands and paths: redacted, surrogates replaced, control
    characters escaped (JSON already escapes them; its strings are cleaned instead)."""
    import json

    from .safe import clean_tree, printable
    from .secrets import redact

    if output_format == "json":
        try:
            data = clean_tree(json.loads(text))
        except ValueError:
            return redact(printable(text, newlines=True))
        return redact(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    return redact(printable(text, newlines=True))


class _errors:
    """Config and usage errors -> one line, exit 2; internal errors -> one line, exit 2
    (the traceback only with --debug)."""

    def __init__(self, debug: bool):
        self.debug = debug

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None or isinstance(error, (SystemExit, KeyboardInterrupt, click.exceptions.Exit,
                                               click.ClickException)):
            return False
        from .config import ConfigError

        if isinstance(error, (ConfigError, _Failure)):
            click.echo(f"deploylint: {_safe_message(error)}", err=True)
            sys.exit(2)
        if self.debug:
            return False
        click.echo(f"deploylint: internal error: {type(error).__name__}: {_safe_message(error)} "
                   "(run with --debug for details)", err=True)
        sys.exit(2)


def _settings(path: str, config_file, isolated: bool, overrides: dict):
    from .config import Settings, parse_codes, parse_severity, resolve

    start = Path(path)
    if config_file and not isolated and not Path(config_file).is_file():
        raise _Failure(f"--config {config_file}: no such file")
    settings: Settings = resolve(start, Path(config_file) if config_file else None, isolated)
    for key, value in overrides.items():
        if value is None:
            continue
        option = f"--{key}"
        if key in ("select", "ignore"):
            setattr(settings, key, parse_codes(value, option))
        elif key == "fail-on":
            settings.fail_on = parse_severity(value, option)
        elif key == "require-reason":
            settings.require_reason = bool(value)
        settings.sources[key] = f"command line ({option})"
    root = start if start.is_dir() else start.parent
    return settings.for_root(root)


def _show_config(path: str, config_file, isolated: bool, overrides: dict) -> str:
    from .config import show

    return show(_settings(path, config_file, isolated, overrides))


def _scan_one(path: str, settings):
    from .engine import scan

    target = Path(path)
    if target.is_file():
        root = target.parent
        label = os.path.relpath(root) if root.resolve() != Path.cwd().resolve() else "."
        return scan(root, settings, only=target.name, label=label.replace(os.sep, "/")), settings
    return scan(target, settings, label=path.replace(os.sep, "/").rstrip("/") or "."), settings


class _open_output:
    """Standard output, or FILE (UTF-8) with a one-line error when it cannot be written."""

    def __init__(self, output_file):
        self.output_file = output_file
        self.stream = None

    def __enter__(self):
        if not self.output_file:
            return sys.stdout
        try:
            self.stream = open(self.output_file, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
        except OSError as error:
            raise _Failure(f"--output {self.output_file}: {error.strerror or error}") from None
        return self.stream

    def __exit__(self, *exc):
        if self.stream is not None:
            self.stream.close()
        return False


if __name__ == "__main__":  # pragma: no cover
    main()
