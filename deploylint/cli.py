"""The `deploylint` command. Thin: parse options, read the config, call the engine,
pick a reporter. Heavy modules (reporters other than text, jsonschema, parsers) are
imported only when the chosen format or the scanned files need them."""
from __future__ import annotations

import os
import sys

import click

from . import __version__

# the names --platform accepts (deploylint.platforms.KNOWN; written out so that the help
# costs no import: tests/test_cli_details.py checks that the two agree)
PLATFORM_NAMES = ("railway, heroku, docker, compose, pm2, local, render, fly, supervisord, kubernetes, dokku, "
                  "systemd, digitalocean, github-actions, caprover, koyeb or nixpacks")

SEVERITIES = ("error", "warning", "info")
CHECK_FORMATS = ("text", "concise", "json", "sarif", "github", "markdown")
PLAN_FORMATS = ("text", "json", "mermaid")


class _DefaultToCheck(click.Group):
    """`deploylint [PATH...]` means `deploylint check [PATH...]`, as in ruff. A first
    word that is neither a command nor an existing path but close to a command is a typo
    (`deploylint chek`): say so instead of "path does not exist"."""

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
        names = self.list_commands(ctx)
        if args and args[0] not in names and not args[0].startswith("-") and not os.path.exists(args[0]):
            import difflib

            close = difflib.get_close_matches(args[0], names, n=1, cutoff=0.6)
            if close and "/" not in args[0] and "." not in args[0]:
                raise click.UsageError(f"unknown command `{args[0]}`, did you mean `{close[0]}`?", ctx)
        if not args or (args[0] not in names and args[0] not in ("--help", "-h", "--version", "-V")):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    # `rule` and `plan` are built when named (or listed by --help): a scan pays only for the
    # options of `check` (each click option and type costs its construction at start-up)
    def list_commands(self, ctx):
        return sorted({*self.commands, *_LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name not in self.commands and name in _LAZY_COMMANDS:
            from . import cli_more

            self.add_command(getattr(cli_more, _LAZY_COMMANDS[name])(), name)
        return super().get_command(ctx, name)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# message and help written out: click would look each up in the translations (~1 % of a scan)
@click.version_option(__version__, "--version", "-V", prog_name="deploylint", message="%(prog)s, version %(version)s",
                      help="Show the version and exit.")
def cli():
    """Find deployment configs that start a polling bot (or any must-run-once process)
    more than once: Telegram 409 Conflict, duplicate Celery beat, double schedulers.

    Run `deploylint [PATH...]` (default: the current directory)."""


# one parameter type for the options that name a file (each click.Path costs a translation lookup)
_A_FILE = click.Path(dir_okay=False)


class _Failure(Exception):
    """A usage or config problem: one line on stderr, exit 2."""


def _config_options(function):
    function = click.option("--isolated", is_flag=True,
                            help="Ignore every config file (pyproject.toml, .deploylint.toml).")(function)
    function = click.option("--config", "config_file", type=_A_FILE,
                            help="Read settings from this file instead of searching for one.")(function)
    return function


def _output_options(function):
    function = click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")(function)
    function = click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False, writable=True),
                            help="Write the report to FILE instead of standard output.")(function)
    return function


@cli.command("check", short_help="Scan paths and report findings (the default command).")
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
@click.option("--platform", "platforms", multiple=True, metavar="NAME",
              help="Analyse only this platform's targets (repeatable): " + PLATFORM_NAMES + ".")
@click.option("--statistics", is_flag=True,
              help="Count findings per rule instead of listing them (text, concise or json).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings: no summary line, nothing when clean.")
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply safe fixes in place (each re-checked before it is written), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: include fixes that change behaviour.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff and change nothing (exit 1 when there is a diff).")
@click.option("--baseline", "baseline_file", type=_A_FILE,
              help="Hide the findings recorded in FILE (see --write-baseline); report only new ones.")
@click.option("--write-baseline", "write_baseline", type=_A_FILE,
              help="Record the current findings in FILE as the baseline, then exit 0.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output (auto: on a terminal, never with NO_COLOR).")
@_config_options
@_output_options
def check(paths, output_format, select, ignore, fail_on, exit_zero, require_reason, show_config, platforms, statistics,
          quiet, apply_fixes, unsafe_fixes, show_diff, baseline_file, write_baseline, color, config_file, isolated,
          output_file, debug):
    """Scan PATHS (directories or files; default: .) and report findings.

    A directory is scanned as a project. A file is checked within the project it
    belongs to (the nearest ancestor with a .git, a deploylint config or a deployment
    config): the report lists the findings whose location or trace touches that file,
    so an editor or a hook that passes file names gets the same verdict as
    `deploylint .`."""
    paths = paths or (".",)
    overrides = {"select": select, "ignore": ignore, "fail-on": fail_on,
                 "require-reason": True if require_reason else None, "platforms": platforms or None}
    with _errors(debug):
        if show_config:
            with _open_output(output_file) as stream:
                stream.write(_show_config(paths[0], config_file, isolated, overrides))
            sys.exit(0)
        fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        if statistics and fmt not in ("text", "concise", "json"):
            raise click.UsageError(f"--statistics works with --format text, concise or json, not {fmt}")
        scans = [_scan_one(path, _settings(_project_of(path), config_file, isolated, overrides)) for path in paths]
        results = [result for result, _ in scans]
        if show_diff:
            from .cli_more import diff

            sys.exit(diff(scans, unsafe_fixes, output_file))
        if apply_fixes:
            from .cli_more import fix

            scans = fix(scans, paths, unsafe_fixes)
            results = [result for result, _ in scans]
        if write_baseline:
            from . import baseline

            count = baseline.write(write_baseline, results)
            click.echo(f"deploylint: recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}",
                       err=True)
            sys.exit(0)
        if baseline_file or scans[0][1].baseline:
            from .cli_more import apply_baseline

            apply_baseline(scans, baseline_file)
        with _open_output(output_file) as stream:
            _report(fmt, results, scans[0][1], stream, color, statistics, output_file, quiet)
    from .engine import failed

    failing = any(failed(result.findings, settings.fail_on) for result, settings in scans)
    sys.exit(0 if exit_zero or not failing else 1)


def _report(fmt, results, settings, stream, color, statistics, output_file, quiet=False) -> None:
    from .report import reporter

    if statistics and fmt == "json":
        from .report import json_report

        json_report.statistics(results, stream)
        return
    if fmt not in ("text", "concise"):
        reporter(fmt).render(results, settings, stream)
        return
    from .report import text

    colour = text.use_colour(stream, "never" if output_file and color == "auto" else color)
    if statistics:
        text.statistics(results, stream, quiet=quiet)
    elif fmt == "concise":
        from .report import concise

        concise.render(results, settings, stream, colour=colour, quiet=quiet)
    else:
        text.render(results, settings, stream, colour=colour, quiet=quiet)


# `plan` and `rule` (and --fix, --diff, baselines) live in cli_more.py, imported when used
_LAZY_COMMANDS = {"plan": "plan_command", "rule": "rule_command"}


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


class _errors:
    """Config and usage errors -> one line, exit 2; internal errors -> one line, exit 2
    (the traceback only with --debug)."""

    def __init__(self, debug: bool):
        self.debug = debug

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is None or isinstance(error, (SystemExit, KeyboardInterrupt, click.exceptions.Exit,
                                               click.ClickException, BrokenPipeError)):
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

    if config_file and not isolated and not os.path.isfile(config_file):
        raise _Failure(f"--config {config_file}: no such file")
    settings: Settings = resolve(path, config_file or None, isolated)
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
        elif key == "platforms":
            from .config import parse_platforms

            settings.platforms = parse_platforms(list(value), "--platform")
            option = "--platform"
        settings.sources[key] = f"command line ({option})"
    return settings.for_root(path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)))


def _show_config(path: str, config_file, isolated: bool, overrides: dict) -> str:
    from .config import show

    return show(_settings(path, config_file, isolated, overrides))


# Deployment configs a platform reads at a project's top (the fallback outside git).
_DEPLOY_MARKERS = ("Procfile", "railway.json", "railway.toml", ".railway", "docker-compose.yml",
                   "docker-compose.yaml", "compose.yml", "compose.yaml", "package.json", "Dockerfile",
                   "render.yaml", "fly.toml", "app.json", "heroku.yml", "pyproject.toml")


def _project_of(path: str) -> str:
    """The project a path belongs to. A directory is its own project. A file belongs to
    the nearest ancestor with deploylint's own config (.deploylint.toml), else to its git
    work tree's root (what `deploylint .` there would scan), else, outside git, to the
    nearest ancestor holding a deployment config; never above the filesystem root."""
    if not os.path.isfile(path):
        return path
    start = os.path.dirname(path) or "."
    nearest_deploy = None
    directory = os.path.realpath(start)
    for _ in range(256):
        join = os.path.join
        if os.path.isfile(join(directory, ".deploylint.toml")) or os.path.exists(join(directory, ".git")):
            return _relative(directory)
        if nearest_deploy is None and any(os.path.exists(join(directory, name)) for name in _DEPLOY_MARKERS):
            nearest_deploy = directory
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return _relative(nearest_deploy) if nearest_deploy is not None else start


def _relative(directory: str) -> str:
    try:
        return os.path.relpath(directory)
    except ValueError:  # another drive on Windows
        return str(directory)


def _scan_one(path: str, settings):
    from .engine import scan

    if os.path.isfile(path):
        root = _project_of(path)
        real_root = os.path.realpath(root)
        label = os.path.relpath(root) if real_root != os.path.realpath(os.getcwd()) else "."
        only = os.path.relpath(os.path.realpath(path), real_root).replace(os.sep, "/")
        return scan(root, settings, only=only, label=label.replace(os.sep, "/")), settings
    return scan(path, settings, label=path.replace(os.sep, "/").rstrip("/") or "."), settings


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


def main() -> None:
    """The console script: the click group, plus a clean exit when the reader of our
    output goes away (`deploylint | head`), as ruff and other Unix tools do."""
    try:
        cli()
    except BrokenPipeError:
        _closed_pipe()


def _closed_pipe() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
