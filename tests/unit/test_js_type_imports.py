"""`import type` / `export type ... from` statements are erased by TypeScript: the module
they name is never loaded, so neither the relevance graph nor the walk follows them."""
from __future__ import annotations

from deploylint.code.js_relevance import specifiers


def test_type_only_statements_name_no_module():
    text = (
        "import type { Bot } from './bot';\n"
        "import type Config from \"./config\";\n"
        "import type * as Models from './models';\n"
        "export type { Handler } from './handlers';\n"
        "import type {\n  A,\n  B,\n} from './multi';\n"
    )
    assert specifiers(text) == []


def test_value_imports_and_a_default_named_type_are_kept():
    text = (
        "import type from './named-type';\n"  # a default export imported under the name `type`
        "import { type Bot, start } from './mixed';\n"  # stays: only the specifier is a type
        "import './side-effect';\n"
        "export type Alias = string;\n"
        "const x = require('./required');\n"
    )
    assert sorted(specifiers(text)) == ["./mixed", "./named-type", "./required", "./side-effect"]
