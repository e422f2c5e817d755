"""Standalone start scripts: a target "run by hand" unless a config runs them."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import scripts


def found(tree, files):
    return [t.name for t in scripts.targets(discover(tree(files)))]


def test_lone_start_script_is_a_target(tree):
    targets = scripts.targets(discover(tree({"start.sh": "#!/bin/bash\npython bot.py\n", "bin/start": "python bot.py\n"})))
    assert [t.name for t in targets] == ["bin/start", "start.sh"]
    assert all(t.platform == "local" for t in targets)
    launch = targets[1].launches[0]
    assert launch.command.argv == ("bash", "start.sh") and launch.copies.count == 1
    assert targets[0].launches[0].command.argv == ("sh", "bin/start") and targets[0].launches[0].cwd == ""


def test_script_a_config_names_is_not(tree):
    assert found(tree, {"start.sh": "python bot.py\n", "Dockerfile": "FROM x\nCMD [\"./start.sh\"]\n"}) == []
    assert found(tree, {"run.sh": "python bot.py\n", "package.json": '{"scripts": {"start": "sh run.sh"}}'}) == []
    assert found(tree, {"deploy/entrypoint.sh": "python bot.py\n", "docker-compose.yml": "services:\n  a:\n    entrypoint: /entrypoint.sh\n"}) == []


def test_other_names_and_places_are_not_start_scripts(tree):
    assert found(tree, {"start.py": "print(1)\n", "src/start": "x\n", "restart.sh": "x\n", "run.sh.bak": "x\n"}) == []


def test_a_name_inside_a_longer_word_is_not_a_reference(tree):
    assert found(tree, {"start.sh": "python bot.py\n", "Procfile": "web: ./prestart.sh && gunicorn app:app\n"}) == ["start.sh"]
