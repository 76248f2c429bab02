"""Build the site's snippet outputs: ``python scripts/build.py --help``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snippet_runner.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
