package dev.scalebench.config;

import java.util.List;

/** A one-model sweep through {@link SpecJson}: how a model is stored in run.json and read back. */
final class SpecJsonProbe {

    private SpecJsonProbe() {
    }

    static SweepSpec spec(ModelSpec model) {
        return new SweepSpec("probe", "sim", "cpu", List.of(DType.FP32), List.of(Phase.PREFILL), List.of(model),
                List.of(1), List.of(1), 1, Order.SEQUENTIAL, 1, Defaults.MEASURE, null, null, null);
    }

    /** The model's stored JSON, compact. */
    static String json(ModelSpec model) {
        return SpecJson.toJson(spec(model)).get("models").get(0).toString();
    }

    /** The model as the stored spec gives it back. */
    static ModelSpec roundTrip(ModelSpec model) {
        return SpecJson.fromJson(SpecJson.toJson(spec(model))).models().get(0);
    }
}
