package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.HardwareSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names as drivers and tools report them resolve to their catalogue entries; an unknown name fails with close ids. */
class DriverNamesTest {
    private static final HardwareCatalog BUILT_IN = HardwareCatalog.builtIn();

    @Test
    void everyAliasResolvesToItsOwnEntryAndNoAliasIsShared() {
        Map<String, String> owner = new HashMap<>();
        for (HardwareSpec e : BUILT_IN.all()) {
            for (String alias : e.aliases()) {
                String key = HardwareCatalog.normalize(alias);
                assertThat(owner.put(key, e.id())).as("alias \"%s\" of %s is also an alias of another entry", alias,
                        e.id()).isNull();
                assertThat(BUILT_IN.find(alias)).as("alias \"%s\"", alias).map(HardwareSpec::id).contains(e.id());
            }
        }
        assertThat(owner).hasSizeGreaterThanOrEqualTo(70);
    }

    /** {@code nvidia-smi --query-gpu=name} strings, written in. */
    @ParameterizedTest
    @CsvSource({
            "Tesla P4, nvidia-p4-8gb",
            "Tesla P40, nvidia-p40-24gb",
            "Tesla P100-PCIE-12GB, nvidia-p100-pcie-12gb",
            "Tesla P100-PCIE-16GB, nvidia-p100-pcie-16gb",
            "Tesla P100-SXM2-16GB, nvidia-p100-sxm2-16gb",
            "Tesla V100-SXM2-16GB, nvidia-v100-sxm2-16gb",
            "Tesla V100-SXM2-32GB, nvidia-v100-sxm2-32gb",
            "Tesla V100-PCIE-16GB, nvidia-v100-pcie-16gb",
            "Tesla V100-PCIE-32GB, nvidia-v100-pcie-32gb",
            "Tesla T4, nvidia-t4-16gb",
            "NVIDIA A2, nvidia-a2-16gb",
            "NVIDIA A10, nvidia-a10-24gb",
            "NVIDIA A10G, nvidia-a10g-24gb",
            "NVIDIA A16, nvidia-a16-16gb",
            "NVIDIA A30, nvidia-a30-24gb",
            "NVIDIA A40, nvidia-a40-48gb",
            "NVIDIA A100-SXM4-40GB, nvidia-a100-sxm-40gb",
            "NVIDIA A100-SXM4-80GB, nvidia-a100-sxm-80gb",
            "NVIDIA A100-PCIE-40GB, nvidia-a100-pcie-40gb",
            "NVIDIA A100 80GB PCIe, nvidia-a100-pcie-80gb",
            "NVIDIA H100 80GB HBM3, nvidia-h100-sxm-80gb",
            "NVIDIA H100 PCIe, nvidia-h100-pcie-80gb",
            "NVIDIA H100 NVL, nvidia-h100-nvl-94gb",
            "NVIDIA H200, nvidia-h200-sxm-141gb",
            "NVIDIA H200 NVL, nvidia-h200-nvl-141gb",
            "NVIDIA H20, nvidia-h20-96gb",
            "NVIDIA GH200 480GB, nvidia-gh200-96gb",
            "NVIDIA L4, nvidia-l4-24gb",
            "NVIDIA L40, nvidia-l40-48gb",
            "NVIDIA L40S, nvidia-l40s-48gb",
            "NVIDIA B200, nvidia-b200-180gb",
            "Quadro RTX 6000, nvidia-quadro-rtx-6000-24gb",
            "Quadro RTX 8000, nvidia-quadro-rtx-8000-48gb",
            "NVIDIA RTX A4000, nvidia-rtx-a4000-16gb",
            "NVIDIA RTX A4500, nvidia-rtx-a4500-20gb",
            "NVIDIA RTX A5000, nvidia-rtx-a5000-24gb",
            "NVIDIA RTX A6000, nvidia-rtx-a6000-48gb",
            "NVIDIA RTX 4000 Ada Generation, nvidia-rtx-4000-ada-20gb",
            "NVIDIA RTX 5000 Ada Generation, nvidia-rtx-5000-ada-32gb",
            "NVIDIA RTX 6000 Ada Generation, nvidia-rtx-6000-ada-48gb",
            "NVIDIA GeForce RTX 2080 Ti, nvidia-rtx-2080ti-11gb",
            "GeForce RTX 2080 Ti, nvidia-rtx-2080ti-11gb",
            "NVIDIA GeForce RTX 3060, nvidia-rtx-3060-12gb",
            "NVIDIA GeForce RTX 3070, nvidia-rtx-3070-8gb",
            "NVIDIA GeForce RTX 3080, nvidia-rtx-3080-10gb",
            "NVIDIA GeForce RTX 3090, nvidia-rtx-3090-24gb",
            "NVIDIA GeForce RTX 3090 Ti, nvidia-rtx-3090ti-24gb",
            "NVIDIA GeForce RTX 4070, nvidia-rtx-4070-12gb",
            "NVIDIA GeForce RTX 4080, nvidia-rtx-4080-16gb",
            "NVIDIA GeForce RTX 4090, nvidia-rtx-4090-24gb",
            "NVIDIA GeForce RTX 5090, nvidia-rtx-5090-32gb"})
    void nvidiaSmiNames(String reported, String id) {
        assertThat(BUILT_IN.find(reported)).map(HardwareSpec::id).contains(id);
    }

    /** What PyTorch, {@code rocm-smi --showproductname} (old and new) and amd-smi print, written in. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "AMD Instinct MI100; amd-mi100-32gb",
            "Arcturus GL-XL [AMD Instinct MI100]; amd-mi100-32gb",
            "Arcturus GL-XL [Instinct MI100]; amd-mi100-32gb",
            "0x738c; amd-mi100-32gb",
            "AMD Instinct MI210; amd-mi210-64gb",
            "Aldebaran/MI200 [Instinct MI210]; amd-mi210-64gb",
            "0x740f; amd-mi210-64gb",
            "AMD Instinct MI250; amd-mi250-128gb",
            "AMD Instinct MI250X; amd-mi250x-128gb",
            "Aldebaran/MI200 [Instinct MI250X/MI250]; amd-mi250x-128gb",
            "AMD Instinct MI300X; amd-mi300x-192gb",
            "AMD Instinct MI300X OAM; amd-mi300x-192gb",
            "AMD Instinct MI325X; amd-mi325x-256gb",
            "AMD Radeon RX 7900 XTX; amd-rx-7900xtx-24gb"})
    void amdNames(String reported, String id) {
        assertThat(BUILT_IN.find(reported)).map(HardwareSpec::id).contains(id);
    }

    /** {@code lscpu} / {@code /proc/cpuinfo} model names, written in: the entry as catalogued. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz; intel-xeon-icx-8380-40c",
            "Intel(R) Xeon(R) Platinum 8480+; intel-xeon-spr-8480plus-56c",
            "INTEL(R) XEON(R) PLATINUM 8592+; intel-xeon-emr-8592plus-64c",
            "Intel(R) Xeon(R) 6980P; intel-xeon-gnr-6980p-128c",
            "AMD EPYC 7763 64-Core Processor; amd-epyc-milan-7763-64c",
            "AMD EPYC 9654 96-Core Processor; amd-epyc-genoa-9654-96c",
            "AMD EPYC 9755 128-Core Processor; amd-epyc-turin-9755-128c",
            "Neoverse-V1; aws-graviton3-64c",
            "Neoverse-V2; aws-graviton4-96c",
            "Intel(R) Xeon(R) Processor; intel-xeon-emr-16c",
            "AMD EPYC; amd-epyc-zen4-2c"})
    void lscpuNames(String reported, String id) {
        assertThat(BUILT_IN.find(reported)).map(HardwareSpec::id).contains(id);
    }

    @Test
    void aCpuNameWithAnotherCoreCountComposesFromPerCoreFigures() {
        HardwareSpec eight = BUILT_IN.findCpu("AMD EPYC 9654 96-Core Processor", 8).orElseThrow();
        HardwareSpec genoa = BUILT_IN.require("amd-epyc-genoa-9654-96c");
        assertThat(eight.id()).isEqualTo("amd-epyc-genoa-9654-8c");
        assertThat(eight.computeUnits()).isEqualTo(8);
        assertThat(eight.peakFlopsPerSecond()).allSatisfy((p, v) ->
                assertThat(v).isCloseTo(genoa.peakFlopsPerSecond().get(p) * 8 / 96, org.assertj.core.api.Assertions.within(1.0)));
        assertThat(eight.memoryBandwidthBytesPerSecond()).isCloseTo(460.8e9 * 8 / 96, org.assertj.core.api.Assertions.within(1.0));
        assertThat(eight.l2CacheBytes()).isEqualTo(8L << 20);
        assertThat(eight.clockMhz()).isEqualTo(genoa.clockMhz());
        assertThat(eight.tdpWatts()).isEqualTo(360.0 * 8 / 96);
        assertThat(BUILT_IN.require("amd-epyc-genoa-9654-8c")).isEqualTo(eight);
        assertThat(BUILT_IN.require("intel-xeon-emr-4c").peakFlopsPerSecond().get(io.github.runtimeestimator.core.Precision.FP32))
                .isEqualTo(4 * 2.1e9 * 64, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void aCoreSuffixOnAGpuOrAnUnknownStemIsUnknown() {
        assertThat(BUILT_IN.find("nvidia-h100-sxm-80gb-8c")).isEmpty();
        assertThat(BUILT_IN.find("acme-cpu-8c")).isEmpty();
        assertThat(BUILT_IN.find("amd-epyc-genoa-9654-0c")).isEmpty();
    }

    @Test
    void anUnknownDriverNameStillFailsWithCloseIds() {
        assertThatThrownBy(() -> BUILT_IN.require("NVIDIA GeForce RTX 4060"))
                .isInstanceOf(UnknownHardwareException.class)
                .satisfies(e -> assertThat(((UnknownHardwareException) e).closeIds())
                        .hasSize(5).anyMatch(id -> id.startsWith("nvidia-rtx-40")));
    }

    @Test
    void theDevicesOfThePublicKernelDataResolveWrittenIn() {
        // the device strings of ../shared/datasets/public (NeuSight kernels, Vidur LLM ops), written in so that this
        // holds without the data; PublicDatasetDevicesTest checks them against the files when they are there
        List<String> expected = List.of("nvidia-p4-8gb", "nvidia-p100-pcie-16gb", "nvidia-t4-16gb",
                "nvidia-v100-pcie-32gb", "nvidia-a100-pcie-40gb", "nvidia-a100-pcie-80gb", "amd-mi100-32gb",
                "amd-mi210-64gb", "nvidia-a100-sxm-80gb", "nvidia-a40-48gb", "nvidia-h100-sxm-80gb");
        List<String> names = List.of("Tesla P4", "Tesla P100-PCIE-16GB", "Tesla T4", "Tesla V100-PCIE-32GB",
                "NVIDIA A100-PCIE-40GB", "NVIDIA A100 80GB PCIe", "AMD Instinct MI100", "AMD Instinct MI210",
                "NVIDIA A100-SXM4-80GB", "NVIDIA A40", "NVIDIA H100 80GB HBM3");
        assertThat(names.stream().map(n -> BUILT_IN.require(n).id()).toList()).isEqualTo(expected);
        // what the per-operator model reads of them is there
        assertThat(expected.stream().map(BUILT_IN::require)).allSatisfy(h -> {
            assertThat(h.l2CacheBytes()).as("L2 of %s", h.id()).isPositive();
            assertThat(h.tdpWatts()).as("board power of %s", h.id()).isPositive();
            assertThat(h.memoryType()).as("memory type of %s", h.id()).isNotBlank();
        });
    }
}
