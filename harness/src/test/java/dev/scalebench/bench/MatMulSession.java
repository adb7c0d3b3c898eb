package dev.scalebench.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.Session;

/**
 * The tiny DJL op that both JMH and the harness time: a {@value #N}×{@value #N} fp32 matrix product on the CPU
 * through DJL's PyTorch engine, the result freed before {@link #step()} returns (as the DJL backend's sessions
 * free their intermediates). The same object is the JMH benchmark's state and the harness's {@link Session}, so
 * both time exactly the same call.
 */
public final class MatMulSession implements Session {
    /** Rows and columns of both operands. */
    public static final int N = 64;

    private final NDManager manager;
    private final NDArray a;
    private final NDArray b;

    /** Creates the operands (seeded uniform values) on the CPU. */
    public MatMulSession() {
        manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        manager.getEngine().setRandomSeed(7);
        a = manager.randomUniform(-1f, 1f, new Shape(N, N));
        b = manager.randomUniform(-1f, 1f, new Shape(N, N));
    }

    @Override
    public void step() {
        try (NDArray c = a.matMul(b)) {
            c.getShape(); // keep the result observably used
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
