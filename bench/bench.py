"""Speed benchmark (not a test): medians, ratios and peak memory of `deploylint` runs.

    python bench/bench.py [--runs 9] [--json bench/last.json] [--quick]

Run it with the interpreter of the environment deploylint is installed in, installed
as users install it (`pip install .`, not editable; the script warns otherwise). It builds
everything it measures in a temporary directory:

- start-up: `python -c pass`, `python -c "import click"` (the floor: the CLI library the
  project is built on), `deploylint --version`;
- a Procfile bot (a Procfile and its package), and a typical small bot repository
  (Procfile, compose, Dockerfile, a package): deploylint beside yamllint on the same
  compose file and hadolint on the Dockerfile, when those are installed, and beside
  importing click + loading the compose file with ruamel.yaml + parsing the Dockerfile
  with dockerfile-parse (the libraries' own share of that scan);
- trees of 2.5k/5k/10k/20k files (a monorepo with a web frontend, a committed venv):
  time and peak RSS per size, and the growth per doubling (linear = 2.0x);
- pathological entry files of ~1.9 MB (Python and JavaScript): deploylint against
  parsing the file alone (`ast.parse`, the tree-sitter parse).

It prints a table and writes the numbers as JSON (`--json`), with the machine's
description, so the README can quote them.

When valgrind is installed it also counts the instructions each start-up case executes
(`valgrind --tool=callgrind`, one run each; `--no-instructions` skips it): unlike wall
time on a shared machine that count does not move with the load, so the start-up ratios
can be compared between runs and machines.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# children run as an installed tool runs: with compiled bytecode (a set
# PYTHONDONTWRITEBYTECODE would make an editable checkout recompile itself on every run)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float, float]:
    """(median wall ms, median CPU ms (user+sys), max peak RSS MiB) of `command` over
    `runs` runs after a warm-up. CPU time is the steadier number on a shared machine."""
    def once() -> tuple[float, float, float]:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        return ((time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000,
                usage.ru_maxrss / 1024)

    once()  # warm the file cache
    samples = [once() for _ in range(runs)]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples))


def instructions(command: list[str], cwd: Path | None = None) -> int | None:
    """Instructions `command` executes (valgrind's callgrind), or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    result = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    return None


def editable_install() -> bool:
    """Whether deploylint is installed in development mode: its import hook slows every
    start-up of this interpreter, the floor included, so numbers are not a user's."""
    import importlib.metadata

    try:
        text = importlib.metadata.distribution("deploylint").read_text("direct_url.json") or ""
    except importlib.metadata.PackageNotFoundError:
        return False
    return '"editable": true' in text.replace("'", '"')


def procfile_bot_repo(root: Path) -> Path:
    """The smallest common shape: a Procfile and the Python package it starts."""
    small_bot_repo(root)
    (root / "docker-compose.yml").unlink()
    (root / "Dockerfile").unlink()
    return root


def small_bot_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Procfile").write_text("web: gunicorn app.main:app -w 2\nworker: python -m app.bot\n")
    (root / "docker-compose.yml").write_text(
        "services:\n  bot:\n    build: .\n    command: python -m app.bot\n    restart: unless-stopped\n"
        "    environment:\n      BOT_TOKEN: ${BOT_TOKEN}\n    deploy:\n      replicas: 1\n"
        "  redis:\n    image: redis:7\n")
    (root / "Dockerfile").write_text("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
                                     "RUN pip install -r requirements.txt\nCMD [\"python\", \"-m\", \"app.bot\"]\n")
    (root / "requirements.txt").write_text("python-telegram-bot\nflask\ngunicorn\n")
    app = root / "app"
    app.mkdir(exist_ok=True)
    (app / "__init__.py").write_text("")
    (app / "main.py").write_text("from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef home():\n"
                                 "    return 'ok'\n")
    (app / "bot.py").write_text(
        "import os\nfrom telegram.ext import Application, CommandHandler\nfrom . import handlers\n\n"
        "def main():\n    application = Application.builder().token(os.environ['BOT_TOKEN']).build()\n"
        "    handlers.register(application)\n    application.run_polling()\n\nif __name__ == '__main__':\n    main()\n")
    (app / "handlers.py").write_text("def register(application):\n    pass\n" * 20)
    for i in range(25):
        (app / f"util{i}.py").write_text(f"VALUE = {i}\n\ndef f{i}(x):\n    return x + {i}\n")
    (root / "README.md").write_text("# a bot\n")
    return root


def tree(root: Path, files: int) -> Path:
    """A monorepo-shaped tree: a bot, a web frontend with many sources (TS/TSX that import
    each other), docs, JSON assets, Python packages and a committed venv (with its
    pyvenv.cfg, as `python -m venv` leaves it). Files carry a few hundred bytes of
    realistic text, so reading and pre-filtering them costs what it costs in a real repo."""
    small_bot_repo(root)
    per_dir = 100
    kinds = ("web/src/{d}/c{i}.tsx", "web/src/{d}/m{i}.ts", "venv/lib/python3.12/site-packages/p{d}/m{i}.py",
             "docs/{d}/p{i}.md", "app/pkg{d}/m{i}.py", "web/public/{d}/a{i}.json")
    texts = {
        ".tsx": ("import React from 'react';\nimport {{ m{j} }} from '../{dj}/m{j}';\n\n"
                 "export function C{i}({{ title }}: {{ title: string }}) {{\n"
                 "  return <div className=\"c{i}\">{{title}} {{m{j}}}</div>;\n}}\n"),
        ".ts": ("export interface T{i} {{ id: number; name: string }}\n"
                "export const m{i}: T{i} = {{ id: {i}, name: 'n{i}' }};\n"
                "export function f{i}(x: number): number {{\n  return x * {i} + m{i}.id;\n}}\n"),
        ".py": ("import os\n\nVALUE_{i} = os.getenv('VALUE_{i}', '{i}')\n\n\n"
                "def f{i}(x):\n    return x * {i} + int(VALUE_{i})\n"),
        ".md": "# Page {i}\n\nHow the feature {i} works, with a link to [page {j}](../{dj}/p{j}.md).\n",
        ".json": '{{"id": {i}, "name": "asset {i}", "tags": ["a", "b"], "size": {j}}}\n',
    }
    for i in range(max(files - 35, 0)):
        d = i // per_dir
        j = max(i - len(kinds), 0)
        path = root / kinds[i % len(kinds)].format(d=d, i=i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[path.suffix].format(i=i, j=j, dj=j // per_dir))
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.12.3\n")
    (root / "web" / "package.json").write_text('{"name": "web", "scripts": {"start": "next start"}}\n')
    return root


def big_python(path: Path, size: int = 1_900_000) -> Path:
    chunk = ("def handler_{n}(update, context):\n    text = update.message.text\n"
             "    if text == 'x{n}':\n        return context.bot.send_message(chat_id=1, text='y')\n\n")
    parts, n, total = [], 0, 0
    while total < size:
        part = chunk.format(n=n)
        parts.append(part)
        total += len(part)
        n += 1
    parts.append("from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n")
    path.write_text("".join(parts))
    return path


def big_js(path: Path, size: int = 1_900_000) -> Path:
    chunk = "function handler{n}(ctx) {{\n  if (ctx.message.text === 'x{n}') {{ return ctx.reply('y'); }}\n}}\n"
    parts, n, total = ["const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.T);\n"], 0, 0
    while total < size:
        part = chunk.format(n=n)
        parts.append(part)
        total += len(part)
        n += 1
    parts.append("bot.launch();\n")
    path.write_text("".join(parts))
    return path


def parse_only(language: str, path: Path) -> list[str]:
    if language == "python":
        return [sys.executable, "-c", f"import ast; ast.parse(open({str(path)!r}).read())"]
    return [sys.executable, "-c", "import tree_sitter as t, tree_sitter_javascript as j; "
            f"t.Parser(t.Language(j.language())).parse(open({str(path)!r}, 'rb').read())"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", default=str(ROOT / "bench" / "last.json"), help="where to write the record")
    parser.add_argument("--quick", action="store_true", help="skip the 20k tree and use 3 runs")
    parser.add_argument("--no-instructions", action="store_true", help="skip the instruction counts (valgrind)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    deploylint = shutil.which("deploylint", path=str(Path(sys.executable).parent)) or "deploylint"
    rows: list[dict] = []

    if editable_install():
        print("note: deploylint is an editable install here; for user-like numbers run this with the python "
              "of a venv where it was installed with `pip install .`", file=sys.stderr)

    count = not args.no_instructions and shutil.which("valgrind") is not None

    def row(name: str, command: list[str], n: int = runs, cwd: Path | None = None, floor: str | None = None,
            counted: bool = False):
        ms, cpu, rss = measure(command, n, cwd)
        entry = {"name": name, "median_ms": round(ms, 1), "cpu_ms": round(cpu, 1), "peak_rss_mib": round(rss, 1)}
        if counted and count:
            entry["instructions_m"] = round((instructions(command, cwd) or 0) / 1e6, 1) or None
        if floor:
            base = next(r for r in rows if r["name"] == floor)
            entry["ratio"] = round(ms / base["median_ms"], 2)
            entry["cpu_ratio"] = round(cpu / base["cpu_ms"], 2) if base["cpu_ms"] else None
            entry["ratio_to"] = floor
            if entry.get("instructions_m") and base.get("instructions_m"):
                entry["instructions_ratio"] = round(entry["instructions_m"] / base["instructions_m"], 2)
        rows.append(entry)
        return entry

    row("python -c pass", [sys.executable, "-c", "pass"])
    row("python -c 'import click'", [sys.executable, "-c", "import click"], counted=True)
    row("deploylint --version", [deploylint, "--version"], floor="python -c 'import click'", counted=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        row("deploylint <procfile bot repo>", [deploylint, str(procfile_bot_repo(tmp / "procfile"))],
            floor="python -c 'import click'", counted=True)
        small = small_bot_repo(tmp / "small")
        row("deploylint <small bot repo>", [deploylint, str(small)], floor="python -c 'import click'", counted=True)
        row("python: import click + ruamel.yaml load + dockerfile-parse parse", [sys.executable, "-c", (
            "import click; from ruamel.yaml import YAML; "
            f"YAML(typ='rt', pure=True).load(open({str(small / 'docker-compose.yml')!r}).read()); "
            "from dockerfile_parse import DockerfileParser; "
            f"DockerfileParser(fileobj=open({str(small / 'Dockerfile')!r}, 'rb')).structure")],
            floor="python -c 'import click'", counted=True)
        for tool, command in (("yamllint", [shutil.which("yamllint") or "", str(small / "docker-compose.yml")]),
                              ("hadolint", [shutil.which("hadolint") or "", str(small / "Dockerfile")])):
            if command[0]:
                theirs = row(f"{tool} <its one file>", command, counted=True)
                mine = next(r for r in rows if r["name"] == "deploylint <small bot repo>")
                mine[f"ratio_to_{tool}"] = round(mine["median_ms"] / theirs["median_ms"], 2)
                if mine.get("instructions_m") and theirs.get("instructions_m"):
                    mine[f"instructions_ratio_to_{tool}"] = round(mine["instructions_m"] / theirs["instructions_m"], 2)
        sizes = (2_500, 5_000, 10_000) if args.quick else (2_500, 5_000, 10_000, 20_000)
        previous = None
        for size in sizes:
            entry = row(f"deploylint <{size:,}-file tree>", [deploylint, str(tree(tmp / f"t{size}", size))],
                        n=max(runs // 3, 3))
            if previous:
                entry["growth_per_doubling"] = round(entry["median_ms"] / previous["median_ms"], 2)
            previous = entry
        for language, maker, name in (("python", big_python, "bot.py"), ("javascript", big_js, "bot.js")):
            repo = tmp / f"big-{language}"
            repo.mkdir()
            source = maker(repo / name)
            (repo / "Procfile").write_text(f"worker: {'python' if language == 'python' else 'node'} {name}\n")
            base = row(f"parse only <1.9 MB {language}>", parse_only(language, source), n=3)
            entry = row(f"deploylint <1.9 MB {language} entry>", [deploylint, str(repo)], n=3)
            entry["ratio"] = round(entry["median_ms"] / base["median_ms"], 2)
            entry["ratio_to"] = base["name"]
            entry["rss_ratio"] = round(entry["peak_rss_mib"] / base["peak_rss_mib"], 2)

    width = max(len(r["name"]) for r in rows)
    print(f"{'command':<{width}}  median ms  cpu ms  peak MiB  notes")
    for r in rows:
        notes = []
        if "ratio" in r:
            notes.append(f"{r['ratio']}x {r['ratio_to']}" + (f" (cpu {r['cpu_ratio']}x)" if r.get("cpu_ratio") else ""))
        notes += [f"{r[k]}x {k[9:]}" for k in r if k.startswith("ratio_to_")]
        if r.get("instructions_m"):
            notes.append(f"{r['instructions_m']:.0f}M instructions" + (
                f" ({r['instructions_ratio']}x)" if r.get("instructions_ratio") else "") + "".join(
                f" ({r[k]}x {k[22:]})" for k in r if k.startswith("instructions_ratio_to_")))
        if "growth_per_doubling" in r:
            notes.append(f"{r['growth_per_doubling']}x per doubling")
        if "rss_ratio" in r:
            notes.append(f"{r['rss_ratio']}x its memory")
        print(f"{r['name']:<{width}}  {r['median_ms']:9.1f}  {r['cpu_ms']:6.1f}  {r['peak_rss_mib']:8.1f}  "
              f"{', '.join(notes)}")
    record = {"date": time.strftime("%Y-%m-%d"), "machine": {
        "python": platform.python_version(), "system": platform.platform(), "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(), "load_average": os.getloadavg(),
        "editable_install": editable_install()}, "rows": rows}
    Path(args.json).write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
