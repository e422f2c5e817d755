"""Start-up and scan-time benchmark (not a test): median wall time of `deploylint`
against `python -c pass`, on the bundled examples and a generated 10,000-file tree.

    python bench/bench.py [--runs 15]

Run it with the interpreter of the environment deploylint is installed in.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_ms(command: list[str], runs: int, cwd: Path | None = None) -> float:
    subprocess.run(command, cwd=cwd, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def generated_tree(root: Path, files: int = 10_000) -> Path:
    """A monorepo-shaped tree: many source files, a few deployment configs."""
    (root / "Procfile").write_text("web: gunicorn app.main:app -w 2\nworker: python -m app.bot\n")
    (root / "docker-compose.yml").write_text("services:\n  bot:\n    build: .\n    command: python -m app.bot\n    deploy:\n      replicas: 2\n")
    (root / "Dockerfile").write_text("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-m\", \"app.bot\"]\n")
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "main.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (root / "app" / "bot.py").write_text(
        "from telegram.ext import Application\n\ndef main():\n    Application.builder().token('x').build().run_polling()\n\n"
        "if __name__ == '__main__':\n    main()\n")
    per_dir = 100
    for i in range(files - 5):
        directory = root / "src" / f"pkg{i // per_dir:03d}"
        directory.mkdir(parents=True, exist_ok=True)
        suffix = (".py", ".md", ".json", ".txt", ".js")[i % 5]
        (directory / f"module{i}{suffix}").write_text(f"# file {i}\n")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    deploylint = shutil.which("deploylint", path=str(Path(sys.executable).parent)) or "deploylint"
    baseline = median_ms([sys.executable, "-c", "pass"], args.runs)
    rows = [("python -c pass", baseline)]
    rows.append(("deploylint --version", median_ms([deploylint, "--version"], args.runs)))
    for example in sorted((ROOT / "examples").iterdir()):
        if example.is_dir():
            rows.append((f"deploylint examples/{example.name}", median_ms([deploylint, str(example)], args.runs)))
    with tempfile.TemporaryDirectory() as tmp:
        tree = generated_tree(Path(tmp))
        rows.append(("deploylint <10,000-file tree>", median_ms([deploylint, str(tree)], max(args.runs // 3, 3))))
    width = max(len(name) for name, _ in rows)
    print(f"{'command':<{width}}  median ms  beyond python start-up")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:9.1f}  {ms - baseline:+9.1f}")


if __name__ == "__main__":
    main()
