package dev.scalebench.kernels.ops;

import jcuda.driver.CUdeviceptr;

/** Reads the device address behind a {@link CUdeviceptr} (JCuda keeps it protected), for alignment checks. */
final class Addresses extends CUdeviceptr {
    private Addresses(CUdeviceptr p) {
        super(p);
    }

    /** The address {@code p} points at, its byte offset included; 0 for {@code null}. */
    static long of(CUdeviceptr p) {
        if (p == null) {
            return 0;
        }
        Addresses a = new Addresses(p);
        return a.getNativePointer() + a.getByteOffset();
    }
}
