"""Round 14 precision: clean repositories that were reported (Render rootDir, Fly apps v1
configs, a Procfile beside the heroku.yml that runs the same, code cloned at run time)."""
from __future__ import annotations

from conftest import SCENARIOS, scan_json, write_tree


def _codes(report: dict) -> list[str]:
    return sorted(f"{f['code']} {f['path']}:{f['line']}" for f in report["findings"])


def test_git_clone_dir_default_and_options(tmp_path):
    for line, folder in (("git clone git@example.com:team/mirror-bot.git", "mirror-bot"),
                         ("git clone --depth 1 -b stable https://example.com/team/tool.git", "tool"),
                         ("git clone --branch=main https://example.com/team/tool/ work", "work")):
        root = write_tree(tmp_path / folder, {"Procfile": "worker: bash start.sh\n",
                                              "start.sh": f"#!/bin/bash\n{line}\ncd {folder}\npython3 main.py\n"})
        report = scan_json(root)
        assert _codes(report) == ["DPL004 start.sh:2"], report
        assert f"from {folder}/" in report["findings"][0]["message"]


def test_git_clone_url_with_credentials_is_not_printed(tmp_path):
    root = write_tree(tmp_path, {"Procfile": "worker: bash start.sh\n",
                                 "start.sh": "git clone https://bot:ghp_NotARealSecret123@example.com/a/b.git src\n"
                                             "python3 src/run.py\n"})
    report = scan_json(root)
    assert _codes(report) == ["DPL004 start.sh:1"]
    assert "NotARealSecret" not in str(report)


def test_git_clone_into_a_variable_dir_is_not_guessed(tmp_path):
    root = write_tree(tmp_path, {"Procfile": "worker: bash start.sh\n",
                                 "start.sh": 'git clone "$URL" "$DEST"\npython3 run.py\n'})
    assert _codes(scan_json(root)) == ["DPL003 start.sh:2"]


def test_fly_empty_processes_array_is_accepted_and_a_list_is_not(tmp_path):
    base = {"Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n", "bot.py": "print(1)\n"}
    empty = write_tree(tmp_path / "empty", {**base, "fly.toml": 'app = "a"\nprocesses = []\n'})
    listed = write_tree(tmp_path / "listed", {**base, "fly.toml": 'app = "a"\nprocesses = ["python bot.py"]\n'})
    assert _codes(scan_json(empty)) == []
    assert _codes(scan_json(listed)) == ["DPL002 fly.toml:2"]


def test_fly_apps_v1_markers():
    from deploylint.formats.fly import _apps_v1

    assert _apps_v1({"processes": []})
    assert _apps_v1({"experimental": {"allowed_public_ports": []}})
    assert _apps_v1({"services": [{"script_checks": []}]})
    assert not _apps_v1({"http_service": {"internal_port": 8080}, "processes": {"app": "x"}})
    assert not _apps_v1({"services": "not a list", "experimental": ["x"]})


def test_fly_apps_v1_plan_says_why_one_instance():
    report = scan_json(SCENARIOS / "r14f-fly-apps-v1-cron" / "repo")
    assert report["findings"] == []


def test_render_dockerfile_beside_root_dir_is_found(tmp_path):
    root = write_tree(tmp_path, {
        "render.yaml": "services:\n  - type: worker\n    name: w\n    runtime: docker\n    rootDir: bot\n"
                      "    dockerfilePath: bot/Dockerfile\n",
        "bot/Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"run.py\"]\n", "bot/run.py": "print(1)\n"})
    assert not [f for f in scan_json(root)["findings"] if f["code"] == "DPL003"]


def test_heroku_yml_same_as_procfile_reported_once():
    report = scan_json(SCENARIOS / "r14f-heroku-yml-same-procfile-once" / "repo")
    assert all("heroku.yml process `worker`" in f["message"] for f in report["findings"]), report


def test_compose_v1_format_named_once():
    (finding,) = scan_json(SCENARIOS / "r14f-compose-v1-format" / "repo")["findings"]
    assert "Compose file format v1" in finding["message"] and "`bot`, `cache`" in finding["message"]
    assert "`services:`" in finding["hint"]


def test_compose_v1_format_many_services_are_cut(tmp_path):
    text = "".join(f"s{i}:\n  image: redis:7\n" for i in range(8))
    (finding,) = scan_json(write_tree(tmp_path, {"docker-compose.yml": text}))["findings"]
    assert "`s4`, ..." in finding["message"] and "`s5`" not in finding["message"]


def test_honcho_procfile_path_from_a_variable_is_unresolved_not_missing():
    (finding,) = scan_json(SCENARIOS / "r14f-honcho-procfile-variable" / "repo")["findings"]
    assert finding["code"] == "DPL004" and "only known at run time" in finding["message"]


def test_exec_form_one_word_says_why(tmp_path):
    long_word = "python " + "x" * 300 + ".py"
    root = write_tree(tmp_path, {"docker-compose.yml": "services:\n  bot:\n    build: .\n"
                                                      f"    command: [\"{long_word}\"]\n",
                                 "Dockerfile": "FROM python:3.12\nWORKDIR /srv\nCOPY . .\n"})
    (finding,) = scan_json(root)["findings"]
    assert finding["code"] == "DPL003" and "one word with spaces" in finding["message"]
    assert len(finding["message"]) < 400 and "sh -c" in finding["hint"]


def test_quoted_program_with_spaces_that_exists_is_run(tmp_path):
    root = write_tree(tmp_path, {"Procfile": "worker: './my tools/run.sh'\n", "my tools/run.sh": "#!/bin/sh\necho hi\n"})
    assert not [f for f in scan_json(root)["findings"] if f["code"] == "DPL003"]
