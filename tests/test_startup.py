"""Start-up cost: libraries and analysers are imported only when their input is present
(issue: a clean small repository imports no jsonschema, ruamel.yaml, dockerfile-parse or
pathspec when it has nothing for them), and `--version` answers before the CLI library
is loaded. Measured by which modules a real run imports, not by wall time."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import write_tree

BOT = ("import os\nfrom telegram.ext import Application\n\n"
       "Application.builder().token(os.environ['BOT_TOKEN']).build().run_polling()\n")
PROBE = ("import json, sys\nsys.argv = ['deploylint', *sys.argv[1:]]\nfrom deploylint.entry import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n")

HEAVY = ("jsonschema", "ruamel.yaml", "dockerfile_parse", "pathspec", "tree_sitter", "tree_sitter_bash",
         "tree_sitter_javascript", "tree_sitter_python", "tree_sitter_go", "tomllib", "deploylint.checks.unparsable_config",
         "deploylint.formats.compose", "deploylint.yamlfile",
         "deploylint.formats.github_actions", "deploylint.formats.github_actions_runs",
         "deploylint.report.sarif", "deploylint.rulepages", "deploylint.baseline", "difflib",
         # formats and readers of rounds 10-11, for inputs these repositories do not have
         "deploylint.formats.nixpacks", "deploylint.formats.helm", "deploylint.formats.koyeb",
         "deploylint.runners.make", "deploylint.runners.go", "deploylint.runners.go_build", "deploylint.code.go")


def modules_imported(root, *args) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=root, capture_output=True, text=True,
                            timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


def imported_heavy(modules: set[str]) -> set[str]:
    return {name for name in HEAVY if name in modules}


def test_a_procfile_bot_imports_none_of_the_heavy_libraries(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": BOT, "requirements.txt": "ptb\n"})
    assert imported_heavy(modules_imported(tmp_path, ".")) == set()


@pytest.mark.parametrize("files, needed", [
    ({"docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python bot.py\n"},
     {"ruamel.yaml", "deploylint.formats.compose", "deploylint.yamlfile"}),
    ({"Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"}, {"dockerfile_parse"}),
    ({"fly.toml": "app = 'bot'\n[processes]\nworker = 'python bot.py'\n"}, {"tomllib"}),
    ({"Procfile": "worker: python bot.py & python bot.py\n"}, {"tree_sitter", "tree_sitter_bash"}),
])
def test_each_library_only_when_its_input_is_there(tmp_path, files, needed):
    write_tree(tmp_path, {"bot.py": BOT, **files})
    assert imported_heavy(modules_imported(tmp_path, ".")) == needed


def test_an_ignored_tree_outside_git_reads_its_gitignore_with_pathspec_only_then(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": BOT, ".gitignore": "build/\n"})
    assert "pathspec" in modules_imported(tmp_path, ".")


def test_version_answers_without_the_cli_library(tmp_path):
    modules = modules_imported(tmp_path, "--version")
    assert not any(name == "click" or name.startswith("click.") for name in modules)
    assert not any(name.startswith("deploylint.") and name != "deploylint.entry" for name in modules)
    for flag in ("--version", "-V"):
        out = subprocess.run([sys.executable, "-m", "deploylint", flag], capture_output=True, text=True, timeout=60)
        from deploylint import __version__
        assert out.returncode == 0 and out.stdout == f"deploylint, version {__version__}\n"


def test_the_core_does_not_import_pathlib(tmp_path):
    """pathlib pulls in urllib.parse and ipaddress (~5 % of a small scan): the core works
    with string paths. (An editable install's import hook loads pathlib before any of
    our code; then there is nothing to measure.)"""
    before = subprocess.run([sys.executable, "-c", "import sys; print('pathlib' in sys.modules)"],
                            capture_output=True, text=True, timeout=60).stdout.strip()
    if before == "True":
        pytest.skip("pathlib is loaded at interpreter start here (editable install)")
    write_tree(tmp_path, {"bot.py": BOT, "Procfile": "web: gunicorn app:app\nworker: python bot.py\n",
                          "docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python bot.py\n",
                          "Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"})
    assert "pathlib" not in modules_imported(tmp_path, ".")


def test_no_module_imports_by_compiling_a_pattern():
    """Patterns compile on first use (`patterns.lazy_re`): a module-level `re.compile` costs
    every run that imports the module, whether or not the pattern is ever used."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "deploylint"
    eager = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "patterns.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = getattr(node, "value", None)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(value, ast.Call) \
                    and isinstance(value.func, ast.Attribute) and value.func.attr == "compile" \
                    and isinstance(value.func.value, ast.Name) and value.func.value.id == "re":
                eager.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    assert eager == []


def test_a_railway_bot_without_nixpacks_config_does_not_load_the_nixpacks_reader(tmp_path):
    write_tree(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python bot.py"}}\n', "bot.py": BOT,
                          "Procfile": "worker: python bot.py\n"})
    modules = modules_imported(tmp_path, ".")
    assert "deploylint.formats.railway" in modules and "deploylint.formats.nixpacks" not in modules
    write_tree(tmp_path, {"nixpacks.toml": "[start]\ncmd = 'python bot.py'\n"})
    assert "deploylint.formats.nixpacks" in modules_imported(tmp_path, ".")
