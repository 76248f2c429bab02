"""What the commands do, in the order a build happens: plan -> execute -> store -> report.

``check`` plans only. ``build`` plans, runs what is stale, stores outputs and manifest entries
under the keys planned before the run. ``verify`` re-runs and compares with what is committed.
``merge`` combines the outputs of shard builds into this tree.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .atomic import atomic_write_bytes, read_regular
from .compare import Origin, drawn_from_measurements, first_difference
from .execute import Executor, Outcome
from .keys import cpu_capability, installed_drift, lock_drift, sha256_bytes
from .manifest import Entry, Manifest, ManifestError, Shard
from .notebooks import NOTEBOOK_FOLDER, stale_notebooks, write_notebooks
from .outputs import planned_files, remove_output, write_outputs
from .pages import IncludeError
from .paths import Layout, UnsafePath
from .plan import Plan, Planned, make_plan
from .problems import Problem
from .report import BuildResult, Reporter

__all__ = ["BuildResult", "DeviceUnavailable", "build", "check", "merge", "verify"]
OWNED_ELSEWHERE = (NOTEBOOK_FOLDER,)
INTERRUPTS = ("SIGINT", "SIGTERM", "SIGHUP")
"""The signals that stop a build as Ctrl-C does (the CLI's handlers; deferred while storing)."""


class DeviceUnavailable(RuntimeError):
    pass


def check(layout: Layout) -> list[Problem]:
    """Every stale, missing or orphaned output, from sources and manifest alone (no torch)."""
    plan = make_plan(layout, owned_elsewhere=OWNED_ELSEWHERE)
    found = _manifest_problems(layout, plan.manifest)
    found += [Problem("requirements.lock", f"out of date: {drift}; run `make lock`")
              for drift in lock_drift(layout)]
    found += plan.problems
    if not found:  # notebooks are made from outputs: only meaningful once those are fresh
        found += [Problem(*line.split(": ", 1)) for line in stale_notebooks(layout)]
    return found


def _manifest_problems(layout: Layout, manifest: Manifest) -> list[Problem]:
    rel = layout.rel(layout.manifest) if layout.manifest.exists() else "docs/generated/manifest.json"
    if manifest.unusable:
        return [Problem(rel, f"{manifest.unusable}: the next build rebuilds every snippet and "
                             "keeps every existing output")]
    if manifest.shard is not None:
        return [Problem(rel, f"written by shard {manifest.shard.index}/{manifest.shard.count} "
                             "of a sharded build: combine the shards with --merge")]
    return []


@contextmanager
def _locked(layout: Layout, reporter: Reporter) -> Iterator[None]:
    layout.require_real_output_folder()
    lock = FileLock(str(layout.lock))
    layout.generated.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        reporter.note("another build holds docs/generated/.build.lock; waiting for it")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def build(layout: Layout, reporter: Reporter, *, patterns: list[str] | None = None,
          force: bool = False, jobs: int = 1, device: str = "auto",
          shard: tuple[int, int] | None = None) -> BuildResult:
    started = time.monotonic()
    with _locked(layout, reporter):
        plan = make_plan(layout, patterns=patterns, shard=shard, owned_elsewhere=OWNED_ELSEWHERE)
        result = BuildResult(syntax_errors=plan.errors, selected=len(plan.selected))
        _tidy(plan, reporter)
        todo = plan.selected if force else plan.stale
        result.skipped = len(plan.selected) - len(todo)
        manifest = plan.manifest
        if todo:
            executor = Executor(layout, device=device, jobs=jobs)
            _require_device(executor, device)
            durations = {rel: entry.duration for rel, entry in manifest.entries.items()}
            by_rel = {planned.rel: planned for planned in todo}
            with reporter.running(len(todo)) as progress:
                for outcome in executor.run([p.snippet for p in todo], durations,
                                            on_start=progress.started):
                    if outcome.ok:
                        _store_or_say_why(plan, by_rel[outcome.snippet.rel], outcome)
                    result.ran.append(outcome)
                    progress.finished(outcome)
        if shard is not None:
            manifest.shard = Shard(shard[0], shard[1], tuple(p.rel for p in plan.selected))
        elif plan.complete:
            manifest.shard = None
        try:
            manifest.write(layout.manifest)
            if not result.failed and not plan.errors:
                result.notebooks = write_notebooks(layout)
        except (OSError, IncludeError, UnsafePath) as error:
            result.errors.append(_problem(layout, error))
    result.wall = time.monotonic() - started
    return result


def _tidy(plan: Plan, reporter: Reporter) -> None:
    """Before running: say what an unusable manifest means, drop leftovers we own."""
    layout, manifest = plan.layout, plan.manifest
    if manifest.unusable or not layout.manifest.exists():
        state = manifest.unusable or "missing"
        reporter.note(f"docs/generated/manifest.json is {state}: every selected snippet is rebuilt; "
                      "existing files under docs/generated/ are kept (none is deleted), and "
                      "`--check` lists any that no snippet produces any more")
    drift = installed_drift(plan.environment)
    if drift:
        reporter.warning(f"installed here, not as requirements.lock says: {', '.join(drift)}; "
                         "outputs are recorded under the lock's versions: run `make install`")
    for path in plan.temporary_files():
        path.unlink(missing_ok=True)
    for rel in plan.gone:  # snippets that were deleted or renamed: their recorded outputs go
        for output in manifest.entries.pop(rel).outputs:
            layout.confined(output)
            remove_output(layout, output)


def _require_device(executor: Executor, device: str) -> None:
    """``--device cuda|mps`` must get that device: refuse before running anything."""
    if device in ("cuda", "mps"):
        found, _ = executor.probe()
        if found != device:
            raise DeviceUnavailable(f"--device {device} was asked for, but torch sees no "
                                    f"{device.upper()} device here (it would run on {found})")


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP (which the CLI turns into Ctrl-C) wait until the block is
    done: a snippet's outputs and its manifest entry are stored together or not at all.

    Handlers, not a signal mask: the output readers' threads would take a masked signal.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous: dict[signal.Signals, Any] = {}
    for name in INTERRUPTS:
        number: signal.Signals | None = getattr(signal, name, None)  # Windows has no SIGHUP
        handler = signal.getsignal(number) if number is not None else None
        if number is not None and handler is not None:  # None: set outside Python
            previous[number] = handler
            signal.signal(number, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])  # now handled as it would have been


def _store_or_say_why(plan: Plan, planned: Planned, outcome: Outcome) -> None:
    """Store a snippet's outputs, or turn the outcome into a failure that says why not (a full
    disk, a symbolic link in the way, the snippet file deleted while it ran): one snippet's
    outputs that cannot be stored never stop the build."""
    if not planned.snippet.path.is_file():
        outcome.ok, outcome.line = False, None
        outcome.error = ("the snippet file was deleted (or renamed) while the build ran: its "
                         "outputs were not stored")
        return
    try:
        _store(plan, planned, outcome)
    except (OSError, UnsafePath) as error:
        outcome.ok, outcome.line = False, None
        outcome.error = f"its outputs could not be stored: {_describe(plan.layout, error)}"


def _describe(layout: Layout, error: Exception) -> str:
    """An error as one line, with the file it concerns root-relative where it has one."""
    return str(_problem(layout, error))


def _problem(layout: Layout, error: Exception) -> Problem:
    if isinstance(error, OSError) and error.strerror and error.filename is not None:
        name = str(error.filename)
        try:
            name = Path(name).relative_to(layout.root).as_posix()
        except ValueError:
            pass
        return Problem(name, error.strerror)
    subject, _, what = str(error).partition(": ")
    return Problem(subject, what) if what else Problem("docs/generated", subject)


def _store(plan: Plan, planned: Planned, outcome: Outcome) -> None:
    """Write a snippet's outputs and its entry, under the key planned before it ran."""
    with _interrupts_deferred():
        _store_now(plan, planned, outcome)


def _store_now(plan: Plan, planned: Planned, outcome: Outcome) -> None:
    layout, manifest = plan.layout, plan.manifest
    previous = manifest.entries.get(planned.rel)
    entry = write_outputs(layout, outcome, planned.key, previous)
    manifest.entries[planned.rel] = replace(entry, environment=plan.environment.id,
                                            inputs=planned.inputs, cpu=cpu_capability())
    manifest.environments[plan.environment.id] = plan.environment
    manifest.write(layout.manifest)


# --- Re-run and compare ------------------------------------------------------------------------


def verify(layout: Layout, reporter: Reporter, *, patterns: list[str] | None = None,
           jobs: int = 1, device: str = "auto", shard: tuple[int, int] | None = None,
           ) -> tuple[BuildResult, list[Problem], list[Problem]]:
    """Re-run snippets and compare with the committed outputs; nothing is written.

    Returns the run, the differences, and the snippets that were NOT compared (built on
    another platform, device or torch build) with the reason.
    """
    started = time.monotonic()
    plan = make_plan(layout, patterns=patterns, shard=shard)
    result = BuildResult(syntax_errors=plan.errors, selected=len(plan.selected))
    differences: list[Problem] = []
    skipped: list[Problem] = []
    executor = Executor(layout, device=device, jobs=jobs)
    if plan.selected:
        _require_device(executor, device)
    durations = {rel: entry.duration for rel, entry in plan.manifest.entries.items()}
    with reporter.running(len(plan.selected)) as progress:
        for outcome in executor.run([p.snippet for p in plan.selected], durations,
                                    on_start=progress.started):
            result.ran.append(outcome)
            progress.finished(outcome)
            if outcome.ok:
                fresh = Origin(plan.environment.platform, plan.environment.python,
                               cpu_capability(), outcome.device, outcome.torch)
                found, note = compare_snippet(layout, plan.manifest, outcome.snippet.rel,
                                              planned_files(layout, outcome), fresh)
                differences += found
                skipped += [note] if note else []
    result.wall = time.monotonic() - started
    return result, differences, skipped


def compare_snippet(layout: Layout, committed: Manifest, rel: str, fresh: dict[str, bytes],
                    origin: Origin) -> tuple[list[Problem], Problem | None]:
    """Differences between a snippet's committed outputs and fresh ones, or why there was no
    comparison (outputs made on another platform, device or torch build)."""
    entry = committed.entries.get(rel)
    if entry is None:
        return [Problem(rel, "no committed outputs to compare with (never built)")], None
    environment = committed.environment_of(entry)
    made = Origin(environment.platform if environment else "?",
                  environment.python if environment else "?", entry.cpu, entry.device,
                  entry.torch)
    if made != origin:
        return [], Problem(rel, f"not compared: committed outputs made on {made}, "
                                f"re-run on {origin}")
    found = []
    for output in sorted(set(fresh) | set(entry.outputs)):
        try:
            path = layout.confined(output)  # never read through a link
        except UnsafePath as error:
            found.append(Problem(rel, str(error)))
            continue
        if output not in fresh:
            found.append(Problem(rel, f"{output} is committed, but the code no longer makes it"))
        elif not path.is_file():
            found.append(Problem(rel, f"{output} is made by the code, but not committed"))
        elif not drawn_from_measurements(output, fresh):
            difference = first_difference(output, read_regular(path), fresh[output])
            if difference:
                found.append(Problem(rel, f"{output} {difference}"))
    return found, None


def merge(layout: Layout, reporter: Reporter, folders: list[Path],
          ) -> tuple[list[Problem], list[Problem]]:
    """Combine shard builds (each a ``docs/generated`` folder) into this tree.

    Each shard's snippets take their outputs and entries from that shard; the result is what
    one build of every snippet gives. Fresh outputs are compared with the ones they replace,
    as ``--verify`` does, so merging in CI is also the re-run check.
    """
    with _locked(layout, reporter):
        base = Manifest.read(layout.manifest)
        shards = [(folder, *_read_shard(folder)) for folder in folders]
        got = sorted((shard.index, shard.count) for _, _, shard in shards)
        if got != [(k, len(shards)) for k in range(1, len(shards) + 1)]:
            raise ManifestError("--merge needs every shard of one build exactly once; got "
                                + ", ".join(f"{k}/{n}" for k, n in got))
        problems: list[Problem] = []
        skipped: list[Problem] = []
        for folder, manifest, shard in shards:
            for rel in shard.snippets:
                entry = manifest.entries.get(rel)
                if entry is None:
                    problems.append(Problem(rel, f"shard {shard.index} did not build it "
                                                 "(it failed there)"))
                    continue
                fresh = _shard_files(layout, folder, rel, entry)
                environment = manifest.environment_of(entry)
                if environment is None:
                    raise ManifestError(f"{folder}/manifest.json: entry {rel!r} names no "
                                        "recorded environment")
                origin = Origin(environment.platform, environment.python, entry.cpu,
                                entry.device, entry.torch)
                found, note = compare_snippet(layout, base, rel, fresh, origin)
                problems += found
                skipped += [note] if note else []
                _replace_outputs(layout, base.entries.get(rel), fresh)
                base.entries[rel] = entry
                base.environments[entry.environment] = environment
        base.shard = None
        base.write(layout.manifest)
        write_notebooks(layout)
    return problems, skipped


def _read_shard(folder: Path) -> tuple[Manifest, Shard]:
    manifest = Manifest.read(folder / "manifest.json")
    if manifest.unusable or manifest.shard is None:
        why = manifest.unusable or "not written by a --shard build"
        raise ManifestError(f"{folder}/manifest.json: {why}")
    return manifest, manifest.shard


def _shard_files(layout: Layout, folder: Path, rel: str, entry: Entry) -> dict[str, bytes]:
    files = {}
    for output, digest in entry.outputs.items():
        layout.confined(output)
        source = folder / Path(output).relative_to("docs/generated")
        data = source.read_bytes() if source.is_file() else b""
        if sha256_bytes(data) != digest:
            raise ManifestError(f"{source}: missing or not what shard's entry {rel!r} records")
        files[output] = data
    return files


def _replace_outputs(layout: Layout, previous: Entry | None, files: dict[str, bytes]) -> None:
    for output, data in files.items():
        path = layout.confined(output)
        if not path.is_file() or path.read_bytes() != data:
            atomic_write_bytes(path, data)
    for output in set(previous.outputs if previous else ()) - set(files):
        layout.confined(output)
        remove_output(layout, output)

