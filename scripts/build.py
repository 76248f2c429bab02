"""Build the site's snippet outputs: ``python scripts/build.py --help``."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from snippet_runner.cli import main  # noqa: E402

if __name__ == "__main__":
    # Run from another folder (`python ~/notes/scripts/build.py`), it builds this repository.
    if not any(arg == "--root" or arg.startswith("--root=") for arg in sys.argv[1:]) \
            and HERE.parent not in [Path.cwd().resolve(), *Path.cwd().resolve().parents]:
        os.chdir(HERE.parent)
    sys.exit(main())
