"""pages.fences: what a page includes, also inside admonitions (folded exercise answers)."""

from snippet_runner.pages import fences

PAGE = '''**1. Predict the output.**

```python
--8<-- "snippets/ch/page_exercises.py:ex1"
```

??? success "Answer"
    ```text title="Output"
    --8<-- "docs/generated/ch/page_exercises/ex1.txt"
    ```

    Why it prints that.

    ```python
    --8<-- "snippets/ch/page_exercises.py:ex2"
    ```
'''


def test_fences_inside_an_admonition_are_found_with_their_includes():
    found = fences(PAGE)
    assert [(f.lang, [i.target for i in f.includes]) for f in found] == [
        ("python", ["snippets/ch/page_exercises.py:ex1"]),
        ("text", ["docs/generated/ch/page_exercises/ex1.txt"]),
        ("python", ["snippets/ch/page_exercises.py:ex2"]),
    ]
    assert [f.line for f in found] == [3, 8, 14]
    assert all(f.only_includes for f in found)


def test_an_indented_block_outside_an_admonition_is_not_a_fence():
    text = 'Prose.\n\n    ```python\n    --8<-- "snippets/ch/a.py"\n    ```\n'
    assert fences(text) == []
