"""Railway Infrastructure as Code (.railway/railway.ts|js|py) and the shared Railway
start-command precedence, read statically."""
from __future__ import annotations

from conftest import write_tree
from deploylint.discover import discover
from deploylint.formats import railway

HEAD = 'import { defineRailway, project, service, group, github, image } from "railway/iac";\n'


def scan(tmp_path, files):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    return railway.targets(repo), repo


def launches(targets):
    return {l.name: l for t in targets for l in t.launches if l.runs}


def test_environment_ternary_reports_the_worst_environment(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway((ctx) => {
  const prod = ctx.environment === "production";
  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: prod ? 3 : 1 })] });
});""", "bot.py": ""})
    (target,) = targets
    assert (target.platform, target.name) == ("railway", ".railway/railway.ts")
    bot = launches(targets)["bot"]
    assert bot.command.shell == "python bot.py"
    assert bot.copies.count == 3
    assert "environment `production`" in bot.copies.reason and "prod ? 3 : 1" in bot.copies.reason
    assert bot.copies.location.line == 5


def test_other_environment_can_be_the_worst(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway((ctx) => project("p", { resources: [
  service("bot", { start: "python bot.py", replicas: ctx.isEnvironment("staging") ? 2 : ctx.environment === "production" ? 1 : 4 }),
]}));""", "bot.py": ""})
    bot = launches(targets)["bot"]
    assert bot.copies.count == 4 and "an environment the file does not name" in bot.copies.reason


def test_region_map_sums_and_groups_nest(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
const regions = { "us-west2": 2, "europe-west4": { replicas: 1 } };
export default defineRailway(() => project("p", { resources: [group("A", [group("B", [
  service("bot", { start: "python bot.py", replicas: regions }),
  service("web", { start: "python web.py" }),
])])] }));""", "bot.py": "", "web.py": ""})
    found = launches(targets)
    assert found["bot"].copies.count == 3 and found["web"].copies.count == 1


def test_root_directory_scopes_the_command(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway(() => project("p", { resources: [
  service("bot", { source: github("a/b", { rootDirectory: "/apps/bot/" }) }),
  service("proc", { source: github("a/b", { rootDirectory: "apps/proc" }) }),
  service("img", { source: image("ghcr.io/a/b:latest"), start: "python x.py", replicas: 5 }),
]}));""", "apps/bot/main.py": "", "apps/bot/bot.py": "", "apps/bot/requirements.txt": "",
        "apps/proc/Procfile": "worker: python worker.py\nweb: python web.py\n"})
    found = {l.label: l for t in targets for l in t.launches}
    bot = next(l for l in found.values() if l.name == "bot")
    assert (bot.command.shell, bot.cwd) == ("python main.py", "apps/bot")
    proc = [l for l in found.values() if l.cwd == "apps/proc"]
    assert [(l.name, l.runs) for l in proc] == [("worker", False), ("web", True)]
    img = next(l for l in found.values() if l.name == "img")
    assert img.command is None and "image" in img.note


def test_python_iac(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.py": """
from railway_sdk import define_railway, project, service

def replicas_for(env):
    if env == "production":
        return 2
    return 1

@define_railway
def main(ctx=None):
    bot = service("bot", start="python bot.py", replicas=replicas_for(ctx.environment))
    return project("p", resources=[bot])
""", "bot.py": ""})
    bot = launches(targets)["bot"]
    assert (bot.command.shell, bot.copies.count) == ("python bot.py", 2)
    assert bot.copies.location.path == ".railway/railway.py" and bot.copies.location.line == 11


def test_iac_wins_over_config_as_code_below_its_project_home(tmp_path):
    """The IaC file is the whole project: Config as Code at or below its home is not read;
    a railway.json beside another project's home still is."""
    targets, _ = scan(tmp_path, {"app/.railway/railway.ts": HEAD + """
export default defineRailway(() => project("p", { resources: [service("bot", { start: "python bot.py" })] }));""",
                                 "app/railway.json": '{"deploy": {"numReplicas": 4}}', "app/bot.py": "",
                                 "app/other/railway.json": '{"deploy": {"startCommand": "python x.py"}}', "app/other/x.py": "",
                                 "tools/railway.json": '{"deploy": {"startCommand": "python y.py"}}', "tools/y.py": ""})
    assert [t.name for t in targets] == ["app/.railway/railway.ts", "tools/railway.json"]


def test_toml_beats_json_and_environments_override(tmp_path):
    targets, _ = scan(tmp_path, {"railway.toml": '[deploy]\nstartCommand = "python bot.py"\n'
                                 '[environments.staging.deploy]\nnumReplicas = 3\nstartCommand = "python other.py"\n',
                                 "railway.json": '{"deploy": {"numReplicas": 9}}', "bot.py": "", "other.py": ""})
    (target,) = targets
    (launch,) = target.launches
    assert launch.copies.count == 3 and "environments.staging" in launch.copies.reason
    assert launch.command.shell == "python other.py" and launch.command.location.line == 5
    assert [s.location.path for s in target.shadows] == ["railway.json"]


def test_railway_precedence(tmp_path):
    base = {"railway.json": '{"deploy": {"numReplicas": 2}}', "Procfile": "worker: python worker.py\n",
            "main.py": "", "requirements.txt": "", "package.json": '{"scripts": {"start": "node x.js"}}'}
    targets, _ = scan(tmp_path / "a", {**base, "railpack.json": '{"deploy": {"startCommand": "python rp.py"}}'})
    assert launches(targets)["service"].command.shell == "python rp.py"
    targets, _ = scan(tmp_path / "b", base)
    assert launches(targets)["worker"].command.shell == "python worker.py"
    del base["Procfile"]
    targets, _ = scan(tmp_path / "c", base)
    assert launches(targets)["service"].command.shell == "python main.py"
    del base["main.py"], base["requirements.txt"]
    targets, _ = scan(tmp_path / "d", base)
    assert launches(targets)["service"].command.shell == "npm start"
    targets, _ = scan(tmp_path / "e", {**base, "Dockerfile": 'FROM python\nCMD ["python", "d.py"]\n'})
    assert "d.py" in next(iter(launches(targets).values())).command.text


def test_railpack_start_cmd_from_iac_env(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway(() => project("p", { resources: [
  service("bot", { env: { RAILPACK_START_CMD: "python bot.py" }, replicas: 2 })] }));""",
                                 "Procfile": "web: python web.py\n", "bot.py": "", "web.py": ""})
    bot = launches(targets)["bot"]
    assert bot.command.shell == "python bot.py" and bot.copies.count == 2


def test_hostile_iac_files_cost_a_finding_not_a_crash(tmp_path):
    files = {
        ".railway/railway.ts": HEAD + "export default defineRailway(() => project('p', { resources: [service('bot', "
                               "{ start: 'python bot.py', replicas: " + "(" * 3000 + "2" + ")" * 3000 + " })] }));",
        "b/.railway/railway.ts": HEAD + "export default defineRailway(() => project('p', { resources: ["
                                 "service('a', { start: 'python bot.py', replicas: process.env.N }),"
                                 "service('b', { start: 'python bot.py', replicas: NaN }),"
                                 "service('c', { start: 'python bot.py', replicas: 1e999 }),"
                                 "service('d', { start: process.env.CMD })] }));",
        "c/.railway/railway.ts": "export default defineRailway(loadFromDisk());",
        "d/.railway/railway.py": "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "e/.railway/railway.py": "@define_railway\ndef main(ctx):\n    return main(ctx)\n",
        "f/.railway/railway.ts": HEAD + "export default defineRailway(() => { return project('p', {",
        "bot.py": "",
    }
    targets, repo = scan(tmp_path, files)
    codes = sorted({(f.code, f.location.path) for f in repo.findings})
    assert ("DPL004", "b/.railway/railway.ts") in codes
    assert ("DPL004", "c/.railway/railway.ts") in codes
    assert ("DPL001", "d/.railway/railway.py") in codes
    assert ("DPL001", "f/.railway/railway.ts") in codes
    by_name = {l.name: l for t in targets if t.name == "b/.railway/railway.ts" for l in t.launches}
    assert by_name["a"].copies.count == 1 and by_name["b"].copies.count == 1
    # 1e999 is Infinity, which JSON.stringify writes as null: no count (round 12), not 10,000
    assert by_name["c"].copies.count == 1
    assert any(f.code == "DPL004" and "`1e999`, which is not a whole number" in f.message for f in repo.findings)
    assert by_name["d"].command is None


def test_service_without_source_deploys_the_directory_holding_dot_railway(tmp_path):
    targets, _ = scan(tmp_path, {"apps/bot/.railway/railway.ts": HEAD + """
export default defineRailway(() => project("p", { resources: [service("bot", { replicas: 2 })] }));""",
                                 "apps/bot/main.py": "", "apps/bot/requirements.txt": ""})
    bot = launches(targets)["bot"]
    assert (bot.cwd, bot.command.shell, bot.copies.count) == ("apps/bot", "python main.py", 2)


def test_shapes_the_railway_cli_importer_writes(tmp_path):
    """`railway config pull/migrate` renders region maps as `{ region: n }` or
    `{ region: { count: n, stacker } }` and keeps other deploy keys under `deploy`."""
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway(() => {
  const a = service("a", { source: github("o/r"), build: "npm run build", start: "python a.py",
                           replicas: { "us-west2": { count: 2, stacker: "x" }, "europe-west4": 1 } });
  const b = service("b", { deploy: { numReplicas: 2, startCommand: "python b.py", overlapSeconds: 30 } });
  return project("p", { resources: [a, b] });
});""", "a.py": "", "b.py": ""})
    found = launches(targets)
    assert found["a"].copies.count == 3
    assert (found["b"].copies.count, found["b"].command.shell) == (2, "python b.py")


def test_the_condition_behind_a_variable_is_named(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
export default defineRailway((ctx) => {
  const prod = ctx.isEnvironment("production");
  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: prod ? 2 : 1 })] });
});""", "bot.py": ""})
    reason = launches(targets)["bot"].copies.reason
    assert 'in environment `production`, where `prod = ctx.isEnvironment("production")`' in reason


def test_commonjs_and_namespace_imports(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.js": """
const { defineRailway, project } = require("railway/iac");
const iac = require("railway/iac");
module.exports = defineRailway(() => project("p", { resources: [iac.service("bot", { start: "python bot.py", replicas: 2 })] }));
""", "bot.py": ""})
    assert launches(targets)["bot"].copies.count == 2


def test_imported_json_and_constants(tmp_path):
    targets, _ = scan(tmp_path, {".railway/railway.ts": HEAD + """
import cfg from "../ops/bot.json" with { type: "json" };
import { REGION, START as RUN } from "./shared";
import * as more from "./more.js";
import { fn } from "./helpers";
export default defineRailway(() => {
  const { numReplicas, ...others } = cfg.deploy;
  return project("p", { resources: [service("bot", {
    start: RUN, replicas: { [REGION]: cfg.deploy.numReplicas, [more.SECOND]: others.extra } })] });
});""",
        "ops/bot.json": '{"deploy": {"numReplicas": 2, "extra": 1}}',
        ".railway/shared.ts": 'import { X } from "./shared";\nexport const REGION = "eu";\nexport const START = "python bot.py";\n',
        ".railway/more.js": 'export const SECOND = "us";\n',
        ".railway/helpers.ts": "export function fn() { return 1; }\n",
        "bot.py": ""})
    bot = launches(targets)["bot"]
    assert bot.command.shell == "python bot.py"
    assert bot.copies.count == 3


def test_import_cycles_and_missing_files_stay_unknown(tmp_path):
    targets, repo = scan(tmp_path, {".railway/railway.ts": HEAD + """
import { A } from "./a";
import { Z } from "./nowhere";
export default defineRailway(() => project("p", { resources: [service("bot", { start: "python bot.py", replicas: A })] }));""",
        ".railway/a.ts": 'import { B } from "./b";\nexport const A = B;\n',
        ".railway/b.ts": 'import { A } from "./a";\nexport const B = A;\n',
        "bot.py": ""})
    bot = launches(targets)["bot"]
    assert bot.copies.count == 1


def test_environment_tables_throws_and_separate_environments(tmp_path):
    from deploylint.formats.railway_iac import targets as iac_targets

    targets, repo = scan(tmp_path, {".railway/railway.ts": HEAD + """
const NAMES = { staging: "bot-staging", "production": "bot" } as const;
export default defineRailway((ctx) => {
  const name = NAMES[ctx.environment];
  if (!name) throw new Error("unplanned");
  return project("p", { resources: [service(name, { start: "python bot.py", replicas: name === "bot" ? 2 : 1 })] });
});""", "bot.py": ""})
    found, _ = iac_targets(repo)
    assert [sorted(l.name for l in t.launches) for t in found] == [["bot"], ["bot-staging"]]
    assert launches(found[:1])["bot"].copies.count == 2
    assert not any(f.code == "DPL004" for f in repo.findings)  # the refused environment is not "unreadable"

GO_HEAD = 'package main\n\nimport "github.com/railwayapp/railway-go-iac/iac"\n\n'


def test_go_iac(tmp_path):
    """`.railway/railway.go`: `Railway()`'s assignments and return, map keys as in TypeScript,
    struct fields (`RootDirectory:`) as camelCase keys, raw strings, var declarations."""
    targets, _ = scan(tmp_path, {".railway/railway.go": GO_HEAD + """
func Railway() iac.Project {
	db := iac.Postgres("db")
	var worker = iac.ServiceNamed("worker", iac.ServiceConfig{
		"source":   iac.Github("o/r", iac.GithubOptions{RootDirectory: "apps/bot"}),
		"start":    `python worker.py`,
		"replicas": map[string]any{"us-west2": 2, "europe-west4": 1},
		"env":      map[string]any{"DATABASE_URL": db.Env("DATABASE_URL")},
	})
	web := iac.ServiceNamed("web", iac.ServiceConfig{"start": "gunicorn app:app"})
	return iac.ProjectNamed("p", []any{db, worker, web})
}
""", "apps/bot/worker.py": "", "app.py": ""})
    (target,) = targets
    assert target.name == ".railway/railway.go"
    found = launches(targets)
    assert (found["worker"].cwd, found["worker"].command.shell, found["worker"].copies.count) == ("apps/bot", "python worker.py", 3)
    assert found["web"].copies.count == 1


def test_go_iac_precedence_and_branches(tmp_path):
    """The CLI reads railway.ts before railway.py before railway.go; in Go, services
    declared inside `if` are read as if the branch ran, and an unreadable return keeps
    every declared service."""
    targets, _ = scan(tmp_path, {
        "a/.railway/railway.ts": HEAD + 'export default defineRailway(() => project("p", { resources: [service("ts", { start: "python bot.py" })] }));',
        "a/.railway/railway.go": GO_HEAD + 'func Railway() iac.Project {\n\treturn iac.ProjectNamed("p", []any{iac.ServiceNamed("go", nil)})\n}\n',
        "b/.railway/railway.go": GO_HEAD + """
func Railway() iac.Project {
	resources := []any{}
	if os.Getenv("STAGING") != "" {
		resources = append(resources, iac.ServiceNamed("extra", iac.ServiceConfig{"start": "python bot.py", "replicas": 2}))
	}
	return iac.ProjectNamed("p", resources)
}
""", "bot.py": "", "a/bot.py": "", "b/bot.py": ""})
    names = {t.name: sorted(l.name for l in t.launches) for t in targets}
    assert names["a/.railway/railway.ts"] == ["ts"] and "a/.railway/railway.go" not in names
    assert names["b/.railway/railway.go"] == ["extra"]


def test_hostile_go_iac_costs_a_finding_not_a_crash(tmp_path):
    deep = "map[string]any{\"a\": " * 3000 + "1" + "}" * 3000
    targets, repo = scan(tmp_path, {
        "a/.railway/railway.go": GO_HEAD + "func Railway() iac.Project {\n\tx := " + deep + "\n\treturn iac.ProjectNamed(\"p\", []any{x})\n}\n",
        "b/.railway/railway.go": GO_HEAD + "func Railway() iac.Project {\n\treturn iac.ProjectNamed(\"p\", []any{",
        "c/.railway/railway.go": GO_HEAD + "func Other() iac.Project { return nil }\n",
        "d/.railway/railway.go": GO_HEAD + 'func Railway() iac.Project {\n\treturn iac.ProjectNamed("p", []any{iac.ServiceNamed("bot", '
                                 'iac.ServiceConfig{"start": "python bot.py", "replicas": 99999999999999999999999})})\n}\n',
        "e/.railway/railway.go": b"\xff\xfe\x00 not go at all",
        "bot.py": "",
    })
    codes = {(f.code, f.location.path) for f in repo.findings}
    assert ("DPL004", "a/.railway/railway.go") in codes
    assert ("DPL001", "b/.railway/railway.go") in codes
    assert ("DPL004", "c/.railway/railway.go") in codes
    bot = {l.name: l for t in targets if t.name == "d/.railway/railway.go" for l in t.launches}["bot"]
    assert bot.copies.count >= 1


def test_without_a_default_export_the_cli_takes_main_then_railway(tmp_path):
    """`mod.default ?? mod.main ?? mod.Railway`: an export clause with an alias counts, a
    function that is not exported does not."""
    body = 'project("p", { resources: [service("bot", { start: "python bot.py", replicas: N })] })'
    targets, _ = scan(tmp_path, {
        "a/.railway/railway.ts": HEAD + f"function build() {{ return {body.replace('N', '2')}; }}\n"
                                 f"function staging() {{ return {body.replace('N', '5')}; }}\nexport {{ build as main }};\n",
        "b/.railway/railway.ts": HEAD + f"export const Railway = defineRailway(() => {body.replace('N', '3')});\n",
        "c/.railway/railway.ts": HEAD + f"function main() {{ return {body.replace('N', '4')}; }}\n",
        "a/bot.py": "", "b/bot.py": "", "c/bot.py": "",
    })
    copies = {t.name: [l.copies.count for l in t.launches] for t in targets}
    assert copies["a/.railway/railway.ts"] == [2] and copies["b/.railway/railway.ts"] == [3]
    assert "c/.railway/railway.ts" not in copies or copies["c/.railway/railway.ts"] == []


def test_go_constructors_are_the_ones_railway_go_iac_exports(tmp_path):
    """github.com/railwayapp/railway-go-iac exports ServiceNamed, Fn, ProjectNamed, Group,
    Github and Image; `Service` and `Project` are struct types (composite literals build
    them), and `Service(...)`, `Project(...)`, `GroupNamed(...)`, `GitHub(...)` do not exist:
    such calls declare nothing."""
    targets, _ = scan(tmp_path, {
        "a/.railway/railway.go": GO_HEAD + """
func Railway() iac.Project {
	bot := iac.Service{Name: "bot", Config: iac.ServiceConfig{"start": "python bot.py", "replicas": 2}}
	job := iac.Fn("job", iac.ServiceConfig{"start": "python job.py"})
	grouped := iac.Group("Backend", []any{iac.ServiceNamed("api", iac.ServiceConfig{"start": "python api.py"})})
	return iac.Project{Name: "p", Resources: []any{bot, job, grouped}}
}
""",
        "b/.railway/railway.go": GO_HEAD + """
func Railway() iac.Project {
	ghost := iac.Service("ghost", iac.ServiceConfig{"start": "python ghost.py"})
	other := iac.GroupNamed("G", []any{ghost})
	src := iac.GitHub("o/r")
	return iac.ProjectNamed("p", []any{other, iac.ServiceNamed("real", iac.ServiceConfig{"start": "python real.py", "source": src})})
}
""", "a/bot.py": "", "a/job.py": "", "a/api.py": "", "b/ghost.py": "", "b/real.py": ""})
    names = {t.name: sorted(l.name for l in t.launches) for t in targets}
    assert names["a/.railway/railway.go"] == ["api", "bot", "job"]
    assert {l.name: l.copies.count for t in targets for l in t.launches}["bot"] == 2
    assert names["b/.railway/railway.go"] == ["real"]


def test_named_partials_manage_only_their_services_and_overlay_one_project(tmp_path):
    """`export const partial = "api"` (Python `PARTIAL`, Go `const Partial`): the file
    manages only the services it declares (railwayapp/cli src/iac/partial.rs). Config as
    Code beside it for a service it does not declare is still that service's config, and
    partials of one project are parts of one deployment."""
    from deploylint.formats import railway_iac

    targets, repo = scan(tmp_path, {
        "api/.railway/railway.ts": HEAD + 'export const partial = "api";\n'
        'export default defineRailway(() => project("shop", { resources: [service("api", { start: "python api.py" })] }));\n',
        "bot/.railway/railway.py": 'from railway_sdk import define_railway, project, service\nPARTIAL = "bot"\n'
        '@define_railway\ndef main(ctx=None):\n    return project("shop", resources=[service("bot", start="python bot.py")])\n',
        "api/worker/railway.json": '{"deploy": {"startCommand": "python worker.py"}}',
        "api/api.py": "", "api/worker/worker.py": "", "bot/bot.py": "",
        "whole/.railway/railway.ts": HEAD + 'export default defineRailway(() => project("other", { resources: [service("w", { start: "python w.py" })] }));\n',
        "whole/sub/railway.json": '{"deploy": {"startCommand": "python x.py"}}', "whole/w.py": "", "whole/sub/x.py": "",
    })
    partials = {f.path: (f.partial, f.project) for f in railway_iac.files(repo)}
    assert partials == {"api/.railway/railway.ts": ("api", "shop"), "bot/.railway/railway.py": ("bot", "shop"),
                        "whole/.railway/railway.ts": (None, "other")}
    assert railway_iac.supersedes(repo, "api/worker") is None  # the partial does not declare it
    assert railway_iac.supersedes(repo, "api") == "api/.railway/railway.ts"
    assert railway_iac.supersedes(repo, "whole/sub") == "whole/.railway/railway.ts"  # a whole project does
    by_name = {t.name: sorted(l.name for l in t.launches) for t in targets}
    assert by_name["api/.railway/railway.ts"] == ["api", "bot"]  # one project, two partials
    assert by_name["api/worker/railway.json"] == ["service"] and "whole/sub/railway.json" not in by_name
    assert "bot/.railway/railway.py" not in by_name


def test_partial_exports_are_read_defensively(tmp_path):
    from deploylint.formats import railway_iac

    GO = GO_HEAD + 'const Partial = "{}"\n\nfunc Railway() iac.Project {{\n\treturn iac.ProjectNamed("p", []any{{iac.ServiceNamed("s", nil)}})\n}}\n'
    _, repo = scan(tmp_path, {
        "a/.railway/railway.go": GO.format("jobs"),
        "b/.railway/railway.go": GO.format("*"),
        "c/.railway/railway.ts": HEAD + 'export const partial = process.env.PARTIAL;\nexport default defineRailway(() => project("p", { resources: [] }));\n',
        "d/.railway/railway.ts": HEAD + 'export const partial = "  ";\nexport default defineRailway(() => project("p", { resources: [] }));\n',
        "e/.railway/railway.py": 'PARTIAL = "x" * 100\nPartial = ""\ndef main():\n    return None\n',
        "f/.railway/railway.ts": HEAD + 'export const partial = "a/b";\nexport default defineRailway(() => project("p", { resources: [] }));\n',
        "g/.railway/railway.ts": HEAD + 'export const partial = 5;\nexport default defineRailway(() => project("p", { resources: [] }));\n',
        "h/.railway/railway.py": 'PARTIAL = {"a": 1}\ndef main():\n    return None\n',
    })
    partials = {f.path.split("/")[0]: f.partial for f in railway_iac.files(repo)}
    assert partials["a"] == "jobs" and partials["b"] == "?" and partials["c"] == "?" and partials["d"] is None
    assert partials["e"] == "?" and partials["f"] == "?"
    assert partials["g"] is None and partials["h"] is None  # the CLI reads the export only as a string
    invalid = sorted(f.location.path for f in repo.findings if f.code == "DPL002")
    assert invalid == ["b/.railway/railway.go", "f/.railway/railway.ts"]


def test_resolve_only_reports_what_it_used(tmp_path):
    """railway_start.resolve has no side effect on repo.consumed: it returns the Dockerfile
    Railway builds, and the formats record it (so DPL005 can ask what Railway would run
    without the file, and the Dockerfile stays a target of its own when nothing builds it)."""
    from deploylint.formats.railway_start import Service, resolve
    from deploylint.model import Copies

    write_tree(tmp_path, {"Dockerfile": 'FROM python:3.12\nCMD ["python", "bot.py"]\n', "bot.py": ""})
    repo = discover(tmp_path)
    before = set(repo.consumed)
    launches, shadows, used = resolve(repo, Service("Railway service", "railway.json", "", Copies()))
    assert used == "Dockerfile" and repo.consumed == before
    assert launches[0].command.text == "python bot.py" and shadows == []
    targets = railway.targets(discover(tmp_path))
    assert targets == []  # no Railway config: nothing consumed the Dockerfile
    write_tree(tmp_path, {"railway.json": '{"deploy": {}}'})
    repo = discover(tmp_path)
    railway.targets(repo)
    assert "Dockerfile" in repo.consumed


def test_go_iac_aliases_the_sdk_reads(tmp_path):
    """railway-go-iac's serviceNode/normalizeDeploy: the start command is `start`,
    `startCommand`, `run.command` or `deploy.startCommand`; the root directory `root` or
    `rootDirectory`."""
    targets, _ = scan(tmp_path, {".railway/railway.go": GO_HEAD + """
func Railway() iac.Project {
	bot := iac.ServiceNamed("bot", iac.ServiceConfig{"root": "apps/bot", "run": map[string]any{"command": "python bot.py"}})
	return iac.ProjectNamed("p", []any{bot})
}
""", "apps/bot/bot.py": ""})
    bot = launches(targets)["bot"]
    assert (bot.cwd, bot.command.shell) == ("apps/bot", "python bot.py")
