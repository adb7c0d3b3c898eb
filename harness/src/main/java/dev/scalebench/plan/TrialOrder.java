package dev.scalebench.plan;

import dev.scalebench.config.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Run order of the trials. Replicate r is block r, holding every kept point once. With
 * {@link Order#RANDOMIZED_BLOCKS} each block is shuffled by {@link Collections#shuffle(List, Random)} with
 * {@code new Random(seed + r)} (both specified exactly by the JDK, so the order is the same on every JVM);
 * {@link Order#SEQUENTIAL} keeps plan order. {@link Trial#sequence()} is the position in the run.
 */
public final class TrialOrder {
    private TrialOrder() {
    }

    /** The trials of {@code replicates} blocks over {@code points}, in run order. */
    public static List<Trial> of(List<SweepPoint> points, int replicates, Order order, long seed) {
        List<Trial> out = new ArrayList<>(points.size() * replicates);
        for (int r = 0; r < replicates; r++) {
            List<SweepPoint> block = new ArrayList<>(points);
            if (order == Order.RANDOMIZED_BLOCKS) {
                Collections.shuffle(block, new Random(seed + r));
            }
            for (SweepPoint p : block) {
                out.add(new Trial(p, r, out.size()));
            }
        }
        return List.copyOf(out);
    }
}
