#!/usr/bin/env python3
"""Verdict of one load step: did the backend keep up with the offered rate?

  step_verdict.py DEPTH_FILE LOAD_START_MS LOAD_END_MS TARGET_RATE SUMMARY_LINE

DEPTH_FILE has "epoch-ms ready consumers" lines (bench/QueueDepth.java). Prints one
tab-separated row: sent_rate dropped failed depth_start depth_end depth_max slope_per_s verdict

Sustained = the simulator sent at least 95 % of the target with nothing dropped or failed,
and the queue did not grow: least-squares slope of the ready count over the step below 1 %
of the target per second, and at most 2 s of the target rate queued at the end.
"""
import re
import sys


def main():
    depth_file, start, end, target, summary = sys.argv[1:6]
    start, end, target = int(start), int(end), float(target)
    samples = []
    with open(depth_file) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and start <= int(parts[0]) <= end:
                samples.append((int(parts[0]) / 1000.0, int(parts[1])))
    m = re.search(r"Summary: ([\d.]+) s, (\d+) pings/s, sent (\d+), confirmed (\d+), nacked (\d+), "
                  r"failed (\d+), dropped (\d+)", summary)
    if not m or len(samples) < 3:
        print("\t".join(["0", "-", "-", "-", "-", "-", "-", "error"]))
        return
    rate, failed, dropped = float(m.group(2)), int(m.group(6)), int(m.group(7))
    n = len(samples)
    mt = sum(t for t, _ in samples) / n
    md = sum(d for _, d in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples)
    slope = sum((t - mt) * (d - md) for t, d in samples) / var if var else 0.0
    first, last, peak = samples[0][1], samples[-1][1], max(d for _, d in samples)
    if rate < 0.95 * target or dropped > 0 or failed > 0:
        verdict = "generator-short"
    elif slope > 0.01 * target or last > 2 * target:
        verdict = "backlog-grows"
    else:
        verdict = "sustained"
    print("\t".join([f"{rate:.0f}", str(dropped), str(failed), str(first), str(last), str(peak),
                     f"{slope:.1f}", verdict]))


if __name__ == "__main__":
    main()
