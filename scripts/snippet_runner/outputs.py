"""Write a successful run's outputs into ``docs/generated/`` and describe them for the manifest."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .atomic import atomic_write_bytes, read_regular
from .child import DARK_SUFFIX
from .execute import Outcome
from .manifest import Entry, sha256_bytes
from .paths import Layout


def planned_files(layout: Layout, outcome: Outcome) -> dict[str, bytes]:
    """Root-relative path -> content, for every file the outcome produces."""
    rel = outcome.snippet.rel
    files: dict[str, bytes] = {}
    for section, text in outcome.texts.items():
        files[layout.rel(layout.text_output(rel, section))] = text.encode("utf-8")
    for section, figures in outcome.figures.items():
        for number, figure in enumerate(figures, start=1):
            light = layout.figure_output(rel, section, number)
            files[layout.rel(light)] = figure.light
            files[layout.rel(dark_variant(light))] = figure.dark
    for section, saved in outcome.saved.items():
        for name, content in saved.items():
            files[layout.rel(layout.saved_output(rel, section, name))] = content
    return files


def dark_variant(figure: Path) -> Path:
    """``…/main-1.png`` -> ``…/main-1.dark.png``: the figure re-coloured for the dark theme."""
    return figure.with_name(figure.stem + DARK_SUFFIX)


def write_outputs(layout: Layout, outcome: Outcome, key: str, previous: Entry | None) -> Entry:
    """Replace a snippet's outputs; files it no longer produces are removed.

    Unchanged files are not rewritten, so a rebuild leaves modification times (and
    ``mkdocs serve``) alone.
    """
    files = planned_files(layout, outcome)
    for rel, content in files.items():
        path = layout.confined(rel)  # no link anywhere on the way: never written through
        if not _holds(path, content):
            atomic_write_bytes(path, content)
    if previous is not None:
        for rel in set(previous.outputs) - set(files):
            remove_output(layout, rel)
    return Entry(key=key, device=outcome.device, torch=outcome.torch, duration=outcome.duration,
                 outputs={rel: sha256_bytes(content) for rel, content in files.items()},
                 built=datetime.now(timezone.utc).date().isoformat())


def _holds(path: Path, content: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``content``."""
    try:
        return read_regular(path, limit=len(content)) == content
    except OSError:
        return False


def remove_output(layout: Layout, rel: str) -> None:
    path = layout.confined(rel)  # never deletes through a linked folder
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != layout.generated and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
