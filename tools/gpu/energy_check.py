#!/usr/bin/env python3
"""Compares the energy a sweep journaled per trial (NVML's energy counter over the measured loop: powerW in
trials.jsonl) with nvidia-smi's power.draw sampled beside the sweep in the same command (issue 17's GPU check).

Usage:
  nvidia-smi --query-gpu=timestamp,power.draw --format=csv,noheader,nounits -lms 100 > power.csv &
  ./scalebench sweep --profile gpu-kernels ...; kill %1
  tools/gpu/energy_check.py RUN_DIR power.csv [--json]

For each trial with an energy reading it prints the journal's mean power (energyJ over the measured loop), the mean
of the power.draw samples between the trial's start and end (its warm-up included: nvidia-smi cannot see where the
measured loop began), their ratio and the number of samples; then the median ratio over the trials with at least
--min-samples samples. nvidia-smi's timestamps are local wall-clock time ("2026/12/06 09:14:15.123"); the journal's
are UTC, so --utc-offset-s (default: this machine's offset) shifts them. Exit 0 when it could compare, 2 on bad
input, 3 when no trial had both an energy reading and enough samples.
"""
import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path


def parse_instant(text):
    """An ISO-8601 UTC instant as the journal writes it (2026-12-06T09:14:15.123456789Z), in seconds."""
    t = text.rstrip("Z")
    frac = 0.0
    if "." in t:
        t, f = t.split(".", 1)
        frac = float("0." + f)
    return dt.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.timezone.utc).timestamp() + frac


def parse_smi(path, utc_offset_s):
    samples = []
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) < 2:
            raise ValueError(f"{path}:{n}: expected 'timestamp, power.draw', got {line!r}")
        stamp, watts = parts[0], parts[1].replace("W", "").strip()
        try:
            when = dt.datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=dt.timezone.utc)
            samples.append((when.timestamp() - utc_offset_s, float(watts)))
        except ValueError:
            if watts in ("[N/A]", "N/A", "[Not Supported]"):
                continue
            raise ValueError(f"{path}:{n}: cannot read {line!r} (timestamp 'YYYY/MM/DD HH:MM:SS.fff', watts)")
    return sorted(samples)


def compare(run_dir, samples, min_samples):
    rows = []
    for n, line in enumerate((Path(run_dir) / "trials.jsonl").read_text().splitlines(), 1):
        t = json.loads(line)
        if t.get("status") != "OK" or t.get("energyJ") is None or t.get("powerW") is None:
            continue
        start, end = parse_instant(t["started"]), parse_instant(t["ended"])
        inside = [w for (s, w) in samples if start <= s <= end]
        smi = statistics.fmean(inside) if inside else None
        rows.append({"trial": t["trialId"], "journalW": t["powerW"], "energyJ": t["energyJ"], "smiW": smi,
                     "samples": len(inside), "ratio": (t["powerW"] / smi) if smi else None})
    usable = [r["ratio"] for r in rows if r["ratio"] is not None and r["samples"] >= min_samples]
    return rows, (statistics.median(usable) if usable else None), len(usable)


def main(argv):
    ap = argparse.ArgumentParser(description="journal energy vs nvidia-smi power.draw, per trial")
    ap.add_argument("run_dir")
    ap.add_argument("power_csv")
    ap.add_argument("--min-samples", type=int, default=5)
    ap.add_argument("--utc-offset-s", type=float, default=-time.timezone if not time.daylight else -time.altzone)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    try:
        samples = parse_smi(a.power_csv, a.utc_offset_s)
        rows, median, used = compare(a.run_dir, samples, a.min_samples)
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
        print(f"energy_check: {e}", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps({"trials": rows, "medianRatio": median, "trialsCompared": used}, indent=1))
    else:
        print("trial\tjournal W\tnvidia-smi W\tratio\tsamples")
        for r in rows:
            smi = "-" if r["smiW"] is None else f"{r['smiW']:.1f}"
            ratio = "-" if r["ratio"] is None else f"{r['ratio']:.3f}"
            print(f"{r['trial']}\t{r['journalW']:.1f}\t{smi}\t{ratio}\t{r['samples']}")
        print(f"median journal/nvidia-smi over {used} trials: " + ("-" if median is None else f"{median:.3f}"))
    return 0 if median is not None else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
