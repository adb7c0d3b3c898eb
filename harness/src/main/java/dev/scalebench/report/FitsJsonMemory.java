package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.fit.MemoryFit;
import dev.scalebench.analysis.fit.MemoryForm;
import java.util.List;

/**
 * The {@code memoryFits} section of {@code fits.json} (results/README.md): measured peak memory against batch and
 * seq, per series the form AICc chose ({@link MemoryFit}: a line, or a parabola with its {@code x²} coefficient).
 * Derived from the points' {@code memPeakBytes} when written, and written only when a series has enough measured
 * levels; a reader recomputes it from the points, so it is not read back.
 *
 * <pre>{@code
 * {"series": "seq:gpt-1m/fp32/prefill/b4", "axis": "seq", "x": [16, 32, ...], "bytes": [...],
 *  "form": "quadratic", "formula": "m = a + b·x + c·x²", "akaikeWeight": 0.998,
 *  "interceptBytes": 4.1e6, "interceptCi": [lo, hi], "slopeBytes": 2.5e5, "slopeCi": [lo, hi],
 *  "quadraticBytes": 31.5, "quadraticCi": [lo, hi],
 *  "maxAbsRelResidual": 0.012}
 * }</pre>
 *
 * <p>{@code quadraticBytes} and {@code quadraticCi} are written for the {@code quadratic} form only; {@code note}
 * (why the parabola was not tried: too few levels) only when there is one.
 */
final class FitsJsonMemory {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitsJsonMemory() {
    }

    /** The section, or null when no series could be fitted. */
    static ArrayNode write(List<MemoryFit> fits) {
        if (fits.isEmpty()) {
            return null;
        }
        ArrayNode a = F.arrayNode();
        for (MemoryFit f : fits) {
            ObjectNode o = a.addObject();
            o.put("series", f.series());
            o.put("axis", f.axis());
            o.set("x", JsonText.array(f.x()));
            o.set("bytes", JsonText.array(f.bytes()));
            o.put("form", f.form().id());
            o.put("formula", f.form().formula());
            o.set("akaikeWeight", JsonText.node(f.akaikeWeight()));
            o.set("interceptBytes", JsonText.node(f.interceptBytes()));
            o.set("interceptCi", JsonText.interval(f.interceptCi()));
            o.set("slopeBytes", JsonText.node(f.slopeBytes()));
            o.set("slopeCi", JsonText.interval(f.slopeCi()));
            if (f.form() == MemoryForm.QUADRATIC) {
                o.set("quadraticBytes", JsonText.node(f.quadraticBytes()));
                o.set("quadraticCi", JsonText.interval(f.quadraticCi()));
            }
            o.set("maxAbsRelResidual", JsonText.node(f.maxAbsRelResidual()));
            if (f.note() != null) {
                o.put("note", f.note());
            }
        }
        return a;
    }


}
