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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .atomic import atomic_write_bytes, read_regular
from .compare import Origin, Verdict, compare_file, drawn_from_measurements
from .execute import Executor, Outcome, imports_torch
from .keys import Environment, cpu_capability, installed_drift, lock_drift, sha256_bytes
from .manifest import Entry, Manifest, ManifestError, Shard
from .notebooks import NOTEBOOK_FOLDER, stale_notebooks, write_notebooks
from .outputs import planned_files, remove_output, write_outputs
from .pages import IncludeError
from .paths import Layout, UnsafePath
from .plan import Plan, Planned, make_plan
from .problems import Problem
from .profile import alternative_path, describe
from .report import BuildResult, Reporter

__all__ = ["BuildResult", "Comparisons", "DeviceUnavailable", "build", "check", "merge", "verify"]
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
        found += [Problem(*line.split(": ", 1)) for line in
                  stale_notebooks(layout, plan.manifest, plan.environment.digest)]
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
            executor = Executor(layout, device=device, jobs=jobs,
                                torch=any(imports_torch(p.snippet, layout) for p in todo))
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
            if not result.failed and not plan.errors:
                result.notebooks = write_notebooks(layout, manifest, plan.environment.digest)
            manifest.write(layout.manifest)
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
    gone = {rel: manifest.entries.pop(rel) for rel in plan.gone}
    live = {output for entry in manifest.entries.values() for output in entry.outputs}
    for rel, entry in gone.items():  # snippets deleted or renamed: their recorded outputs go,
        for output in entry.outputs:  # except what a live snippet's entry claims (a ghost entry)
            layout.confined(output)
            if output in live:
                reporter.warning(f"manifest entry {rel!r} (no such snippet) claims {output}, "
                                 "which another snippet makes: kept")
                continue
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


@dataclass
class Comparison:
    """One snippet's committed outputs against fresh ones, under the policy of ``compare``."""

    rel: str
    exact: bool
    """Byte for byte (same origin) or within tolerance (another machine, another path)."""
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    not_compared: str = ""
    """Why nothing could be compared (never built, nothing committed): empty if compared."""

    @property
    def state(self) -> str:
        if self.not_compared:
            return "not compared"
        if self.problems:
            return "differs"
        if all(v.state == "identical" for v in self.verdicts.values()):
            return "identical"
        return "within tolerance"

    def largest(self) -> str:
        """The largest accepted difference among the outputs, with the file it is in."""
        path, verdict = max(((p, v) for p, v in self.verdicts.items()
                             if v.state == "within tolerance"), key=lambda item: item[1].size)
        return f"{path.rpartition('/')[2]}: {verdict.detail}"


@dataclass
class Comparisons:
    """What ``--verify``, ``--merge`` and ``--fragility`` report."""

    title: str
    items: list[Comparison] = field(default_factory=list)
    note: str = ""
    """How they were compared (``byte for byte``, ``within tolerance``: why)."""

    def count(self, state: str) -> int:
        return sum(item.state == state for item in self.items)

    @property
    def problems(self) -> list[Problem]:
        return [problem for item in self.items for problem in item.problems]


def here(environment: Environment, device: str, torch: str) -> Origin:
    return Origin(environment.platform, environment.python, cpu_capability(), device, torch)


def verify(layout: Layout, reporter: Reporter, *, patterns: list[str] | None = None,
           jobs: int = 1, device: str = "auto", shard: tuple[int, int] | None = None,
           fragility: bool = False, emulated: str | None = None,
           ) -> tuple[BuildResult, Comparisons]:
    """Re-run snippets and compare with the committed outputs; nothing is written.

    ``fragility``: run them on another numeric path of this machine (``profile.
    alternative_path``) and compare within tolerance: an output that moves beyond it here
    moves on some reader's machine too. ``emulated``: this build runs under qemu-user
    emulating that CPU (``make cross-cpu``); snippets are forked, not started with an exec
    (qemu-user runs what a process execs natively), and compared within tolerance (the
    emulated CPU reads the host's /proc/cpuinfo, so its signature cannot tell them apart).
    """
    started = time.monotonic()
    plan = make_plan(layout, patterns=patterns, shard=shard)
    result = BuildResult(syntax_errors=plan.errors, selected=len(plan.selected))
    numeric = alternative_path() if fragility else None
    compared = Comparisons("fragility" if fragility else "verify", note=(
        f"on another numeric path ({describe(alternative_path())}), within tolerance"
        if fragility else f"on an emulated {emulated} CPU, within tolerance" if emulated
        else ""))
    executor = Executor(layout, device=device, jobs=jobs, numeric=numeric,
                        method="fork" if emulated else None,
                        torch=any(imports_torch(p.snippet, layout) for p in plan.selected))
    if plan.selected:
        _require_device(executor, device)
    durations = {rel: entry.duration for rel, entry in plan.manifest.entries.items()}
    with reporter.running(len(plan.selected)) as progress:
        for outcome in executor.run([p.snippet for p in plan.selected], durations,
                                    on_start=progress.started):
            result.ran.append(outcome)
            progress.finished(outcome)
            if outcome.ok:
                compared.items.append(compare_snippet(
                    layout, plan.manifest, outcome.snippet.rel, planned_files(layout, outcome),
                    here(plan.environment, outcome.device, outcome.torch),
                    tolerant=fragility or emulated is not None))
    result.wall = time.monotonic() - started
    return result, compared


def compare_snippet(layout: Layout, committed: Manifest, rel: str, fresh: dict[str, bytes],
                    origin: Origin, *, tolerant: bool = False) -> Comparison:
    """A snippet's committed outputs against fresh ones made on ``origin``: byte for byte
    where the committed ones were made the same way (and not ``tolerant``), else within
    tolerance."""
    entry = committed.entries.get(rel)
    if entry is None:
        return Comparison(rel, exact=False, not_compared="no committed outputs to compare "
                                                         "with (never built)")
    environment = committed.environment_of(entry)
    made = Origin(environment.platform if environment else "?",
                  environment.python if environment else "?", entry.cpu, entry.device,
                  entry.torch)
    comparison = Comparison(rel, exact=made == origin and not tolerant)
    for output in sorted(set(fresh) | set(entry.outputs)):
        try:
            path = layout.confined(output)  # never read through a link
        except UnsafePath as error:
            comparison.problems.append(Problem(rel, str(error)))
            continue
        if output not in fresh:
            comparison.problems.append(Problem(rel, f"{output} is committed, but the code no "
                                                    "longer makes it"))
        elif not path.is_file() or path.is_symlink():
            comparison.problems.append(Problem(rel, f"{output} is made by the code, but not "
                                                    "committed"))
        elif not drawn_from_measurements(output, fresh):
            verdict = compare_file(output, read_regular(path), fresh[output],
                                   exact=comparison.exact)
            comparison.verdicts[output] = verdict
            if not verdict.ok:
                mode = ("" if comparison.exact else " (fresh on another numeric path)"
                        if tolerant else f" (committed on {made}, fresh on {origin})")
                comparison.problems.append(Problem(rel, f"{output} {verdict.detail}{mode}"))
    return comparison


def merge(layout: Layout, reporter: Reporter, folders: list[Path]) -> Comparisons:
    """Combine shard builds (each a ``docs/generated`` folder) into this tree.

    Each shard's snippets take their outputs and entries from that shard; the result is what
    one build of every snippet gives. Shards are checked as strictly as the manifest: every
    snippet of this tree covered exactly once, no entry for anything else, every output a
    plain file inside the shard's folder with the digest its entry records. Fresh outputs are
    compared with the ones they replace, as ``--verify`` does, so merging in CI is also the
    re-run check: a difference fails the command (the fresh outputs are merged all the same, for
    ``git diff`` and for the GPU workflow's upload); a shard that breaks a rule merges nothing.
    """
    with _locked(layout, reporter):
        base = Manifest.read(layout.manifest)
        if base.unusable:
            raise ManifestError(f"{layout.rel(layout.manifest)}: {base.unusable}: --merge needs "
                                "the committed manifest to compare with")
        shards = [(folder, *_read_shard(folder)) for folder in folders]
        got = sorted((shard.index, shard.count) for _, _, shard in shards)
        if got != [(k, len(shards)) for k in range(1, len(shards) + 1)]:
            raise ManifestError("--merge needs every shard of one build exactly once; got "
                                + ", ".join(f"{k}/{n}" for k, n in got))
        _check_coverage(layout, shards)
        compared = Comparisons("merge")
        staged: list[tuple[str, Entry, Environment, dict[str, bytes]]] = []
        for folder, manifest, shard in shards:
            for rel in shard.snippets:
                entry = manifest.entries.get(rel)
                if entry is None:
                    compared.items.append(Comparison(rel, exact=True, problems=[Problem(
                        rel, f"shard {shard.index} did not build it (it failed there)")]))
                    continue
                environment = manifest.environment_of(entry)
                if environment is None:
                    raise ManifestError(f"{folder}/manifest.json: entry {rel!r} names no "
                                        "recorded environment")
                fresh = _shard_files(layout, folder, rel, entry)
                origin = Origin(environment.platform, environment.python, entry.cpu,
                                entry.device, entry.torch)
                compared.items.append(compare_snippet(layout, base, rel, fresh, origin))
                staged.append((rel, entry, environment, fresh))
        for rel, entry, environment, fresh in staged:
            _replace_outputs(layout, base.entries.get(rel), fresh)
            base.entries[rel] = entry
            base.environments[entry.environment] = environment
        base.shard = None
        write_notebooks(layout, base, Environment.current(layout).digest)
        base.write(layout.manifest)
    return compared


def _check_coverage(layout: Layout, shards: list[tuple[Path, Manifest, Shard]]) -> None:
    """Every snippet of this tree in exactly one shard, and no snippet it does not have.
    (A shard's manifest also holds the entries it was copied with: only its own are read.)"""
    snippets = {planned.rel for planned in make_plan(layout).selected}
    claimed: dict[str, int] = {}
    for folder, _, shard in shards:
        for rel in shard.snippets:
            if rel in claimed:
                raise ManifestError(f"{folder}/manifest.json: {rel} is in shard {claimed[rel]} "
                                    f"and in shard {shard.index}")
            claimed[rel] = shard.index
    if set(claimed) != snippets:
        missing, extra = sorted(snippets - set(claimed)), sorted(set(claimed) - snippets)
        raise ManifestError("--merge: the shards do not cover this tree's snippets: "
                            + "; ".join(part for part in (
                                f"no shard built {', '.join(missing)}" if missing else "",
                                f"no such snippet here (a ghost entry): {', '.join(extra)}"
                                if extra else "")
                                if part))


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
        inside = folder.resolve() in source.resolve().parents
        if source.is_symlink() or any(p.is_symlink() for p in source.parents if folder in p.parents):
            raise ManifestError(f"{source}: a symbolic link; a shard's outputs must be plain "
                                "files")
        data = read_regular(source) if source.is_file() and inside else b""
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

