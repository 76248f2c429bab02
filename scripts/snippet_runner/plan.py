"""Plan a build: find the snippets, compute their keys, and say why each one needs a run.

Everything here reads sources and the manifest only (no torch), so ``--check`` stays fast and
a build knows each snippet's key before the snippet runs: an edit made while it runs makes
the output stale rather than being recorded as fresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .keys import Environment, cache_key, input_changes, sha256_file, snippet_inputs
from .manifest import Manifest
from .paths import Layout, UnsafePath
from .problems import Problem
from .sources import Snippet, discover

TEMPORARY_SUFFIXES = (".tmp",)
"""Left behind only by an interrupted write: removed by a build, reported by ``--check``."""
BOOKKEEPING = ("manifest.json", ".build.lock")


@dataclass(frozen=True)
class Planned:
    """A snippet with the key its outputs will be stored under, computed before it runs."""

    snippet: Snippet
    key: str
    inputs: dict[str, str]

    @property
    def rel(self) -> str:
        return self.snippet.rel


@dataclass
class Plan:
    layout: Layout
    manifest: Manifest
    environment: Environment
    selected: list[Planned] = field(default_factory=list)
    reasons: dict[str, list[Problem]] = field(default_factory=dict)
    """Why each selected snippet needs a run (an empty list: it is fresh)."""
    errors: list[Problem] = field(default_factory=list)
    """Snippet files that cannot be run (bad sections, directives)."""
    gone: list[str] = field(default_factory=list)
    """Manifest entries whose snippet no longer exists (only for a complete selection)."""
    strays: list[Problem] = field(default_factory=list)
    """Files under docs/generated/ that no entry claims, and leftover temporary files."""
    complete: bool = True

    @property
    def stale(self) -> list[Planned]:
        return [p for p in self.selected if self.reasons[p.rel]]

    @property
    def problems(self) -> list[Problem]:
        found = [*self.errors, *(r for p in self.selected for r in self.reasons[p.rel])]
        found += [Problem(rel, "orphaned manifest entry: the snippet no longer exists")
                  for rel in self.gone]
        return found + self.strays

    def temporary_files(self) -> list[Path]:
        return [self.layout.root / p.subject for p in self.strays
                if p.subject.endswith(TEMPORARY_SUFFIXES)]


def make_plan(layout: Layout, *, patterns: list[str] | None = None,
              shard: tuple[int, int] | None = None,
              owned_elsewhere: tuple[str, ...] = ()) -> Plan:
    """``owned_elsewhere``: folders under docs/generated/ written by another step (notebooks),
    which the orphan scan leaves to it."""
    manifest = Manifest.read(layout.manifest)
    plan = Plan(layout, manifest, Environment.current(layout),
                complete=not patterns and shard is None)
    every, errors = discover(layout)
    plan.errors = [Problem(f"{e.rel}:{e.line}", str(e).split(": ", 1)[1]) for e in errors]
    snippets = every
    if patterns:
        snippets, _ = discover(layout, patterns)
    if shard is not None:
        index, count = shard
        durations = {rel: entry.duration for rel, entry in manifest.entries.items()}
        groups = shards(snippets, durations, count)
        snippets = groups[index - 1] if index <= len(groups) else []
    for snippet in snippets:
        inputs = snippet_inputs(snippet, layout)
        planned = Planned(snippet, cache_key(inputs, plan.environment), inputs)
        plan.selected.append(planned)
        plan.reasons[snippet.rel] = _reasons(plan, planned)
    if plan.complete:
        known = {snippet.rel for snippet in every} | {e.rel for e in errors}
        plan.gone = sorted(set(manifest.entries) - known)
    plan.strays = _strays(layout, manifest, owned_elsewhere, all_files=plan.complete)
    return plan


def _reasons(plan: Plan, planned: Planned) -> list[Problem]:
    rel, layout = planned.rel, plan.layout
    entry = plan.manifest.entries.get(rel)
    if entry is None:
        return [Problem(rel, "never built (no manifest entry)")]
    if entry.key != planned.key:
        changes = input_changes(entry.inputs, planned.inputs)
        if entry.environment != plan.environment.id:
            changes += plan.environment.changes_since(plan.manifest.environment_of(entry))
        return [Problem(rel, f"stale: {change}") for change in changes] or [
            Problem(rel, "stale: built by an older runner")]
    found = []
    for output, digest in sorted(entry.outputs.items()):
        try:
            file = layout.confined(output)  # never read through a link
        except UnsafePath as error:
            found.append(Problem(rel, f"output {error}"))
            continue
        if not file.is_file():
            found.append(Problem(rel, f"missing output {output}"))
        elif sha256_file(file) != digest:
            found.append(Problem(rel, f"output {output} was changed by hand"))
    return found


def _strays(layout: Layout, manifest: Manifest, owned_elsewhere: tuple[str, ...],
            *, all_files: bool) -> list[Problem]:
    """Temporary files always; files no manifest entry claims when every snippet is planned.

    The build never deletes a file that no entry claims (it may be someone's work, or an
    output whose manifest was lost): it is reported here, for a person to delete.
    """
    if not layout.generated.is_dir():
        return []
    claimed = {output for entry in manifest.entries.values() for output in entry.outputs}
    elsewhere = tuple(layout.generated / folder for folder in owned_elsewhere)
    found = []
    for file in sorted(layout.generated.rglob("*")):
        if not file.is_file():
            continue
        rel = layout.rel(file)
        if file.name.endswith(TEMPORARY_SUFFIXES):
            found.append(Problem(rel, "temporary file left by an interrupted write "
                                      "(the next build removes it)"))
        elif all_files and rel not in claimed and file.parent != layout.generated.parent \
                and not (file.parent == layout.generated and file.name in BOOKKEEPING) \
                and not any(folder in file.parents for folder in elsewhere) \
                and not file.name.startswith("."):
            found.append(Problem(rel, "no snippet's manifest entry claims this file; the build "
                                      "never deletes such files: delete it if nothing needs it"))
    return found


def shards(snippets: list[Snippet], durations: dict[str, float], count: int) -> list[list[Snippet]]:
    """Split snippets into ``count`` groups of about equal recorded run time.

    Greedy and deterministic: longest first (ties by path), each to the group with the least
    time so far (ties: the lower index). Snippets never run count as the median duration.
    Groups past the number of snippets would stay empty: they are left out of the list, so a
    huge ``count`` costs nothing.
    """
    known = sorted(durations.values())
    default = known[len(known) // 2] if known else 1.0
    count = max(1, min(count, len(snippets)))
    groups: list[list[Snippet]] = [[] for _ in range(count)]
    totals = [0.0] * count
    for snippet in sorted(snippets, key=lambda s: (-durations.get(s.rel, default), s.rel)):
        index = min(range(count), key=lambda i: (totals[i], i))
        groups[index].append(snippet)
        totals[index] += durations.get(snippet.rel, default)
    return [sorted(group, key=lambda s: s.rel) for group in groups]
