package dev.scalebench.kernels.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.RopeTable;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link RefRope} and {@link RopeTable} against the definition of rotary embeddings in the rotate-half convention of
 * the DJL synthetic decoder ({@code SyntheticDecoder.applyRope}: {@code x·cos + [−x2, x1]·sin} with the tables of
 * {@code ropeTables}, angle {@code p·theta^(−2i/d)} repeated for both halves).
 */
class RefRopeTest {
    private static final KernelDType F32 = KernelDType.F32;

    @Test
    void theTableHoldsCosinesThenSinesOfPositionTimesInverseFrequency() {
        float[] table = RopeTable.of(10_000, 4, 3);
        // d = 4: inverse frequencies 10000^0 = 1 and 10000^(-1/2) = 0.01
        assertThat(Arrays.copyOfRange(table, 0, 4)).containsExactly(1, 1, 0, 0);
        assertThat(Arrays.copyOfRange(table, 4, 8)).containsExactly((float) Math.cos(1), (float) Math.cos(0.01),
                (float) Math.sin(1), (float) Math.sin(0.01));
        assertThat(table[8 + 1]).isEqualTo((float) Math.cos(0.02));
        // the DJL decoder's formula, element by element, for a Llama 3 theta and head dimension
        int d = 64;
        float[] llama = RopeTable.of(500_000, d, 40);
        for (int p = 0; p < 40; p++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = p * Math.pow(500_000, -2.0 * i / d);
                assertThat(llama[p * d + i]).isEqualTo((float) Math.cos(angle));
                assertThat(llama[p * d + d / 2 + i]).isEqualTo((float) Math.sin(angle));
            }
        }
        assertThatThrownBy(() -> RopeTable.of(10_000, 5, 3)).hasMessageContaining("headDim = 5");
        assertThatThrownBy(() -> RopeTable.of(0, 4, 3)).hasMessageContaining("theta = 0.0");
        assertThatThrownBy(() -> RopeTable.of(10_000, 4, 0)).hasMessageContaining("positions = 0");
    }

    /** Rotate-half turns the pair (x[i], x[i + d/2]) as the complex number x[i] + j·x[i + d/2] times e^{j·angle}. */
    @Test
    void eachPairTurnsByItsAngleAndValueHeadsAndPaddingStay() {
        AttentionShape sh = new AttentionShape(2, 4, 2, 8, (4 + 2 * 2) * 8 + 3, 32);
        int tokens = 3;
        int pos = 5;
        double theta = 10_000;
        float[] table = RopeTable.of(theta, 8, pos + tokens);
        float[] qkv = RandomData.normal(F32, 2 * tokens * sh.ldQkv(), 1, 1);
        float[] got = RefRope.apply(F32, qkv, table, sh, tokens, pos).values();
        for (int r = 0; r < 2 * tokens; r++) {
            int p = pos + r % tokens;
            for (int h = 0; h < 6; h++) {
                for (int i = 0; i < 4; i++) {
                    int at = r * sh.ldQkv() + h * 8;
                    double angle = p * Math.pow(theta, -2.0 * i / 8);
                    double re = qkv[at + i] * Math.cos(angle) - qkv[at + 4 + i] * Math.sin(angle);
                    double im = qkv[at + i] * Math.sin(angle) + qkv[at + 4 + i] * Math.cos(angle);
                    assertThat((double) got[at + i]).as("row %d head %d i %d", r, h, i).isCloseTo(re, within(1e-6));
                    assertThat((double) got[at + 4 + i]).isCloseTo(im, within(1e-6));
                }
            }
            int v0 = r * sh.ldQkv() + 6 * 8;
            assertThat(Arrays.copyOfRange(got, v0, (r + 1) * sh.ldQkv()))
                    .as("value heads and padding").containsExactly(Arrays.copyOfRange(qkv, v0, (r + 1) * sh.ldQkv()));
        }
    }

    /** The point of RoPE: a query–key score depends on their positions only through the difference. */
    @Test
    void scoresDependOnTheRelativePositionOnly() {
        AttentionShape sh = AttentionShape.dense(1, 1, 1, 32);
        float[] table = RopeTable.of(500_000, 32, 200);
        float[] q = RandomData.normal(F32, sh.ldQkv(), 2, 1);
        float[] k = q.clone();
        System.arraycopy(RandomData.normal(F32, 32, 3, 1), 0, k, 32, 32); // the key head holds another vector
        double first = score(RefRope.apply(F32, q, table, sh, 1, 17).values(),
                RefRope.apply(F32, k, table, sh, 1, 10).values());
        double shifted = score(RefRope.apply(F32, q, table, sh, 1, 190).values(),
                RefRope.apply(F32, k, table, sh, 1, 183).values());
        double other = score(RefRope.apply(F32, q, table, sh, 1, 190).values(),
                RefRope.apply(F32, k, table, sh, 1, 150).values());
        assertThat(shifted).isCloseTo(first, within(1e-5));
        assertThat(Math.abs(other - first)).as("another distance gives another score").isGreaterThan(1e-3);
    }

    /** A decode step's token (tokens = 1 at pos = seq) turns exactly as position seq of a longer prompt. */
    @Test
    void theDecodeTokenAtPositionSeqMatchesThatPositionOfAPrefill() {
        AttentionShape sh = AttentionShape.dense(2, 4, 2, 16);
        int seq = 6;
        float[] table = RopeTable.of(10_000, 16, seq + 1);
        float[] prompt = RandomData.normal(KernelDType.BF16, 2 * (seq + 1) * sh.ldQkv(), 4, 1);
        float[] prefill = RefRope.apply(KernelDType.BF16, prompt, table, sh, seq + 1, 0).values();
        float[] step = new float[2 * sh.ldQkv()];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(prompt, (b * (seq + 1) + seq) * sh.ldQkv(), step, b * sh.ldQkv(), sh.ldQkv());
        }
        float[] decoded = RefRope.apply(KernelDType.BF16, step, table, sh, 1, seq).values();
        for (int b = 0; b < 2; b++) {
            int at = (b * (seq + 1) + seq) * sh.ldQkv();
            assertThat(Arrays.copyOfRange(decoded, b * sh.ldQkv(), (b + 1) * sh.ldQkv()))
                    .containsExactly(Arrays.copyOfRange(prefill, at, at + sh.ldQkv()));
        }
        assertThat(RefRope.apply(F32, step, table, sh, 1, 0).values()).as("position 0 is the identity")
                .containsExactly(step);
        assertThatThrownBy(() -> RefRope.apply(F32, step, table, sh, 1, seq + 1)).hasMessageContaining("outside");
    }

    @Test
    void biasAddAddsTheBiasToEveryRowAndKeepsThePadding() {
        float[] y = {1, 2, 3, 99, 10, 20, 30, 99};
        float[] got = RefActivation.biasAdd(F32, y, new float[] {0.5f, -2, 0}, 2, 3, 4).values();
        assertThat(got).containsExactly(1.5f, 0, 3, 99, 10.5f, 18, 30, 99);
    }

    private static double score(float[] q, float[] k) {
        double s = 0;
        for (int i = 0; i < 32; i++) {
            s += (double) q[i] * k[32 + i];
        }
        return s;
    }
}
