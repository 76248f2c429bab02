"""A forked kernel (tests/forked_kernel.py) is what a notebook would get from a fresh one."""

from __future__ import annotations

import os
import time

import nbformat
import pytest

from .forked_kernel import kernel_manager_class, supported

pytestmark = pytest.mark.skipif(not supported(), reason="forked kernels need Linux")

# What a cell can see of its process, printed one fact per line.
LOOK_AROUND = """\
import multiprocessing, os, signal, sys
import matplotlib
print(os.getcwd())
print(sys.path)
print(os.path.basename(sys.argv[0]), sys.argv[1])
print(sorted(os.environ))
print(multiprocessing.get_start_method(allow_none=True), multiprocessing.parent_process())
print(__name__, os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())
print(signal.getsignal(signal.SIGCHLD), signal.getsignal(signal.SIGTERM))
print(sys.stdin.isatty(), sys.flags)
print(matplotlib.get_backend())
"""
TORCH = "import torch\nprint(torch.get_num_threads(), torch.get_default_dtype())"
FIGURE = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"
WORKERS = """\
from multiprocessing import Pool
with Pool(2) as pool:
    print(pool.map(abs, [-1, -2]))"""
RANDOM = ("import os, random, numpy, torch\n"
          "print(random.random(), numpy.random.rand(), torch.initial_seed(), os.getpid())")


def run(cells: list[str], folder, *, forked: bool, timeout: int = 60) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND")}
    extra = {"kernel_manager_class": kernel_manager_class()} if forked else {}
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                   interrupt_on_timeout=True, **extra).execute(env=env, cwd=str(folder))
    return notebook


def printed(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_a_forked_kernel_looks_like_a_fresh_one(tmp_path):
    cells = [LOOK_AROUND, TORCH, FIGURE, WORKERS]
    fresh = run(cells, tmp_path, forked=False)
    forked = run(cells, tmp_path, forked=True)
    for want, got in zip(fresh.cells, forked.cells, strict=True):
        assert printed(got) == printed(want), got.source
        assert [o.output_type for o in got.outputs] == [o.output_type for o in want.outputs]
    assert "matplotlib_inline" in printed(forked.cells[0])  # figures inline, as in Jupyter
    assert "image/png" in forked.cells[2].outputs[0].data


def test_forked_kernels_get_fresh_random_state_and_exit_when_shut_down(tmp_path):
    first, second = (printed(run([RANDOM], tmp_path, forked=True).cells[0]).split()
                     for _ in range(2))
    for mine, other in zip(first[:3], second[:3], strict=True):  # random, numpy, torch: each kernel its own
        assert mine != other
    for pid in (int(first[3]), int(second[3])):
        for _ in range(50):  # shut down by nbclient, reaped by the template
            if not os.path.exists(f"/proc/{pid}"):
                break
            time.sleep(0.1)
        assert not os.path.exists(f"/proc/{pid}"), f"kernel {pid} still runs"


def test_a_cell_past_its_timeout_is_interrupted(tmp_path):
    notebook = run(["import time\ntime.sleep(60)", "print('after')"], tmp_path, forked=True,
                   timeout=3)
    assert notebook.cells[0].outputs[-1].ename == "KeyboardInterrupt"
    assert printed(notebook.cells[1]) == "after\n"


def test_kernels_with_another_environment_fork_from_another_template(tmp_path, monkeypatch):
    """A template imported torch and ipykernel with its environment, which they read then: a
    kernel with another environment gets a template started with that one."""
    seen = {}
    for value in ("1", "2", "1"):
        monkeypatch.setenv("FORKED_KERNEL_TEST", value)
        cell = run(["import os\nprint(os.environ['FORKED_KERNEL_TEST'], os.getppid())"],
                   tmp_path, forked=True).cells[0]
        got, template = printed(cell).split()
        assert got == value
        assert seen.setdefault(value, template) == template  # the same one for the same value
    assert seen["1"] != seen["2"]
