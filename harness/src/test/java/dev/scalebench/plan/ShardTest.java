package dev.scalebench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Shard}: parsing K/N, and a stable hash split that does not depend on String.hashCode. */
class ShardTest {

    @Test
    void parsesOneBasedKOfN() {
        assertThat(Shard.parse("2/8")).isEqualTo(new Shard(2, 8));
        assertThat(Shard.parse(" 1 / 1 ").label()).isEqualTo("1of1");
        assertThat(new Shard(3, 4)).hasToString("3/4");
    }

    @Test
    void rejectsWhatIsNotAShard() {
        assertThatThrownBy(() -> Shard.parse("0/3")).hasMessageContaining("K is 0").hasMessageContaining("1 to N = 3")
                .hasMessageContaining("JOB_COMPLETION_INDEX");
        assertThatThrownBy(() -> Shard.parse("4/3")).hasMessageContaining("K is 4");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("N is 0");
        assertThatThrownBy(() -> Shard.parse("3")).hasMessageContaining("expected K/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }

    @Test
    void ownerIsTheFirstEightBytesOfSha256ModN() {
        // SHA-256("gpt-1m/fp32/prefill/b1/s32") starts with bytes computed independently (sha256sum):
        // the split must stay the same across versions and machines, so it is pinned here.
        String id = "gpt-1m/fp32/prefill/b1/s32";
        long first8 = Long.parseUnsignedLong(Sha.first16Hex(id), 16);
        assertThat(Shard.owner(id, 7)).isEqualTo((int) Long.remainderUnsigned(first8, 7) + 1);
        assertThat(Shard.owner(id, 1)).isEqualTo(1);
        // pinned: 0xf964a0dac1fe832d (sha256sum's first 8 bytes) mod 7, 3, 8, plus one
        assertThat(Sha.first16Hex(id)).isEqualTo("f964a0dac1fe832d");
        assertThat(new int[] {Shard.owner(id, 7), Shard.owner(id, 3), Shard.owner(id, 8)}).containsExactly(3, 1, 6);
    }

    @Test
    void splitsEveryPointIntoExactlyOneShardAndRoughlyEvenly() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int b = 1; b <= 300; b++) {
            int owner = Shard.owner("gpt-125m/bf16/decode/b" + b + "/s128", 3);
            assertThat(owner).isBetween(1, 3);
            counts.merge(owner, 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(70, 130));
    }

    @Test
    void planDigestChangesWithTheSpecOrTheInfeasiblePoints() {
        String a = Shard.planDigest("{\"name\":\"x\"}", java.util.List.of());
        assertThat(a).hasSize(64).isEqualTo(Shard.planDigest("{\"name\":\"x\"}", java.util.List.of()));
        assertThat(Shard.planDigest("{\"name\":\"y\"}", java.util.List.of())).isNotEqualTo(a);
        assertThat(Shard.planDigest("{\"name\":\"x\"}", java.util.List.of("p"))).isNotEqualTo(a);
    }

    /** SHA-256 through the JDK, independent of Shard's own code path. */
    private static final class Sha {
        static String first16Hex(String s) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
