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


def parse(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.py"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
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
    ("x = 1\n# timeout: 0\n", 2, "'# timeout: 0': give seconds, more than 0 and at most 86400"),
    ("# timeout: 2147484\nx = 1\n", 1, "'# timeout: 2147484': give seconds, more than 0"),
    ("# timeout: " + "9" * 400 + "\n", 1, "at most 86400"),
    (b"x = '\xff'\n", 1, "not UTF-8 text"),
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


def test_a_symlinked_snippet_is_a_file_error_and_the_others_are_still_found(project):
    project.add("quick.py")
    project.snippet("link.py").symlink_to("/etc/hostname")
    project.snippet("alias.py").symlink_to(project.snippet("quick.py"))
    snippets, errors = discover(Layout(project.root))
    assert [s.rel for s in snippets] == ["snippets/fx/quick.py"]
    assert sorted(str(e) for e in errors) == [
        "snippets/fx/alias.py:1: a symbolic link (to " + str(project.snippet("quick.py"))
        + "): a snippet must be a regular file; copy or move the file here instead",
        "snippets/fx/link.py:1: a symbolic link (to /etc/hostname): a snippet must be a regular "
        "file; copy or move the file here instead"]
    only, errors = discover(Layout(project.root), ["quick"])
    assert [s.rel for s in only] == ["snippets/fx/quick.py"] and errors == []
