"""The committed manifest: what each snippet's outputs were built from, and which files they are.

``docs/generated/manifest.json`` holds, per snippet, its cache key, the digest of every input
that went into it (so a stale message can name what changed), the environment it was built in
(stored once under an id), the device and torch build that ran it, and the digest of every
output file. Every path read from it is checked: the build never writes or deletes anything
outside ``docs/generated/`` because of what a (badly merged) manifest says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write_text
from .keys import Environment, sha256_bytes
from .paths import unsafe_output_path, unsafe_snippet_path

MANIFEST_FORMAT = 2
__all__ = ["MANIFEST_FORMAT", "Entry", "Manifest", "ManifestError", "NotebookRecord", "Shard",
           "sha256_bytes"]


class ManifestError(ValueError):
    """A manifest the build must not act on; the message names the entry."""


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
    environment: str = ""
    """Id of the environment (in ``Manifest.environments``) the snippet was built in."""
    inputs: dict[str, str] = field(default_factory=dict)
    """Input file (root-relative) -> sha256: the snippet, its imports, its declared files."""
    cpu: str = ""
    """CPU capability of the machine that ran it (``AVX512``): see ``keys.cpu_capability``."""

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "environment": self.environment,
            "device": self.device,
            "torch": self.torch,
            "cpu": self.cpu,
            "duration": round(self.duration, 2),
            "built": self.built,
            "inputs": dict(sorted(self.inputs.items())),
            "outputs": dict(sorted(self.outputs.items())),
        }

    @classmethod
    def from_json(cls, where: str, data: dict) -> Entry:  # type: ignore[type-arg]
        entry = cls(key=str(data["key"]), device=str(data["device"]), torch=str(data["torch"]),
                    duration=float(data["duration"]), outputs=dict(data["outputs"]),
                    built=str(data.get("built", "")), environment=str(data["environment"]),
                    inputs=dict(data["inputs"]), cpu=str(data.get("cpu", "")))
        for output in entry.outputs:
            problem = unsafe_output_path(output)
            if problem:
                raise ManifestError(f"{where}: output {output!r} is {problem}. The manifest was "
                                    "edited or badly merged: fix or delete this entry (its "
                                    "snippet is then rebuilt); nothing was deleted")
        return entry


@dataclass(frozen=True)
class Shard:
    """Written by a ``--shard K/N`` build: which snippets it built, until ``--merge``."""

    index: int
    count: int
    snippets: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"index": self.index, "count": self.count, "snippets": list(self.snippets)}

    @classmethod
    def from_json(cls, data: dict) -> Shard:  # type: ignore[type-arg]
        shard = cls(int(data["index"]), int(data["count"]), tuple(data["snippets"]))
        unsafe = [rel for rel in shard.snippets if unsafe_snippet_path(rel)]
        if unsafe or not 1 <= shard.index <= shard.count:
            raise ManifestError(f"manifest.json: shard {shard.index}/{shard.count} names "
                                f"{unsafe or 'an impossible index'}")
        return shard


@dataclass(frozen=True)
class NotebookRecord:
    """What a notebook was made from (``notebooks.notebook_key``) and the digest of its bytes:
    ``--check`` and a no-op build regenerate only the notebooks whose key changed."""

    key: str
    sha256: str

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "sha256": self.sha256}


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    environments: dict[str, Environment] = field(default_factory=dict)
    notebooks: dict[str, NotebookRecord] = field(default_factory=dict)
    """Notebook (root-relative) -> its record; missing records only cost a regeneration."""
    shard: Shard | None = None
    unusable: str | None = None
    """Why an existing manifest file was read as empty (corrupt, unknown format)."""

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty when missing, corrupt or of another format (then
        ``unusable`` says why). Unsafe paths in it raise ``ManifestError``."""
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as error:
            return cls(unusable=f"unreadable ({error})")
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            found = data.get("format") if isinstance(data, dict) else None
            return cls(unusable=f"format {found!r}, this runner reads format {MANIFEST_FORMAT}")
        manifest = cls()
        try:
            if data.get("shard") is not None:
                manifest.shard = Shard.from_json(data["shard"])
            for rel, raw in data["snippets"].items():
                where = f"{path.name}: entry {rel!r}"
                problem = unsafe_snippet_path(rel)
                if problem:
                    raise ManifestError(f"{where} is {problem}; fix or delete this entry")
                manifest.entries[rel] = Entry.from_json(where, raw)
            manifest.environments = {name: Environment.from_json(env)
                                     for name, env in data["environments"].items()}
            for rel, raw in data.get("notebooks", {}).items():
                problem = unsafe_output_path(rel)
                if problem or not rel.endswith(".ipynb"):
                    raise ManifestError(f"{path.name}: notebook {rel!r} is "
                                        f"{problem or 'not a notebook'}; fix or delete it")
                manifest.notebooks[rel] = NotebookRecord(str(raw["key"]), str(raw["sha256"]))
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            if isinstance(error, ManifestError):
                raise
            return cls(unusable=f"malformed ({type(error).__name__}: {error})")
        return manifest

    def environment_of(self, entry: Entry) -> Environment | None:
        return self.environments.get(entry.environment)

    def write(self, path: Path) -> None:
        used = {entry.environment for entry in self.entries.values()}
        data: dict[str, object] = {"format": MANIFEST_FORMAT}
        if self.shard is not None:
            data["shard"] = self.shard.to_json()
        data["environments"] = {name: self.environments[name].to_json()
                                for name in sorted(used) if name in self.environments}
        data["snippets"] = {rel: self.entries[rel].to_json() for rel in sorted(self.entries)}
        if self.notebooks:
            data["notebooks"] = {rel: self.notebooks[rel].to_json()
                                 for rel in sorted(self.notebooks)}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
