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
        child, parent = node, node.parent
        while parent is not None and child != unit.node:
            if parent.type == "if_statement":
                value = self.condition(unit.module, parent.child_by_field_name("condition"))
                if value is not None and child == parent.child_by_field_name("alternative" if value else "consequence"):
                    return True
            elif parent.type in ("statement_block", "program") and child.type != "comment":
                cutoff = self.cutoff(unit.module, parent)
                if cutoff is not None and child.start_byte >= cutoff:
                    return True
            child, parent = parent, parent.parent
        return False

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
