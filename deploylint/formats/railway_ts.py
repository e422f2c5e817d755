"""`.railway/railway.ts` (and .mts/.js/.mjs) through the shared JS/TS evaluator
(code/js_eval): the file is parsed with tree-sitter and never run. The default export
(`defineRailway(fn)`, a function or a project), else the export named `main` or
`Railway` as the Railway CLI takes it, is evaluated once per environment."""
from __future__ import annotations

from ..model import Location
from ..repo import Repo
from .railway_iac import MAX_ENVIRONMENTS, OTHER, ServiceDecl, builtins, context, services_of

_COMPARISONS = ("===", "!==", "==", "!=")


def evaluate(repo: Repo, path: str) -> dict[str, list[ServiceDecl]] | None:
    """{environment: services} (production first), or None when unreadable."""
    text = repo.read_text(path)
    if text is None:
        return None
    from ..code.js_eval import Evaluator
    from ..code.js_static import Function, Unknown, short
    from ..treesitter import first_error, language_for, parse

    tree = parse(language_for(path), text)
    error = first_error(tree.root_node)
    if error is not None:
        where = Location(path, error.start_point[0] + 1, error.start_point[1] + 1)
        repo.problem("DPL001", where, f"syntax error in {path}", "fix the syntax; `railway config plan` cannot load this file either")
    runs: dict[str, list[ServiceDecl]] = {}
    exhausted = False
    for environment in environments(tree.root_node):
        calls: list[ServiceDecl] = []
        evaluator = Evaluator(path, text)
        evaluator.builtins.update(builtins(calls, evaluator.where))
        exported = evaluator.exports(tree.root_node)
        if exported is None:
            exported = _named_export(evaluator, tree.root_node)
        if isinstance(exported, Function):
            exported = evaluator.call(exported, [context(environment)])
        exhausted = exhausted or evaluator.exhausted
        if isinstance(exported, Unknown) and not exported.options and not calls:
            repo.problem("DPL004", Location(path, 1, 1),
                         f"{path}: the exported configuration is `{short(exported.text)}`, which deploylint cannot read without running it",
                         "export `defineRailway((ctx) => project(...))` with the services written in the file")
            return runs
        runs[environment] = services_of(exported, calls)
        if exhausted:
            break  # a file that exhausts the budget once costs no more for every environment
    if exhausted:
        repo.problem("DPL004", Location(path, 1, 1),
                     f"{path} is nested too deeply (or computes too much) to be read completely; parts of it were skipped",
                     "keep the Railway configuration flat: services as literal objects, small helpers")
    return runs


def _named_export(evaluator, root):
    """Without a default export the Railway CLI takes the export named `main`, then
    `Railway` (`mod.default ?? mod.main ?? mod.Railway`): `export function main() {...}`,
    `export const Railway = defineRailway(...)`, `export { main }`."""
    exported: set[str] = set()
    for statement in root.named_children:
        if statement.type != "export_statement":
            continue
        declaration = statement.child_by_field_name("declaration")
        if declaration is None:
            for clause in statement.named_children:
                if clause.type == "export_clause":
                    for spec in clause.named_children:
                        alias = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                        name = spec.child_by_field_name("name")
                        if alias is not None and name is not None:
                            exported.add(evaluator.text_of(alias))
                            if evaluator.text_of(alias) != evaluator.text_of(name):
                                evaluator.consts.setdefault(evaluator.text_of(alias), name)
        elif declaration.type in ("function_declaration", "generator_function_declaration"):
            name = declaration.child_by_field_name("name")
            exported.update([evaluator.text_of(name)] if name is not None else [])
        elif declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                name = declarator.child_by_field_name("name")
                if declarator.type == "variable_declarator" and name is not None:
                    exported.add(evaluator.text_of(name))
    for name in ("main", "Railway"):
        if name in exported:
            if name in evaluator.values:
                return evaluator.values[name]
            if name in evaluator.consts:
                return evaluator.value(evaluator.consts[name])
    return None


def environments(root) -> list[str]:
    """production, every environment name the file compares against, and one it does not name."""
    from ..code.js_module import string_value
    from ..treesitter import node_text

    names = ["production"]
    stack, steps = [root], 0
    while stack and steps < 200_000 and len(names) < MAX_ENVIRONMENTS:
        node = stack.pop()
        steps += 1
        literal = None
        if node.type == "binary_expression" and node_text(node.child_by_field_name("operator")) in _COMPARISONS:
            for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
                literal = string_value(side) if side is not None and side.type == "string" else literal
        elif node.type == "call_expression" and node_text(node.child_by_field_name("function")).endswith("isEnvironment"):
            args = node.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            literal = string_value(first) if first is not None and first.type == "string" else None
        elif node.type == "switch_case":
            value = node.child_by_field_name("value")
            literal = string_value(value) if value is not None and value.type == "string" else None
        if literal and literal not in names:
            names.append(literal)
        stack.extend(node.children)
    return names + [OTHER]
