"""python_syspath: directories an entry script puts on sys.path, read statically."""
from __future__ import annotations

import ast
from textwrap import dedent

import pytest

from deploylint.code.python_syspath import MAX_ADDED, added_dirs


class _Module:
    def __init__(self, path: str, text: str):
        self.path, self.tree = path, ast.parse(dedent(text))


@pytest.mark.parametrize("path, text, cwd, dirs", [
    ("run.py", "import sys\nsys.path.append('src')\n", "", ["src"]),
    ("run.py", "import sys\nsys.path.insert(0, './lib/')\n", "app", ["app/lib"]),
    ("scripts/x.py", "import os, sys\nsys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n",
     "", [""]),
    ("scripts/x.py", "import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), 'bot'))\n",
     "", ["scripts/bot"]),
    ("a/b/x.py", "import sys\nfrom pathlib import Path\nROOT = Path(__file__).resolve().parent.parent\n"
     "sys.path.insert(0, str(ROOT / 'src'))\n", "", ["a/src"]),
    ("x.py", "import sys\nif True:\n    sys.path.append('lib')\n", "", ["lib"]),
])
def test_directories_added(path, text, cwd, dirs):
    assert added_dirs(_Module(path, text), cwd) == dirs


@pytest.mark.parametrize("text", [
    "import sys\nsys.path.append('/Users/me/project')\n",  # a user's absolute path
    "import os, sys\nsys.path.append(os.environ['EXTRA'])\n",  # only known at run time
    "import os, sys\nsys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n",  # above the root
    "import sys\nsys.path.append('../../elsewhere')\n",
    "import sys\npath.append('src')\n",  # not sys.path
    "import sys\ndef f():\n    sys.path.append('src')\n",  # inside a function: not run at import
])
def test_nothing_added(text):
    assert added_dirs(_Module("x.py", text), "") == []


def test_bounded():
    text = "import sys\n" + "".join(f"sys.path.append('d{i}')\n" for i in range(500))
    assert len(added_dirs(_Module("x.py", text), "")) == MAX_ADDED
    deep = "import sys, os\nsys.path.append(" + "os.path.dirname(" * 60 + "__file__" + ")" * 60 + ")\n"
    assert added_dirs(_Module("a/b/x.py", deep), "") == []
