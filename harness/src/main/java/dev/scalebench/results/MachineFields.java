package dev.scalebench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.GpuSample;
import dev.scalebench.measure.Interference;
import dev.scalebench.measure.MachineReading;

/**
 * A trial's {@link MachineReading} as flat fields of its journal line (results/README.md, "trials.jsonl"). Each part
 * is written only when it was read, so a line without sensors reads, and writes back, as before the fields existed;
 * an unknown number is written as {@code null}.
 *
 * <ul>
 *   <li>interference: {@code runqWaitFrac}, {@code stealFrac}, {@code involuntarySwitches}, {@code loadAvg1m},
 *       {@code cpuMHz};
 *   <li>energy: {@code energySource} ({@code nvml}, {@code rapl}), {@code energyJ}, {@code powerW},
 *       {@code energyShort};
 *   <li>GPU: {@code gpuSmMHz}, {@code gpuMemMHz}, {@code gpuThrottleReasons} (NVML's bits), {@code gpuTempC},
 *       {@code gpuMemUsedBytes}.
 * </ul>
 */
final class MachineFields {

    private MachineFields() {
    }

    static void encode(MachineReading m, ObjectNode o) {
        Interference i = m.interference();
        if (i != null) {
            number(o, "runqWaitFrac", i.runQueueWaitFraction());
            number(o, "stealFrac", i.stealFraction());
            o.put("involuntarySwitches", i.involuntarySwitches());
            number(o, "loadAvg1m", i.loadAverage1m());
            number(o, "cpuMHz", i.cpuMHz());
        }
        Energy e = m.energy();
        if (e != null) {
            o.put("energySource", e.source().id());
            number(o, "energyJ", e.joules());
            number(o, "powerW", e.meanPowerWatts());
            o.put("energyShort", e.tooShort());
        }
        GpuSample g = m.gpu();
        if (g != null) {
            o.put("gpuSmMHz", g.smClockMHz());
            o.put("gpuMemMHz", g.memoryClockMHz());
            o.put("gpuThrottleReasons", g.throttleReasons());
            o.put("gpuTempC", g.temperatureC());
            o.put("gpuMemUsedBytes", g.memoryUsedBytes());
        }
    }

    static MachineReading decode(JsonNode o) throws JournalCodec.Invalid {
        Interference i = null;
        if (o.has("runqWaitFrac")) {
            i = new Interference(real(o, "runqWaitFrac"), real(o, "stealFrac"), whole(o, "involuntarySwitches", -1),
                    real(o, "loadAvg1m"), real(o, "cpuMHz"));
        }
        Energy e = null;
        if (o.has("energySource")) {
            EnergySource source;
            try {
                source = EnergySource.parse(o.get("energySource").asText());
            } catch (IllegalArgumentException ex) {
                throw new JournalCodec.Invalid(ex.getMessage());
            }
            double joules = real(o, "energyJ");
            if (!(joules >= 0)) {
                throw new JournalCodec.Invalid("\"energyJ\" is " + o.get("energyJ") + "; expected joules ≥ 0");
            }
            e = new Energy(source, joules, real(o, "powerW"), o.path("energyShort").asBoolean(false));
        }
        GpuSample g = null;
        if (o.has("gpuSmMHz")) {
            g = new GpuSample((int) whole(o, "gpuSmMHz", -1), (int) whole(o, "gpuMemMHz", -1),
                    whole(o, "gpuThrottleReasons", 0), (int) whole(o, "gpuTempC", -1),
                    whole(o, "gpuMemUsedBytes", -1));
        }
        return new MachineReading(i, e, g);
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double real(JsonNode o, String field) throws JournalCodec.Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new JournalCodec.Invalid("\"" + field + "\" is " + n + "; expected a number or null");
        }
        return n.doubleValue();
    }

    private static long whole(JsonNode o, String field, long absent) throws JournalCodec.Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return absent;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new JournalCodec.Invalid("\"" + field + "\" is " + n + "; expected an integer or null");
        }
        return n.longValue();
    }
}
