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
 * @param replicates trials per point
 * @param order trial order
 * @param seed seed for the order and the synthetic weights
 * @param measure measurement policy
 * @param budget the plan is trimmed to fit this estimate; {@code null} means no budget
 * @param deviceMemoryBytes memory the feasibility check assumes; {@code null} means "ask the device"
 * @param source the file it was loaded from ({@code null} when built in code)
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
        int replicates,
        Order order,
        long seed,
        MeasurePolicy measure,
        Duration budget,
        Long deviceMemoryBytes,
        Path source) {

    public SweepSpec {
        dtypes = List.copyOf(dtypes);
        phases = List.copyOf(phases);
        models = List.copyOf(models);
        batch = List.copyOf(batch);
        seq = List.copyOf(seq);
        output = output == null ? Defaults.OUTPUT : List.copyOf(output);
    }

    /** A spec without output levels (the default, {@link Defaults#OUTPUT}, applies to a generate phase). */
    public SweepSpec(String name, String backend, String device, List<DType> dtypes, List<Phase> phases,
            List<ModelSpec> models, List<Integer> batch, List<Integer> seq, int replicates, Order order, long seed,
            MeasurePolicy measure, Duration budget, Long deviceMemoryBytes, Path source) {
        this(name, backend, device, dtypes, phases, models, batch, seq, null, replicates, order, seed, measure,
                budget, deviceMemoryBytes, source);
    }

    /** Whether the sweep runs generate points. */
    public boolean generates() {
        return phases.contains(Phase.GENERATE);
    }

    /** A copy with another budget (the CLI's {@code --budget} overrides the file's). */
    public SweepSpec withBudget(Duration newBudget) {
        return new SweepSpec(name, backend, device, dtypes, phases, models, batch, seq, output, replicates, order,
                seed, measure, newBudget, deviceMemoryBytes, source);
    }

    /** A copy that runs on a resolved device ({@code auto} becomes what the backend picked, e.g. {@code cpu}). */
    public SweepSpec withDevice(String resolvedDevice) {
        return new SweepSpec(name, backend, resolvedDevice, dtypes, phases, models, batch, seq, output, replicates, order,
                seed, measure, budget, deviceMemoryBytes, source);
    }
}
