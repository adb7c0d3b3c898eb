package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.Session;
import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import dev.scalebench.config.DType;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user model saved as TorchScript: loaded onto the device in inference mode, with seeded inputs made at open
 * from the declared shapes ({@code batch} / {@code seq} replaced by the point's batch and seq in either phase).
 * A step is one {@code forward} plus a device sync; on a GPU with device timing, CUDA events bracket the forward.
 * The module's weights stay in the dtype it was saved with; floating inputs with no declared dtype take the point's
 * dtype.
 */
final class TorchScriptSession implements Session {

    private final NDManager manager;
    private final TorchOps ops;
    private final PtSymbolBlock module;
    private final List<NDArray> inputs = new ArrayList<>();
    private final EventTimer timer;
    private long lastDeviceNanos = -1;
    private boolean closed;

    /**
     * Loads the model and makes the inputs; on any failure everything allocated so far is released (not
     * {@code timer}: the caller's).
     *
     * @param timer CUDA events around each forward (the session closes it), or null without device timing
     */
    static TorchScriptSession open(NDManager parent, SweepPoint point, long seed, EventTimer timer)
            throws BackendException {
        TorchScriptSpec spec = point.model().torchScript();
        Path path = spec.path();
        if (!Files.isRegularFile(path)) {
            throw new BackendException(FailureKind.ENGINE_ERROR,
                    "TorchScript model " + path + " not found (model '" + point.model().name() + "')", null);
        }
        NDManager manager = parent.newSubManager();
        TorchOps ops = null;
        PtSymbolBlock module = null;
        try {
            ops = new TorchOps(manager);
            module = load(manager, path);
            return new TorchScriptSession(manager, ops, module, point, seed, timer);
        } catch (Throwable t) {
            if (module != null) {
                module.close();
            }
            if (ops != null) {
                ops.close();
            }
            manager.close();
            throw Failures.map("cannot load TorchScript model " + path, t);
        }
    }

    private static PtSymbolBlock load(NDManager manager, Path path) {
        PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, path, true, new String[0], new String[0], false);
        JniUtils.enableInferenceMode(block);
        return block;
    }

    private TorchScriptSession(NDManager manager, TorchOps ops, PtSymbolBlock module, SweepPoint point, long seed,
            EventTimer timer) {
        this.manager = manager;
        this.timer = timer;
        this.ops = ops;
        this.module = module;
        SyntheticDecoder.seed(SyntheticDecoder.seedFor(seed, point.model().name()));
        for (TorchScriptSpec.Input in : point.model().torchScript().inputs()) {
            inputs.add(makeInput(in, new Shape(in.resolve(point.batch(), point.seq())), point.dtype()));
        }
    }

    private NDArray makeInput(TorchScriptSpec.Input in, Shape shape, DType pointType) {
        if ("int64".equalsIgnoreCase(in.dtype())) {
            return manager.randomInteger(0, Math.max(1, in.maxValue()), shape, DataType.INT64);
        }
        DType t = in.dtype() == null ? pointType : DType.parse(in.dtype());
        if (t == null) {
            throw new IllegalArgumentException("input '" + in.name() + "': unknown dtype " + in.dtype());
        }
        try (NDArray f = manager.randomNormal(0f, 1f, shape, DataType.FLOAT32)) {
            return ops.cast(f, t);
        }
    }

    @Override
    public void step() throws BackendException {
        try (NDManager step = manager.newSubManager()) {
            if (timer != null) {
                timer.start();
            }
            NDArray first = forward(step);
            if (timer != null) {
                timer.stop();
            }
            DeviceSync.await(ops, first);
            lastDeviceNanos = timer == null ? -1 : timer.elapsedNanos();
        } catch (Throwable t) {
            BackendException e = Failures.map("step failed", t);
            if (e.kind() == FailureKind.OUT_OF_MEMORY) {
                close();
            }
            throw e;
        }
    }

    /** The device time of the last step's forward (CUDA events), ns; {@code -1} without device timing. */
    @Override
    public long lastDeviceNanos() {
        return lastDeviceNanos;
    }

    /** One forward; returns the first output tensor, everything attached to {@code step}. */
    private NDArray forward(NDManager step) {
        IValue[] args = new IValue[inputs.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = IValue.from((PtNDArray) inputs.get(i));
        }
        try (IValue out = module.forward(args)) {
            NDList list = out.isTensor() ? new NDList(out.toTensor((PtNDManager) step)) : out.toNDList((PtNDManager) step);
            if (list.isEmpty()) {
                throw new IllegalStateException("the model returned no tensor");
            }
            return list.get(0);
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    /** Shape of the first output of one forward (tests). */
    Shape outputShape() {
        try (NDManager step = manager.newSubManager()) {
            return forward(step).getShape();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            module.close();
            ops.close();
            manager.close();
            if (timer != null) {
                timer.close();
            }
        }
    }
}
