"""Code block titles: the snippet file's name, and "continued" when a block needs earlier ones."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("snippet_blocks",
                                               ROOT / "scripts/hooks/snippet_blocks.py")
blocks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blocks)  # type: ignore[union-attr]

SNIPPET = '''# --8<-- [start:setup]
import torch
x = torch.ones(3)
# --8<-- [end:setup]
# --8<-- [start:use]
print(x.sum())
# --8<-- [end:use]
# --8<-- [start:alone]
import math
print(math.pi, len([1]))
# --8<-- [end:alone]
'''


def test_titles_name_the_file_and_mark_sections_that_need_earlier_ones(tmp_path):
    (tmp_path / "snippets" / "ch").mkdir(parents=True)
    (tmp_path / "snippets" / "ch" / "demo.py").write_text(SNIPPET, encoding="utf-8")
    page = ('```python\n--8<-- "snippets/ch/demo.py:setup"\n```\n\n'
            '??? success "答案"\n\n    ```{.python notest}\n    --8<-- "snippets/ch/demo.py:use"\n'
            '    ```\n\n```python title="mine"\n--8<-- "snippets/ch/demo.py:use"\n```\n\n'
            '```python\n--8<-- "snippets/ch/demo.py:alone"\n```\n\n'
            '```text title="输出"\n--8<-- "docs/generated/ch/demo/use.txt"\n```\n')
    out = blocks.titled_blocks(page, tmp_path, "zh").split("\n")
    assert out[0] == '```python title="demo.py"'
    assert out[6] == '    ```{.python notest title="demo.py（接上文）"}'
    assert out[10] == '```python title="mine"'  # an author's title stays
    assert out[14] == '```python title="demo.py"'  # imports what it needs itself
    assert out[18] == '```text title="输出"'
    english = blocks.titled_blocks(page, tmp_path, "en").split("\n")
    assert english[6] == '    ```{.python notest title="demo.py (continued)"}'


def test_every_included_snippet_is_listed_once_in_order():
    page = ('--8<-- "snippets/a/x.py:one"\n--8<-- "snippets/a/y.py"\n--8<-- "snippets/a/x.py:two"\n'
            '--8<-- "docs/generated/a/x/one.txt"\n')
    assert blocks.included_snippets(page) == ["snippets/a/x.py", "snippets/a/y.py"]


def test_bad_includes_are_named_by_page_and_line(tmp_path):
    """``mkdocs build`` and ``make serve`` stop on these with the page and the include's line."""
    (tmp_path / "snippets" / "ch").mkdir(parents=True)
    (tmp_path / "snippets" / "ch" / "demo.py").write_text(SNIPPET, encoding="utf-8")
    outputs = tmp_path / "docs" / "generated" / "ch" / "demo"
    outputs.mkdir(parents=True)
    (outputs / "use.txt").write_text("6.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    (outputs / "link.txt").symlink_to(tmp_path / "secret.txt")
    page = ('# Page\n\n```python\n--8<-- "snippets/ch/demo.py:setup"\n```\n\n'  # fine
            '```text title="输出"\n--8<-- "docs/generated/ch/demo/use.txt"\n```\n\n'  # fine
            '```python\n--8<-- "snippets/ch/demo.py:typo"\n```\n\n'  # line 12
            '??? success "答案"\n\n    ```python\n    --8<-- "snippets/ch/nope.py"\n    ```\n\n'
            '```text title="输出"\n--8<-- "docs/generated/ch/demo/gone.txt"\n```\n\n'  # 22
            '```text title="输出"\n--8<-- "docs/generated/ch/demo/link.txt"\n```\n\n'  # 26
            '--8<-- "docs/generated/ch/demo/use.txt"\n')  # 29: outside an output block
    problems = blocks.include_problems(tmp_path, page, "docs/ch/page.md")
    assert [p.split(": includes")[0] for p in problems] == [
        "docs/ch/page.md:12", "docs/ch/page.md:18", "docs/ch/page.md:22", "docs/ch/page.md:26",
        "docs/ch/page.md:29"], problems
    assert "has no section 'typo' (its sections: setup, use, alone)" in problems[0]
    assert "snippets/ch/nope.py does not exist" in problems[1]
    assert "does not exist (build it" in problems[2]
    assert "is a symbolic link" in problems[3]
    assert "outside an output block" in problems[4]
    assert blocks.include_problems(tmp_path, page.split("```python\n--8<-- \"snippets/ch/demo"
                                                        ".py:typo")[0], "p.md") == []
