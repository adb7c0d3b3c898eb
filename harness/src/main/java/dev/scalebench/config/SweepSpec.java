package dev.scalebench.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A validated sweep: the factors and their levels, the measurement policy and where it runs.
 * Built only by {@link SpecLoader}, so every instance has passed validation.
 *
 * @param name sweep name (part of the run id)
 * @param backend {@code djl}, {@code sim}, later {@code cuda}
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dtypes element types
 * @param phases prefill and/or decode
 * @param models models (presets or TorchScript)
 * @param batch batch levels, ascending
 * @param seq sequence (prefill, generate) or context (decode) levels, ascending
 * @param output output tokens per request of the {@code generate} phase, ascending (unused by prefill and decode)
 * @param generate the grid of the generate phase when the sweep file narrows it (its {@code generate:} block:
 *     other models, batch or seq levels than the other phases'); {@code null} when the generate phase, if swept,
 *     takes the sweep's own models, batch, seq and output levels
 * @param replicates trials per point
 * @param order trial order
 * @param seed seed for the order and the synthetic weights
 * @param measure measurement policy
 * @param budget the plan is trimmed to fit this estimate; {@code null} means no budget
 * @param deviceMemoryBytes memory the feasibility check assumes; {@code null} means "ask the device"
 * @param source the file it was loaded from ({@code null} when built in code)
 * @param trim how the budget trims the plan (the file's {@code trim:}); {@code null} when the file names none
 *     ({@link Trim#OPTIMAL} then, unless {@code --trim} says otherwise)
 * @param threads the engine's thread counts (the file's {@code threads:}); {@code null} when the file names none
 *     ({@link Threads#DEFAULT} then)
 * @param remeasure what to do with interfered trials (the file's {@code remeasure:}); {@code null} when the file
 *     names none ({@link Remeasure#ONCE} then)
 */
public record SweepSpec(
        String name,
        String backend,
        String device,
        List<DType> dtypes,
        List<Phase> phases,
        List<ModelSpec> models,
        List<Integer> batch,
        List<Integer> seq,
        List<Integer> output,
        Grid generate,
        int replicates,
        Order order,
        long seed,
        MeasurePolicy measure,
        Duration budget,
        Long deviceMemoryBytes,
        Path source,
        Trim trim,
        Threads threads,
        Remeasure remeasure) {

    public SweepSpec {
        dtypes = List.copyOf(dtypes);
        phases = List.copyOf(phases);
        models = List.copyOf(models);
        batch = List.copyOf(batch);
        seq = List.copyOf(seq);
        output = output == null ? Defaults.OUTPUT : List.copyOf(output);
    }

    /**
     * The factors of one phase's points.
     *
     * @param models models
     * @param batch batch levels, ascending
     * @param seq prompt (sequence) levels, ascending
     * @param output output tokens per request, ascending
     */
    public record Grid(List<ModelSpec> models, List<Integer> batch, List<Integer> seq, List<Integer> output) {
        public Grid {
            models = List.copyOf(models);
            batch = List.copyOf(batch);
            seq = List.copyOf(seq);
            output = List.copyOf(output);
        }
    }

    /** The grid the generate phase sweeps: the {@code generate:} block's, else the sweep's own factors. */
    public Grid generateGrid() {
        return generate != null ? generate : new Grid(models, batch, seq, output);
    }

    /** A spec that names no thread counts and no re-measurement policy. */
    public SweepSpec(String name, String backend, String device, List<DType> dtypes, List<Phase> phases,
            List<ModelSpec> models, List<Integer> batch, List<Integer> seq, List<Integer> output, Grid generate,
            int replicates, Order order, long seed, MeasurePolicy measure, Duration budget, Long deviceMemoryBytes,
            Path source, Trim trim) {
        this(name, backend, device, dtypes, phases, models, batch, seq, output, generate, replicates, order, seed,
                measure, budget, deviceMemoryBytes, source, trim, null, null);
    }

    /** The thread counts to apply: the file's, else {@link Threads#DEFAULT}. */
    public Threads threadsOrDefault() {
        return threads != null ? threads : Threads.DEFAULT;
    }

    /** The re-measurement policy: the file's, else the default ({@link Defaults#remeasure()}: once). */
    public Remeasure remeasureOrDefault() {
        return remeasure != null ? remeasure : Defaults.remeasure();
    }

    /** A spec that names no trimming rule. */
    public SweepSpec(String name, String backend, String device, List<DType> dtypes, List<Phase> phases,
            List<ModelSpec> models, List<Integer> batch, List<Integer> seq, List<Integer> output, Grid generate,
            int replicates, Order order, long seed, MeasurePolicy measure, Duration budget, Long deviceMemoryBytes,
            Path source) {
        this(name, backend, device, dtypes, phases, models, batch, seq, output, generate, replicates, order, seed,
                measure, budget, deviceMemoryBytes, source, null);
    }

    /** The trimming rule: {@code override} when given (the CLI's {@code --trim}), else the file's, else optimal. */
    public Trim trimRule(Trim override) {
        return override != null ? override : trim != null ? trim : Trim.OPTIMAL;
    }

    /** A spec without output levels (the default, {@link Defaults#OUTPUT}, applies to a generate phase). */
    public SweepSpec(String name, String backend, String device, List<DType> dtypes, List<Phase> phases,
            List<ModelSpec> models, List<Integer> batch, List<Integer> seq, int replicates, Order order, long seed,
            MeasurePolicy measure, Duration budget, Long deviceMemoryBytes, Path source) {
        this(name, backend, device, dtypes, phases, models, batch, seq, null, null, replicates, order, seed, measure,
                budget, deviceMemoryBytes, source);
    }

    /** Whether the sweep runs generate points. */
    public boolean generates() {
        return phases.contains(Phase.GENERATE);
    }

    /** A copy with another budget (the CLI's {@code --budget} overrides the file's). */
    public SweepSpec withBudget(Duration newBudget) {
        return new SweepSpec(name, backend, device, dtypes, phases, models, batch, seq, output, generate, replicates,
                order, seed, measure, newBudget, deviceMemoryBytes, source, trim, threads, remeasure);
    }

    /** A copy with another trimming rule (the one a run used, recorded in its run.json). */
    public SweepSpec withTrim(Trim rule) {
        return new SweepSpec(name, backend, device, dtypes, phases, models, batch, seq, output, generate,
                replicates, order, seed, measure, budget, deviceMemoryBytes, source, rule, threads, remeasure);
    }

    /** A copy that runs on a resolved device ({@code auto} becomes what the backend picked, e.g. {@code cpu}). */
    public SweepSpec withDevice(String resolvedDevice) {
        return new SweepSpec(name, backend, resolvedDevice, dtypes, phases, models, batch, seq, output, generate,
                replicates, order, seed, measure, budget, deviceMemoryBytes, source, trim, threads, remeasure);
    }
}
