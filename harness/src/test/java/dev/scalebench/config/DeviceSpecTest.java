package dev.scalebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void everyFormParsesAndNothingElseDoes() {
        assertThat(DeviceSpec.parse("auto")).contains(new DeviceSpec(DeviceSpec.Kind.AUTO, 0));
        assertThat(DeviceSpec.parse("cpu")).contains(new DeviceSpec(DeviceSpec.Kind.CPU, 0));
        assertThat(DeviceSpec.parse("gpu")).contains(new DeviceSpec(DeviceSpec.Kind.GPU, 0));
        assertThat(DeviceSpec.parse("gpu:7")).contains(new DeviceSpec(DeviceSpec.Kind.GPU, 7));
        for (String bad : new String[] {null, "", "GPU", " gpu", "gpu:", "gpu:-1", "gpu:1234", "gpu:x", "tpu", "cpu:0"}) {
            assertThat(DeviceSpec.parse(bad)).as("'%s'", bad).isEmpty();
        }
    }
}
