"""Progress while snippets run, and the summary a reader of the build log needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from textwrap import indent
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .problems import Problem, summarised

if TYPE_CHECKING:
    from .execute import Outcome
    from .sources import Snippet

SLOWEST = 5


@dataclass
class BuildResult:
    ran: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    selected: int = 0
    """Snippets the build considered (after --only / --shard)."""
    syntax_errors: list[Problem] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    """Notebooks written or removed (root-relative)."""
    errors: list[Problem] = field(default_factory=list)
    """What went wrong outside any snippet's run (a page that cannot become a notebook, a full
    disk when the manifest was written)."""
    wall: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.ran if not outcome.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.syntax_errors and not self.errors


class Reporter:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False, soft_wrap=True)

    def note(self, message: str) -> None:
        self.console.print(f"[dim]{escape(message)}[/dim]")

    def error(self, message: str) -> None:
        self.console.print(f"[bold red]error:[/bold red] {escape(message)}")

    def warning(self, message: str) -> None:
        self.console.print(f"[bold yellow]warning:[/bold yellow] {escape(message)}")

    def problems(self, problems: list[Problem], *, warning: bool = False) -> None:
        """Each problem on its own line; many snippets with one reason on one line."""
        for line in summarised(problems):
            (self.warning if warning else self.error)(line)

    @contextmanager
    def running(self, total: int) -> Iterator[_Progress]:
        progress = Progress(
            TextColumn("[bold]snippets"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=self.console, transient=True,
        )
        with progress:
            yield _Progress(self.console, progress, progress.add_task("", total=total))

    def summary(self, result: BuildResult, title: str = "build") -> None:
        # Plain lines, never panels: a panel crops at the log's width (80 columns on CI) and
        # torch's messages are long. The terminal (or log viewer) wraps them, whole.
        for error in result.syntax_errors:
            self.console.print(f"[bold red]snippet file error:[/bold red] {escape(str(error))}")
        for problem in result.errors:
            self.console.print(f"[bold red]error:[/bold red] {escape(str(problem))}")
        for outcome in result.failed:
            self.console.print(f"[bold red]FAILED {escape(outcome.where)}:[/bold red] "
                               f"{escape(outcome.error or 'failed')}")
            if outcome.tail:
                self.console.print("[dim]  last lines of its output:[/dim]")
                self.console.print(escape(indent(outcome.tail, "  | ", lambda line: True)))
        ran = len(result.ran)
        failed = len(result.failed) + len(result.syntax_errors) + len(result.errors)
        self.console.print(
            f"{title}: ran {ran}, skipped {result.skipped} (fresh), failed {failed}, "
            f"wall time {result.wall:.1f} s"
        )
        slowest = sorted(result.ran, key=lambda o: o.duration, reverse=True)[:SLOWEST]
        if len(slowest) > 1:
            table = Table("slowest snippets", "s", box=None, padding=(0, 2))
            for outcome in slowest:
                table.add_row(outcome.snippet.rel, f"{outcome.duration:.2f}")
            self.console.print(table)


class _Progress:
    def __init__(self, console: Console, progress: Progress, task) -> None:  # type: ignore[no-untyped-def]
        self.console, self.progress, self.task = console, progress, task
        self.active: list[str] = []

    def started(self, snippet: Snippet) -> None:
        self.active.append(snippet.rel)
        self._describe()

    def finished(self, outcome: Outcome) -> None:
        rel = outcome.snippet.rel
        if rel in self.active:
            self.active.remove(rel)
        mark = "[green]ok[/green]  " if outcome.ok else "[red]FAIL[/red]"
        self.console.print(f"{mark} {escape(rel)} [dim]{outcome.duration:.2f} s[/dim]")
        self.progress.advance(self.task)
        self._describe()

    def _describe(self) -> None:
        self.progress.update(self.task, description=escape(", ".join(self.active)))
