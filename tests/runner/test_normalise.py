import os
from pathlib import Path

from snippet_runner.normalise import collapse_returns, normalise, strip_escapes


def test_paths_addresses_and_newlines_are_normalised(tmp_path):
    root, scratch = Path("/home/ada/project"), Path("/tmp/run-1")
    raw = (b"<object object at 0x7f3a2b1c9d40>\r\n"
           b"/home/ada/project/snippets/a.py\n"
           b"/tmp/run-1/cwd/out.csv\n"
           b"/opt/venv/lib/python3.11/site-packages/torch/functional.py:12: warning")
    assert normalise(raw, root=root, scratch=scratch) == (
        "<object object at 0x...>\n./snippets/a.py\n./out.csv\n"
        "<site-packages>/torch/functional.py:12: warning\n")


def test_the_home_folder_becomes_a_tilde():
    home = os.path.expanduser("~")
    raw = f"cache in {home}/.cache/torch\n".encode()
    assert normalise(raw, root=Path("/r"), scratch=Path("/s")) == "cache in ~/.cache/torch\n"


def test_escape_codes_are_dropped():
    # What torch's own error text and coloured loggers print.
    raw = "\x1b[1mbold\x1b[0m \x1b[31;1mred\x1b[m \x1b]0;title\x07\x1b[2Kline\x1b[1A"
    assert strip_escapes(raw) == "bold red line"


def test_carriage_return_frames_collapse_to_what_a_terminal_shows():
    assert collapse_returns("10%\r50%\r100%\ndone") == "100%\ndone"
    assert collapse_returns("loading...\rok") == "okading..."
    assert collapse_returns("epoch 1\r") == "epoch 1"
    raw = b"\x1b[32m 0%|  |\r\x1b[32m100%|##|\x1b[0m\r\nnext\n"
    assert normalise(raw, root=Path("/r"), scratch=Path("/s")) == "100%|##|\nnext\n"


def test_one_long_line_is_normalised_in_linear_time():
    # Not a speed target: a regex tried from every character of a long token is quadratic (a
    # 100 kB line took a minute). 4 MB would then take hours; linearly it takes about a second.
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; sys.path.insert(0, 'scripts'); "
            "from snippet_runner.normalise import normalise; "
            "r, s = Path('/r'), Path('/s'); "
            "assert len(normalise(b'x' * 2_000_000, root=r, scratch=s)) == 2_000_001; "
            "assert normalise(b'a/' * 1_000_000, root=r, scratch=s).startswith('a/a/')")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=120)


def test_paths_are_replaced_only_on_path_boundaries():
    root, scratch = Path("/x/n1"), Path("/tmp/run-1")
    raw = (b"/x/n1/a.csv\n/x/n1-data/a.csv\n/x/n1data\n/y/x/n1/b.csv\nopen('/x/n1')\n"
           b"/x/n1:12\n/tmp/run-1/cwd/out.csv /tmp/run-1/cwd2\n")
    assert normalise(raw, root=root, scratch=scratch) == (
        "./a.csv\n/x/n1-data/a.csv\n/x/n1data\n/y/x/n1/b.csv\nopen('.')\n"
        ".:12\n./out.csv ./cwd2\n")


def test_control_and_bidi_characters_are_shown_as_visible_escapes():
    # Backspace, a lone ESC and ESC c (a terminal reset), NUL, bell, DEL, and the bidi
    # overrides and isolates that make a line read differently from what it holds.
    raw = ("a\bb \x1bc \x00 \x07 \x7f \u202aL\u202bR\u202cP\u202dO\u202eE "
           "\u2066i\u2067i\u2068i\u2069 \u200f\ttab\n").encode()
    shown = normalise(raw, root=Path("/r"), scratch=Path("/s"))
    assert shown == ("a\\x08b \\x1bc \\x00 \\x07 \\x7f \\u202aL\\u202bR\\u202cP\\u202dO\\u202eE "
                     "\\u2066i\\u2067i\\u2068i\\u2069 \\u200f\ttab\n")
    assert shown.isascii()
    # Ordinary text, Chinese included, is left alone; colours are still dropped.
    assert normalise("张量 \x1b[31mred\x1b[0m\n".encode(), root=Path("/r"),
                     scratch=Path("/s")) == "张量 red\n"
