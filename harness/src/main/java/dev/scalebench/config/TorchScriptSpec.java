package dev.scalebench.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A user model saved as TorchScript, with the inputs it takes.
 *
 * @param path the {@code .pt} file (resolved against the sweep file's folder)
 * @param inputs the inputs, in the order {@code forward} takes them
 */
public record TorchScriptSpec(Path path, List<Input> inputs) {

    public TorchScriptSpec {
        inputs = List.copyOf(inputs);
    }

    /**
     * One input tensor. Each dimension is a number or one of the symbols {@code batch} and {@code seq},
     * replaced by the point's levels.
     *
     * @param name a label for messages
     * @param shape dimensions: integers or the strings {@code batch} / {@code seq}
     * @param dtype element type: {@code fp32|fp16|bf16|int64}; {@code null} means the point's dtype
     * @param maxValue for {@code int64} inputs (token ids), values are drawn in {@code [0, maxValue)}
     */
    public record Input(String name, List<String> shape, String dtype, long maxValue) {
        public Input {
            shape = List.copyOf(shape);
        }

        /** The concrete shape for a point. */
        public long[] resolve(int batch, int seq) {
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                String d = shape.get(i);
                dims[i] = switch (d) {
                    case "batch" -> batch;
                    case "seq" -> seq;
                    default -> Long.parseLong(d);
                };
            }
            return dims;
        }
    }
}
