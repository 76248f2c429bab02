from pathlib import Path

import pytest
from snippet_runner.paths import Layout
from snippet_runner.sources import (
    DEFAULT_TIMEOUT,
    MAIN_SECTION,
    SnippetSyntaxError,
    discover,
    parse_snippet,
)


def parse(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.py"
    path.write_text(text, encoding="utf-8")
    return parse_snippet(path, "snippets/s.py")


def test_file_without_markers_is_one_main_section(tmp_path):
    snippet = parse(tmp_path, "import torch\nprint(1)\n")
    assert [s.name for s in snippet.sections] == [MAIN_SECTION]
    assert snippet.sections[0].code == "import torch\nprint(1)\n"
    assert snippet.sections[0].first_line == 1
    assert snippet.timeout == DEFAULT_TIMEOUT


def test_sections_keep_order_code_and_line_numbers(tmp_path):
    snippet = parse(tmp_path, "# intro comment\n# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n\n"
                              "# --8<-- [start:b]\nprint(x)\n# --8<-- [end:b]\n")
    assert [(s.name, s.code, s.first_line) for s in snippet.sections] == [
        ("a", "x = 1\n", 3), ("b", "print(x)\n", 7)]


def test_raises_and_timeout_directives(tmp_path):
    snippet = parse(tmp_path, "# timeout: 12\n# --8<-- [start:bad]\n# raises: RuntimeError\n"
                              "f()\n# --8<-- [end:bad]\n")
    assert snippet.timeout == 12
    assert snippet.section("bad").expects == "RuntimeError"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("x = 1\n# --8<-- [start:a]\ny = 2\n# --8<-- [end:a]\n", 1, "code outside sections"),
    ("# --8<-- [start:a]\nx = 1\n", 1, "never ended"),
    ("# --8<-- [end:a]\n", 1, "without its start"),
    ("# --8<-- [start:a]\n# --8<-- [start:b]\n", 2, "inside section"),
    ("# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n", 3, "twice"),
    ("# --8<-- [start:A-b]\n# --8<-- [end:A-b]\n", 1, "section name"),
    ("# --8<-- [start:a]\nx = 1\n# raises: ValueError\n# --8<-- [end:a]\n", 3, "first line"),
])
def test_bad_files_name_file_and_line(tmp_path, text, line, message):
    with pytest.raises(SnippetSyntaxError, match=message) as error:
        parse(tmp_path, text)
    assert str(error.value).startswith(f"snippets/s.py:{line}:")


def test_discover_skips_helper_modules_and_reports_bad_files(project):
    project.add("sections.py", "_helper.py", "uses_helper.py")
    project.snippet("broken.py").write_text("# --8<-- [start:a]\n", encoding="utf-8")
    snippets, errors = discover(Layout(project.root))
    assert [s.rel for s in snippets] == ["snippets/fx/sections.py", "snippets/fx/uses_helper.py"]
    assert [e.rel for e in errors] == ["snippets/fx/broken.py"]
    only, _ = discover(Layout(project.root), ["uses_*"])
    assert [s.rel for s in only] == ["snippets/fx/uses_helper.py"]
