package dev.scalebench.config;

import dev.scalebench.ScalebenchException;
import java.util.List;

/** A sweep or model file that does not validate; carries every problem found, each with file:line. */
public final class SpecException extends ScalebenchException {
    private static final long serialVersionUID = 1L;

    private final transient List<SpecError> errors;

    public SpecException(List<SpecError> errors) {
        super(format(errors), EXIT_BAD_INPUT);
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }

    private static String format(List<SpecError> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " error" : " errors").append(" in the sweep specification:");
        for (SpecError e : errors) {
            sb.append(System.lineSeparator()).append("  ").append(e);
        }
        return sb.toString();
    }
}
