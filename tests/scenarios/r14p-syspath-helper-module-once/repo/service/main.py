import _paths  # noqa: F401  (must come first)

from standup import run

run()
