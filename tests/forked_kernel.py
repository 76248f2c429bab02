"""Jupyter kernels forked from a process that has already imported ipykernel and torch.

A fresh ``python -m ipykernel_launcher`` spends about 2.5 CPU-s starting ipykernel and
importing torch before a notebook's first cell does anything: a third of what the notebook
tests cost. Here a *template* process, started with the kernel's environment, imports them
once; each kernel is a fork of it that then becomes what ``python -m ipykernel_launcher -f
<connection file>`` becomes: its own session, the environment, working directory, argv and
``sys.path`` that command gets, fresh random state (Python's, numpy's, torch's), and the launcher
itself run as ``__main__``, so that the kernel exits as an interpreter does. What a cell can
still tell apart: ``import torch`` finds torch (and pyplot) already imported, as snippets find them in the
build's forkserver; and ``hash()`` of a string is salted as in the template, not afresh
(``tests/test_forked_kernel.py`` compares the two kinds of kernel).

Linux only (it needs ``os.fork`` and ``os.pidfd_open``); elsewhere kernels start as usual.
Use it through nbclient: ``NotebookClient(..., kernel_manager_class=kernel_manager_class())``.
"""

from __future__ import annotations

import functools
import json
import os
import select
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "torch", "torch._dynamo",
           "matplotlib.pyplot")
"""What the template imports: ipykernel (IPython, zmq, tornado come with it); torch (numpy
with it) and ``torch._dynamo``, which ``torch.optim`` imports at a first step (1.5 CPU-s: the
build's forkserver preloads it too); matplotlib's pyplot, with the backend ipykernel chooses
(``MPLBACKEND``, read when matplotlib is imported, set as ipykernel sets it)."""

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


@functools.cache
def supported() -> bool:
    """Linux with pidfds (5.3 and later): elsewhere kernels start as usual."""
    if sys.platform != "linux" or not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


def kernel_manager_class() -> type | None:
    """The kernel manager nbclient should use: forking where supported, else its default."""
    return _manager_class() if supported() else None


# -- this process: start kernels through a template ------------------------------------------

class _Template:
    """One template process (for one environment), serving fork requests one at a time."""

    def __init__(self, env: dict[str, str]) -> None:
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None)

    def fork(self, cmd: list[str], env: dict[str, str], cwd: str) -> int:
        with self.lock:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write(json.dumps({"cmd": cmd, "env": env, "cwd": cwd}).encode()
                                     + b"\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
        if not reply:
            raise RuntimeError(f"the kernel template exited ({self.process.wait()}) before "
                               "forking a kernel: its error is above")
        return int(json.loads(reply)["pid"])


_templates: dict[frozenset[tuple[str, str]], _Template] = {}
_templates_lock = threading.Lock()
if hasattr(os, "register_at_fork"):  # a forked process starts its own templates
    os.register_at_fork(after_in_child=_templates.clear)


def _template_for(env: dict[str, str]) -> _Template:
    """The template started with exactly this environment (what torch and ipykernel read
    when they are imported), started on first use."""
    key = frozenset(env.items())
    with _templates_lock:
        if key not in _templates or _templates[key].process.poll() is not None:
            _templates[key] = _Template(env)
        return _templates[key]


class _ForkedProcess:
    """The little of ``subprocess.Popen`` that jupyter_client uses, for a kernel that is the
    template's child, not ours: watched through a pidfd. Its exit status goes to the template
    (which reaps it), so a finished kernel reports ``-1``."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.pidfd: int | None = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.pidfd is not None and \
                select.select([self.pidfd], [], [], 0)[0]:
            self.returncode = -1
            os.close(self.pidfd)
            self.pidfd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.poll() is None and self.pidfd is not None:
            select.select([self.pidfd], [], [], timeout)
        returncode = self.poll()
        if returncode is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


@functools.cache
def _provisioner_class() -> type:
    from jupyter_client.provisioning import LocalProvisioner

    class ForkedKernelProvisioner(LocalProvisioner):  # type: ignore[misc]
        """LocalProvisioner, but the kernel is forked from a template instead of started."""

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            env = dict(kwargs.get("env") or os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = _template_for(env).fork(cmd, env, cwd)
            self.process = _ForkedProcess(pid)
            self.pid = self.pgid = pid  # the kernel leads its own session before we hear of it
            self.cwd = cwd
            return self.connection_info

    return ForkedKernelProvisioner


@functools.cache
def _manager_class() -> type:
    from jupyter_client.manager import AsyncKernelManager

    class ForkedKernelManager(AsyncKernelManager):  # type: ignore[misc]
        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            if self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                self.provisioner = _provisioner_class()(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

    return ForkedKernelManager


# -- the template process --------------------------------------------------------------------

def _serve(base_path: list[str]) -> dict[str, Any]:
    """Fork a kernel for each request on stdin and answer its pid; return only in a kernel."""
    requests = os.fdopen(0, "rb", buffering=0, closefd=False)  # unbuffered: no read-ahead
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
    # What jupyter_client sets for a kernel: the pid of its parent, which is us. ipykernel reads
    # it when it is imported (and watches that parent: its kernels exit when we do).
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    if not os.environ.get("MPLBACKEND"):  # what ipykernel does when a kernel starts
        os.environ["MPLBACKEND"] = INLINE_BACKEND
    for name in PRELOAD:
        __import__(name)
    while line := requests.readline():
        request = json.loads(line)
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_r)
            os.setsid()  # as jupyter_client starts kernels: a session and group of its own
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.write(ready_w, b"1")
            os.close(ready_w)
            request["base_path"] = base_path
            return request
        os.close(ready_w)
        os.read(ready_r, 1)  # it leads its group now: signalling the group reaches only it
        os.close(ready_r)
        sys.stdout.write(json.dumps({"pid": pid}) + "\n")
        sys.stdout.flush()
    raise SystemExit(0)


def _become_kernel(request: dict[str, Any]) -> None:
    """Turn this forked child into ``python -m ipykernel_launcher <args>`` run in ``cwd``."""
    import runpy

    cmd: list[str] = request["cmd"]
    if cmd[1:3] != ["-m", "ipykernel_launcher"]:
        raise SystemExit(f"forked_kernel: cannot fork {cmd!r}: only 'python -m ipykernel_launcher'")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # not the template's request pipe
    os.close(devnull)
    os.dup2(2, 1)  # not the template's reply pipe
    sys.stdin = open(0, encoding=sys.stdin.encoding, closefd=False)  # noqa: SIM115
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the template, as ipykernel was told
    sys.path[:] = [request["cwd"], *request["base_path"]]  # what `python -m` starts with
    sys.argv[:] = ["-m", *cmd[3:]]  # runpy puts the launcher's path first
    import numpy
    import torch

    # Fresh entropy, as a new process gets (Python's random reseeds itself after a fork).
    numpy.random.seed()
    torch.seed()
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    # `python <this file>`: sys.path[0] is this folder, the rest is the interpreter's own.
    _become_kernel(_serve(sys.path[1:]))
