package dev.scalebench.kernels.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@link KernelBench}; {@code tools/gpu/torch_ops.py} takes the same options.
 *
 * @param groups the case groups to run ({@code --ops}), in run order
 * @param reps timed repetitions per case
 * @param warmup warm-up launches per case, at least
 * @param warmupNanos warm-up device time per case, at least
 * @param repNanos device time one repetition aims at (it sets the launches per repetition)
 * @param gapLaunches launches per loop of the host-vs-device gap
 * @param spacer whether a spacer kernel holds the stream while the host queues a repetition
 * @param jsonOnly print only the JSON lines (no {@code #} lines for people)
 * @param list print the cases and their costs and exit, without a GPU
 * @param help print the usage and exit
 */
record BenchOptions(List<String> groups, int reps, int warmup, long warmupNanos, long repNanos, int gapLaunches,
                    boolean spacer, boolean jsonOnly, boolean list, boolean help) {

    static final String USAGE = """
            usage: KernelBench [options]
              --ops LIST        groups to run, comma-separated (default all): %s
              --reps N          timed repetitions per case (default 20)
              --warmup N        warm-up launches per case, at least (default 10)
              --warmup-ms MS    warm-up device time per case, at least (default 50)
              --rep-ms MS       device time one repetition aims at (default 10); sets the launches per
                                repetition, 1 to %d
              --launches N      launches per loop of the host-vs-device gap (default 10000)
              --no-spacer       do not hold the stream with a spacer kernel while a repetition is queued
              --json-only       print only the JSON lines
              --list            print the cases with their FLOPs and bytes, and exit (no GPU needed)
              --help            this text
            Prints one JSON object per line: a "meta" line, then one line per case (median_us, min_us per launch
            over the repetitions, flops, bytes, tflops, gbs). Exit 0 when every case ran, 2 on bad usage,
            4 when CUDA is unavailable or a case failed.
            """.formatted(String.join(",", BenchCases.GROUPS), Timing.MAX_LAUNCHES_PER_REP);

    /** The defaults. */
    static BenchOptions defaults() {
        return new BenchOptions(BenchCases.GROUPS, 20, 10, 50_000_000L, 10_000_000L, 10_000, true, false, false,
                false);
    }

    /**
     * Parses {@code --name value} or {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming every bad option, its value and what is allowed
     */
    static BenchOptions parse(String... args) {
        BenchOptions d = defaults();
        List<String> groups = d.groups;
        int reps = d.reps;
        int warmup = d.warmup;
        long warmupNanos = d.warmupNanos;
        long repNanos = d.repNanos;
        int gapLaunches = d.gapLaunches;
        boolean spacer = d.spacer;
        boolean jsonOnly = false;
        boolean list = false;
        boolean help = false;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--json-only", "--no-spacer", "--list", "--help", "-h" -> {
                    if (value != null) {
                        errors.add(name + " takes no value, got '" + value + "'");
                    }
                    switch (name) {
                        case "--json-only" -> jsonOnly = true;
                        case "--no-spacer" -> spacer = false;
                        case "--list" -> list = true;
                        default -> help = true;
                    }
                    continue;
                }
                case "--ops", "--reps", "--warmup", "--warmup-ms", "--rep-ms", "--launches" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            errors.add(name + " needs a value");
                            continue;
                        }
                        value = args[++i];
                    }
                }
                default -> {
                    errors.add("unknown option '" + a + "'");
                    continue;
                }
            }
            switch (name) {
                case "--ops" -> groups = groups(value, errors);
                case "--reps" -> reps = (int) integer(name, value, 1, 100_000, errors, reps);
                case "--warmup" -> warmup = (int) integer(name, value, 0, 100_000, errors, warmup);
                case "--warmup-ms" -> warmupNanos = millis(name, value, 0, 60_000, errors, warmupNanos);
                case "--rep-ms" -> repNanos = millis(name, value, 0, 10_000, errors, repNanos);
                default -> gapLaunches = (int) integer(name, value, 1, 10_000_000, errors, gapLaunches);
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new BenchOptions(groups, reps, warmup, warmupNanos, repNanos, gapLaunches, spacer, jsonOnly, list,
                help);
    }

    private static List<String> groups(String value, List<String> errors) {
        Set<String> asked = new LinkedHashSet<>();
        for (String g : value.split(",")) {
            String s = g.strip();
            if (s.equals("all")) {
                asked.addAll(BenchCases.GROUPS);
            } else if (BenchCases.GROUPS.contains(s)) {
                asked.add(s);
            } else {
                errors.add("--ops: unknown group '" + s + "'; known: all," + String.join(",", BenchCases.GROUPS));
            }
        }
        if (asked.isEmpty() && errors.isEmpty()) {
            errors.add("--ops names no group");
        }
        return BenchCases.GROUPS.stream().filter(asked::contains).toList();
    }

    private static long integer(String name, String value, long min, long max, List<String> errors, long fallback) {
        try {
            long v = Long.parseLong(value.strip());
            if (v < min || v > max) {
                errors.add(name + " " + value + " must be between " + min + " and " + max);
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(name + " '" + value + "' is not an integer");
            return fallback;
        }
    }

    private static long millis(String name, String value, double min, double max, List<String> errors, long fallback) {
        try {
            double v = Double.parseDouble(value.strip());
            if (!(v >= min && v <= max)) {
                errors.add(name + " " + value + " must be between " + (long) min + " and " + (long) max + " ms");
                return fallback;
            }
            return Math.round(v * 1e6);
        } catch (NumberFormatException e) {
            errors.add(name + " '" + value + "' is not a number of milliseconds");
            return fallback;
        }
    }
}
