"""Cache keys: every input a snippet's outputs depend on, hashed before the snippet runs.

A key covers the snippet file, every project-local module it imports (in any static form,
with the packages above it), the files it declares with ``# depends:``, and the environment:
every distribution pinned in ``requirements.lock``, Python's major.minor, the platform and
every module of the runner itself. Each input is stored with its digest in the manifest, so
that a stale message can say what changed. Nothing here imports torch: ``--check`` stays fast.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import platform
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .paths import RUNNER_PACKAGE, Layout
from .profile import describe, numeric_profile
from .sources import Snippet

KEY_FORMAT = 2
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9_.\-]*)(?:\[[^\]]*\])?\s*==\s*(?P<version>[^\s;#\\]+)")
_IMPORTERS = {"import_module", "__import__"}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(path.read_bytes())


def canonical_name(name: str) -> str:
    """PEP 503 form: ``Scikit_Learn`` -> ``scikit-learn``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_versions(requirements: Path) -> dict[str, str]:
    """Every ``name==version`` line of a requirements or lock file."""
    if not requirements.is_file():
        raise FileNotFoundError(f"{requirements.name} is missing: run `make lock` to make it "
                                "from requirements.txt")
    pins: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonical_name(match.group("name"))] = match.group("version")
    if "torch" not in pins:
        raise ValueError(f"{requirements}: no exact '==' pin for torch")
    return pins


def lock_drift(layout: Layout) -> list[str]:
    """Pins of requirements.txt that requirements.lock does not hold (a forgotten ``make lock``)."""
    wanted = pinned_versions(layout.requirements)
    locked = pinned_versions(layout.requirements_lock)
    return [f"{name}=={version} in requirements.txt, "
            f"{locked.get(name, 'absent')} in requirements.lock"
            for name, version in sorted(wanted.items()) if locked.get(name) != version]


def installed_drift(environment: Environment) -> list[str]:
    """Locked distributions installed at another version here (the key would not see it).

    Read from the ``<name>-<version>.dist-info`` folder names (the wheel standard), which is
    ten times faster than parsing every distribution's metadata.
    """
    installed: dict[str, str] = {}
    for folder in sys.path:
        for info in Path(folder or ".").glob("*.dist-info"):
            name, _, version = info.name[: -len(".dist-info")].partition("-")
            installed.setdefault(canonical_name(name), version)
    return [f"{name} {installed[name]} (lock: {version})"
            for name, version in sorted(environment.packages.items())
            if name in installed and installed[name].split("+")[0] != version.split("+")[0]]


def runner_digests() -> dict[str, str]:
    """Every module of the runner package: any of them can change what outputs look like."""
    return {path.name: sha256_file(path) for path in sorted(RUNNER_PACKAGE.glob("*.py"))}


def current_platform() -> str:
    """``Linux-x86_64``, ``Darwin-arm64``, ``Windows-AMD64``."""
    return f"{platform.system()}-{platform.machine()}"


def cpu_capability() -> str:
    """The vector instructions torch's CPU kernels may use: ATen's level (``AVX512``,
    ``AVX2``) and a short digest of every SIMD flag (MKL and oneDNN pick kernels by them).

    Read without importing torch. Two x86-64 machines with different flags can round floats
    differently, so the re-run compares outputs only between equal values. It is not part of
    the key: CI machines vary.
    """
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine() or "unknown"
    flags = set(next((line.split(":", 1)[1].split() for line in text.splitlines()
                      if line.startswith("flags")), []))
    level = ("AVX512" if {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= flags else
             "AVX2" if {"avx2", "fma"} <= flags else "DEFAULT")
    simd = sorted(f for f in flags if re.match(r"(avx|amx|fma|f16c|sse|ssse|vnni|vaes|vpclmul|gfni)", f))
    return f"{level}/{sha256_bytes(' '.join(simd).encode())[:6]}"


@dataclass(frozen=True)
class Environment:
    """What every key of one build shares; stored once in the manifest, under its id."""

    python: str
    platform: str
    packages: dict[str, str] = field(default_factory=dict)
    runner: dict[str, str] = field(default_factory=dict)
    numeric: dict[str, str] = field(default_factory=dict)
    """The numeric profile snippets ran with on this platform (``profile.numeric_profile``)."""

    @classmethod
    def current(cls, layout: Layout) -> Environment:
        machine = platform.machine()
        return cls(python=f"{sys.version_info.major}.{sys.version_info.minor}",
                   platform=current_platform(),
                   packages=pinned_versions(layout.requirements_lock),
                   runner=runner_digests(),
                   # the platform's profile, not this CPU's: the key must not vary by CPU
                   numeric=numeric_profile(machine, flags=set()))

    def to_json(self) -> dict[str, object]:
        return {"python": self.python, "platform": self.platform,
                "numeric_profile": dict(sorted(self.numeric.items())),
                "packages": dict(sorted(self.packages.items())),
                "runner": dict(sorted(self.runner.items()))}

    @classmethod
    def from_json(cls, data: dict) -> Environment:  # type: ignore[type-arg]
        return cls(python=str(data["python"]), platform=str(data["platform"]),
                   packages=dict(data["packages"]), runner=dict(data["runner"]),
                   numeric=dict(data.get("numeric_profile", {})))

    @property
    def digest(self) -> str:
        return sha256_bytes(json.dumps(self.to_json(), sort_keys=True).encode())

    @property
    def id(self) -> str:
        """Short name of this environment in the manifest."""
        return self.digest[:16]

    def changes_since(self, old: Environment | None) -> list[str]:
        """What differs from ``old``, one short phrase each: ``numpy 2.4.6 → 2.4.7``."""
        if old is None:
            return ["built in an environment the manifest does not record"]
        found = []
        if old.python != self.python:
            found.append(f"Python {old.python} → {self.python}")
        if old.platform != self.platform:
            found.append(f"platform {old.platform} → {self.platform}")
        if old.numeric != self.numeric:
            found.append(f"numeric profile {describe(old.numeric)} → {describe(self.numeric)}")
        for name in sorted(set(old.packages) | set(self.packages)):
            before, after = old.packages.get(name), self.packages.get(name)
            if before != after:
                found.append(f"{name} {before or '(absent)'} → {after or '(removed)'}")
        for name in sorted(set(old.runner) | set(self.runner)):
            if old.runner.get(name) != self.runner.get(name):
                what = ("added" if name not in old.runner else
                        "removed" if name not in self.runner else "changed")
                found.append(f"runner module {name} {what}")
        return found


def snippet_inputs(snippet: Snippet, layout: Layout) -> dict[str, str]:
    """Root-relative path -> sha256 of every file the snippet's outputs depend on."""
    inputs = {snippet.rel: sha256_bytes(snippet.source.encode("utf-8"))}
    for module in local_imports(snippet.path, layout):
        inputs[layout.rel(module)] = sha256_file(module)
    for declared in snippet.depends:
        target = layout.root / declared
        files = [target] if target.is_file() else sorted(
            p for p in target.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and not p.name.startswith(".") and p.suffix != ".pyc")
        for file in files:
            inputs[layout.rel(file)] = sha256_file(file)
    return dict(sorted(inputs.items()))


def cache_key(inputs: dict[str, str], environment: Environment) -> str:
    payload = {"format": KEY_FORMAT, "environment": environment.digest, "inputs": inputs}
    return sha256_bytes(json.dumps(payload, sort_keys=True).encode())


def input_changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """``snippets/ch/_data.py changed``, ``... added``, ``... removed`` (an import or a
    declared file that came or went)."""
    found = []
    for path in sorted(set(old) | set(new)):
        if path not in old:
            found.append(f"{path} added")
        elif path not in new:
            found.append(f"{path} no longer used")
        elif old[path] != new[path]:
            found.append(f"{path} changed")
    return found


# --- Local imports -----------------------------------------------------------------------------


def local_imports(path: Path, layout: Layout) -> list[Path]:
    """Project-local modules a file imports, transitively, with their parent packages.

    Resolved like ``python snippets/<chapter>/<file>.py`` does: against the snippet's folder
    (and the top of ``snippets/``). Understood forms: ``import a.b``, ``from a import b``
    (``b`` a module or a name), relative imports inside packages, and
    ``importlib.import_module("literal")`` / ``__import__("literal")``. Anything that does not
    resolve to a file here (torch, numpy, ...) is covered by the lock file.
    """
    search = [path.parent, layout.snippets]
    found: set[Path] = set()
    queue = [path]
    while queue:
        current = queue.pop()
        for module in _imports_of(current, search):
            if module not in found and module != path.resolve():
                found.add(module)
                queue.append(module)
    return sorted(found)


def _imports_of(file: Path, search: list[Path]) -> list[Path]:
    try:
        names, relative = _imported_names(file.read_text(encoding="utf-8"), str(file))
    except (SyntaxError, UnicodeDecodeError, OSError):
        return []  # the run reports it with file and line
    modules: list[Path] = []
    for name in names:
        modules += _resolve(name, search)
    for level, name in relative:
        modules += _resolve(name, [file.resolve().parents[level - 1]])
    return modules


def imported_modules(file: Path) -> tuple[str, ...]:
    """The absolute dotted names a file imports (nothing if it cannot be read or parsed)."""
    try:
        return _imported_names(file.read_text(encoding="utf-8"), str(file))[0]
    except (SyntaxError, UnicodeDecodeError, OSError):
        return ()


@functools.lru_cache(maxsize=1024)
def _imported_names(source: str, filename: str) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]]:
    """The dotted names a file's code imports: absolute ones, and relative ones with their
    level. Cached by content: a build asks for the same helper once per snippet and notebook."""
    names: list[str] = []
    relative: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            subs = [alias.name for alias in node.names if alias.name != "*"]
            if node.level == 0 and node.module:
                names += [node.module, *(f"{node.module}.{sub}" for sub in subs)]
            elif node.level > 0:
                prefix = f"{node.module}." if node.module else ""
                if node.module:
                    relative.append((node.level, node.module))
                relative += [(node.level, prefix + sub) for sub in subs]
        elif isinstance(node, ast.Call) and _is_importer(node.func) and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.append(node.args[0].value)
    return tuple(names), tuple(relative)


def _is_importer(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id in _IMPORTERS) or (
        isinstance(func, ast.Attribute) and func.attr in _IMPORTERS)


def _resolve(name: str, search: list[Path]) -> list[Path]:
    """The files ``import name`` executes, parents first (``a/__init__.py``, ``a/b.py``)."""
    parts = [part for part in name.split(".") if part]
    for base in search:
        files: list[Path] = []
        for depth in range(1, len(parts) + 1):
            candidate = base.joinpath(*parts[:depth])
            init, module = candidate / "__init__.py", candidate.with_suffix(".py")
            if init.is_file():
                files.append(init.resolve())
            elif module.is_file() and depth == len(parts):
                files.append(module.resolve())
            else:
                break
        if files:
            return files
    return []
