"""`python -m NAME` for a NAME outside the repository: reported missing only when every
installation source is readable and none provides it (runners.py_installed)."""
from deploylint.repo import Repo
from deploylint.runners.py_installed import surely_not_installed
from deploylint.runners.python import valid_module_name


def _repo(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return Repo(str(tmp_path), list(files))


def test_module_names_are_identifiers():
    assert valid_module_name("bot") and valid_module_name("pkg.sub_2") and valid_module_name("_x")
    assert not valid_module_name("ANGEL-X-ROBOT") and not valid_module_name("app.main:app")
    assert not valid_module_name("2bot") and not valid_module_name("a..b")


def test_requirements_decide(tmp_path):
    repo = _repo(tmp_path, {"requirements.txt": "python-telegram-bot==20.7\nPyrogram>=2\n# yuvi\n"})
    assert surely_not_installed(repo, "yuvi")
    assert not surely_not_installed(repo, "telegram.ext")  # python_telegram_bot contains telegram
    assert not surely_not_installed(repo, "pyrogram")
    assert not surely_not_installed(repo, "http.server") and not surely_not_installed(repo, "pip")


def test_aliases_and_includes(tmp_path):
    repo = _repo(tmp_path, {"requirements.txt": "-r reqs/base.txt\n", "reqs/base.txt": "pyTelegramBotAPI\n"})
    assert not surely_not_installed(repo, "telebot")
    assert surely_not_installed(repo, "musicbot")


def test_unreadable_sources_mean_maybe_installed(tmp_path):
    for files in ({"requirements.txt": "-e .\n"}, {"requirements.txt": "git+https://x/y.git\n"},
                  {"setup.py": "from setuptools import setup\nsetup()\n"},
                  {"requirements.txt": "-r missing.txt\n"},
                  {"Dockerfile": "FROM ghcr.io/acme/botbase:1\nCMD python -m yuvi\n"},
                  {"Dockerfile": "FROM python:3.12\nRUN pip install $EXTRA\n"},
                  {"pyproject.toml": "[tool.setuptools.packages.find]\nwhere = ['lib']\n"}):
        assert not surely_not_installed(_repo(tmp_path / str(len(str(files))), files), "yuvi"), files


def test_dockerfile_pip_lines_and_stages(tmp_path):
    files = {"Dockerfile": "FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir yuvi-core==1 \\\n"
                           "    -r requirements.txt\nFROM build\nCMD python -m yuvi\n",
             "requirements.txt": "pyrogram\n"}
    repo = _repo(tmp_path, files)
    assert not surely_not_installed(repo, "yuvi")  # yuvi_core
    assert surely_not_installed(repo, "musicbot")


def test_a_directory_anywhere_is_not_reported(tmp_path):
    repo = _repo(tmp_path, {"requirements.txt": "pyrogram\n", "app/worker/jobs.py": "x = 1\n"})
    assert not surely_not_installed(repo, "worker.runner")  # a working-directory question, not a missing module


def test_pyproject_and_pipfile(tmp_path):
    repo = _repo(tmp_path, {"pyproject.toml": "[project]\nname='a'\ndependencies=['aiogram>=3']\n"
                                              "[tool.poetry.dependencies]\nhuey = '*'\n",
                            "Pipfile": "[packages]\nstreamlit = '*'\n"})
    assert not surely_not_installed(repo, "aiogram") and not surely_not_installed(repo, "huey.bin.huey_consumer")
    assert not surely_not_installed(repo, "streamlit")
    assert surely_not_installed(repo, "yuvi")


def test_no_manifest_at_all_means_maybe_installed(tmp_path):
    assert not surely_not_installed(_repo(tmp_path, {"bot.py": "print(1)\n"}), "taskiq")
