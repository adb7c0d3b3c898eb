#!/usr/bin/env python3
"""PyTorch's own timing of the ops that scalebench's KernelBench times, for a side-by-side comparison.

The same cases (op, dtype, shape), the same FLOP and byte counts (kernels/.../bench/Costs.java), the same timing
protocol (kernels/.../bench/Timing.java) and the same JSON lines, with "impl": "torch":

  one untimed launch; warm-up of at least --warmup launches and --warmup-ms of device time, timed by CUDA events to
  estimate one launch; then --reps repetitions of R back-to-back launches between one pair of events, R chosen so a
  repetition lasts about --rep-ms (1 to 500), each repetition queued behind torch.cuda._sleep long enough for Python
  to queue all R launches first (so the events time the kernels, not the interpreter). Per launch: a repetition's
  time over R; reported: median and minimum over the repetitions.

Ops: gemm_nt = F.linear(a, w) (TF32 off for fp32, as scalebench's fp32 GEMM uses no TF32); softmax_rows =
F.softmax(x, -1); layernorm = F.layer_norm without bias; gelu = F.gelu (erf); silu_mul = F.silu(g) * u on the two
halves of one [rows, 2*dff] tensor; attention_prefill = F.scaled_dot_product_attention(is_causal=True) on q, k, v
viewed from one fused QKV tensor [b*s, 3*h*d] (scalebench's layout); attention_decode = the same with one query per
sequence over K and V caches [b, h, ctx, d]; probe_copy = dst.copy_(src); probe_triad = torch.add(a, b, alpha=2,
out=c); launch_gap = torch.add on 1024 floats.

  python3 tools/gpu/torch_ops.py [--ops gemm,softmax,...] [--reps N] [--warmup N] [--json-only]
  python3 tools/gpu/torch_ops.py --list       the cases and their costs, no torch needed
  python3 tools/gpu/torch_ops.py --dry-run    every case once on the CPU at 1/32 of each large dimension, in fp32

Exit 0 when every case ran, 2 on bad usage, 4 when torch or CUDA is unavailable or a case failed.
"""
import argparse
import json
import math
import sys
import time

GROUPS = ["probes", "gemm", "softmax", "layernorm", "gelu", "silu_mul", "prefill", "decode", "gap"]
PROBE_N4 = 1 << 26
GAP_ELEMENTS = 1024
MAX_LAUNCHES_PER_REP = 500
MAX_WARMUP_LAUNCHES = 5000
HOLD_MARGIN_NS = 20_000
MAX_HOLD_NS = 100_000_000
WIDTH = {"fp32": 4, "fp16": 2, "bf16": 2}


# ---- costs: the same formulas as Costs.java ------------------------------------------------------------------------

def gemm_flops(m, n, k):
    return 2 * m * n * k


def gemm_bytes(t, m, n, k):
    return WIDTH[t] * (m * k + n * k + m * n)


def softmax_flops(rows, cols):
    return 5 * rows * cols


def softmax_bytes(t, rows, cols):
    return WIDTH[t] * 2 * rows * cols


def layernorm_flops(rows, cols):
    return 6 * rows * cols


def layernorm_bytes(t, rows, cols):
    return WIDTH[t] * (2 * rows * cols + cols)


def gelu_flops(n):
    return 5 * n


def gelu_bytes(t, n):
    return WIDTH[t] * 2 * n


def silu_mul_flops(rows, dff):
    return 5 * rows * dff


def silu_mul_bytes(t, rows, dff):
    return WIDTH[t] * 3 * rows * dff


def add_flops(n):
    return n


def add_bytes(t, n):
    return WIDTH[t] * 3 * n


def prefill_flops(b, s, h, d, causal):
    pairs = s * (s + 1) // 2 if causal else s * s
    return 4 * d * pairs * b * h


def prefill_bytes(t, b, s, h, kv, d):
    return WIDTH[t] * b * s * d * (2 * h + 2 * kv)


def decode_flops(b, ctx, h, d):
    return 4 * b * h * ctx * d


def decode_bytes(t, b, ctx, h, kv, d):
    return WIDTH[t] * (2 * b * kv * ctx * d + 2 * b * h * d)


# ---- cases ---------------------------------------------------------------------------------------------------------

class Case:
    """One op at one shape and dtype; make(torch, F, device, dtype, p) allocates and returns the launch."""

    def __init__(self, group, op, dtype, shape, label, flops, nbytes, params, make):
        self.group, self.op, self.dtype, self.shape, self.label = group, op, dtype, shape, label
        self.flops, self.bytes, self.params, self.make = flops, nbytes, params, make

    def key(self):
        d = {"op": self.op, "dtype": self.dtype, "shape": self.shape}
        if self.label is not None:
            d["label"] = self.label
        return d

    def list_line(self):
        d = self.key()
        d["flops"] = self.flops
        d["bytes"] = self.bytes
        return dumps(d)


def _gemm(torch, F, dev, dt, p):
    a = torch.randn(p["m"], p["k"], device=dev, dtype=dt)
    w = torch.randn(p["n"], p["k"], device=dev, dtype=dt)
    return lambda: F.linear(a, w)


def _softmax(torch, F, dev, dt, p):
    x = torch.randn(p["rows"], p["cols"], device=dev, dtype=dt)
    return lambda: F.softmax(x, dim=-1)


def _layernorm(torch, F, dev, dt, p):
    cols = p["cols"]
    x = torch.randn(p["rows"], cols, device=dev, dtype=dt)
    w = torch.ones(cols, device=dev, dtype=dt)
    return lambda: F.layer_norm(x, (cols,), w, None, 1e-5)


def _gelu(torch, F, dev, dt, p):
    x = torch.randn(p["n"], device=dev, dtype=dt)
    return lambda: F.gelu(x)


def _silu_mul(torch, F, dev, dt, p):
    dff = p["dff"]
    gu = torch.randn(p["rows"], 2 * dff, device=dev, dtype=dt)
    g, u = gu[:, :dff], gu[:, dff:]
    return lambda: F.silu(g) * u


def _prefill(torch, F, dev, dt, p):
    b, s, h, kv, d, causal = p["b"], p["s"], p["h"], p["kv"], p["d"], p["causal"]
    if kv != h:
        raise ValueError("the torch side runs multi-head attention only (kv == h)")
    qkv = torch.randn(b * s, (h + 2 * kv) * d, device=dev, dtype=dt).view(b, s, h + 2 * kv, d)
    q = qkv[:, :, :h].transpose(1, 2)
    k = qkv[:, :, h:h + kv].transpose(1, 2)
    v = qkv[:, :, h + kv:].transpose(1, 2)
    return lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal)


def _decode(torch, F, dev, dt, p):
    b, ctx, h, kv, d = p["b"], p["ctx"], p["h"], p["kv"], p["d"]
    if kv != h:
        raise ValueError("the torch side runs multi-head attention only (kv == h)")
    q = torch.randn(b, h, 1, d, device=dev, dtype=dt)
    k = torch.randn(b, kv, ctx, d, device=dev, dtype=dt)
    v = torch.randn(b, kv, ctx, d, device=dev, dtype=dt)
    return lambda: F.scaled_dot_product_attention(q, k, v)


def _copy(torch, F, dev, dt, p):
    src = torch.randn(4 * p["n4"], device=dev, dtype=dt)
    dst = torch.empty_like(src)
    return lambda: dst.copy_(src)


def _triad(torch, F, dev, dt, p):
    a = torch.randn(4 * p["n4"], device=dev, dtype=dt)
    b = torch.randn_like(a)
    c = torch.empty_like(a)
    return lambda: torch.add(a, b, alpha=2.0, out=c)


def _add(torch, F, dev, dt, p):
    a = torch.randn(p["n"], device=dev, dtype=dt)
    b = torch.randn_like(a)
    y = torch.empty_like(a)
    return lambda: torch.add(a, b, out=y)


def gemm(t, m, n, k, label):
    return Case("gemm", "gemm_nt", t, f"M={m},N={n},K={k}", label, gemm_flops(m, n, k), gemm_bytes(t, m, n, k),
                dict(m=m, n=n, k=k), _gemm)


def softmax(t, rows, cols):
    return Case("softmax", "softmax_rows", t, f"rows={rows},cols={cols}", None, softmax_flops(rows, cols),
                softmax_bytes(t, rows, cols), dict(rows=rows, cols=cols), _softmax)


def layernorm(t, rows, cols):
    return Case("layernorm", "layernorm", t, f"rows={rows},cols={cols}", None, layernorm_flops(rows, cols),
                layernorm_bytes(t, rows, cols), dict(rows=rows, cols=cols), _layernorm)


def gelu(t, n):
    return Case("gelu", "gelu", t, f"n={n}", None, gelu_flops(n), gelu_bytes(t, n), dict(n=n), _gelu)


def silu_mul(t, rows, dff):
    return Case("silu_mul", "silu_mul", t, f"rows={rows},dff={dff}", None, silu_mul_flops(rows, dff),
                silu_mul_bytes(t, rows, dff), dict(rows=rows, dff=dff), _silu_mul)


def prefill(t, b, s, h, kv, d, causal):
    shape = f"b={b},s={s},h={h},kv={kv},d={d}" + (",causal" if causal else "")
    return Case("prefill", "attention_prefill", t, shape, None, prefill_flops(b, s, h, d, causal),
                prefill_bytes(t, b, s, h, kv, d), dict(b=b, s=s, h=h, kv=kv, d=d, causal=causal), _prefill)


def decode(t, b, ctx, h, kv, d):
    return Case("decode", "attention_decode", t, f"b={b},ctx={ctx},h={h},kv={kv},d={d}", None,
                decode_flops(b, ctx, h, d), decode_bytes(t, b, ctx, h, kv, d), dict(b=b, ctx=ctx, h=h, kv=kv, d=d),
                _decode)


def cases():
    """Every case, in run order: the same list as BenchCases.java."""
    c = [Case("probes", "probe_copy", "fp32", f"n4={PROBE_N4}", None, 0, 32 * PROBE_N4, dict(n4=PROBE_N4), _copy),
         Case("probes", "probe_triad", "fp32", f"n4={PROBE_N4}", None, 8 * PROBE_N4, 48 * PROBE_N4,
              dict(n4=PROBE_N4), _triad)]
    c += [gemm(t, 4096, 4096, 4096, "square") for t in ("bf16", "fp16", "fp32")]
    c += [gemm("bf16", 2048, 3 * 4096, 4096, "qkv"), gemm("bf16", 2048, 4096, 4096, "attn_out"),
          gemm("bf16", 2048, 2 * 11008, 4096, "ffn_up"), gemm("bf16", 2048, 4096, 11008, "ffn_down"),
          gemm("bf16", 16, 3 * 4096, 4096, "decode_qkv")]
    c += [softmax(t, 16384, 4096) for t in ("bf16", "fp16", "fp32")]
    c += [softmax(t, 4096, 1024) for t in ("bf16", "fp32")]
    c += [layernorm(t, 16384, 4096) for t in ("bf16", "fp16", "fp32")]
    c += [gelu(t, 1 << 26) for t in ("bf16", "fp16", "fp32")]
    c += [silu_mul(t, 8192, 11008) for t in ("bf16", "fp32")]
    c += [prefill("bf16", 4, 2048, 32, 32, 128, True), prefill("fp16", 4, 2048, 32, 32, 128, True),
          prefill("bf16", 4, 2048, 32, 32, 64, True)]
    c += [decode("bf16", 16, 4096, 32, 32, 128), decode("fp16", 16, 4096, 32, 32, 128)]
    c.append(Case("gap", "launch_gap", "fp32", f"n={GAP_ELEMENTS}", None, add_flops(GAP_ELEMENTS),
                  add_bytes("fp32", GAP_ELEMENTS), dict(n=GAP_ELEMENTS), _add))
    return c


# ---- output ----------------------------------------------------------------------------------------------------------

def dumps(d):
    return json.dumps(d, separators=(",", ":"))


def num(x):
    """6 significant digits, as KernelBench prints; None when not finite."""
    if x is None or not math.isfinite(x):
        return None
    return float(f"{x:.6g}")


# ---- timing: the same protocol as Timing.java --------------------------------------------------------------------

def warmup_launches(minimum, nanos, estimate):
    for_time = math.ceil(nanos / max(1.0, estimate))
    return int(max(max(1, minimum), min(for_time, MAX_WARMUP_LAUNCHES)))


def launches_per_rep(estimate, rep_nanos):
    r = math.ceil(rep_nanos / max(1.0, estimate))
    return int(max(1, min(r, MAX_LAUNCHES_PER_REP)))


def hold_nanos(r, host_per_launch):
    return round(1.5 * r * host_per_launch) + HOLD_MARGIN_NS


def median(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


class Spacer:
    """torch.cuda._sleep(cycles) before each repetition, calibrated to nanoseconds; a no-op when off."""

    def __init__(self, torch, enabled):
        self.torch = torch
        self.ns_per_cycle = None
        if enabled and hasattr(torch.cuda, "_sleep"):
            torch.cuda._sleep(1000)
            torch.cuda.synchronize()
            s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            cycles = 5_000_000
            s.record()
            torch.cuda._sleep(cycles)
            e.record()
            e.synchronize()
            self.ns_per_cycle = max(1e-6, s.elapsed_time(e) * 1e6 / cycles)

    def enabled(self):
        return self.ns_per_cycle is not None

    def hold(self, nanos):
        if self.ns_per_cycle is not None:
            self.torch.cuda._sleep(max(1, int(min(nanos, MAX_HOLD_NS) / self.ns_per_cycle)))


def measure(torch, launch, args, spacer):
    """Returns (median ns, min ns, reps, launches per rep, warm-up launches, host ns per launch)."""
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    launch()
    torch.cuda.synchronize()
    start.record()
    launch()
    stop.record()
    stop.synchronize()
    first = max(1.0, start.elapsed_time(stop) * 1e6)
    w = warmup_launches(args.warmup, args.warmup_ms * 1e6, first)
    t0 = time.perf_counter_ns()
    start.record()
    for _ in range(w):
        launch()
    stop.record()
    host = (time.perf_counter_ns() - t0) / w
    stop.synchronize()
    estimate = max(1.0, start.elapsed_time(stop) * 1e6 / w)
    r = launches_per_rep(estimate, args.rep_ms * 1e6)
    hold = hold_nanos(r, host)
    per_launch = []
    for _ in range(args.reps):
        spacer.hold(hold)
        start.record()
        for _ in range(r):
            launch()
        stop.record()
        stop.synchronize()
        per_launch.append(start.elapsed_time(stop) * 1e6 / r)
    return median(per_launch), min(per_launch), len(per_launch), r, w, host


def launch_gap(torch, launch, args, spacer):
    """Host time per launch of a loop of --launches (with the final sync), its queueing time, events around it."""
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    n = args.launches
    for _ in range(min(n, 1000)):
        launch()
    torch.cuda.synchronize()
    host, enqueue, events = [], [], []
    for _ in range(3):
        t0 = time.perf_counter_ns()
        start.record()
        for _ in range(n):
            launch()
        stop.record()
        t1 = time.perf_counter_ns()
        torch.cuda.synchronize()
        t2 = time.perf_counter_ns()
        host.append((t2 - t0) / n)
        enqueue.append((t1 - t0) / n)
        events.append(start.elapsed_time(stop) * 1e6 / n)
    device = measure(torch, launch, args, spacer)[0]
    return median(host), median(enqueue), median(events), device


# ---- sdpa backend --------------------------------------------------------------------------------------------------

def flash_only(torch, on):
    """Allows only the flash backend of SDPA (on) or every backend again (off)."""
    cuda = torch.backends.cuda
    cuda.enable_math_sdp(not on)
    cuda.enable_mem_efficient_sdp(not on)
    cuda.enable_flash_sdp(True)


# ---- main ----------------------------------------------------------------------------------------------------------

def parse(argv):
    p = argparse.ArgumentParser(description="PyTorch timing of the ops KernelBench times (JSON lines).")
    p.add_argument("--ops", default="all", help="groups, comma-separated: all," + ",".join(GROUPS))
    p.add_argument("--reps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--warmup-ms", type=float, default=50.0)
    p.add_argument("--rep-ms", type=float, default=10.0)
    p.add_argument("--launches", type=int, default=10000)
    p.add_argument("--no-spacer", action="store_true")
    p.add_argument("--json-only", action="store_true")
    p.add_argument("--list", action="store_true")
    p.add_argument("--dry-run", action="store_true")
    a = p.parse_args(argv)
    asked = set()
    for g in a.ops.split(","):
        g = g.strip()
        if g == "all":
            asked.update(GROUPS)
        elif g in GROUPS:
            asked.add(g)
        else:
            p.error(f"--ops: unknown group '{g}'; known: all," + ",".join(GROUPS))
    bounds = [("--reps", a.reps, 1, 100_000), ("--warmup", a.warmup, 0, 100_000),
              ("--warmup-ms", a.warmup_ms, 0, 60_000), ("--rep-ms", a.rep_ms, 0, 10_000),
              ("--launches", a.launches, 1, 10_000_000)]
    for name, v, lo, hi in bounds:
        if not lo <= v <= hi:
            p.error(f"{name} {v} must be between {lo} and {hi}")
    a.groups = [g for g in GROUPS if g in asked]
    return a


def selected(args):
    return [c for c in cases() if c.group in args.groups]


def human(args, text):
    if not args.json_only:
        print("# " + text, flush=True)


def dry_run(args):
    """Every case once on the CPU in fp32, each dimension of 64 or more divided by 32: checks the calls and shapes."""
    import torch
    import torch.nn.functional as F
    failed = 0
    for c in selected(args):
        p = {k: (max(1, v // 32) if isinstance(v, int) and not isinstance(v, bool) and v >= 64 else v)
             for k, v in c.params.items()}
        try:
            out = c.make(torch, F, "cpu", torch.float32, p)()
            ok = bool(torch.isfinite(out).all())
            print(dumps(dict(c.key(), dry_run=True, params=p, out_shape=list(out.shape), finite=ok)), flush=True)
            failed += 0 if ok else 1
        except Exception as e:  # report and go on: the point is to see every case
            failed += 1
            print(dumps(dict(c.key(), dry_run=True, params=p, error=f"{type(e).__name__}: {e}")), flush=True)
    return 4 if failed else 0


def main(argv):
    args = parse(argv)
    if args.list:
        for c in selected(args):
            print(c.list_line())
        return 0
    if args.dry_run:
        return dry_run(args)
    try:
        import torch
        import torch.nn.functional as F
    except Exception as e:
        print(f"unavailable: PyTorch is not importable: {e}", file=sys.stderr)
        print("fix: install a CUDA build of PyTorch for this python3", file=sys.stderr)
        return 4
    if not torch.cuda.is_available():
        print(f"unavailable: torch.cuda.is_available() is False (torch {torch.__version__}, "
              f"built for CUDA {torch.version.cuda})", file=sys.stderr)
        print("fix: run on a machine with an NVIDIA GPU and a CUDA build of PyTorch", file=sys.stderr)
        return 4
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda", 0)
    torch.cuda.set_device(dev)
    props = torch.cuda.get_device_properties(dev)
    name = props.name
    dtypes = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}
    spacer = Spacer(torch, not args.no_spacer)
    meta = {"meta": True, "impl": "torch", "device": name, "cc": f"{props.major}.{props.minor}",
            "sms": props.multi_processor_count, "l2_bytes": getattr(props, "L2_cache_size", None),
            "memory_bytes": props.total_memory, "torch": torch.__version__, "cuda": torch.version.cuda,
            "cudnn": torch.backends.cudnn.version(), "python": sys.version.split()[0],
            "spacer": spacer.enabled(), "spacer_ns_per_cycle": num(spacer.ns_per_cycle), "reps": args.reps,
            "warmup": args.warmup, "warmup_ms": args.warmup_ms, "rep_ms": args.rep_ms, "allow_tf32": False}
    print(dumps(meta), flush=True)
    human(args, f"{name} (sm_{props.major}{props.minor}, {props.multi_processor_count} SMs), torch {torch.__version__}, "
                f"CUDA {torch.version.cuda}; spacer {'on' if spacer.enabled() else 'off'}")
    failed = 0
    for c in selected(args):
        base = {"op": c.op, "impl": "torch", **{k: v for k, v in c.key().items() if k != "op"}}
        attention = c.op.startswith("attention_")
        backend = None
        try:
            launch = c.make(torch, F, dev, dtypes[c.dtype], c.params)
            if attention:
                flash_only(torch, True)
                try:
                    launch()
                    torch.cuda.synchronize()
                    backend = "flash"
                except RuntimeError:
                    flash_only(torch, False)
                    backend = "default (flash not eligible)"
            if c.group == "gap":
                host, enqueue, events, device = launch_gap(torch, launch, args, spacer)
                line = dict(base, launches=args.launches, host_ns=num(host), enqueue_ns=num(enqueue),
                            launch_call_ns=None, events_ns=num(events), device_ns=num(device),
                            gap_ns=num(host - device), device=name, torch=torch.__version__, cuda=torch.version.cuda)
                print(dumps(line), flush=True)
                human(args, f"launch gap ({c.op} {c.dtype} {c.shape}, {args.launches} launches a loop): host "
                            f"{host / 1e3:.2f} us per launch (queueing {enqueue / 1e3:.2f}), device "
                            f"{device / 1e3:.2f} us back to back, events around the host loop {events / 1e3:.2f} us: "
                            f"gap {(host - device) / 1e3:.2f} us")
            else:
                med, mn, reps, r, w, host = measure(torch, launch, args, spacer)
                line = dict(base, median_us=num(med / 1e3), min_us=num(mn / 1e3), flops=c.flops, bytes=c.bytes,
                            tflops=num(c.flops / med / 1e3), gbs=num(c.bytes / med), reps=reps, launches_per_rep=r,
                            warmup_launches=w, host_us_per_launch=num(host / 1e3), device=name,
                            torch=torch.__version__, cuda=torch.version.cuda)
                if backend is not None:
                    line["backend"] = backend
                print(dumps(line), flush=True)
                label = f" {c.label}" if c.label else ""
                human(args, f"{c.op:<17} {c.dtype:<4} {c.shape + label:<34} median {med / 1e3:10.2f} us  min "
                            f"{mn / 1e3:10.2f} us  {c.flops / med / 1e3:7.1f} TFLOP/s  {c.bytes / med:7.1f} GB/s")
        except Exception as e:  # one case failing (out of memory, an op torch lacks) must not hide the others
            failed += 1
            print(dumps(dict(base, error=f"{type(e).__name__}: {e}")), flush=True)
        finally:
            launch = None
            try:
                if attention:
                    flash_only(torch, False)
                torch.cuda.synchronize()
                torch.cuda.empty_cache()
            except RuntimeError:
                pass  # a failed kernel left the context unusable: the next cases report it
    return 4 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
