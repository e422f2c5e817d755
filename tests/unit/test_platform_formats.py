"""Readers for Render, Fly, heroku.yml/app.json/Dokku, supervisord, systemd, Kubernetes and
DigitalOcean: what they start, how many copies and why, and bad input -> DPL001/DPL002."""
from __future__ import annotations

import pytest

from deploylint.discover import discover
from deploylint.engine import scan
from deploylint.formats import all_targets

from conftest import write_tree

BOT = "from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n"
DOCKERFILE = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "bot.py"]\n'


def targets(tmp_path, files, platform=None):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    found = all_targets(repo)
    return [t for t in found if platform is None or t.platform == platform], repo


def codes(tmp_path, files):
    write_tree(tmp_path, files)
    return sorted((f.code, f.location.path, f.location.line) for f in scan(tmp_path).findings)


# -- Render -----------------------------------------------------------------------------
def test_render_copies_commands_and_roles(tmp_path):
    (t,), _ = targets(tmp_path, {"render.yaml": (
        "services:\n"
        "  - type: worker\n    name: bot\n    runtime: python\n    rootDir: svc\n    startCommand: python bot.py\n    numInstances: 2\n"
        "  - type: web\n    name: api\n    runtime: docker\n    dockerCommand: python api.py\n    scaling: {minInstances: 1, maxInstances: 4}\n"
        "    preDeployCommand: python migrate.py\n    disk: {name: d, mountPath: /d}\n"
        "  - type: cron\n    name: job\n    runtime: python\n    schedule: '@hourly'\n    startCommand: python job.py\n"
        "  - type: keyvalue\n    name: cache\n"), "Dockerfile": DOCKERFILE}, "render")
    bot, api, pre, job = t.launches
    assert (bot.command.text, bot.cwd, bot.copies.count, bot.copies.reason) == ("python bot.py", "svc", 2, "numInstances = 2")
    assert bot.overlaps and "60 s" in bot.overlaps[0].reason and "disk" in bot.overlaps[0].switch
    assert api.command.argv == ("/bin/sh", "-c", "python api.py") or api.command.text == "python api.py"
    assert (api.copies.count, api.overlaps) == (4, [])  # autoscaling max; a disk: no overlap
    assert (pre.role, pre.runs) == ("release", False)
    assert not job.runs and "schedule" in job.note


def test_fly_config_named_with_c_flag_is_a_fly_target(tmp_path):
    found, _ = targets(tmp_path, {
        "ops/prod-app.toml": "[http_service]\ninternal_port = 8080\n", "ops/Dockerfile": DOCKERFILE,
        "ops/deploy.sh": "flyctl deploy --config=prod-app.toml\n",  # relative to the script
        "staging.toml": "[processes]\nbot = 'python bot.py'\n", "Makefile": "deploy:\n\tfly deploy -c ./staging.toml\n",
        "pyproject.toml": "[project]\nname = 'x'\n", "README.md": "run `fly deploy -c pyproject.toml` (nonsense)\n",
        "other.toml": "", "Dockerfile": DOCKERFILE}, "fly")
    assert sorted(t.name for t in found) == ["ops/prod-app.toml", "staging.toml"]


def test_a_toml_no_fly_command_names_is_not_read(tmp_path):
    found, _ = targets(tmp_path, {"settings.toml": "[http_service]\n", "deploy.sh": "fly deploy\n",
                                  "README.md": "see fly.io, then run `cargo run -c settings.toml`\n",
                                  "Dockerfile": DOCKERFILE}, "fly")
    assert found == []


@pytest.mark.parametrize("value, code", [("two", "DPL002"), (10**12, "DPL002"), (-1, "DPL002"), ("[1", "DPL001")])
def test_render_bad_numbers_and_syntax(tmp_path, value, code):
    text = f"services:\n  - type: worker\n    name: bot\n    startCommand: python bot.py\n    numInstances: {value}\n"
    found = codes(tmp_path, {"render.yaml": text, "bot.py": BOT})
    assert any(c == code and p == "render.yaml" for c, p, _ in found), found
    assert not any(c == "DPL102" for c, _, _ in found)


def test_render_wrong_shapes(tmp_path):
    found = codes(tmp_path, {"render.yaml": "services:\n  - 3\n  - type: worker\n    startCommand: [1]\n    scaling: 2\n"})
    assert [c for c, _, _ in found].count("DPL002") >= 2


def test_render_non_utf8(tmp_path):
    found = codes(tmp_path, {"render.yaml": b"services:\n  - type: worker\n    startCommand: python \xff.py\n"})
    assert ("DPL001", "render.yaml", 3) in found


# -- Fly ----------------------------------------------------------------------------------
def test_fly_default_group_with_services_runs_two_machines(tmp_path):
    (t,), _ = targets(tmp_path, {"fly.toml": 'app = "x"\n[http_service]\ninternal_port = 8080\n', "Dockerfile": DOCKERFILE,
                                 "bot.py": BOT}, "fly")
    (app,) = t.launches
    assert app.command.argv == ("python", "bot.py")
    assert (app.copies.count, app.copies.assumed) == (2, True)


def test_fly_groups_mounts_scale_and_strategy(tmp_path):
    (t,), _ = targets(tmp_path, {
        "fly.toml": ('[processes]\nweb = "gunicorn app:app"\nworker = "python bot.py"\n'
                     '[[services]]\nprocesses = ["web"]\ninternal_port = 8000\n'
                     '[mounts]\nsource = "data"\ndestination = "/data"\nprocesses = ["worker"]\n'
                     '[deploy]\nstrategy = "canary"\nrelease_command = "python migrate.py"\n'),
        "Dockerfile": DOCKERFILE}, "fly")
    web, worker, release = t.launches
    assert (web.copies.count, worker.copies.count) == (2, 1)
    assert worker.command.argv == ("python", "bot.py")
    assert t.overlaps and "canary" in t.overlaps[0].reason
    assert (release.role, release.runs) == ("release", False)


def test_fly_scale_count_in_a_script_wins(tmp_path):
    (t,), _ = targets(tmp_path, {"fly.toml": "[http_service]\ninternal_port = 8080\n", "Dockerfile": DOCKERFILE,
                                 "deploy.sh": "fly deploy\nfly scale count 1\n"}, "fly")
    assert t.launches[0].copies.count == 1


@pytest.mark.parametrize("text, code", [("[processes\n", "DPL001"), ("processes = 3\n", "DPL002"),
                                        ('[processes]\nbot = 5\n', "DPL002")])
def test_fly_bad_input(tmp_path, text, code):
    found = codes(tmp_path, {"fly.toml": text, "Dockerfile": DOCKERFILE})
    assert any(c == code and p == "fly.toml" for c, p, _ in found), found


def test_fly_non_utf8(tmp_path):
    assert ("DPL001", "fly.toml", 1) in codes(tmp_path, {"fly.toml": b'app = "\xfe"\n'})


# -- heroku.yml / app.json / Dokku ---------------------------------------------------------
def test_heroku_yml_run_replaces_procfile_and_uses_image(tmp_path):
    (t,), _ = targets(tmp_path, {
        "heroku.yml": "build:\n  docker:\n    web: Dockerfile\nrun:\n  web: python web.py\n  worker:\n    command:\n      - python bot.py\n    image: web\n",
        "Procfile": "worker: python other.py\n", "Dockerfile": DOCKERFILE}, "heroku")
    assert t.location.path == "heroku.yml"
    assert [l.name for l in t.launches] == ["web", "worker"]
    assert t.launches[1].command.text == "python bot.py"
    assert [s.location.path for s in t.shadows] == ["Procfile"]


def test_heroku_yml_without_run_runs_each_dockerfile(tmp_path):
    (t,), _ = targets(tmp_path, {"heroku.yml": "build:\n  docker:\n    worker: bot/Dockerfile\n",
                                 "bot/Dockerfile": DOCKERFILE, "bot/bot.py": BOT}, "heroku")
    (worker,) = t.launches
    assert (worker.command.argv, worker.cwd) == (("python", "bot.py"), "bot")


def test_app_json_formation_sets_copies_and_zero_stops(tmp_path):
    (t,), _ = targets(tmp_path, {
        "Procfile": "web: python web.py\nworker: python bot.py\n",
        "app.json": '{"formation": {"web": {"quantity": 0}}, "environments": {"review": {"formation": {"worker": {"quantity": 3}}}}}',
    }, "heroku")
    web, worker = t.launches
    assert not web.runs
    assert (worker.copies.count, worker.copies.reason) == (3, "app.json environments.review.formation.worker.quantity = 3")


def test_expo_app_json_is_ignored(tmp_path):
    (t,), repo = targets(tmp_path, {"Procfile": "worker: python bot.py\n", "app.json": '{"expo": {"name": "x", "scripts": 1}}'})
    assert t.launches[0].copies.count == 1 and not repo.findings


def test_dokku_defaults_and_checks(tmp_path):
    (t,), _ = targets(tmp_path, {"Procfile": "web: python web.py\nworker: python bot.py\n",
                                 "app.json": '{"scripts": {"dokku": {"predeploy": "true"}}}',
                                 "CHECKS": "WAIT=5\n"})
    assert t.platform == "dokku"
    web, worker = t.launches
    assert web.runs and web.overlaps and "checks:disable" in web.overlaps[0].switch
    assert not worker.runs and "ps:scale" in worker.note


def test_a_readme_that_mentions_dokku_keeps_every_process(tmp_path):
    (t,), _ = targets(tmp_path, {"Procfile": "web: python web.py\nworker: python bot.py\n",
                                 "README.md": "git remote add dokku dokku@example.com:bot\n"})
    assert t.platform == "dokku"
    assert all(l.runs and l.overlaps for l in t.launches)  # Heroku may run it too: nothing switched off


@pytest.mark.parametrize("text, code", [('{"formation": {"worker": {"quantity": "many"}}}', "DPL002"),
                                        ('{"formation": {"worker": {"quantity": 99999999}}}', "DPL002"),
                                        ('{"formation": [1, 2', "DPL001"), ('{"formation": 7}', "DPL002")])
def test_app_json_bad_input(tmp_path, text, code):
    found = codes(tmp_path, {"Procfile": "worker: python bot.py\n", "app.json": text, "bot.py": BOT})
    assert any(c == code and p == "app.json" for c, p, _ in found), found


def test_heroku_yml_bad_input(tmp_path):
    found = codes(tmp_path, {"heroku.yml": "build:\n  docker:\n    web: [1]\nrun: 5\n"})
    assert [c for c, _, _ in found].count("DPL002") == 2
    assert ("DPL001", "heroku.yml", 2) in codes(tmp_path, {"heroku.yml": b"run:\n  web: \xff\n"})


# -- supervisord --------------------------------------------------------------------------
def test_supervisord_programs_numprocs_autostart(tmp_path):
    (t,), _ = targets(tmp_path, {"etc/supervisord.conf": (
        "[supervisord]\nnodaemon=true\n[program:bot]\ncommand=python /srv/app/bot.py ; comment\nnumprocs=3\n"
        "[program:off]\ncommand=python other.py\nautostart=false\n"), "bot.py": BOT}, "supervisord")
    bot, off = t.launches
    assert (bot.command.text, bot.copies.count) == ("python bot.py", 3)
    assert not off.runs and not t.hosts_differ


def test_supervisord_runner_reads_config_copied_into_image(tmp_path):
    found, repo = targets(tmp_path, {
        "Dockerfile": 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY conf/s.conf /etc/supervisor/conf.d/s.conf\n'
                      'CMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/s.conf"]\n',
        "conf/s.conf": "[program:bot]\ncommand=python bot.py\nnumprocs=2\n", "bot.py": BOT})
    assert [t.platform for t in found] == ["docker"]  # the config is part of the image's launch
    result = scan(tmp_path)
    assert [(f.code, f.location.path) for f in result.findings] == [("DPL102", "conf/s.conf")]


@pytest.mark.parametrize("text, code", [("[program:bot]\ncommand=python bot.py\nnumprocs=lots\n", "DPL002"),
                                        ("[program:bot]\ncommand=python bot.py\nnumprocs=123456789\n", "DPL002"),
                                        ("[program:bot]\nthis is not a setting\n", "DPL001"),
                                        ("[program:bot]\nnumprocs=1\n", "DPL002")])
def test_supervisord_bad_input(tmp_path, text, code):
    found = codes(tmp_path, {"supervisord.conf": text, "bot.py": BOT})
    assert any(c == code and p == "supervisord.conf" for c, p, _ in found), found


def test_unrelated_conf_files_are_not_read(tmp_path):
    found = codes(tmp_path, {"nginx.conf": b"server { listen 80; \xff }\n", "setup.ini": "x"})
    assert found == []


# -- systemd ------------------------------------------------------------------------------
def test_systemd_template_counts_instances(tmp_path):
    (t,), _ = targets(tmp_path, {"bot@.service": "[Service]\nExecStart=-/usr/bin/python3 /opt/x/bot.py\n",
                                 "Makefile": "install:\n\tsystemctl enable bot@{1..3}\n", "bot.py": BOT}, "systemd")
    (launch,) = t.launches
    assert launch.copies.count == 3 and launch.command.text == "/usr/bin/python3 bot.py"


def test_systemd_oneshot_and_bad_lines(tmp_path):
    found = codes(tmp_path, {"job.service": "[Service]\nType=oneshot\nExecStart=python bot.py\ngarbage line\n", "bot.py": BOT})
    assert ("DPL001", "job.service", 4) in found
    (t,), _ = targets(tmp_path, {}, "systemd")
    assert not t.launches[0].runs


# -- Kubernetes ---------------------------------------------------------------------------
DEPLOY = """apiVersion: apps/v1
kind: {kind}
metadata:
  name: bot
spec:
  replicas: {replicas}
  template:
    spec:
      containers:
        - name: bot
          image: me/bot:1
          command: ["python"]
          args: ["bot.py"]
"""


def test_kubernetes_command_args_and_replicas(tmp_path):
    (t,), _ = targets(tmp_path, {"k8s/d.yaml": DEPLOY.format(kind="Deployment", replicas=3), "Dockerfile": DOCKERFILE},
                      "kubernetes")
    (launch,) = t.launches
    assert launch.command.argv == ("python", "bot.py") and launch.copies.count == 3
    assert launch.overlaps and "Recreate" in launch.overlaps[0].switch


def test_kubernetes_statefulset_has_no_surge_and_zero_replicas_does_not_run(tmp_path):
    (t,), _ = targets(tmp_path, {"k8s/d.yaml": DEPLOY.format(kind="StatefulSet", replicas=0)}, "kubernetes")
    assert not t.launches[0].runs and not t.launches[0].overlaps


@pytest.mark.parametrize("replicas, code", [('"lots"', "DPL002"), ("1e400", "DPL002"), ("[1", "DPL001"),
                                            ("99999999999999999999", "DPL002")])
def test_kubernetes_bad_input(tmp_path, replicas, code):
    found = codes(tmp_path, {"k8s/d.yaml": DEPLOY.format(kind="Deployment", replicas=replicas)})
    assert any(c == code and p == "k8s/d.yaml" for c, p, _ in found), found


def test_kubernetes_ignores_other_yaml_and_helm(tmp_path):
    assert codes(tmp_path, {"ci.yml": "on: push\njobs: {}\n", "chart/templates/d.yaml": "kind: Deployment\nx: {{ .Values }}\n",
                            "data.yaml": b"\xff\xfe kind: nothing\n"}) == []


# -- DigitalOcean -------------------------------------------------------------------------
def test_digitalocean_spec_and_template(tmp_path):
    (t,), _ = targets(tmp_path, {".do/deploy.template.yaml": (
        "spec:\n  name: x\n  workers:\n    - name: bot\n      run_command: python bot.py\n"
        "      autoscaling: {min_instance_count: 1, max_instance_count: 3}\n")}, "digitalocean")
    assert t.launches[0].copies.count == 3


@pytest.mark.parametrize("text, code", [("workers: 3\n", "DPL002"), ("workers:\n  - name: b\n    instance_count: x\n", "DPL002"),
                                        ("workers: [\n", "DPL001")])
def test_digitalocean_bad_input(tmp_path, text, code):
    found = codes(tmp_path, {".do/app.yaml": text})
    assert any(c == code and p == ".do/app.yaml" for c, p, _ in found), found


def test_deeply_nested_toml_is_an_analysis_limit_not_a_crash(tmp_path):
    found = codes(tmp_path, {"fly.toml": "app = 'x'\na = " + "[" * 20000 + "]" * 20000 + "\n"})
    assert ("DPL006", "fly.toml", 2) in found and not any(c == "DPL001" for c, _, _ in found)


def test_continuation_lines_are_joined(tmp_path):
    (t,), _ = targets(tmp_path, {"bot.service": "[Service]\nExecStart=python \\\n  bot.py \\\n  --flag\n",
                                 "supervisord.conf": "[program:x]\ncommand=python\n  bot.py\n", "bot.py": BOT},
                      "systemd")
    assert t.launches[0].command.text == "python bot.py --flag"
    (s,), _ = targets(tmp_path, {}, "supervisord")
    assert s.launches[0].command.text == "python bot.py"


@pytest.mark.parametrize("files, where", [
    ({"render.yaml": "services:\n  - type: worker\n    name: b\n    startCommand: python bot.py\n    numInstance: 2\n"}, ("render.yaml", 5)),
    ({".do/app.yaml": "workers:\n  - name: b\n    run_command: python bot.py\n    instance_cout: 2\n"}, (".do/app.yaml", 4)),
    ({"fly.toml": '[process]\nbot = "python bot.py"\n'}, ("fly.toml", 1)),
])
def test_typo_of_a_modelled_key_is_reported(tmp_path, files, where):
    found = codes(tmp_path, {**files, "bot.py": BOT})
    assert ("DPL002", *where) in found, found


def test_documented_keys_are_not_typos(tmp_path):
    found = codes(tmp_path, {"render.yaml": "services:\n  - type: worker\n    name: b\n    plan: free\n    region: oregon\n"
                                            "    buildCommand: pip install x\n    startCommand: python bot.py\n    envVars: []\n",
                             "bot.py": BOT})
    assert [c for c in found if c[0] == "DPL002"] == []
