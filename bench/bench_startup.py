"""Start-up cost of ``competency-kit --version`` against ``python -c "import weasyprint"``.

Alternates the two commands in one run (the machines are noisy) and prints median times and the
ratio. Target: the CLI starts within about a third of WeasyPrint's import time.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

PAIRS = 7
CLI = [sys.executable, "-m", "competency_kit", "--version"]
BARE = [sys.executable, "-c", "import weasyprint"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    timed(CLI), timed(BARE)  # warm the file cache
    cli, bare = [], []
    for _ in range(PAIRS):
        cli.append(timed(CLI))
        bare.append(timed(BARE))
    ratio = statistics.median(c / b for c, b in zip(cli, bare, strict=True))
    print(f"competency-kit --version: median {statistics.median(cli):.3f} s")
    print(f"import weasyprint:        median {statistics.median(bare):.3f} s")
    print(f"ratio (target <= 0.33):   {ratio:.2f}")


if __name__ == "__main__":
    main()
