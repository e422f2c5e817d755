import typing

from flask import Flask

if typing.TYPE_CHECKING:
    from typing import Any
else:
    import listener  # noqa: F401  (runs its module-level polling in every worker)

app = Flask(__name__)
