"""Round 11 (Node): modules loaded in loops over directory listings, `obj.method` callbacks,
InversifyJS ContainerModules, ESM `__dirname` forms."""
from __future__ import annotations

import textwrap

import pytest

from conftest import write_tree
from deploylint.code.js_eval import Evaluator
from deploylint.code.js_loaders import loaded
from deploylint.code.js_module import descendants
from deploylint.code.js_reach import Program
from deploylint.code.js_static import DirPath
from deploylint.discover import discover

_JOBS = {
    "src/jobs/a.js": "module.exports = () => 1;\n",
    "src/jobs/b.ts": "export default () => 2;\n",
    "src/jobs/types.d.ts": "export type X = 1;\n",
    "src/jobs/nested/index.js": "module.exports = 3;\n",
    "src/other/c.js": "module.exports = 4;\n",
}


def _write(tmp_path, files: dict[str, str]):
    return discover(write_tree(tmp_path, {name: textwrap.dedent(text) for name, text in files.items()}))


def _loads(tmp_path, source: str, entry: str = "src/index.js") -> list[str]:
    repo = _write(tmp_path, {**_JOBS, entry: source})
    program = Program(repo, entry)
    module = program.module(entry)
    found: list[str] = []
    for node in descendants(module.root):
        found += loaded(program, module, node)
    return sorted(set(found))


ALL = ["src/jobs/a.js", "src/jobs/b.ts", "src/jobs/nested/index.js"]


@pytest.mark.parametrize("source, expected", [
    # for...of over readdirSync, with the path built in a constant on the way
    ("const dir = path.join(__dirname, 'jobs');\nfor (const f of fs.readdirSync(dir)) { const p = path.join(dir, f); require(p); }", ALL),
    # .forEach callback, template specifier
    ("fs.readdirSync('./src/jobs').forEach((file) => require(`./jobs/${file}`));", ALL),
    # nested folder/file loops
    ("for (const d of readdirSync(x)) { for (const f of readdirSync(y)) { require(`./jobs/${d}/${f}`); } }",
     ["src/jobs/nested/index.js"]),
    # extension added by the loader: `${name}.js`
    ("for (const name of names) require('./jobs/' + name + '.js');", ["src/jobs/a.js"]),
    # a static array names exactly its items
    ("for (const name of ['a']) require(`./jobs/${name}`);", ["src/jobs/a.js"]),
    # ESM: pathToFileURL(...).href, `file://${...}`
    ("for (const f of readdirSync(j)) await import(pathToFileURL(join(__dirname, 'jobs', f)).href);", ALL),
    ("for (const f of fs.readdirSync(j)) { const p = path.join(__dirname, 'jobs', f); await import(`file://${p}`); }", ALL),
    # glob iterables
    ("glob.sync(path.join(__dirname, 'jobs/*.js')).forEach((f) => require(f));", ["src/jobs/a.js"]),
    ("for (const f of fg.sync(path.join(__dirname, 'jobs/**/*.js'))) require(f);", ["src/jobs/a.js", "src/jobs/nested/index.js"]),
    # fs.Dirent entries: `entry.name`
    ("for (const entry of fs.readdirSync(d, { withFileTypes: true })) require(path.join(__dirname, 'jobs', entry.name));", ALL),
    ("for (const entry of fs.readdirSync(d)) require(path.join(__dirname, 'jobs', entry.name));", []),
    # not a loop variable, no literal directory, a package name, a parameter of a plain function
    ("const f = pick(); require(`./jobs/${f}`);", []),
    ("for (const f of files) require(f);", []),
    ("for (const p of plugins) require(`plugin-${p}`);", []),
    ("function load(name) { return require(`./jobs/${name}`); }", []),
    # outside the repository
    ("for (const f of files) require(`../../../${f}`);", []),
])
def test_loop_loaded_modules(tmp_path, source, expected):
    assert _loads(tmp_path, source) == expected


def test_adversarial_loader_shapes_do_not_crash(tmp_path):
    source = "for (const f of x) require(`./jobs/${f}${f}${f}/**/${'*'.repeat(1e9)}`);\n" * 3 \
        + "[].forEach(() => require());\nfor (const {a} of b) require(a);\nrequire(`${x}`);\n"
    assert _loads(tmp_path, source) == []


def test_loaded_module_exports_are_reached(tmp_path):
    repo = _write(tmp_path, {
        "src/index.js": """\
            const fs = require('fs');
            for (const file of fs.readdirSync(__dirname + '/events')) {
              const event = require(`./events/${file}`);
              emitter.once(event.name, (...args) => event.execute(...args));
            }
            for (const file of fs.readdirSync(__dirname + '/setup')) require(`./setup/${file}`)(bot);
            for (const file of fs.readdirSync(__dirname + '/jobs')) {
              const { startJob } = require(`./jobs/${file}`);
              startJob();
            }
            """,
        "src/events/ready.js": "const cron = require('node-cron');\nmodule.exports = { name: 'ready', execute(c) { cron.schedule('* * * * *', f); } };\n",
        "src/setup/commands.js": "const cron = require('node-cron');\nmodule.exports = (bot) => { cron.schedule('1 * * * *', g); };\n",
        "src/jobs/one.js": "const cron = require('node-cron');\nexports.startJob = () => cron.schedule('2 * * * *', h);\n",
    })
    program = Program(repo, "src/index.js")
    reached = {(unit.module.path, unit.node.type) for unit in program.units}
    assert ("src/events/ready.js", "method_definition") in reached
    assert ("src/setup/commands.js", "arrow_function") in reached
    assert ("src/jobs/one.js", "arrow_function") in reached


@pytest.mark.parametrize("source, expected", [
    ("dirname(fileURLToPath(import.meta.url))", DirPath("")),
    ("path.dirname(url.fileURLToPath(import.meta.url))", DirPath("")),
    ("new URL('.', import.meta.url).pathname", DirPath("")),
    ("import.meta.dirname", DirPath("")),
    ("path.join(import.meta.dirname, 'jobs')", DirPath("jobs")),
    ("dirname(fileURLToPath(other))", None),
])
def test_esm_module_directory(source, expected):
    evaluator = Evaluator("src/a.mjs", f"x = {source};")
    from deploylint.treesitter import parse

    root = parse("javascript", f"x = {source};")
    node = root.root_node.named_children[0].named_children[0].child_by_field_name("right")
    value = evaluator.value(node)
    if expected is None:
        assert not isinstance(value, DirPath)
    else:
        assert isinstance(value, DirPath) and value == expected
