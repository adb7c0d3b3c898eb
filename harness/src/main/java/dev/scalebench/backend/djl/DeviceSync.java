package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** Waiting for the device to finish queued work, so a host clock read around a step measures the device. */
final class DeviceSync {

    private static final NDIndex FIRST = new NDIndex("0:1");

    private DeviceSync() {}

    /**
     * Returns once {@code out} has been computed. PyTorch queues GPU kernels asynchronously on the current CUDA
     * stream; a device-to-host copy waits for everything queued before it on that stream, so copying one element
     * of the step's final output to the host is a full synchronisation. On CPU PyTorch ops are already synchronous;
     * the copy is done anyway because it costs a few microseconds and keeps one code path.
     */
    static float await(TorchOps ops, NDArray out) {
        NDManager m = out.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray one = out.reshape(-1).get(FIRST);
            one.attach(tmp);
            NDArray f = ops.cast(one, TorchOps.Target.FP32);
            f.attach(tmp);
            return f.toFloatArray()[0];
        }
    }
}
