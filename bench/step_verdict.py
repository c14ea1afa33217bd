#!/usr/bin/env python3
"""Verdict of one load step: did the backend keep up with the offered rate?

  step_verdict.py DEPTH_FILE LOAD_END_MS SECONDS TARGET_RATE BATCH SUMMARY_LINE

DEPTH_FILE has "epoch-ms ready consumers" lines (bench/QueueDepth.java); LOAD_END_MS is when
the simulator exited, after its last publisher confirm. Prints one tab-separated row:
sent_rate dropped failed confirm_tail_s depth_start depth_end depth_max slope_per_s verdict,
the depths and the slope in pings (ready messages times BATCH pings per message).

The simulator's own summary rate includes waiting for the last confirms, so the sent rate
here is sent / SECONDS, and confirm_tail_s (summary time - SECONDS) says how far the
broker's confirms lagged. Sustained = at least 95 % of the target sent with nothing dropped
or failed, the last confirm at most max(1 s, 5 % of the step) after the end of the step
(otherwise the broker did not take the rate in: "confirms-lag"), and the queue did not
grow: least-squares slope of the ready count over the step below 1 % of the target per
second, and at most 2 s of the target rate queued at the end.
"""
import re
import sys


def main():
    depth_file, end, seconds, target, batch, summary = sys.argv[1:7]
    end, seconds, target, batch = int(end), float(seconds), float(target), int(batch)
    m = re.search(r"Summary: ([\d.]+) s, (\d+) pings/s, sent (\d+), confirmed (\d+), nacked (\d+), "
                  r"failed (\d+), dropped (\d+)", summary)
    if not m:
        print("\t".join(["0", "-", "-", "-", "-", "-", "-", "-", "error"]))
        return
    elapsed = float(m.group(1))
    start = end - int(elapsed * 1000)
    samples = []
    with open(depth_file) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and start <= int(parts[0]) <= end:
                samples.append((int(parts[0]) / 1000.0, int(parts[1]) * batch))
    if len(samples) < 3:
        print("\t".join(["0", "-", "-", "-", "-", "-", "-", "-", "error"]))
        return
    rate, failed, dropped = int(m.group(3)) / seconds, int(m.group(6)), int(m.group(7))
    n = len(samples)
    mt = sum(t for t, _ in samples) / n
    md = sum(d for _, d in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples)
    slope = sum((t - mt) * (d - md) for t, d in samples) / var if var else 0.0
    first, last, peak = samples[0][1], samples[-1][1], max(d for _, d in samples)
    tail = elapsed - seconds
    if rate < 0.95 * target or dropped > 0 or failed > 0:
        verdict = "generator-short"
    elif tail > max(1.0, 0.05 * seconds):
        verdict = "confirms-lag"
    elif slope > 0.01 * target or last > 2 * target:
        verdict = "backlog-grows"
    else:
        verdict = "sustained"
    print("\t".join([f"{rate:.0f}", str(dropped), str(failed), f"{tail:.1f}", str(first), str(last), str(peak),
                     f"{slope:.1f}", verdict]))


if __name__ == "__main__":
    main()
