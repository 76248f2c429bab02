"""Confine a snippet's writes to its scratch folder (Linux Landlock).

A snippet process calls :func:`confine` before any snippet code runs. From then on it, and
everything it starts (``DataLoader`` workers, a compiler), may create, write, rename or delete
files only inside its scratch folder (its working folder and its temporary folder) and in
``/dev/shm`` (shared memory of worker processes); existing devices under ``/dev`` (``/dev/null``,
a GPU) may be opened for writing. Anything else (``README.md``, another snippet's outputs, a
new file in ``snippets/``) fails with ``PermissionError``, which the build reports with the path.
Reading is not restricted.

Landlock is a Linux security module (kernel 5.13+, enabled on most distributions) that an
unprivileged process applies to itself; it cannot be undone or escaped by the process. It is
used from ABI 2 (kernel 5.19), the first that lets files move between folders of the scratch
space. On other systems :func:`confine` returns ``None`` and the build detects changes instead
(see :mod:`snippet_runner.execute`). Why ctypes and not a package: the three system calls are
a few lines, and the PyPI ``landlock`` package is a pre-release (1.0.0.dev5).
"""

from __future__ import annotations

import ctypes
import os
import sys

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

WRITE_FILE = 1 << 1
_REMOVE_DIR, _REMOVE_FILE = 1 << 4, 1 << 5
_MAKE = sum(1 << bit for bit in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
REFER = 1 << 13  # ABI 2: move or link a file into another folder
TRUNCATE = 1 << 14  # ABI 3
MINIMUM_ABI = 2


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def abi_version() -> int:
    """The Landlock ABI this kernel offers; 0 when it has none (or it is disabled)."""
    libc = _libc()
    if libc is None:
        return 0
    version = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0),
                           ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(0, int(version))


def available() -> bool:
    return abi_version() >= MINIMUM_ABI


def write_rights(abi: int) -> int:
    """Every right that changes the file system, as far as this ABI knows them."""
    rights = WRITE_FILE | _REMOVE_DIR | _REMOVE_FILE | _MAKE
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    return rights


def confine(writable: list[str], *, devices: str = "/dev",
            shared_memory: str = "/dev/shm") -> str | None:
    """Allow this process (and its descendants) to change files only beneath ``writable``
    and ``shared_memory``, and to open existing files beneath ``devices`` for writing.

    Returns a description (``"Landlock ABI 7"``) once confined, ``None`` where Landlock is not
    available; raises ``OSError`` when it is available but could not be applied.
    """
    libc = _libc()
    abi = abi_version()
    if libc is None or abi < MINIMUM_ABI:
        return None
    rights = write_rights(abi)
    attr = _RulesetAttr(rights)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        _fail("landlock_create_ruleset")
    try:
        rules = [(path, rights) for path in writable]
        rules.append((shared_memory, rights))
        rules.append((devices, WRITE_FILE | (rights & TRUNCATE)))
        for path, allowed in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except FileNotFoundError:
                continue  # no /dev/shm here: nothing to allow
            try:
                rule = _PathBeneathAttr(allowed, fd)
                if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule),
                                ctypes.c_uint32(0)) != 0:
                    _fail(f"landlock_add_rule({path})")
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0),
                      ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
            _fail("prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            _fail("landlock_restrict_self")
    finally:
        os.close(ruleset)
    return f"Landlock ABI {abi}"


def _fail(call: str) -> None:
    number = ctypes.get_errno()
    raise OSError(number, f"{call}: {os.strerror(number)}")
