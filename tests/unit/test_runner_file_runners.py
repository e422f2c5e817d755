"""TypeScript/ESM file runners that start a file like node does: tsm, esno, esr, babel-node, vite-node."""
import pytest

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


@pytest.mark.parametrize("argv, entry", [
    (["tsm", "./src/app.ts"], "src/app.ts"),
    (["esno", "src/app.ts"], "src/app.ts"),
    (["babel-node", "--presets", "@babel/preset-env", "src/app.ts"], "src/app.ts"),
    (["vite-node", "--root", "src", "src/app.ts"], "src/app.ts"),
])
def test_file_runner_entry(tmp_path, argv, entry):
    write_tree(tmp_path, {"src/app.ts": "", "package.json": "{}"})
    repo = discover(tmp_path)
    result = analyse(Command(Location("Dockerfile", 2, 5), argv=tuple(argv)), Context(repo))
    assert [(p.kind, p.entry) for p in result.processes] == [("node", entry)]
    assert repo.findings == []
