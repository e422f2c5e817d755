from deploylint.discover import discover
from deploylint.formats import railway

from conftest import write_tree


def target(tmp_path, files):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    found = railway.targets(repo)
    return (found[0] if found else None), repo


def test_start_command_wins_and_replicas_are_copies(tmp_path):
    t, repo = target(tmp_path, {
        "railway.json": '{"deploy": {"startCommand": "python bot.py", "numReplicas": 3}}',
        "Procfile": "web: gunicorn app:app\n", "bot.py": "",
    })
    (launch,) = t.launches
    assert launch.command.shell == "python bot.py"
    assert (launch.copies.count, launch.copies.reason) == (3, "deploy.numReplicas = 3")
    assert launch.copies.location.line == 1
    assert [s.location.path for s in t.shadows] == ["Procfile"]  # ignored: DPL107


def test_multi_region_replicas_add_up(tmp_path):
    t, _ = target(tmp_path, {"railway.toml": '[deploy]\nstartCommand = "python bot.py"\n'
                             '[deploy.multiRegionConfig.us-west2]\nnumReplicas = 2\n'
                             '[deploy.multiRegionConfig.europe-west4]\nnumReplicas = 1\n', "bot.py": ""})
    assert t.launches[0].copies.count == 3
    assert t.launches[0].command.location.line == 2


def test_nixpacks_runs_one_procfile_process(tmp_path):
    t, _ = target(tmp_path, {"railway.toml": '[build]\nbuilder = "NIXPACKS"\n',
                             "Procfile": "worker: python bot.py\nweb: uvicorn api:app\n"})
    assert [(l.name, l.runs) for l in t.launches] == [("worker", False), ("web", True)]
    assert "never starts" in t.launches[0].note


def test_overlap_seconds_is_an_explicit_overlap(tmp_path):
    t, _ = target(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python bot.py", "overlapSeconds": 30}}', "bot.py": ""})
    assert [o.explicit for o in t.overlaps] == [False, True]
    assert t.overlaps[1].reason == "deploy.overlapSeconds = 30"


def test_json_with_comment_is_dpl001_with_line_and_column(tmp_path):
    t, repo = target(tmp_path, {"railway.json": '{\n  // comment\n  "deploy": {}\n}'})
    assert t is None
    assert [(f.code, f.location.line, f.location.column) for f in repo.findings] == [("DPL001", 2, 3)]


def test_trailing_comma_is_dpl001(tmp_path):
    _, repo = target(tmp_path, {"railway.json": '{"deploy": {"numReplicas": 2,}}'})
    assert [f.code for f in repo.findings] == ["DPL001"]


def test_invalid_toml_is_dpl001_with_line(tmp_path):
    _, repo = target(tmp_path, {"railway.toml": '[deploy]\nstartCommand = "python bot.py\n'})
    assert [(f.code, f.location.line) for f in repo.findings] == [("DPL001", 2)]


def test_misspelt_key_is_dpl002_with_did_you_mean(tmp_path):
    _, repo = target(tmp_path, {"railway.json": '{"deploy": {"numReplica": 2}}'})
    (finding,) = repo.findings
    assert finding.code == "DPL002"
    assert "numReplicas" in finding.hint
