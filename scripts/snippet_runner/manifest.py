"""Cache keys, the committed manifest, and the staleness check.

A snippet's key hashes everything its outputs depend on: its source, the project-local modules
it imports, the runner code that shapes outputs, and the pinned versions of torch, numpy and
matplotlib. Nothing here imports torch, so ``--check`` stays fast.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write_text
from .paths import Layout
from .sources import Snippet

MANIFEST_FORMAT = 1
PINNED_PACKAGES = ("torch", "numpy", "matplotlib")
# Runner modules whose code changes what a snippet's outputs look like.
OUTPUT_SHAPING_MODULES = ("sources.py", "child.py", "normalise.py", "execute.py")
_PIN = re.compile(r"^\s*(?P<name>[A-Za-z0-9_.\-]+)\s*==\s*(?P<version>[^\s;#]+)")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(path.read_bytes())


def pinned_versions(requirements: Path) -> dict[str, str]:
    """The ``==`` pins of the packages that shape outputs; a missing pin is an error."""
    pins: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and match.group("name").lower() in PINNED_PACKAGES:
            pins[match.group("name").lower()] = match.group("version")
    missing = [name for name in PINNED_PACKAGES if name not in pins]
    if missing:
        raise ValueError(f"{requirements}: no exact '==' pin for {', '.join(missing)}")
    return pins


def runner_digest() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in OUTPUT_SHAPING_MODULES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def local_imports(path: Path, layout: Layout) -> list[Path]:
    """Project-local modules a file imports, transitively (resolved like ``python file.py``).

    A module is local when it is a ``.py`` file or package beside the importing file or at the
    top of ``snippets/``; anything else (torch, numpy, ...) is covered by the version pins.
    """
    found: list[Path] = []
    queue = [path]
    while queue:
        current = queue.pop()
        try:
            tree = ast.parse(current.read_text(encoding="utf-8"), filename=str(current))
        except SyntaxError:
            continue  # the run reports it with file and line
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                module = _resolve(name, [path.parent, layout.snippets])
                if module is not None and module not in found and module != path:
                    found.append(module)
                    queue.append(module)
    return sorted(found)


def _resolve(name: str, search: list[Path]) -> Path | None:
    parts = name.split(".")
    for base in search:
        candidate = base.joinpath(*parts)
        for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
            if option.is_file():
                return option.resolve()
    return None


@dataclass(frozen=True)
class KeyInputs:
    """What every key shares: computed once per build or check."""

    runner: str
    pins: dict[str, str]

    @classmethod
    def load(cls, layout: Layout) -> "KeyInputs":
        return cls(runner=runner_digest(), pins=pinned_versions(layout.requirements))


def cache_key(snippet: Snippet, layout: Layout, inputs: KeyInputs) -> str:
    digest = hashlib.sha256()
    digest.update(f"format {MANIFEST_FORMAT}\nrunner {inputs.runner}\n".encode())
    for name, version in sorted(inputs.pins.items()):
        digest.update(f"pin {name}=={version}\n".encode())
    digest.update(f"snippet {snippet.rel}\n".encode() + snippet.source.encode("utf-8"))
    for module in local_imports(snippet.path, layout):
        digest.update(f"\nimport {layout.rel(module)}\n".encode() + module.read_bytes())
    return digest.hexdigest()


@dataclass
class Entry:
    key: str
    device: str
    torch: str
    duration: float
    outputs: dict[str, str] = field(default_factory=dict)
    """Generated file (root-relative) -> sha256 of its bytes."""
    built: str = ""
    """UTC date of the run, shown on pages next to the torch version and device."""

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "device": self.device,
            "torch": self.torch,
            "duration": round(self.duration, 2),
            "built": self.built,
            "outputs": dict(sorted(self.outputs.items())),
        }


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                return cls()
            return cls({rel: Entry(**entry) for rel, entry in data["snippets"].items()})
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: unreadable manifest ({error}); delete it and rebuild") from error

    def write(self, path: Path) -> None:
        data = {
            "format": MANIFEST_FORMAT,
            "snippets": {rel: self.entries[rel].to_json() for rel in sorted(self.entries)},
        }
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)


@dataclass(frozen=True)
class Problem:
    rel: str
    what: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.what}"


def find_problems(
    snippets: list[Snippet], layout: Layout, manifest: Manifest, inputs: KeyInputs,
    *, complete: bool = True,
) -> dict[str, list[Problem]]:
    """Why each snippet needs a run (empty list: fresh), plus orphans under ``""``.

    ``complete`` says that ``snippets`` is every snippet, so that unknown entries and files
    count as orphans.
    """
    problems: dict[str, list[Problem]] = {}
    for snippet in snippets:
        entry = manifest.entries.get(snippet.rel)
        found: list[Problem] = []
        if entry is None:
            found.append(Problem(snippet.rel, "never built (no manifest entry)"))
        elif entry.key != cache_key(snippet, layout, inputs):
            found.append(Problem(snippet.rel, "stale: the snippet, a local module it imports, "
                                 "the runner or a pinned version changed"))
        else:
            for output, digest in sorted(entry.outputs.items()):
                file = layout.root / output
                if not file.is_file():
                    found.append(Problem(snippet.rel, f"missing output {output}"))
                elif sha256_file(file) != digest:
                    found.append(Problem(snippet.rel, f"output {output} was changed by hand"))
        problems[snippet.rel] = found
    if complete:
        known = {snippet.rel for snippet in snippets}
        orphans = [Problem(rel, "orphaned manifest entry: the snippet no longer exists")
                   for rel in sorted(set(manifest.entries) - known)]
        claimed = {output for entry in manifest.entries.values() for output in entry.outputs}
        if layout.generated.is_dir():
            for file in sorted(layout.generated.rglob("*")):
                rel = layout.rel(file)
                notebook = file.suffix == ".ipynb"  # made from pages, checked separately
                if file.is_file() and not file.name.startswith(".") and file != layout.manifest \
                        and rel not in claimed and not notebook:
                    orphans.append(Problem(rel, "orphaned output: no snippet produces it"))
        problems[""] = orphans
    return problems
