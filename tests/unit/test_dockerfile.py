"""Dockerfile: final stage, ENTRYPOINT x CMD table, COPY path mapping, errors."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import dockerfile


def scan(tree, files):
    return discover(tree(files))


def final(tree, text, target=None, **files):
    repo = scan(tree, {"Dockerfile": text, **files})
    return repo, dockerfile.final_command(repo, "Dockerfile", target)


def test_exec_entrypoint_and_exec_cmd_are_concatenated(tree):
    _, dc = final(tree, 'FROM python:3.12\nENTRYPOINT ["python", "-u"]\nCMD ["bot.py", "--poll"]\n')
    assert dc.command.argv == ("python", "-u", "bot.py", "--poll")
    assert dc.command.location.line == 2 and dc.command.location.column == 12
    assert dc.entrypoint_location.line == 2 and dc.cmd_location.line == 3
    assert not dc.cmd_dropped


def test_shell_cmd_alone_is_shell_text_for_the_shell_parser(tree):
    _, dc = final(tree, "FROM python:3.12\nCMD python bot.py && echo done\n")
    assert dc.command.shell == "python bot.py && echo done"
    assert dc.command.argv is None
    assert (dc.command.location.line, dc.command.location.column) == (2, 5)


def test_exec_entrypoint_with_shell_cmd_wraps_cmd_in_sh(tree):
    _, dc = final(tree, 'FROM python:3.12\nENTRYPOINT ["tini", "--"]\nCMD python bot.py\n')
    assert dc.command.argv == ("tini", "--", "/bin/sh", "-c", "python bot.py")


def test_shell_entrypoint_drops_cmd(tree):
    _, dc = final(tree, 'FROM python:3.12\nENTRYPOINT python web.py\nCMD ["python", "bot.py"]\n')
    assert dc.command.shell == "python web.py"
    assert dc.cmd_dropped
    assert "ignores CMD" in dc.note


def test_invalid_exec_json_is_shell_form(tree):
    repo, dc = final(tree, "FROM python:3.12\nCMD [python, bot.py]\n")
    assert dc.command.shell == "[python, bot.py]"
    assert not repo.findings


def test_custom_shell_changes_how_shell_form_runs(tree):
    _, dc = final(tree, 'FROM python:3.12\nSHELL ["pwsh", "-Command"]\nCMD ./start.ps1\n')
    assert dc.command.argv == ("pwsh", "-Command", "./start.ps1")
    _, dc = final(tree, 'FROM python:3.12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD python bot.py | tee log\n')
    assert dc.command.shell == "python bot.py | tee log"


def test_multi_stage_only_the_final_stage_counts(tree):
    text = ('FROM python:3.12 AS poller\nCMD ["python", "poll.py"]\n\n'
            'FROM python:3.12-slim\nCMD ["python", "web.py"]\n')
    _, dc = final(tree, text)
    assert dc.command.argv == ("python", "web.py")
    assert dc.stage == ""


def test_from_earlier_stage_inherits_cmd_workdir_and_env(tree):
    text = ('FROM python:3.12 AS base\nWORKDIR /srv\nENV MODE=poll\nCMD ["python", "bot.py"]\n'
            'FROM base AS final\nRUN pip install x\n')
    _, dc = final(tree, text)
    assert dc.command.argv == ("python", "bot.py")
    assert dc.stage == "final" and dc.workdir == "/srv" and dc.env == {"MODE": "poll"}


def test_entrypoint_resets_inherited_cmd(tree):
    text = ('FROM python:3.12 AS base\nCMD ["python", "bot.py"]\n'
            'FROM base\nENTRYPOINT ["python", "web.py"]\n')
    _, dc = final(tree, text)
    assert dc.command.argv == ("python", "web.py")
    assert dc.cmd is None and dc.cmd_dropped and "inherited" in dc.note


def test_cmd_written_before_entrypoint_in_the_same_stage_is_kept(tree):
    _, dc = final(tree, 'FROM python:3.12\nCMD ["bot.py"]\nENTRYPOINT ["python"]\n')
    assert dc.command.argv == ("python", "bot.py")


def test_last_cmd_of_a_stage_wins(tree):
    _, dc = final(tree, 'FROM python:3.12\nCMD ["python", "a.py"]\nCMD ["python", "b.py"]\n')
    assert dc.command.argv == ("python", "b.py")


def test_target_selects_a_named_stage(tree):
    text = ('FROM python:3.12 AS Poller\nCMD ["python", "poll.py"]\n'
            'FROM python:3.12 AS web\nCMD ["python", "web.py"]\n')
    repo, dc = final(tree, text, target="poller")
    assert dc.command.argv == ("python", "poll.py") and dc.stage == "poller"
    assert dockerfile.final_command(repo, "Dockerfile", "missing") is None
    assert dockerfile.stage_names(repo, "Dockerfile") == ["poller", "web"]


def test_workdir_copy_maps_container_paths_to_the_repo(tree):
    text = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["/app/start.sh"]\n'
    repo, dc = final(tree, text, **{"start.sh": "python bot.py\n", "bot.py": ""})
    assert dockerfile.container_path_to_repo(dc, "", "/app/start.sh", repo) == "start.sh"
    assert dockerfile.container_path_to_repo(dc, "", "/usr/bin/python", repo) is None
    launch = dockerfile.launch_for(repo, "Dockerfile")
    assert launch.command.argv == ("./start.sh",)
    assert launch.cwd == ""
    assert launch.label == "Dockerfile `Dockerfile` CMD"
    assert launch.location.line == 4


def test_copy_of_a_subdirectory_moves_the_working_directory(tree):
    files = {"svc/Dockerfile": 'FROM node:20\nWORKDIR /app\nCOPY src/ /app/\nENTRYPOINT ["sh", "/app/run.sh"]\n',
             "svc/src/run.sh": "node index.js\n", "svc/src/index.js": ""}
    repo = scan(tree, files)
    dc = dockerfile.final_command(repo, "svc/Dockerfile")
    assert dockerfile.container_path_to_repo(dc, "svc", "/app/run.sh", repo) == "svc/src/run.sh"
    launch = dockerfile.launch_for(repo, "svc/Dockerfile")
    assert launch.cwd == "svc/src"
    assert launch.command.argv == ("sh", "run.sh")
    assert launch.label.endswith("ENTRYPOINT")


def test_copy_from_a_build_stage_follows_that_stages_copies(tree):
    text = ('FROM node:20 AS build\nWORKDIR /src\nCOPY . .\n'
            'FROM node:20-slim\nCOPY --from=build /src/lib /app\nCMD ["node", "/app/main.js"]\n')
    repo, dc = final(tree, text, **{"lib/main.js": ""})
    assert dockerfile.container_path_to_repo(dc, "", "/app/main.js", repo) == "lib/main.js"


def test_env_expose_and_heredoc(tree):
    text = ('FROM python:3.12\nARG PORT=8080\nENV A=1 B="two words" PORT=$PORT\nENV LEGACY some value\n'
            'RUN <<EOF\napt-get update\npip install -r requirements.txt\nEOF\nEXPOSE ${PORT}\nCMD ["python", "bot.py"]\n')
    repo, dc = final(tree, text)
    assert dc.env == {"A": "1", "B": "two words", "PORT": "8080", "LEGACY": "some value"}
    assert dc.exposes == ["8080"]
    assert not repo.findings  # heredoc lines are not instructions
    assert dockerfile.launch_for(repo, "Dockerfile").env["PORT"] == "8080"


def test_unknown_instruction_is_dpl002_with_line_and_suggestion(tree):
    repo, dc = final(tree, 'FROM python:3.12\n\nCMDD ["python", "bot.py"]\n')
    [finding] = repo.findings
    assert finding.code == "DPL002"
    assert (finding.location.line, finding.location.column) == (3, 1)
    assert "`CMDD`" in finding.message and "did you mean `CMD`" in finding.message
    assert dc.command is None


def test_no_command_reports_dpl004_once(tree):
    repo = scan(tree, {"Dockerfile": "FROM python:3.12\nCOPY . /app\nRUN true\n"})
    launch = dockerfile.launch_for(repo, "Dockerfile")
    dockerfile.launch_for(repo, "Dockerfile")
    assert launch.command is None
    assert [f.code for f in repo.findings] == ["DPL004"]


def test_no_command_on_a_stock_image_with_only_a_config_is_quiet(tree):
    repo = scan(tree, {"Dockerfile": "FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\n",
                       "default.conf": "server {}\n"})
    assert dockerfile.launch_for(repo, "Dockerfile").command is None
    assert repo.findings == []


def test_file_without_from_is_dpl002(tree):
    repo = scan(tree, {"Dockerfile": "hello world\nthis is not docker\n"})
    assert dockerfile.final_command(repo, "Dockerfile") is None
    assert any(f.code == "DPL002" and "no FROM" in f.message for f in repo.findings)
    assert dockerfile.targets(repo) == []


def test_binary_file_is_dpl001_without_exception(tree):
    repo = scan(tree, {"Dockerfile": b"\x00\x01\x02FROM\xff\xfe"})
    assert dockerfile.final_command(repo, "Dockerfile") is None
    assert dockerfile.targets(repo) == []
    assert [f.code for f in repo.findings] == ["DPL001"]


def test_targets_cover_dockerfile_names_and_skip_consumed(tree):
    body = 'FROM python:3.12\nCMD ["python", "bot.py"]\n'
    repo = scan(tree, {"Dockerfile": body, "bot.Dockerfile": body, "Dockerfile.prod": body,
                       "worker.dockerfile": body, "Dockerfile.dockerignore": "*.pyc\n", "README.md": "x"})
    repo.consumed.add("Dockerfile.prod")
    found = dockerfile.targets(repo)
    assert sorted(t.name for t in found) == ["Dockerfile", "bot.Dockerfile", "worker.dockerfile"]
    assert all(t.platform == "docker" and len(t.launches) == 1 for t in found)


def test_shell_entrypoint_target_carries_a_shadow_for_the_dropped_cmd(tree):
    repo = scan(tree, {"Dockerfile": 'FROM python:3.12\nENTRYPOINT python web.py\nCMD ["python", "bot.py"]\n'})
    [target] = dockerfile.targets(repo)
    [shadow] = target.shadows
    assert shadow.location.line == 3 and "ignores CMD" in shadow.message


def test_entrypoint_copied_onto_path_maps_back_to_the_repo(tree):
    text = ('FROM node:20\nWORKDIR /app\nCOPY docker/entry.sh /usr/local/bin/\nCOPY . .\n'
            'ENTRYPOINT ["entry.sh"]\nCMD ["node", "/app/index.js"]\n')
    repo, _ = final(tree, text, **{"docker/entry.sh": 'exec "$@"\n', "index.js": ""})
    launch = dockerfile.launch_for(repo, "Dockerfile")
    assert launch.command.argv == ("docker/entry.sh", "node", "index.js")


def test_stage_arg_without_value_takes_the_default_declared_before_from(tree):
    text = ("ARG SERVICE=api\nFROM node:20 AS base\nARG SERVICE\nWORKDIR /srv/${SERVICE}\n"
            "COPY ./${SERVICE}/*.json ./\nCMD [\"npm\", \"start\"]\n")
    repo, dc = final(tree, text, **{"api/package.json": "{}"})
    assert dc.workdir == "/srv/api"
    # the working directory holds api/'s files (copied by a glob), so it maps to api/
    assert dockerfile.container_path_to_repo(dc, "", "/srv/api", repo) == "api"
    assert dockerfile.container_path_to_repo(dc, "", "/srv/api/package.json", repo) == "api/package.json"


def test_stage_without_arg_does_not_see_the_default_declared_before_from(tree):
    repo, dc = final(tree, "ARG SERVICE=api\nFROM node:20\nWORKDIR /srv/${SERVICE}\nCMD [\"npm\", \"start\"]\n")
    assert dc.workdir == "/srv/${SERVICE}"  # Docker: only `ARG SERVICE` inside the stage brings it in


def test_renamed_script_in_shell_text_resolves_to_its_source(tmp_path):
    # `COPY deploy/x.sh ./start.sh`: start.sh in a shell-form CMD or an `sh -c` body is deploy/x.sh;
    # words that name no renamed file (`python`, `-m`, `bot.main`, `app:app`) stay as written
    from deploylint.formats import dockerfile_image as image
    from deploylint.model import Command, Location

    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "x.sh").write_text("#!/bin/sh\n")
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "main.py").write_text("print(1)\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY deploy/x.sh ./start.sh\n"
                                         "CMD sh start.sh\n")
    repo = discover(tmp_path)
    dc = image.final_command(repo, "Dockerfile")
    where = Location("Dockerfile", 5, 5)
    for text, expected in [
        ("sh start.sh", "sh deploy/x.sh"),
        ("chmod +x start.sh && ./start.sh", "chmod +x deploy/x.sh && deploy/x.sh"),
        ('sh -c "./start.sh"', 'sh -c "deploy/x.sh"'),
        ("python -m bot.main && gunicorn app:app", "python -m bot.main && gunicorn app:app"),
        ("./missing.sh", "./missing.sh"),
    ]:
        command, _ = image.localise(repo, dc, "", Command(where, shell=text))
        assert command.shell == expected, text
    command, _ = image.localise(repo, dc, "", Command(where, argv=("/bin/sh", "-c", "chmod +x start.sh; ./start.sh")))
    assert command.argv[-1] == "chmod +x deploy/x.sh; deploy/x.sh"
