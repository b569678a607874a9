"""Is every content check linear on hostile input? Times each check at two sizes.

For each hostile text (long runs that used to make a pattern or parser go back over the line
from every character), times the check on n and on 2n characters and prints the ratio: about 2
is linear, 4 would be quadratic. Run it after changing a pattern in ``build_tools/content/rules``:

    .venv/bin/python benchmarks/hostile_inputs.py [--size 200000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from build_tools.content.rules.limits import check_limits
from build_tools.content.rules.markup import check_markdown
from build_tools.content.rules.privacy import find_personal_data
from build_tools.content.rules.wording import wording_warnings

CHECKS: dict[str, Callable[[str], object]] = {
    "markup": lambda text: check_markdown(text, "x.md", 1),
    "limits": lambda text: list(check_limits(text, "x.md", 1)),
    "privacy": find_personal_data,
    "wording": lambda text: list(wording_warnings(text, "x.md", 1, "body")),
}
UNITS = ["a1", "a1@", "x@a-", "07 ", "1 Aa ", "<a ", '<a b="', "<a\n", "<!--", "<a/x=", "[", "[x", "[a](", "![",
         "“", "‘a", "`", "> ", "- ", "{:"]


def seconds(check: Callable[[str], object], text: str) -> float:
    """The fastest of three runs, in CPU time (other work on the machine counts less)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        check(text)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters of the smaller text")
    size = parser.parse_args().size
    print(f"{'check':8} {'input':10} {'n (s)':>8} {'2n (s)':>8} {'ratio':>6}")
    worst = 0.0
    for name, check in CHECKS.items():
        for unit in UNITS:
            small = (unit * (size // len(unit) + 1))[:size]
            one, two = seconds(check, small), seconds(check, small * 2)
            ratio = two / one if one > 0.005 else 2.0
            worst = max(worst, ratio)
            print(f"{name:8} {unit!r:10} {one:8.3f} {two:8.3f} {ratio:6.1f}")
    print(f"worst ratio: {worst:.1f} (2 is linear)")


if __name__ == "__main__":
    main()
