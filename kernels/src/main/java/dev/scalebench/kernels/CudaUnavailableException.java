package dev.scalebench.kernels;

/** CUDA cannot be used on this machine; {@link #getMessage()} says why and {@link #fix()} what to do. */
public class CudaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String fix;

    /**
     * @param reason why CUDA is unusable here
     * @param fix what to do about it
     */
    public CudaUnavailableException(String reason, String fix) {
        super(reason + "; " + fix);
        this.reason = reason;
        this.fix = fix;
    }

    /** Why CUDA is unusable here. */
    public String reason() {
        return reason;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
