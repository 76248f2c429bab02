"""pages.fences: includes are found at top level and inside indented blocks (folded answers)."""

from __future__ import annotations

from snippet_runner.pages import fences

PAGE = '''# Title

```python
--8<-- "snippets/a.py:ex1"
```

??? success "Answer"

    ```text title="Output"
    --8<-- "docs/generated/a/ex1.txt"
    ```

    Some words.

!!! note "Nested"

    ??? success "Inner"

        ```python
        --8<-- "snippets/a.py:ex2"
        ```
'''


def test_fences_inside_folds_are_found_with_their_page_lines():
    found = [(f.lang, f.line, [i.target for i in f.includes]) for f in fences(PAGE)]
    assert found == [
        ("python", 3, ["snippets/a.py:ex1"]),
        ("text", 9, ["docs/generated/a/ex1.txt"]),
        ("python", 19, ["snippets/a.py:ex2"]),
    ]


def test_a_fold_needs_no_blank_line_after_its_title():
    # Plain CommonMark would read these indented lines as the title paragraph's continuation.
    page = 'Text.\n\n??? success "Answer"\n    ```python\n    --8<-- "snippets/a.py:ex1"\n    ```\n'
    assert [(f.line, [i.target for i in f.includes]) for f in fences(page)] == [
        (4, ["snippets/a.py:ex1"])]
