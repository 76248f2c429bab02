"""The one thing every check reports: something at a place, and what is wrong with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

SUMMARY_AFTER = 3
"""More snippets than this with the same reason are reported on one line."""


@dataclass(frozen=True)
class Problem:
    subject: str
    """A root-relative path, with ``:line`` when a line is known."""
    what: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.what}"


def summarised(problems: list[Problem], limit: int = SUMMARY_AFTER) -> list[str]:
    """One line per problem, except that a reason shared by many subjects (a version bump
    that makes every snippet stale) becomes one line naming the reason and counting them."""
    groups: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        groups[problem.what].append(problem.subject)
    lines = []
    for problem in problems:
        subjects = groups.get(problem.what)
        if subjects is None:
            continue  # already summarised
        if len(subjects) <= limit:
            lines.append(str(problem))
            continue
        shown = ", ".join(subjects[:limit])
        kind = "snippets" if all(s.startswith("snippets/") for s in subjects) else "files"
        lines.append(f"{len(subjects)} {kind}: {problem.what} ({shown} and "
                     f"{len(subjects) - limit} more)")
        del groups[problem.what]
    return lines
