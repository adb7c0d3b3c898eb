#!/usr/bin/env python3
"""Turns vLLM and NVIDIA AIPerf benchmark results into the CSV that `scalebench fit --input` reads.

  python3 tools/fit-input/convert.py vllm   RESULT.json... [--model NAME] [--batch N] [--seq N] [--output N]
  python3 tools/fit-input/convert.py aiperf profile_export_aiperf.csv... --batch N [--model NAME] [--seq N] ...

Each input file becomes one row: one trial of one generate point (batch, seq, output). Give several files of the
same configuration to get replicates; run once per configuration (with --no-header after the first) to build a
sweep. The columns are those of docs/fit-input.md, "Generation columns"; latencies are written in milliseconds.

vllm    the JSON of `vllm bench latency --output-json` (avg_latency, percentiles in seconds: the latency of one
        batch of --batch-size requests, so --batch, --seq and --output are required and are vLLM's --batch-size,
        --input-len and --output-len), or of `vllm bench serve --save-result` (median_/p99_ ttft, tpot, itl and
        e2el in ms, mean_e2el_ms, output_throughput). For serve results, batch defaults to max_concurrency, seq and
        output to the mean input and output tokens per request (total_input_tokens and total_output_tokens over
        completed), model to model_id.
aiperf  profile_export_aiperf.csv: Time to First Token -> ttft, Inter Token Latency -> tpot (AIPerf's ITL is a
        request's mean gap after the first token, what vLLM and scalebench call TPOT), Request Latency -> e2e
        (p50, p99, avg), Output Token Throughput -> output_tokens_per_s. The file has no concurrency: --batch is
        required (AIPerf's --concurrency). seq and output default to the mean Input and Output Sequence Length.

A '# from FILE' comment line precedes each row. Standard library only. Exit 0; 2 when an input cannot be read or a
value is missing (the message names the file, the field and the option that fixes it).
"""
import argparse
import csv
import io
import json
import re
import sys

COLUMNS = ["model", "dtype", "phase", "batch", "seq", "output", "ttft_ms", "ttft_p99_ms", "tpot_ms", "tpot_p99_ms",
           "itl_ms", "itl_p99_ms", "e2e_ms", "e2e_p99_ms", "e2e_mean_ms", "output_tokens_per_s"]
MS_PER_UNIT = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3, "sec": 1e3}


class Bad(Exception):
    """An input that cannot be converted; the message names the file and what is missing."""


def number(text, where):
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise Bad(f"{where}: expected a number, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Bad(f"{where}: expected a finite number, got {text!r}")
    return value


def whole(value, what, where, option):
    """A mean token count as a whole number; refuses one that is not (nearly) whole."""
    rounded = round(value)
    if rounded < 1 or abs(value - rounded) > 0.01 * rounded:
        raise Bad(f"{where}: the mean {what} per request is {value:g}, not a whole number (requests of different"
                  f" lengths); give {option} N")
    return rounded


def vllm_row(path, args):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise Bad(f"{path}: cannot read as JSON: {e}") from None
    if not isinstance(data, dict):
        raise Bad(f"{path}: expected a JSON object (a vllm bench result)")
    if "avg_latency" in data and "percentiles" in data:
        return vllm_latency(path, data, args)
    if any(k.endswith(("_ttft_ms", "_e2el_ms")) for k in data) or "output_throughput" in data:
        return vllm_serve(path, data, args)
    raise Bad(f"{path}: neither a `vllm bench latency --output-json` result (avg_latency, percentiles) nor a"
              f" `vllm bench serve --save-result` one (mean_ttft_ms, output_throughput, ...)")


def vllm_latency(path, data, args):
    for option in ("batch", "seq", "output"):
        if getattr(args, option) is None:
            raise Bad(f"{path}: a `vllm bench latency` result does not record its shape; give --{option} (vLLM's"
                      f" {dict(batch='--batch-size', seq='--input-len', output='--output-len')[option]})")
    pct = data["percentiles"]
    row = {"model": args.model or "model", "batch": args.batch, "seq": args.seq, "output": args.output,
           "e2e_mean_ms": number(data["avg_latency"], f"{path}: avg_latency") * 1e3}
    for key, column in (("50", "e2e_ms"), ("99", "e2e_p99_ms")):
        if key in pct:
            row[column] = number(pct[key], f"{path}: percentiles[{key}]") * 1e3
    return row


def vllm_serve(path, data, args):
    row = {"model": args.model or data.get("model_id") or "model"}
    completed = data.get("completed")
    row["batch"] = args.batch if args.batch is not None else data.get("max_concurrency")
    if row["batch"] is None:
        raise Bad(f"{path}: max_concurrency is null (the load was set by a request rate); give --batch N")
    for option, total, what in (("seq", "total_input_tokens", "input tokens"),
                                ("output", "total_output_tokens", "output tokens")):
        if getattr(args, option) is not None:
            row[option] = getattr(args, option)
        elif completed and data.get(total) is not None:
            row[option] = whole(number(data[total], f"{path}: {total}") / completed, what, path, f"--{option}")
        else:
            raise Bad(f"{path}: no {total} or completed to take the {what} per request from; give --{option} N")
    for metric, column in (("ttft", "ttft"), ("tpot", "tpot"), ("itl", "itl"), ("e2el", "e2e")):
        for stat, suffix in (("median", ""), ("p99", "_p99")):
            key = f"{stat}_{metric}_ms"
            if data.get(key) is not None:
                row[f"{column}{suffix}_ms"] = number(data[key], f"{path}: {key}")
    if data.get("mean_e2el_ms") is not None:
        row["e2e_mean_ms"] = number(data["mean_e2el_ms"], f"{path}: mean_e2el_ms")
    if data.get("output_throughput") is not None:
        row["output_tokens_per_s"] = number(data["output_throughput"], f"{path}: output_throughput")
    return row


def aiperf_metrics(path):
    """{metric name without unit: (unit, {statistic: text})} from both sections of profile_export_aiperf.csv."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
    except OSError as e:
        raise Bad(f"{path}: cannot read: {e}") from None
    metrics, header = {}, None
    for record in csv.reader(io.StringIO(text)):
        if not record or not any(cell.strip() for cell in record):
            header = None
            continue
        if header is None:
            header = [cell.strip() for cell in record]
            continue
        if "Metric" not in header:
            continue
        cells = dict(zip(header, (cell.strip() for cell in record)))
        m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)", cells["Metric"])
        name, unit = (m.group(1), m.group(2)) if m else (cells["Metric"], "")
        metrics[name] = (unit, cells)
    if not metrics:
        raise Bad(f"{path}: no 'Metric' rows; expected AIPerf's profile_export_aiperf.csv")
    return metrics


def aiperf_row(path, args):
    if args.batch is None:
        raise Bad(f"{path}: profile_export_aiperf.csv does not record the concurrency; give --batch N (AIPerf's"
                  f" --concurrency)")
    metrics = aiperf_metrics(path)
    row = {"model": args.model or "model", "batch": args.batch}

    def ms(name, stat):
        if name not in metrics:
            return None
        unit, cells = metrics[name]
        if unit not in MS_PER_UNIT:
            raise Bad(f"{path}: {name}: unknown unit {unit!r} (expected one of {', '.join(MS_PER_UNIT)})")
        text = cells.get(stat)
        return None if text in (None, "") else number(text, f"{path}: {name} {stat}") * MS_PER_UNIT[unit]

    for name, column in (("Time to First Token", "ttft"), ("Inter Token Latency", "tpot"),
                         ("Request Latency", "e2e")):
        for stat, suffix in (("p50", ""), ("p99", "_p99")):
            value = ms(name, stat)
            if value is not None:
                row[f"{column}{suffix}_ms"] = value
    mean = ms("Request Latency", "avg")
    if mean is not None:
        row["e2e_mean_ms"] = mean
    for option, name in (("seq", "Input Sequence Length"), ("output", "Output Sequence Length")):
        if getattr(args, option) is not None:
            row[option] = getattr(args, option)
        elif name in metrics and metrics[name][1].get("avg"):
            row[option] = whole(number(metrics[name][1]["avg"], f"{path}: {name} avg"), name.lower(), path,
                                f"--{option}")
        else:
            raise Bad(f"{path}: no '{name}' row; give --{option} N")
    if "Output Token Throughput" in metrics:
        value = metrics["Output Token Throughput"][1].get("Value") or metrics["Output Token Throughput"][1].get("avg")
        if value:
            row["output_tokens_per_s"] = number(value, f"{path}: Output Token Throughput")
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="docs/fit-input.md describes the CSV and where each field comes from.")
    parser.add_argument("tool", choices=["vllm", "aiperf"], help="which tool wrote FILE")
    parser.add_argument("files", nargs="+", metavar="FILE", help="result files, one trial each")
    parser.add_argument("--model", help="model name (default: the result's model_id for vLLM serve, else 'model')")
    parser.add_argument("--dtype", default="", help="element type, e.g. bf16 (default: empty, read as '-')")
    parser.add_argument("--batch", type=int, help="concurrent sequences (vLLM --batch-size or --max-concurrency,"
                        " AIPerf --concurrency)")
    parser.add_argument("--seq", type=int, help="prompt tokens per request")
    parser.add_argument("--output", type=int, help="output tokens per request")
    parser.add_argument("--device", help="device name for the roofline, e.g. 'NVIDIA H100 80GB HBM3'")
    parser.add_argument("--no-header", action="store_true", help="leave out the header (to append to a file)")
    args = parser.parse_args(argv)
    for option in ("batch", "seq", "output"):
        if getattr(args, option) is not None and getattr(args, option) < 1:
            parser.error(f"--{option} must be >= 1, got {getattr(args, option)}")
    columns = COLUMNS + (["device"] if args.device else [])
    convert = vllm_row if args.tool == "vllm" else aiperf_row
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not args.no_header:
        writer.writerow(columns)
    try:
        for path in args.files:
            row = convert(path, args)
            row.update(dtype=args.dtype, phase="generate", device=args.device or "")
            out.write("# from " + path.replace("\n", " ") + "\n")
            writer.writerow(["" if row.get(c) is None else format_value(row[c]) for c in columns])
    except Bad as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(out.getvalue())
    return 0


def format_value(value):
    """Integers as such, floats as the shortest text that reads back as the same number."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else repr(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
