"""Round 16 (r16dup): pieces behind the confirmed-duplicate scenarios (tests/scenarios/r16d-*)."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats.docker_pushed import pushed


def _repo(tmp_path, workflow: str):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "w.yml").write_text(workflow)
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM python:3.12\nCMD [\"python\", \"bot.py\"]\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\n")
    return discover(tmp_path)


STEP = """jobs:
  j:
    steps:
      - uses: docker/build-push-action@v6
        with:
{options}
"""


def test_pushed_default_file_is_the_context_dockerfile(tmp_path):
    repo = _repo(tmp_path, STEP.format(options="          context: ./api\n          push: true"))
    assert pushed(repo) == {"api/Dockerfile"}


def test_pushed_on_some_events_counts(tmp_path):
    options = "          file: api/Dockerfile\n          push: ${{ github.event_name != 'pull_request' }}"
    assert pushed(_repo(tmp_path, STEP.format(options=options))) == {"api/Dockerfile"}


def test_built_only_or_remote_or_expression_file_is_not_pushed(tmp_path):
    options = ("          context: https://github.com/x/y.git\n          push: true\n"
               "      - uses: docker/build-push-action@v6\n        with:\n          push: false\n"
               "      - uses: docker/build-push-action@v6\n        with:\n          file: ${{ matrix.f }}\n          push: true\n"
               "      - uses: docker/build-push-action@v6\n        with:\n          file: ../outside/Dockerfile\n          push: true")
    assert pushed(_repo(tmp_path, STEP.format(options=options))) == set()


def test_hostile_workflow_shapes_do_not_crash(tmp_path):
    for text in ("jobs: [1, 2]\n", "jobs:\n  j: 3\n", "jobs:\n  j:\n    steps: {a: 1}\n",
                 "jobs:\n  j:\n    steps:\n      - uses: docker/build-push-action@v6\n        with: [push]\n",
                 "- docker/build-push-action\n", ":\n  - {\n"):
        sub = tmp_path / str(abs(hash(text)))
        sub.mkdir()
        assert pushed(_repo(sub, text)) == set()
