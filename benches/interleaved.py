#!/usr/bin/env python3
"""Times shell commands in random interleaved order and prints medians.

    benches/interleaved.py RUNS BASELINE-COMMAND COMMAND...

hyperfine runs all of one command's runs, then all of the next one's; on a
machine whose speed drifts by tens of percent within minutes (the shared
2-core machine of BENCHMARKS.md), a drift then reads as a difference between
the commands. Here every round runs each command once, in a new random
order, so a drift falls on all of them alike. Ratios are to the first
command (e.g. the `cat` floor). Output is discarded; wall time includes a
`sh -c` start (about 1 ms), the same for every command.
"""

import os
import random
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    runs = int(sys.argv[1])
    commands = sys.argv[2:]
    times: dict[str, list[float]] = {command: [] for command in commands}
    with open(os.devnull, "w") as devnull:
        for _ in range(runs):
            order = commands[:]
            random.shuffle(order)
            for command in order:
                start = time.perf_counter()
                subprocess.run(command, shell=True, stdout=devnull, stderr=devnull)
                times[command].append(time.perf_counter() - start)
    base = statistics.median(times[commands[0]])
    print(f"{'median':>10} {'mean':>10} {'x first':>8}  command ({runs} runs each)")
    for command in commands:
        median = statistics.median(times[command])
        mean = statistics.mean(times[command])
        print(f"{median * 1000:8.1f}ms {mean * 1000:8.1f}ms {median / base:8.2f}  {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
