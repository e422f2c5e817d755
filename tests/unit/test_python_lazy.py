"""python_lazy: large modules are read as a skeleton whose function blocks are parsed when
something reads them. Whatever is read must be what a whole parse gives."""
from __future__ import annotations

import ast
import textwrap

import pytest

from deploylint.code import python_lazy as lazy
from deploylint.code import python_module as pm
from deploylint.code import python_walk
from deploylint.safe import parse_python

FILLER = "".join(f"\ndef filler_{i}(x):\n    y = x + {i}\n    return y\n" for i in range(120))

TRICKY = [
    # a docstring whose text starts at column 0 (the block must not end there)
    'def a():\n    """Usage:\nfrom nowhere import thing\n"""\n    import os\n    return os.name\n',
    # a multi-line signature, a decorator, a method, a nested function, a class ending on a method
    '@decorate(1)\ndef b(\n    x: int = (1),\n    y=[2],\n) -> "int":\n    def inner():\n        return x\n    return inner\n\n'
    'class C:\n    attr = 1\n\n    async def go(self):\n        await self.run()\n',
    # the last line with a comment, a string holding a hash, unicode
    'def c():\n    s = "# not a comment é"\n    return s  # the end\n',
    # blocks under if/try, with an else and handlers
    'try:\n    def d():\n        return 1\nexcept ImportError:\n    def d():\n        return 2\nelse:\n    pass\n'
    'if True:\n    def e():\n        x = 1\n        return x\n',
    # one-line defs and odd triple quotes stay whole
    "def f(): return 1\ndef g():\n    s = '''\nunterminated in the scan\n'''\n    return s\n",
    # imports that bind module-wide from inside blocks; an example import in a string does not
    'def h():\n    from pkg.sub import (\n        one,\n        two as deux,\n    )\n    "from fake import nothing"\n    return one, deux\n',
    # assignments the index must find without parsing everything
    'def i():\n    global FLAG\n    FLAG = True\n    with open("x") as fh, open("y") as (other):\n        pass\n    a, TARGET = 1, 2\n',
    # parenthesized with-items (3.9+) and a walrus
    'def j():\n    with (\n        open("a") as first,\n        open("b") as second,\n    ):\n        if (n := 3):\n            return n\n',
]


def lazy_module(text: str) -> pm.Module:
    module = pm._skeleton("m.py", text)
    assert module is not None, "the skeleton should have been accepted"
    return module


def whole(text: str) -> pm.Module:
    return pm.Module("m.py", parse_python(text, "m.py"), text)


@pytest.mark.parametrize("source", TRICKY)
def test_materialised_tree_equals_whole_parse(source):
    text = source + FILLER
    full, module = whole(text), lazy_module(text)
    assert module.bindings == full.bindings and module.libs == full.libs and module.stars == full.stars
    for _ in ast.walk(module.tree):  # reading every body parses every block
        pass
    assert ast.dump(module.tree, include_attributes=True) == ast.dump(full.tree, include_attributes=True)
    assert set(module.defs) == set(full.defs)


@pytest.mark.parametrize("source", TRICKY)
def test_indexes_equal_whole_parse_without_reading_every_block(source):
    text = source + FILLER
    full = whole(text)
    for key in [*full.assigned, "FLAG", "TARGET", "fh", "other", "first", "second", "n", "missing"]:
        module = lazy_module(text)  # fresh: nothing parsed yet
        got = [ast.dump(v, include_attributes=True) for v in module.values(key)]
        assert got == [ast.dump(v, include_attributes=True) for v in full.values(key)], key
    assert lazy_module(text).env_names() == full.env_names()


def test_end_positions_need_no_parse():
    text = "class K:\n    def m(self):\n        return 'é'\n" + FILLER
    module = lazy_module(text)
    klass = module.tree.body[0]
    method = klass.body[0]
    assert lazy.pending(method) is not None
    assert (method.end_lineno, method.end_col_offset) == (3, len("        return 'é'".encode()))
    assert (klass.end_lineno, klass.end_col_offset) == (method.end_lineno, method.end_col_offset)
    assert lazy.pending(method) is not None  # still not parsed


def test_only_what_is_asked_for_is_parsed():
    text = "import os\nTOKEN = os.getenv('BOT_TOKEN')\n" + FILLER + "\ndef main():\n    bot = Bot(TOKEN)\n    bot.run()\n"
    module = lazy_module(text)
    stubs = module._stubs
    assert len(stubs) == 121
    module.values("bot")  # assigned in main only
    parsed = [s.name for s in stubs if lazy.pending(s.node) is None]
    assert parsed == ["main"]
    assert module.values("TOKEN") and [s.name for s in stubs if lazy.pending(s.node) is None] == ["main"]


def test_small_tabbed_or_old_mac_modules_are_parsed_whole():
    assert pm._skeleton("m.py", "def f():\n\treturn 1\n" + FILLER.replace("    ", "\t")) is None
    assert pm._skeleton("m.py", FILLER.replace("\n", "\r")) is None  # lone CR line ends
    assert lazy.skeleton(FILLER.rstrip("\n"))[1] == []  # the skeleton itself wants a final newline
    assert lazy.skeleton("x = 1\n")[1] == []


@pytest.mark.parametrize("source", TRICKY)
@pytest.mark.parametrize("shape", ["crlf", "unterminated", "both"])
def test_windows_and_unterminated_modules_are_read_lazily(source, shape):
    """CRLF line ends and a missing final newline (files from Windows editors, generated
    code) used to send a module to the whole parse; now the skeleton reads them and every
    node keeps the lines and columns the whole parse of the original text gives."""
    text = (source + FILLER).rstrip("\n") if shape != "crlf" else source + FILLER
    if shape != "unterminated":
        text = text.replace("\n", "\r\n")
    full, module = whole(text), lazy_module(text)
    assert module._stubs and module.bindings == full.bindings and module.libs == full.libs
    for _ in ast.walk(module.tree):
        pass
    assert ast.dump(module.tree, include_attributes=True) == ast.dump(full.tree, include_attributes=True)


def test_broken_block_is_taken_from_the_whole_parse_when_read():
    """A skeleton that parses while a block does not: reading the block asks for the whole
    parse (which reports the file, DPL001, through the loader)."""
    text = FILLER + "\ndef broken():\n    return 1 +\n"
    asked = []
    module = pm._skeleton("m.py", text, lambda: asked.append(1))
    assert module is not None and not asked  # nothing read yet: nothing reported yet
    assert module.defs["broken"].body == [] and asked == [1]
    assert module.defs["filler_3"].body and asked == [1]  # the others still parse on their own


def test_block_that_disagrees_with_the_skeleton_comes_from_the_whole_parse():
    text = "def f():\n    return 1\n" + FILLER
    module = pm._skeleton("m.py", text, lambda: whole(text))
    stub = module._stubs[0]
    stub.name = "renamed"  # the block's own parse no longer matches: the whole parse is used
    body = module.tree.body[0].body
    assert ast.dump(body[0]) == ast.dump(ast.parse("return 1").body[0])


def test_skeleton_keeps_every_line_number():
    text = textwrap.dedent('''\
        import os


        def one():
            a = 1

            # a comment
            return a
        x = 2
        ''') + FILLER
    skeleton, stubs = lazy.skeleton(text)
    assert skeleton.count("\n") == text.count("\n")
    assert stubs[0].first_line == 5 and stubs[0].last_line == 8
    assert ast.parse(skeleton).body[2].lineno == 9


def test_unclosed_headers_are_scanned_once(monkeypatch):
    """`def f(` on every line, never closed: each header scan resumes where the last stopped."""
    text = "def f(\n" * 20_000
    scanned = []
    real = lazy._header_end

    def counting(source, start):
        found, reached = real(source, start)
        scanned.append(reached - start)
        return found, reached

    monkeypatch.setattr(lazy, "_header_end", counting)
    assert lazy.skeleton(text)[1] == []
    assert sum(scanned) <= len(text) + lazy.MAX_HEADER


def test_hostile_strings_do_not_backtrack():
    """Backslashes after a triple quote the scan cannot see closed (the quote count is even
    only because one sits in a plain string): the import scan of a block stays linear (a
    backtracking string pattern would not finish)."""
    text = "def f():\n    s = '\"\"\"'\n    import os\n    t = \"\"\"" + "\\" * 30_000 + "\n" + FILLER
    module = pm._skeleton("m.py", text, lambda: None)
    assert module is not None and "os" in module.bindings


def _dumps(values):
    return [ast.dump(v, include_attributes=True) for v in values]


@pytest.mark.parametrize("source", TRICKY)
def test_indexes_grow_in_walk_order_as_blocks_are_parsed(source):
    """Built with every block stubbed, then grown block by block (in reverse order, the
    least convenient): each step equals an index of the same partly parsed tree, and the
    end equals the whole parse (values and environment reads, in walk order)."""
    text = source + FILLER.replace("y = x", "y = os.getenv('Y_TOKEN') or x", 3)
    full, module = whole(text), lazy_module(text)
    _ = module.assigned, module.env_names()
    for stub in reversed(module._stubs):
        _ = stub.node.body
    for key in full.assigned:
        assert _dumps(module.values(key)) == _dumps(full.values(key)), key
    assert module.env_names() == full.env_names() and module.env_names("TOKEN") == full.env_names("TOKEN")


def test_first_values_parse_only_the_blocks_that_can_hold_them():
    """values(key, limit) is the first `limit` of values(key); blocks whose values would
    sort after those already known stay unparsed."""
    text = "import os\n" + "".join(f"client = make({i})\n" for i in range(3)) + FILLER + "".join(
        f"\ndef use_{i}():\n    client = other({i})\n    return client\n" for i in range(5))
    full = whole(text)
    module = lazy_module(text)
    assert _dumps(module.values("client", 2)) == _dumps(full.values("client")[:2])
    assert all(lazy.pending(s.node) is not None for s in module._stubs)  # module-level ones come first
    assert _dumps(module.values("client", 6)) == _dumps(full.values("client")[:6])
    parsed = [s.name for s in module._stubs if lazy.pending(s.node) is None]
    assert parsed == ["use_0", "use_1", "use_2"]  # 3 module-level + the first three functions
    assert _dumps(module.values("client")) == _dumps(full.values("client"))
    assert len(module.values("client")) == 8


def test_index_work_is_linear_in_parsed_blocks(monkeypatch):
    """Asking for a value after each block is parsed walks each statement once in all
    (the index was rebuilt per parsed block before: quadratic in a module's functions)."""
    walked = []
    original = python_walk._keyed

    def counting(roots, *args):
        found = original(roots, *args)
        walked.append(len(found))
        return found

    monkeypatch.setattr(python_walk, "_keyed", counting)
    for size in (200, 800):
        walked.clear()
        text = "".join(f"\ndef f_{i}(x):\n    v_{i} = x + {i}\n    return v_{i}\n" for i in range(size))
        module = lazy_module(text)
        for i in range(size):
            assert len(module.values(f"v_{i}")) == 1
        statements = 1 + size * 3  # the module, each def and its two statements
        assert sum(walked) <= statements + size, (size, sum(walked))


def test_a_scan_leaves_the_unreached_blocks_unparsed(tmp_path):
    """The walk and the checks after it (python_repeat reads the loop around a start) parse
    the blocks on the way to the poller, not the module's 300 handlers."""
    from deploylint.engine import scan

    handlers = "".join(f"\ndef handler_{i}(update):\n    text = update.text\n    return text + '{i}'\n"
                       for i in range(300))
    (tmp_path / "bot.py").write_text(
        "import os\nimport threading\nfrom telegram.ext import Application\n" + handlers +
        "\ndef poll():\n    Application.builder().token(os.environ['TOKEN']).build().run_polling()\n"
        "\ndef main():\n    for _ in range(2):\n        threading.Thread(target=poll).start()\n"
        "\nif __name__ == '__main__':\n    main()\n")
    (tmp_path / "Procfile").write_text("worker: python bot.py\n")
    result = scan(tmp_path)
    assert [f.code for f in result.findings] == ["DPL102"]
    stubs = pm.load(result.repo, "bot.py")._stubs
    parsed = sorted(s.name for s in stubs if lazy.pending(s.node) is None)
    assert len(stubs) == 302 and parsed == ["main", "poll"], parsed


def test_an_except_clause_before_a_use_does_not_make_a_block_assign_it():
    """`except E as e:` on the line before `logger.error(e)` binds `e`, not `logger`: asking
    for `logger`'s first values (every `logger.x()` call asks) parses none of 300 such
    blocks (r13speed: 401 blocks parsed for `logger` alone in one real bot repository)."""
    handlers = "".join(f"\ndef handler_{i}(x):\n    try:\n        return x.go({i})\n    except Exception as e:\n"
                       f"        logger.error(e)\n" for i in range(300))
    text = "import logging\nlogger = logging.getLogger(__name__)\n" + handlers
    full, module = whole(text), lazy_module(text)
    assert _dumps(module.values("logger", 6)) == _dumps(full.values("logger")[:6])
    assert all(lazy.pending(s.node) is not None for s in module._stubs)
    assert _dumps(module.values("logger")) == _dumps(full.values("logger"))
    assert all(lazy.pending(s.node) is not None for s in module._stubs)


@pytest.mark.parametrize("target", ["logger", "(other, logger)", "self.logger"])
def test_a_with_target_after_as_is_still_found(target):
    """The positive twin: `with ... as logger:` (alone, in a tuple, as an attribute; on the
    line of the word or the one before, as in parenthesised with-items) still assigns."""
    key = ".logger" if target.startswith("self.") else "logger"
    text = ("import logging\n" + FILLER + f"\ndef setup(self):\n    with make() as {target}:\n        pass\n"
            "\ndef setup2(self):\n    with (\n        a() as x, b() as\n        logger,\n    ):\n        pass\n")
    full, module = whole(text), lazy_module(text)
    assert full.values(key)
    assert _dumps(module.values(key, 6)) == _dumps(full.values(key)[:6])
    assert _dumps(lazy_module(text).values(key)) == _dumps(full.values(key))


ENV_READS = ('import os\nfrom decouple import config\nHOOK = os.getenv("WEBHOOK_TOKEN")\n' + FILLER
             + '\ndef settings():\n    a = os.environ["API_TOKEN"]\n    b = os.environ.get("DB_URL")\n'
               '    def inner():\n        return config("BOT_TOKEN", default="")\n    return a, b, inner\n'
             + '\nclass Config:\n    token = os.getenv("Token_Of_Bot")\n\n    def read(self):\n'
               '        return os.getenv("OTHER"), os.getenv("tg_token")\n')


@pytest.mark.parametrize("source", [ENV_READS, *TRICKY])
@pytest.mark.parametrize("parsed", ["none", "all"])
def test_env_names_of_one_word_equal_the_whole_parse(source, parsed):
    """env_names("TOKEN") answered by one walk that leaves out the blocks without the word
    gives the whole parse's answer, in its order, whatever blocks were parsed before."""
    text = source + FILLER
    full, module = whole(text), lazy_module(text)
    if parsed == "all":
        for _ in ast.walk(module.tree):
            pass
    expected = [name for name in full.env_names() if "TOKEN" in name.upper()]
    assert module.env_names("TOKEN") == expected
    assert module.env_names("TOKEN") == expected  # asked again: the same answer
    if source is ENV_READS:
        assert expected == ["WEBHOOK_TOKEN", "API_TOKEN", "Token_Of_Bot", "BOT_TOKEN", "tg_token"]  # breadth first


def test_env_names_of_one_word_do_not_read_every_parsed_block(monkeypatch):
    """The token variable is asked of every module a bot imports: blocks already parsed
    for other reasons, whose text has no such read, are not walked again."""
    text = ('import os\n' + "".join(f"\ndef f_{i}(x):\n    y = os.getenv('OTHER_{i}')\n    return x + y + {i}\n"
                                    for i in range(300)) + '\ndef main():\n    return os.getenv("BOT_TOKEN")\n')
    module = lazy_module(text)
    for _ in ast.walk(module.tree):  # every block parsed (the walk reached them all)
        pass
    asked = []
    original = pm.env_name
    monkeypatch.setattr(pm, "env_name", lambda node: asked.append(node) or original(node))
    assert module.env_names("TOKEN") == ["BOT_TOKEN"]
    assert len(asked) < 20, len(asked)
