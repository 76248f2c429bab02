"""A snippet runs as ``python file.py`` runs it, although the build starts it from a warm
forkserver: its own processes start the way the platform starts them, its workers print what
they print under ``python file.py``, and it is compiled without the runner's own flags."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import run_build

GUARDED = '''\
from torch.utils.data import DataLoader

print("top level runs")


def main():
    for batch in DataLoader(list(range(6)), batch_size=2, num_workers=2):
        print(batch.tolist())


if __name__ == "__main__":
    main()
'''

PROCESS = '''\
import multiprocessing
import sys


def double(x: int) -> int:
    return 2 * x


print(double.__annotations__)
print(sys.modules["__mp_main__"] is sys.modules["__main__"],
      any(p.endswith("scripts") for p in sys.path))
multiprocessing.set_start_method("spawn")  # allowed once, without force, in a fresh script
print(multiprocessing.get_start_method())
'''


def plain_python(path) -> str:  # type: ignore[no-untyped-def]
    """What ``python <file>`` prints, run from the file's folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    done = subprocess.run([sys.executable, path.name], cwd=path.parent, capture_output=True,
                          text=True, timeout=120, env={**env, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="a guard-less DataLoader with workers runs where fork is the default")
def test_worker_processes_start_and_print_as_under_python_file_py(project):
    project.add("workers.py")  # the textbook DataLoader, without a __main__ guard
    project.snippet("guarded.py").write_text(GUARDED)
    project.snippet("process.py").write_text(PROCESS)
    result, log = run_build(project.root)
    assert result.ok, log
    for name in ("workers.py", "guarded.py", "process.py"):
        assert project.output(name).read_text() == plain_python(project.snippet(name)), name
    workers = project.output("workers.py").read_text()
    assert "start method: fork\nprocess: MainProcess None\n[0, 1]\n" in workers
    assert project.output("guarded.py").read_text().count("top level runs") == 1
    assert project.output("process.py").read_text() == (
        "{'x': <class 'int'>, 'return': <class 'int'>}\nTrue False\nspawn\n")
