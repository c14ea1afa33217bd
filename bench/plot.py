#!/usr/bin/env python3
"""Plots of the benchmark results (bench/run-all.sh calls it last).

  plot.py [results-dir] [images-dir]    defaults: target/bench, docs/images

- bench-ingest-backlog.png: for each load step, the offered ping rate against the queue's
  ready count at the end of the step and its growth, per replica count and message kind
  (from ingest-*/steps.tsv);
- bench-latency-percentiles.png: latency percentile curves of ping -> SSE and of disconnects
  (from backend/target/benchmarks/*-percentiles.csv, copied to results-dir/benchmarks).
"""
import csv
import glob
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def ingest(results, images):
    rows = []
    for path in sorted(glob.glob(os.path.join(results, "ingest-*", "steps.tsv"))):
        with open(path) as f:
            rows += [r for r in csv.DictReader(f, delimiter="\t") if r["kind"] != "warmup"]
    if not rows:
        return
    kinds = [k for k in ("single", "batched") if any(r["kind"] == k for r in rows)]
    fig, axes = plt.subplots(2, len(kinds), figsize=(6 * len(kinds), 7), squeeze=False)
    colours = {"1": "tab:blue", "2": "tab:orange"}
    for col, kind in enumerate(kinds):
        for replicas in sorted({r["replicas"] for r in rows}):
            steps = sorted((r for r in rows if r["kind"] == kind and r["replicas"] == replicas),
                           key=lambda r: int(r["target"]))
            if not steps:
                continue
            x = [int(r["target"]) for r in steps]
            colour = colours.get(replicas, None)
            for row, key, label in ((0, "depth_end", "queued pings at end of step"),
                                    (1, "slope_per_s", "queue growth (pings/s)")):
                ax = axes[row][col]
                y = [max(float(r[key]), 0) if r[key] not in ("-", "") else 0 for r in steps]
                ax.plot(x, y, "-", color=colour, alpha=0.4)
                for xi, yi, r in zip(x, y, steps):
                    ok = r["verdict"] == "sustained"
                    ax.plot(xi, yi, "o" if ok else "x", color=colour, markersize=8,
                            label=f"{replicas} replica(s)" if xi == x[0] else None)
                ax.set_yscale("symlog", linthresh=10)
                # the queue may never grow (single messages fail at the publisher): keep an axis
                ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], 100))
                ax.set_ylabel(label)
                ax.grid(True, which="both", alpha=0.3)
        axes[0][col].set_title(f"{kind} messages" + (" (100 pings each)" if kind == "batched" else ""))
        axes[1][col].set_xlabel("offered rate (pings/s)")
        axes[0][col].legend()
    seconds = ""
    for path in glob.glob(os.path.join(results, "ingest-*", "summary.txt")):
        with open(path) as f:
            seconds = next((w.split("=")[1] for w in f.read().split() if w.startswith("step_seconds=")), "")
    fig.suptitle(f"Sustained ping rate vs backlog ({seconds} s steps; x = not sustained: backlog grew, "
                 "confirms lagged or the generator fell short)")
    fig.tight_layout()
    fig.savefig(os.path.join(images, "bench-ingest-backlog.png"), dpi=100)


def latency(results, images):
    per_file = {}
    for path in sorted(glob.glob(os.path.join(results, "benchmarks", "*-percentiles.csv"))):
        stem = os.path.basename(path)[: -len("-percentiles.csv")]
        with open(path) as f:
            for r in csv.DictReader(f):
                per_file.setdefault((stem, r["label"]), []).append((float(r["percentile"]), float(r["millis"])))
    # A label measured by two configurations is told apart by the report's name.
    labels = [label for _, label in per_file]
    curves = {(label if labels.count(label) == 1 else f"{label} [{stem}]"): points
              for (stem, label), points in per_file.items()}
    if not curves:
        return
    groups = [("CONNECTED: ping -> SSE / change bus at 10 k pings/s",
               [k for k in curves if not k.startswith("DISCONNECTED")]),
              ("DISCONNECTED: arrival - deadline", [k for k in curves if k.startswith("DISCONNECTED")])]
    groups = [g for g in groups if g[1]]
    fig, axes = plt.subplots(1, len(groups), figsize=(6.5 * len(groups), 4.5), squeeze=False)
    for ax, (title, labels) in zip(axes[0], groups):
        for label in labels:
            points = sorted(curves[label])
            ax.plot([p for p, _ in points], [m for _, m in points], label=label)
        ax.set_title(title)
        ax.set_xlabel("percentile")
        ax.set_ylabel("ms")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(images, "bench-latency-percentiles.png"), dpi=100)


def main():
    results = sys.argv[1] if len(sys.argv) > 1 else "target/bench"
    images = sys.argv[2] if len(sys.argv) > 2 else "docs/images"
    os.makedirs(images, exist_ok=True)
    ingest(results, images)
    latency(results, images)


if __name__ == "__main__":
    main()
