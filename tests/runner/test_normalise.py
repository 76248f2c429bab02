from pathlib import Path

import pytest
from snippet_runner.normalise import MAX_SECTION_BYTES, OutputTooLarge, normalise


def test_paths_addresses_and_newlines_are_normalised(tmp_path):
    root, scratch = Path("/home/ada/project"), Path("/tmp/run-1")
    raw = (b"<object object at 0x7f3a2b1c9d40>\r\n"
           b"/home/ada/project/snippets/a.py\n"
           b"/tmp/run-1/cwd/out.csv\n"
           b"/opt/venv/lib/python3.11/site-packages/torch/functional.py:12: warning")
    assert normalise(raw, root=root, scratch=scratch, section="s") == (
        "<object object at 0x...>\n./snippets/a.py\n./out.csv\n"
        "<site-packages>/torch/functional.py:12: warning\n")


def test_too_large_output_is_refused_with_the_section_name():
    with pytest.raises(OutputTooLarge, match="'big'"):
        normalise(b"x" * (MAX_SECTION_BYTES + 1), root=Path("/r"), scratch=Path("/s"),
                  section="big")
