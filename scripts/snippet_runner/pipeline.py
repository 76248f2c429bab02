"""The three things the CLI does: check staleness, build what is stale, verify outputs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from filelock import FileLock, Timeout

from .execute import Executor, Outcome
from .notebooks import stale_notebooks, write_notebooks
from .manifest import KeyInputs, Manifest, Problem, cache_key, find_problems
from .outputs import planned_files, remove_output, write_outputs
from .paths import Layout
from .report import Reporter
from .sources import SnippetSyntaxError, discover


@dataclass
class BuildResult:
    ran: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    syntax_errors: list[SnippetSyntaxError] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    """Notebooks written or removed (root-relative)."""
    wall: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.ran if not outcome.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.syntax_errors


def check(layout: Layout) -> list[Problem | SnippetSyntaxError | str]:
    """Every stale, missing or orphaned output, computed from sources alone (no torch)."""
    snippets, errors = discover(layout)
    problems = find_problems(snippets, layout, Manifest.read(layout.manifest),
                             KeyInputs.load(layout))
    found: list[Problem | SnippetSyntaxError | str] = [
        *errors, *(problem for found in problems.values() for problem in found)]
    if not found:  # notebooks are made from outputs: only meaningful once those are fresh
        found += stale_notebooks(layout)
    return found


def build(layout: Layout, reporter: Reporter, *, patterns: list[str] | None = None,
          force: bool = False, jobs: int = 1, device: str = "auto") -> BuildResult:
    started = time.monotonic()
    lock = FileLock(str(layout.lock))
    layout.generated.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        reporter.note("another build holds docs/generated/.build.lock; waiting for it")
        lock.acquire()
    try:
        result = _build_locked(layout, reporter, patterns, force, jobs, device)
    finally:
        lock.release()
    result.wall = time.monotonic() - started
    return result


def _build_locked(layout: Layout, reporter: Reporter, patterns: list[str] | None,
                  force: bool, jobs: int, device: str) -> BuildResult:
    snippets, errors = discover(layout, patterns)
    result = BuildResult(syntax_errors=errors)
    manifest = Manifest.read(layout.manifest)
    inputs = KeyInputs.load(layout)
    problems = find_problems(snippets, layout, manifest, inputs, complete=not patterns)
    for orphan in problems.pop("", []):
        _remove_orphan(layout, manifest, orphan.rel)
    todo = [s for s in snippets if force or problems[s.rel]]
    result.skipped = len(snippets) - len(todo)
    if todo:
        executor = Executor(layout, device=device, jobs=jobs)
        durations = {rel: entry.duration for rel, entry in manifest.entries.items()}
        with reporter.running(len(todo)) as progress:
            for outcome in executor.run(todo, durations, on_start=progress.started):
                if outcome.ok:
                    key = cache_key(outcome.snippet, layout, inputs)
                    previous = manifest.entries.get(outcome.snippet.rel)
                    manifest.entries[outcome.snippet.rel] = write_outputs(
                        layout, outcome, key, previous)
                    manifest.write(layout.manifest)
                result.ran.append(outcome)
                progress.finished(outcome)
    manifest.write(layout.manifest)
    if not patterns and not result.failed and not errors:
        result.notebooks = write_notebooks(layout)
    return result


def _remove_orphan(layout: Layout, manifest: Manifest, rel: str) -> None:
    entry = manifest.entries.pop(rel, None)
    if entry is not None:
        for output in entry.outputs:
            remove_output(layout, output)
    elif rel.startswith("docs/generated/"):
        remove_output(layout, rel)


@dataclass
class Mismatch:
    rel: str
    what: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.what}"


def verify(layout: Layout, reporter: Reporter, *, patterns: list[str] | None = None,
           jobs: int = 1, device: str = "auto") -> tuple[BuildResult, list[Mismatch], list[str]]:
    """Re-run snippets and compare with the committed outputs; nothing is written.

    Outputs built on another device class (cuda vs cpu) are not compared: their numbers
    legitimately differ. Those snippets are returned as skipped.
    """
    started = time.monotonic()
    snippets, errors = discover(layout, patterns)
    manifest = Manifest.read(layout.manifest)
    result = BuildResult(syntax_errors=errors)
    mismatches: list[Mismatch] = []
    skipped: list[str] = []
    executor = Executor(layout, device=device, jobs=jobs)
    durations = {rel: entry.duration for rel, entry in manifest.entries.items()}
    with reporter.running(len(snippets)) as progress:
        for outcome in executor.run(snippets, durations, on_start=progress.started):
            result.ran.append(outcome)
            progress.finished(outcome)
            entry = manifest.entries.get(outcome.snippet.rel)
            if not outcome.ok:
                continue
            if entry is None:
                mismatches.append(Mismatch(outcome.snippet.rel, "no committed outputs"))
                continue
            if entry.device != outcome.device:
                skipped.append(f"{outcome.snippet.rel} (built on {entry.device}, "
                               f"verified on {outcome.device})")
                continue
            fresh = planned_files(layout, outcome)
            for rel in sorted(set(fresh) | set(entry.outputs)):
                path = layout.root / rel
                if rel not in fresh:
                    mismatches.append(Mismatch(rel, "committed, but the run no longer makes it"))
                elif not path.is_file():
                    mismatches.append(Mismatch(rel, "made by the run, but not committed"))
                elif path.read_bytes() != fresh[rel]:
                    mismatches.append(Mismatch(rel, "differs from a fresh run"))
    result.wall = time.monotonic() - started
    return result, mismatches, skipped
