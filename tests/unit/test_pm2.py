"""PM2 ecosystem files: read statically (JS, JSON, YAML), never executed."""
from deploylint.discover import discover
from deploylint.formats import pm2

from conftest import write_tree


def scan(tmp_path, files):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    return {t.name: t for t in pm2.targets(repo)}, repo


def codes(repo):
    return [f.code for f in repo.findings]


def test_module_exports_max_instances_in_cluster_mode(tmp_path):
    targets, repo = scan(tmp_path, {"ecosystem.config.js": """\
module.exports = {
  apps: [{
    name: 'bot',
    script: './bot.js',
    instances: 'max',
    exec_mode: 'cluster',
  }],
};
""", "bot.js": ""})
    target = targets["ecosystem.config.js"]
    (launch,) = target.launches
    assert (target.platform, target.hosts_differ) == ("pm2", False)
    assert launch.label == "PM2 app `bot`"
    assert launch.command.argv == ("node", "./bot.js")
    assert (launch.command.location.line, launch.command.location.column) == (4, 13)
    assert (launch.copies.count, launch.copies.assumed) == (2, True)
    assert "`instances: max`" in launch.copies.reason and "cluster mode" in launch.copies.reason
    assert launch.copies.location.line == 5
    (overlap,) = launch.overlaps
    # cluster mode alone overlaps nothing: only a `pm2 reload` in the repo makes it explicit
    assert not overlap.explicit and "cluster" in overlap.reason and overlap.location.line == 6
    assert repo.findings == []


def test_cluster_reload_in_an_npm_script_is_an_explicit_overlap(tmp_path):
    targets, _ = scan(tmp_path, {
        "ecosystem.config.js": "module.exports = {apps: [{name: 'bot', script: 'bot.js', instances: 2}]};\n",
        "package.json": '{"scripts": {"deploy": "git pull && pm2 reload ecosystem.config.js"}}', "bot.js": ""})
    (overlap,) = targets["ecosystem.config.js"].launches[0].overlaps
    assert overlap.explicit and "package.json:1" in overlap.reason


def test_export_default_and_implied_cluster_mode(tmp_path):
    targets, _ = scan(tmp_path, {"ecosystem.config.mjs": """\
export default {
  apps: [{ name: "api-server", script: "server.js", instances: 4 }],
};
""", "server.js": ""})
    (launch,) = targets["ecosystem.config.mjs"].launches
    assert launch.copies.count == 4 and not launch.copies.assumed
    assert "cluster mode" in launch.copies.reason  # several node instances default to cluster mode
    assert launch.overlaps and launch.role == "web"


def test_const_spread_and_dirname_paths(tmp_path):
    targets, repo = scan(tmp_path, {"deploy/ecosystem.config.js": """\
const path = require('path');
const base = { cwd: path.join(__dirname, '..'), env: { NODE_ENV: 'production' } };
const apps = [
  { ...base, name: `worker`, script: path.join(__dirname, '../src/worker.js'), instances: 3, exec_mode: 'fork' },
];
module.exports = { apps };
""", "src/worker.js": ""})
    (launch,) = targets["deploy/ecosystem.config.js"].launches
    assert launch.cwd == ""
    assert launch.command.argv == ("node", "src/worker.js")
    assert launch.env == {"NODE_ENV": "production"}
    assert (launch.copies.count, launch.overlaps) == (3, [])
    assert "fork mode" in launch.copies.reason
    assert repo.findings == []


def test_environment_instances_are_unknown_and_count_once(tmp_path):
    targets, repo = scan(tmp_path, {"ecosystem.config.js": """\
const os = require('os');
module.exports = {
  apps: [
    { name: 'bot', script: 'bot.js', instances: process.env.BOT_INSTANCES },
    { name: 'cpu', script: 'bot.js', instances: os.cpus().length, env: { TOKEN: process.env.TOKEN, A: 1 } },
  ],
};
""", "bot.js": ""})
    bot, cpu = targets["ecosystem.config.js"].launches
    # `os.cpus().length` is one per CPU, like 'max' (round 9); a bare environment variable stays unknown
    assert bot.copies.count == 1 and (cpu.copies.count, cpu.copies.assumed) == (2, True)
    assert "one per CPU" in cpu.copies.reason
    assert cpu.env == {"A": "1"}
    assert codes(repo) == ["DPL004"]  # no type error for the unknown values
    first = repo.findings[0]
    assert first.location.line == 4 and "process.env.BOT_INSTANCES" in first.message and "assumed 1" in first.message


def test_json_with_two_apps_on_one_script(tmp_path):
    targets, repo = scan(tmp_path, {"process.json": """\
{
  "apps": [
    {"name": "bot-1", "script": "bot.py", "interpreter": "python3"},
    {"name": "bot-2", "script": "bot.py"}
  ]
}
""", "bot.py": ""})
    one, two = targets["process.json"].launches
    assert one.command.argv == two.command.argv == ("python3", "bot.py")
    assert (one.location.line, two.location.line) == (3, 4)
    assert repo.findings == []


def test_yaml_apps_with_npm_script(tmp_path):
    targets, repo = scan(tmp_path, {"pm2.prod.yml": """\
apps:
  - name: web
    script: npm
    args: start
    cwd: services/web
  - name: bot
    script: bot.ts
    instances: 2
""", "services/web/package.json": "{}", "bot.ts": ""})
    web, bot = targets["pm2.prod.yml"].launches
    assert (web.command.argv, web.cwd) == (("npm", "start"), "services/web")
    assert web.command.location.line == 3
    assert (bot.command.argv, bot.copies.count) == (("node", "bot.ts"), 2)
    assert repo.findings == []


def test_unknown_key_gets_did_you_mean(tmp_path):
    targets, repo = scan(tmp_path, {"ecosystem.config.js": "module.exports = {\n  apps: [{ script: 'bot.js', instance: 4 }],\n};\n",
                                    "bot.js": ""})
    (finding,) = repo.findings
    assert finding.code == "DPL002" and "`instance`" in finding.message
    assert finding.hint == "did you mean `instances`?"
    assert (finding.location.line, finding.location.column) == (2, 30)
    assert targets["ecosystem.config.js"].launches[0].copies.count == 1


def test_unterminated_javascript_is_dpl001_with_line(tmp_path):
    targets, repo = scan(tmp_path, {"ecosystem.config.js": "module.exports = {\n  apps: [\n    { name: 'bot', script: 'bot.js'\n",
                                    "process.json": '{"apps": [{"script": "ok.js"}]}', "ok.js": ""})
    (finding,) = repo.findings
    assert finding.code == "DPL001" and finding.location.line == 3
    assert "never closed" in finding.message
    assert targets["ecosystem.config.js"].launches == []
    assert len(targets["process.json"].launches) == 1  # the scan goes on


def test_config_is_never_executed(tmp_path):
    write_tree(tmp_path, {"ecosystem.config.js": """\
const { execSync } = require('child_process');
execSync('touch PWNED');
require('fs').writeFileSync(__dirname + '/PWNED2', 'x');
module.exports = { apps: [{ name: 'bot', script: (() => { execSync('touch PWNED3'); return 'bot.js'; })() }] };
""", "bot.js": ""})
    repo = discover(tmp_path)
    (target,) = pm2.targets(repo)
    assert target.launches[0].command is None  # a computed script is unknown, not run
    assert codes(repo) == ["DPL004"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.js", "ecosystem.config.js"]


def test_other_config_files_are_not_pm2(tmp_path):
    targets, repo = scan(tmp_path, {
        "webpack.config.js": "module.exports = { entry: './apps/index.js', broken: [ };\n",
        "process-notes.json": '{"steps": []}',
        "tsconfig.json": '{"compilerOptions": {}}',
    })
    assert targets == {} and repo.findings == []


def test_computed_instances_take_the_largest_known_value(tmp_path):
    targets, repo = scan(tmp_path, {"ecosystem.config.js": """\
const os = require('os');
const prod = process.env.NODE_ENV === 'production';
const app = (name, extra) => ({ name, script: 'bot.js', ...extra });
module.exports = { apps: [
  app('a', { instances: prod ? os.cpus().length : 1 }),
  app('b', { instances: Number(process.env.B || 3) }),
  app('c', { instances: parseInt(process.env.C || '4', 10) }),
  app('d', { instances: process.env.D || 1 }),
  app('e', { instances: process.env.E ?? 'max' }),
] };
""", "bot.js": ""})
    counts = [launch.copies.count for launch in targets["ecosystem.config.js"].launches]
    assert counts == [2, 3, 4, 1, 2]
    assert codes(repo) == []
