"""Branches the program's kind decides: `if (require.main === module)` runs only in the
entry module; `if (cluster.isPrimary)`, `if (isMainThread)` per variant ("" the primary,
"cluster-worker", "worker-thread"); and the statements after such an `if` the program
takes whose branch always returns (`if (cluster.isPrimary) { fork(); return; }`) do not
run. js_reach skips what these branches leave out."""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import Module
from .js_module import node_key as local_key


# What a condition reads in each variant of a program (see Branches.condition).
FLAG_WORDS = (b"main", b"isPrimary", b"isMaster", b"isWorker", b"isMainThread")  # one C search each
FLAGS = {
    "": {"isPrimary": True, "isMaster": True, "isWorker": False, "isMainThread": True},
    "cluster-worker": {"isPrimary": False, "isMaster": False, "isWorker": True, "isMainThread": True},
    "worker-thread": {"isPrimary": True, "isMaster": True, "isWorker": False, "isMainThread": False},
}


def exits(body) -> bool:
    """A branch that always ends the function or the process."""
    if body is None:
        return False
    statements = body.named_children if body.type == "statement_block" else [body]
    for statement in statements:
        if statement.type in ("return_statement", "throw_statement"):
            return True
        if statement.type == "expression_statement" and "".join(node_text(statement).split()).startswith("process.exit("):
            return True
    return False


class Branches:
    """The branch decisions of one program (entry module, variant), memoised per block."""

    def __init__(self, entry: str, variant: str = ""):
        self.entry = entry
        self.flags = FLAGS[variant] if variant in FLAGS else FLAGS[""]
        self._cutoffs: dict[tuple, int | None] = {}
        self._flagged: dict[str, bool] = {}  # module path -> mentions a flag word (FLAG_WORDS)
        self._ranges: dict[str, list[tuple[int, int]]] = {}  # module path -> ranges it skips

    def skipped(self, unit, node) -> bool:
        """Inside `if (require.main === module)` of a module that is not the entry (or the
        `!==` branch in the entry): Node runs that branch only for the main module. Likewise
        `if (cluster.isPrimary)` / `isMainThread` branches, per the program's variant, and
        the statements after `if (cluster.isPrimary) { ...; return; }`."""
        module = unit.module
        flagged = self._flagged.get(module.path)
        if flagged is None:  # no condition this program decides is written in the file
            flagged = self._flagged[module.path] = any(module.source.find(word) >= 0 for word in FLAG_WORDS)
        if not flagged:
            return False
        top = unit.node
        for first, last in self._skips(module):
            if first <= node.start_byte and node.end_byte <= last and (top is None or (
                    top.start_byte <= first and last <= top.end_byte and (first, last) != (top.start_byte, top.end_byte))):
                return True
        return False

    def _skips(self, module: Module) -> list[tuple[int, int]]:
        """The byte ranges of `module` this program does not run: the branch an `if` it
        decides does not take, and the rest of a block after an `if` it takes that always
        returns. Found once per module (one query for the `if`s): walking up from every
        reached node through tree-sitter's `parent` costs the depth squared."""
        found = self._ranges.get(module.path)
        if found is None:
            from .js_module import _matches

            found = self._ranges[module.path] = []
            for statement in _matches(module.language, module.root, ("if_statement",)):
                value = self.condition(module, statement.child_by_field_name("condition"))
                if value is None:
                    continue
                branch = statement.child_by_field_name("alternative" if value else "consequence")
                if branch is not None:
                    found.append((branch.start_byte, branch.end_byte))
                block = statement.parent
                if value and block is not None and block.type in ("statement_block", "program"):
                    cutoff = self.cutoff(module, block)
                    if cutoff is not None:
                        found.append((cutoff, block.end_byte))
        return found

    def condition(self, module: Module, condition) -> bool | None:
        """The value of a branch condition this program decides, or None."""
        text = "".join(node_text(condition).split()) if condition is not None else ""
        while text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        main = module.path == self.entry
        if text in ("require.main===module", "require.main==module"):
            return main
        if text in ("require.main!==module", "require.main!=module"):
            return not main
        negated = text.startswith("!") and not text.startswith("!!")
        name = text.lstrip("!")
        for prefix in ("cluster.", "workerThreads.", "worker_threads.", "threads."):
            name = name.removeprefix(prefix)
        if name not in self.flags:
            return None
        if name == "isMainThread" and "worker_threads" not in module.packages:
            return None
        if name != "isMainThread" and "cluster" not in module.packages:
            return None
        return self.flags[name] != negated

    def cutoff(self, module: Module, block) -> int | None:
        """Where statements of `block` stop running: after an `if` this program takes
        whose branch always returns or exits (`if (cluster.isPrimary) { fork(); return; }`)."""
        key = (module.path, *local_key(block))
        if key not in self._cutoffs:
            self._cutoffs[key] = None
            if not any(module.source.find(word, block.start_byte, block.end_byte) >= 0 for word in FLAG_WORDS):
                return None  # no condition this program decides: a big block is not listed
            for statement in block.named_children:
                if statement.type == "if_statement" and statement.child_by_field_name("alternative") is None \
                        and exits(statement.child_by_field_name("consequence")) \
                        and self.condition(module, statement.child_by_field_name("condition")):
                    self._cutoffs[key] = statement.end_byte
                    break
        return self._cutoffs[key]
