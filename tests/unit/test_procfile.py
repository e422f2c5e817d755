from deploylint.discover import discover
from deploylint.formats import procfile

from conftest import write_tree


def entries(tmp_path, text: bytes | str):
    write_tree(tmp_path, {"Procfile": text})
    repo = discover(tmp_path)
    return procfile.parse(repo, "Procfile"), repo


def test_heroku_grammar_with_comments_blank_lines_crlf_and_bom(tmp_path):
    found, repo = entries(tmp_path, "\ufeff# processes\r\n\r\nweb: gunicorn app:app\r\nworker:python bot.py  \r\n".encode())
    assert [(e.name, e.command.shell, e.location.line) for e in found] == [
        ("web", "gunicorn app:app", 3), ("worker", "python bot.py", 4)]
    assert found[0].command.location.column == 6  # where the command starts on its line
    assert repo.findings == []


def test_bad_line_is_dpl001_with_its_line_and_the_rest_still_parses(tmp_path):
    found, repo = entries(tmp_path, "web: gunicorn app:app\nthis is not a process\nworker: python bot.py\n")
    assert [e.name for e in found] == ["web", "worker"]
    assert [(f.code, f.location.line) for f in repo.findings] == [("DPL001", 2)]


def test_duplicate_type_is_dpl002(tmp_path):
    found, repo = entries(tmp_path, "web: a\nweb: b\n")
    assert [e.command.shell for e in found] == ["b"]
    assert [(f.code, f.location.line) for f in repo.findings] == [("DPL002", 2)]


def test_every_type_is_a_heroku_launch_and_release_does_not_stay_running(tmp_path):
    write_tree(tmp_path, {"Procfile": "release: python migrate.py\nweb: gunicorn app:app\nworker: python bot.py\n"})
    (target,) = procfile.targets(discover(tmp_path))
    assert target.platform == "heroku"
    assert [(l.name, l.role, l.runs) for l in target.launches] == [
        ("release", "release", False), ("web", "web", True), ("worker", "worker", True)]
    assert target.env["WEB_CONCURRENCY"] == "2"


def test_binary_procfile_is_dpl001_not_a_crash(tmp_path):
    found, repo = entries(tmp_path, b"\x00\x01web: x\n")
    assert found == []
    assert [f.code for f in repo.findings] == ["DPL001"]


def test_indented_type_is_read_where_it_is_written(tree):
    from deploylint.discover import discover
    from deploylint.formats import procfile

    repo = discover(tree({"Procfile": "web: gunicorn app:app\n\t worker:  python bot.py  \n   \n  # a comment\n"}))
    entries = procfile.parse(repo, "Procfile")
    assert [(e.name, e.command.shell) for e in entries] == [("web", "gunicorn app:app"), ("worker", "python bot.py")]
    worker = entries[1]
    assert (worker.location.line, worker.location.column, worker.location.end_column) == (2, 3, 9)
    assert (worker.command.location.column, worker.command.location.end_column) == (12, 25)
    assert repo.findings == []  # Heroku reads it (r13f-procfile-indented-line-*)
