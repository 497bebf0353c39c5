#!/usr/bin/env python3
"""Compares commands (usually two builds of `lake`) by running them alternately, round after
round, and printing each one's median, minimum and mean wall time and median user CPU time.

On a machine whose speed drifts by a fifth within minutes, a few runs of one binary and then a
few of the other say nothing about a 3% change; alternating many rounds does.

    python3 scripts/bench_ab.py --rounds 20 \\
        "old=/tmp/lake-old convert {input} {output} --nested keep" \\
        "new=.build/release/lake convert {input} {output} --nested keep"

`{input}` is replaced by --input (the cached nested bench file by default), `{output}` by a
file per label in a temporary directory (deleted before each run, so every run writes anew).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    default_input = os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "swiftlake-bench", "nested-v1-700000.jsonl")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--input", default=default_input,
                    help="file put in for {input} (default: the nested bench file scripts/bench_convert.py --nested writes)")
    ap.add_argument("commands", nargs="+", help="label=shell command, with {input} and {output}")
    args = ap.parse_args()
    commands = []
    for spec in args.commands:
        label, sep, command = spec.partition("=")
        if not sep or not label or not command:
            ap.error("each command is label=shell command, not %r" % spec)
        commands.append((label, command))
    if not os.path.exists(args.input):
        sys.exit("no input %s: run scripts/bench_convert.py --nested once, or pass --input" % args.input)
    results = {label: [] for label, _ in commands}
    with tempfile.TemporaryDirectory(prefix="lake-bench-ab-") as work:
        for r in range(args.rounds):
            for label, command in commands:
                output = os.path.join(work, label + ".out")
                if os.path.exists(output):
                    os.remove(output)
                line = command.replace("{input}", args.input).replace("{output}", output)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                done = subprocess.run(line, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if done.returncode != 0:
                    sys.exit("%s failed (exit %d):\n%s" % (label, done.returncode, done.stderr))
                results[label].append((wall, after.ru_utime - before.ru_utime))
            print("round %d/%d" % (r + 1, args.rounds), file=sys.stderr)
    print("%-12s %8s %8s %8s %10s" % ("command", "median", "min", "mean", "user med"))
    for label, runs in results.items():
        walls = [w for w, _ in runs]
        users = [u for _, u in runs]
        print("%-12s %8.3f %8.3f %8.3f %10.3f" % (
            label, statistics.median(walls), min(walls), statistics.mean(walls), statistics.median(users)))


if __name__ == "__main__":
    main()
