#!/usr/bin/env python3
"""Joins KernelBench's and torch_ops.py's JSON lines into a Markdown table against issue 5's targets.

  python3 tools/gpu/join.py --scalebench sb.jsonl --torch torch.jsonl [--profiles profiles/hardware] [--out table.md]

Rows are joined on (op, dtype, shape). Per row: both median times per launch, their ratio, what each achieved
(TFLOP/s for compute-bound rows, GB/s for bandwidth-bound ones), scalebench's fraction of its ceiling and the marks:

  ceiling   bandwidth-bound kernels (softmax, layernorm, gelu, silu_mul, decode attention) at >= 80 % of scalebench's
            copy probe, judged only where the working set is at least 4x the L2 (else "n/a (L2)", since it is then
            served from the cache); the bf16 GEMM at 4096^3 at >= 50 % of the bf16 dense data-sheet peak.
  vs torch  scalebench's median at most 1.05x PyTorch's (faster passes); not judged for the probes, which are
            the bandwidth reference rather than kernels of the layer.

GEMMs count as bandwidth-bound when their FLOPs per byte fall below the GPU's ridge point (peak / bandwidth of the
data sheet). The data sheet is the profiles/hardware/*.yaml whose `match` words all occur in the device name (most
matches win); without one, H100 SXM's figures are assumed and the table says so. Lines that are not JSON objects
(the '#' lines for people) are skipped. Exit 0, or 2 when an input cannot be read.
"""
import argparse
import glob
import json
import os
import re
import sys

BANDWIDTH_OPS = {"softmax_rows", "layernorm", "gelu", "silu_mul", "attention_decode"}
COMPUTE_OPS = {"attention_prefill"}
PROBES = {"probe_copy", "probe_triad"}
BANDWIDTH_TARGET = 0.80
GEMM_TARGET = 0.50
GEMM_TARGET_SHAPE = "M=4096,N=4096,K=4096"
TORCH_MARGIN = 1.05
L2_FACTOR = 4
ASSUMED = {"name": "NVIDIA H100 SXM5 80GB (assumed)", "bandwidth": 3.35e12, "l2": 52428800,
           "peaks": {"fp32": 67e12, "tf32": 495e12, "bf16": 989e12, "fp16": 989e12}}


def read_lines(path):
    """(meta, rows in file order, skipped line count) of one JSON-lines file."""
    meta, rows, skipped = {}, [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                skipped += 1 if line and not line.startswith("#") else 0
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                skipped += 1
                continue
            if obj.get("meta"):
                meta = obj
            elif "op" in obj:
                rows.append(obj)
    return meta, rows, skipped


def parse_profile(path):
    """The few keys of a hardware profile the table needs, without a YAML library."""
    p = {"id": os.path.splitext(os.path.basename(path))[0], "match": [], "peaks": {}}
    block = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = re.sub(r"\s+#.*$", "", raw.rstrip("\n"))
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indented = line[0] in " \t"
            key, _, value = line.strip().partition(":")
            value = value.strip()
            if not indented:
                block = key if value == "" else None
                if key == "name":
                    p["name"] = value.strip("\"'")
                elif key == "kind":
                    p["kind"] = value
                elif key == "match":
                    p["match"] = [w.strip().strip("\"'") for w in value.strip("[]").split(",") if w.strip()]
                elif key == "bandwidth-bytes-per-s":
                    p["bandwidth"] = float(value)
                elif key == "l2-bytes":
                    p["l2"] = float(value)
            elif block == "peak-flops-per-s" and value:
                p["peaks"][key] = float(value)
    return p


def find_profile(directory, device):
    """The profile matching the device name best, or None."""
    best, best_score = None, None
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        try:
            p = parse_profile(path)
        except (OSError, ValueError):
            continue
        if p.get("kind", "gpu") != "gpu" or not p["match"]:
            continue
        if all(re.search(r"(?<![A-Za-z0-9])" + re.escape(w) + r"(?![A-Za-z0-9])", device, re.I) for w in p["match"]):
            score = (len(p["match"]), sum(len(w) for w in p["match"]))
            if best_score is None or score > best_score:
                best, best_score = p, score
    return best


def us(v):
    if v is None:
        return "—"
    return f"{v:.2f}" if v < 1000 else f"{v:.1f}"


def pct(v):
    return "—" if v is None else f"{100 * v:.1f} %"


def rate(row, compute):
    if row is None or row.get("median_us") is None:
        return "—"
    return f"{row['tflops']:.1f} TFLOP/s" if compute else f"{row['gbs']:.0f} GB/s"


def key(row):
    return row["op"], row["dtype"], row["shape"]


def join(sb_path, torch_path, profiles):
    sb_meta, sb_rows, sb_skipped = read_lines(sb_path)
    t_meta, t_rows, t_skipped = read_lines(torch_path) if torch_path else ({}, [], 0)
    device = sb_meta.get("device") or t_meta.get("device") or (sb_rows + t_rows + [{}])[0].get("device") or "unknown"
    profile = find_profile(profiles, device) if profiles else None
    hw = profile if profile and profile.get("bandwidth") and profile.get("peaks") else None
    bandwidth = hw["bandwidth"] if hw else ASSUMED["bandwidth"]
    peaks = hw["peaks"] if hw else ASSUMED["peaks"]
    l2 = sb_meta.get("l2_bytes") or t_meta.get("l2_bytes") or (hw or {}).get("l2") or ASSUMED["l2"]

    sb = {key(r): r for r in sb_rows}
    tr = {key(r): r for r in t_rows}
    order = [key(r) for r in sb_rows] + [key(r) for r in t_rows if key(r) not in sb]

    copy_row = sb.get(("probe_copy", "fp32", next((k[2] for k in sb if k[0] == "probe_copy"), "")))
    copy_ref, copy_src = None, "none (no probe_copy line)"
    if copy_row and copy_row.get("gbs"):
        copy_ref, copy_src = copy_row["gbs"], "scalebench probe_copy"
    else:
        t_copy = next((r for r in t_rows if r["op"] == "probe_copy" and r.get("gbs")), None)
        if t_copy:
            copy_ref, copy_src = t_copy["gbs"], "torch copy_ (scalebench's probe_copy missing)"

    out = ["## Kernel benchmarks: scalebench vs PyTorch", ""]
    hw_text = (f"data sheet `{profile['id']}` ({profile.get('name', '?')})" if hw
               else f"no profile in {profiles} matches; assumed {ASSUMED['name']}")
    out.append(f"- Device: **{device}**; {hw_text}: {bandwidth / 1e9:.0f} GB/s, dense peaks "
               + ", ".join(f"{d} {peaks[d] / 1e12:.0f}" for d in ("bf16", "fp16", "fp32") if d in peaks)
               + " TFLOP/s; L2 " + f"{l2 / 2 ** 20:.0f} MiB.")
    if sb_meta:
        out.append(f"- scalebench: driver CUDA {sb_meta.get('driver_cuda', '?')}, JCuda {sb_meta.get('jcuda', '?')}, "
                   f"Java {sb_meta.get('java', '?')}; spacer {'on' if sb_meta.get('spacer') else 'off'}; modules: "
                   + "; ".join(m.split(" (after:")[0] for m in sb_meta.get("load", []))
                   + " (why other forms did not load: the meta line of scalebench.jsonl).")
    else:
        out.append("- scalebench: no meta line (did KernelBench run?).")
    if t_meta:
        out.append(f"- PyTorch {t_meta.get('torch', '?')} (CUDA {t_meta.get('cuda', '?')}); spacer "
                   f"{'on' if t_meta.get('spacer') else 'off'}; TF32 off.")
    else:
        out.append("- PyTorch: no meta line (did torch_ops.py run?).")
    copy_text = f"{copy_ref:.0f} GB/s ({copy_src}, {copy_ref * 1e9 / bandwidth * 100:.0f} % of the data sheet)" \
        if copy_ref else copy_src
    out.append(f"- Bandwidth reference: {copy_text}.")
    out.append(f"- Targets (issue 5): bandwidth-bound kernels ≥ {BANDWIDTH_TARGET:.0%} of the copy probe (working set "
               f"≥ {L2_FACTOR}× L2); bf16 GEMM 4096³ ≥ {GEMM_TARGET:.0%} of the bf16 dense peak; every kernel "
               f"within {TORCH_MARGIN - 1:.0%} of PyTorch (scalebench µs ≤ {TORCH_MARGIN}× torch µs).")
    out.append("")
    out.append("| op | dtype | shape | scalebench µs | torch µs | sb/torch | scalebench | torch | % of ceiling "
               "| ceiling target | vs torch |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|")
    marks = {"ceiling": {}, "torch": {}}
    gaps = []
    mismatches = []
    for k in order:
        s, t = sb.get(k), tr.get(k)
        any_row = s or t
        if k[0] == "launch_gap":
            gaps += [r for r in (s, t) if r is not None]
            continue
        op, dtype, shape = k
        label = any_row.get("label")
        if s and t and (s.get("flops"), s.get("bytes")) != (t.get("flops"), t.get("bytes")) \
                and "error" not in s and "error" not in t:
            mismatches.append(f"{op} {dtype} {shape}")
        flops, nbytes = any_row.get("flops") or 0, any_row.get("bytes") or 0
        peak = peaks.get(dtype)
        if op == "gemm_nt":
            ridge = peak / bandwidth if peak else 0
            compute = nbytes == 0 or flops / nbytes >= ridge
        else:
            compute = op in COMPUTE_OPS
        s_ok = s is not None and s.get("median_us") is not None
        t_ok = t is not None and t.get("median_us") is not None
        ceiling, ceiling_mark = None, "—"
        if s_ok and op not in PROBES:
            if compute and peak:
                ceiling = s["tflops"] * 1e12 / peak
            elif not compute and copy_ref:
                ceiling = s["gbs"] / copy_ref
            if op in BANDWIDTH_OPS:
                if nbytes < L2_FACTOR * l2:
                    ceiling_mark = "n/a (L2)"
                elif ceiling is not None:
                    ceiling_mark = "PASS" if ceiling >= BANDWIDTH_TARGET else "MISS"
            elif op == "gemm_nt" and dtype == "bf16" and shape == GEMM_TARGET_SHAPE and ceiling is not None:
                ceiling_mark = "PASS" if ceiling >= GEMM_TARGET else "MISS"
        elif s is not None and "error" in s:
            ceiling_mark = "ERROR"
        ratio, torch_mark = None, "—"
        if s_ok and t_ok:
            ratio = s["median_us"] / t["median_us"]
            if op not in PROBES:
                torch_mark = "PASS" if ratio <= TORCH_MARGIN else "MISS"
        elif (s is not None and "error" in s) or (t is not None and "error" in t):
            torch_mark = "ERROR"
        if ceiling_mark in ("PASS", "MISS", "ERROR"):
            marks["ceiling"][k] = ceiling_mark
        if torch_mark in ("PASS", "MISS", "ERROR"):
            marks["torch"][k] = torch_mark
        s_us = us(s["median_us"]) if s_ok else ("error" if s else "—")
        t_us = us(t["median_us"]) if t_ok else ("error" if t else "—")
        name = op + (f" ({label})" if label else "")
        out.append(f"| {name} | {dtype} | {shape} | {s_us} | {t_us} | "
                   f"{'—' if ratio is None else f'{ratio:.3f}'} | {rate(s, compute)} | {rate(t, compute)} | "
                   f"{pct(ceiling)} | {ceiling_mark} | {torch_mark} |")
    out.append("")
    for name, title in (("ceiling", "ceiling targets"), ("torch", "within 5 % of PyTorch")):
        m = marks[name]
        counts = {x: sum(1 for v in m.values() if v == x) for x in ("PASS", "MISS", "ERROR")}
        missed = [" ".join(k) for k, v in m.items() if v != "PASS"]
        out.append(f"**{title}:** {counts['PASS']} PASS, {counts['MISS']} MISS, {counts['ERROR']} ERROR"
                   + (f" (not passed: {'; '.join(missed)})" if missed else "") + "  ")
    errors = [f"{r['impl']} {r['op']} {r['dtype']} {r['shape']}: {r['error']}" for r in sb_rows + t_rows
              if "error" in r]
    if errors:
        out += ["", "Errors:", ""] + [f"- {e}" for e in errors]
    if mismatches:
        out += ["", "FLOP or byte counts differ between the two sides (fix the formulas before trusting the rates): "
                + "; ".join(mismatches)]
    if sb_skipped or t_skipped:
        out += ["", f"Unreadable lines skipped: scalebench {sb_skipped}, torch {t_skipped}."]
    if gaps:
        out += ["", "### Host-vs-device gap per launch", "",
                "A loop of launches of a tiny kernel (add over 1024 floats): host time per launch with the final "
                "synchronisation, the loop alone (queueing), a bare cuLaunchKernel (scalebench only), events around "
                "the host loop (the rate the host feeds the GPU), and the device time per launch fed back to back. "
                "Gap = host − device.", "",
                "| impl | launches | host µs | queueing µs | cuLaunchKernel µs | events µs | device µs | gap µs |",
                "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for g in gaps:
            if "error" in g:
                out.append(f"| {g['impl']} | error: {g['error']} | | | | | | |")
                continue
            cells = [g.get(f) for f in ("host_ns", "enqueue_ns", "launch_call_ns", "events_ns", "device_ns", "gap_ns")]
            out.append(f"| {g['impl']} | {g.get('launches', '—')} | "
                       + " | ".join("—" if c is None else f"{c / 1e3:.2f}" for c in cells) + " |")
    return "\n".join(out) + "\n"


def main(argv):
    p = argparse.ArgumentParser(description="Markdown table of scalebench's and PyTorch's kernel timings.")
    p.add_argument("--scalebench", required=True, help="KernelBench's output (JSON lines)")
    p.add_argument("--torch", help="torch_ops.py's output (JSON lines)")
    p.add_argument("--profiles", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                      "profiles", "hardware"),
                   help="hardware profiles (default: the repository's profiles/hardware)")
    p.add_argument("--out", help="write the table here as well as to standard output")
    a = p.parse_args(argv)
    try:
        table = join(a.scalebench, a.torch, a.profiles)
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(table)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
