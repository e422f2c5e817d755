"""submodules: which `.gitmodules` paths hold no file in the checkout, read as hostile input."""
from __future__ import annotations

import os

from deploylint import submodules
from deploylint.discover import discover


def _repo(tmp_path, gitmodules: str | bytes, files: dict[str, str] | None = None):
    data = gitmodules.encode() if isinstance(gitmodules, str) else gitmodules
    (tmp_path / ".gitmodules").write_bytes(data)
    for name, text in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return discover(tmp_path)


def test_declared_paths_without_files_are_unchecked(tmp_path):
    repo = _repo(tmp_path, '[submodule "a"]\n\tpath = backend\n[submodule "b"]\n  path=libs/bot \r\n'
                           '[submodule "c"]\n\tpath = web\n', {"web/index.js": "", "Procfile": "web: node web\n"})
    (tmp_path / "backend").mkdir()  # an empty directory, as git leaves it
    assert submodules.unchecked(repo) == ("backend", "libs/bot")
    assert submodules.containing(repo, "libs/bot/main.py") == "libs/bot"
    assert submodules.containing(repo, "libs/botany.py") is None
    assert submodules.named_in(repo, "runs `backend/x.py`, which is not in the repository") == "backend"
    assert submodules.named_in(repo, "module app.main is not in the repository", cwd="backend/src") == "backend"
    assert submodules.named_in(repo, "runs `web/x.js`") is None  # web is checked out


def test_paths_out_of_the_checkout_and_odd_files_are_ignored(tmp_path):
    repo = _repo(tmp_path, "[submodule]\n path = ../outside\n path = /abs\n path = \n path = \"quoted\"\n",
                 {"Procfile": "web: x\n"})
    assert submodules.unchecked(repo) == ("abs", "quoted")  # normalised inside the root


def test_hostile_gitmodules_costs_nothing(tmp_path):
    for name in "abc":
        (tmp_path / name).mkdir()
    huge = b"[submodule]\n" + b"\tpath = p\n" * 100_000  # past the size limit: not read
    assert submodules.unchecked(_repo(tmp_path / "a", huge)) == ()
    binary = bytes(range(256)) * 10  # not text: whatever it holds, no crash
    assert isinstance(submodules.unchecked(_repo(tmp_path / "b", binary)), tuple)
    many = "".join(f"[submodule \"{i}\"]\n\tpath = s{i}\n" for i in range(1500))
    assert len(submodules.unchecked(_repo(tmp_path / "c", many))) == submodules.MAX_SUBMODULES


def test_gitmodules_that_is_a_directory_or_a_link_out_is_ignored(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / ".gitmodules").mkdir()
    assert submodules.unchecked(discover(tmp_path / "d")) == ()
    (tmp_path / "e").mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("[submodule]\n\tpath = secret\n")
    os.symlink(outside, tmp_path / "e" / ".gitmodules")
    assert submodules.unchecked(discover(tmp_path / "e")) == ()
