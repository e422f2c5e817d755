"""Shell text bash runs but the tree-sitter grammar rejects, made parseable without moving
any position (every replacement keeps the length, so locations stay exact)."""
from __future__ import annotations

from ..patterns import lazy_re

# `fi }`, `done }`, `esac }`: the blank before the brace (at least one blank, then only blanks)
_BRACE_AFTER_KEYWORD = lazy_re(r"\b(fi|done|esac)[ \t](?=[ \t]*\})")


def closing_brace(text: str, tree):
    """`f() { if ...; then ...; fi }`: bash ends the group at a `}` right after `fi`/`done`/
    `esac`, the grammar wants a `;` first. The blank before the brace becomes one; the
    patched text is kept only when it then parses (else the text and tree given)."""
    from ..treesitter import parse

    patched = _BRACE_AFTER_KEYWORD.sub(r"\1;", text)
    if patched == text:
        return text, tree
    again = parse("bash", patched)
    return (patched, again) if not again.root_node.has_error else (text, tree)
