"""A forked kernel (tests/forked_kernel.py) is what a notebook would get from a fresh one."""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

import nbformat
import pytest

from . import forked_kernel
from .forked_kernel import kernel_manager_class, supported
from .site.test_notebooks import reader_environment

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
SLEEP = "import time\ntime.sleep(60)"  # interrupted after 2 s
AFTER = "print('after')"
SEEN = [LOOK_AROUND, TORCH, FIGURE, WORKERS]


def run(cells: list[str], folder, *, forked: bool) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    env = reader_environment()
    extra = {"kernel_manager_class": kernel_manager_class()} if forked else {}
    NotebookClient(notebook, timeout_func=lambda cell: 2 if cell.source == SLEEP else 120,
                   kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
                   **extra).execute(env=env, cwd=str(folder))
    return notebook


def printed(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.fixture(scope="module")
def kernels(tmp_path_factory) -> SimpleNamespace:
    """One kernel started afresh, two forked (from one template), the same folder."""
    folder = tmp_path_factory.mktemp("kernels")
    return SimpleNamespace(fresh=run(SEEN, folder, forked=False),
                           forked=[run([*SEEN, RANDOM, SLEEP, AFTER], folder, forked=True)
                                   for _ in range(2)])


def test_a_forked_kernel_looks_like_a_fresh_one(kernels):
    for want, got in zip(kernels.fresh.cells, kernels.forked[0].cells[:len(SEEN)], strict=True):
        assert printed(got) == printed(want), got.source
        assert [o.output_type for o in got.outputs] == [o.output_type for o in want.outputs]
    assert "matplotlib_inline" in printed(kernels.forked[0].cells[0])  # inline, as in Jupyter
    assert "image/png" in kernels.forked[0].cells[2].outputs[0].data


def test_forked_kernels_get_fresh_random_state_and_exit_when_shut_down(kernels):
    first, second = (printed(k.cells[len(SEEN)]).split() for k in kernels.forked)
    for mine, other in zip(first[:3], second[:3], strict=True):  # random, numpy, torch
        assert mine != other
    for pid in (int(first[3]), int(second[3])):
        for _ in range(50):  # shut down by nbclient, reaped by the template
            if not os.path.exists(f"/proc/{pid}"):
                break
            time.sleep(0.1)
        assert not os.path.exists(f"/proc/{pid}"), f"kernel {pid} still runs"


def test_a_cell_past_its_timeout_is_interrupted(kernels):
    sleep, after = kernels.forked[0].cells[-2:]
    assert sleep.outputs[-1].ename == "KeyboardInterrupt"  # SIGINT reached the kernel
    assert printed(after) == "after\n"


def test_another_environment_gets_another_template(monkeypatch):
    """A template imported torch and ipykernel with its environment, which they read then
    (ATEN_CPU_CAPABILITY, MPLBACKEND...): a kernel with another environment needs another."""
    started = []

    class Template:
        def __init__(self, env):
            started.append(env)
            self.process = SimpleNamespace(poll=lambda: None)

    monkeypatch.setattr(forked_kernel, "_Template", Template)
    monkeypatch.setattr(forked_kernel, "_templates", {})
    one, two = {"A": "1", "B": "2"}, {"A": "1", "B": "3"}
    first = forked_kernel._template_for(one)
    assert forked_kernel._template_for(dict(reversed(one.items()))) is first  # same variables
    assert forked_kernel._template_for(two) is not first
    assert started == [one, two]
