import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from botpkg.core import run  # noqa: E402

if __name__ == "__main__":
    run()
