package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareCatalogTest {
    private static final HardwareCatalog BUILT_IN = HardwareCatalog.builtIn();

    private static final List<String> EXPECTED_IDS = List.of(
            "nvidia-h100-sxm-80gb", "nvidia-h100-pcie-80gb", "nvidia-h200-sxm-141gb",
            "nvidia-a100-sxm-40gb", "nvidia-a100-sxm-80gb", "nvidia-a100-pcie-40gb", "nvidia-a100-pcie-80gb",
            "nvidia-a10-24gb", "nvidia-a10g-24gb", "nvidia-l4-24gb", "nvidia-l40s-48gb", "nvidia-t4-16gb",
            "nvidia-v100-sxm2-16gb", "nvidia-v100-sxm2-32gb", "nvidia-v100-pcie-16gb", "nvidia-v100-pcie-32gb",
            "nvidia-rtx-3090-24gb", "nvidia-rtx-4090-24gb", "nvidia-rtx-a6000-48gb",
            "amd-mi250x-128gb", "amd-mi300x-192gb", "intel-xeon-emr-16c", "amd-epyc-zen4-2c");

    @Test
    void builtInHasAtLeastSixtyEntriesEachWithASource() {
        List<HardwareSpec> all = BUILT_IN.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        // every entry passed HardwareSpec's validation when loaded; check what validation does not enforce
        assertThat(all).allSatisfy(e -> {
            assertThat(e.sources()).as("sources of %s", e.id()).isNotEmpty();
            assertThat(e.id()).as("id").matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(e.vendor()).as("vendor of %s", e.id()).isIn("nvidia", "amd", "intel", "aws");
            assertThat(e.deviceCount()).isEqualTo(1);
            assertThat(e.architecture()).as("architecture of %s", e.id()).isNotBlank();
        });
    }

    @Test
    void everyListedIdIsPresent() {
        assertThat(BUILT_IN.all()).extracting(HardwareSpec::id).containsAll(EXPECTED_IDS);
    }

    @Test
    void gpuEntriesHaveDriverNamesAndTensorPeaksAboveFp32() {
        List<HardwareSpec> gpus = BUILT_IN.all().stream().filter(e -> e.kind() == HardwareKind.GPU).toList();
        assertThat(gpus).hasSizeGreaterThanOrEqualTo(50);
        assertThat(gpus).allSatisfy(g -> {
            assertThat(g.aliases()).as("aliases of %s", g.id()).isNotEmpty();
            assertThat(g.threadsUsed()).isZero();
            assertThat(g.boostClockMhz()).as("a GPU's clock is its boost clock").isEqualTo(g.clockMhz());
            if (g.architecture().equals("Pascal")) {
                // no tensor cores: FP16 runs at the FP32 rate (GP104/GP102) or twice it (GP100)
                assertThat(g.peakFlopsPerSecond(Precision.FP16)).isGreaterThanOrEqualTo(g.peakFlopsPerSecond(Precision.FP32));
            } else {
                assertThat(g.peakFlopsPerSecond(Precision.FP16))
                        .as("FP16 peak of %s", g.id()).isGreaterThan(g.peakFlopsPerSecond(Precision.FP32));
            }
        });
    }

    @Test
    void unconfirmedA10gFiguresAreMarkedInItsSources() {
        assertThat(BUILT_IN.require("nvidia-a10g-24gb").sources()).anyMatch(s -> s.contains("UNCONFIRMED"));
    }

    @Test
    void cpuEntriesStateThePeakFormulaInTheirSources() {
        assertThat(BUILT_IN.all().stream().filter(HardwareSpec::isCpu)).allSatisfy(c ->
                assertThat(c.sources()).anyMatch(s -> s.contains("cores x") && s.contains("FLOP/cycle")));
        HardwareSpec xeon = BUILT_IN.require("intel-xeon-emr-16c");
        assertThat(xeon.peakFlopsPerSecond(Precision.FP32)).isEqualTo(16 * 2.1e9 * 64);
        HardwareSpec epyc = BUILT_IN.require("amd-epyc-zen4-2c");
        assertThat(epyc.peakFlopsPerSecond(Precision.FP32)).isEqualTo(2 * 2.6e9 * 32);
    }

    @Test
    void memoryIsTheMarketedCapacityInGibibytes() {
        assertThat(BUILT_IN.require("nvidia-h100-sxm-80gb").memoryBytes()).isEqualTo(80L << 30);
        assertThat(BUILT_IN.require("nvidia-h200-sxm-141gb").memoryBytes()).isEqualTo(141L << 30);
        assertThat(BUILT_IN.require("nvidia-t4-16gb").memoryBytes()).isEqualTo(16L << 30);
    }

    @Test
    void findsById() {
        HardwareSpec h100 = BUILT_IN.require("nvidia-h100-sxm-80gb");
        assertThat(h100.computeUnits()).isEqualTo(132);
        assertThat(h100.peakFlopsPerSecond(Precision.BF16)).isEqualTo(9.89e14);
        assertThat(BUILT_IN.find("  NVIDIA-H100-SXM-80GB ")).contains(h100);
    }

    @ParameterizedTest
    @CsvSource({
            "NVIDIA H100 80GB HBM3, nvidia-h100-sxm-80gb",
            "nvidia  h100 80gb   hbm3, nvidia-h100-sxm-80gb",
            "NVIDIA H100 PCIe, nvidia-h100-pcie-80gb",
            "NVIDIA H200, nvidia-h200-sxm-141gb",
            "NVIDIA A100-SXM4-40GB, nvidia-a100-sxm-40gb",
            "NVIDIA A100-SXM4-80GB, nvidia-a100-sxm-80gb",
            "NVIDIA A100-PCIE-40GB, nvidia-a100-pcie-40gb",
            "NVIDIA A100 80GB PCIe, nvidia-a100-pcie-80gb",
            "NVIDIA A10, nvidia-a10-24gb",
            "NVIDIA A10G, nvidia-a10g-24gb",
            "NVIDIA L4, nvidia-l4-24gb",
            "NVIDIA L40S, nvidia-l40s-48gb",
            "Tesla T4, nvidia-t4-16gb",
            "Tesla V100-SXM2-16GB, nvidia-v100-sxm2-16gb",
            "Tesla V100-SXM2-32GB, nvidia-v100-sxm2-32gb",
            "Tesla V100-PCIE-16GB, nvidia-v100-pcie-16gb",
            "Tesla V100-PCIE-32GB, nvidia-v100-pcie-32gb",
            "NVIDIA GeForce RTX 3090, nvidia-rtx-3090-24gb",
            "NVIDIA GeForce RTX 4090, nvidia-rtx-4090-24gb",
            "NVIDIA RTX A6000, nvidia-rtx-a6000-48gb",
            "AMD Instinct MI250X, amd-mi250x-128gb",
            "AMD Instinct MI300X, amd-mi300x-192gb"})
    void findsByTheNameTheDriverReports(String reported, String id) {
        assertThat(BUILT_IN.find(reported)).map(HardwareSpec::id).contains(id);
    }

    @Test
    void unknownNameFailsNamingFieldValueAndTheH100Ids() {
        assertThatThrownBy(() -> BUILT_IN.require("h100"))
                .isInstanceOf(UnknownHardwareException.class)
                .hasMessageContaining("hardware")
                .hasMessageContaining("\"h100\"")
                .hasMessageContaining("close ids: nvidia-h100-")
                .satisfies(e -> {
                    UnknownHardwareException u = (UnknownHardwareException) e;
                    assertThat(u.field()).isEqualTo("hardware");
                    assertThat(u.closeIds()).hasSize(5);
                    assertThat(u.closeIds().subList(0, 3)).containsExactlyInAnyOrder("nvidia-h100-sxm-80gb",
                            "nvidia-h100-pcie-80gb", "nvidia-h100-nvl-94gb");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h100", "H100", "nvidia-h100", "H100 SXM5 94GB", "H100 80GB"})
    void closeIdsPutTheH100sFirst(String requested) {
        assertThat(BUILT_IN.closeIds(requested).subList(0, 3))
                .containsExactlyInAnyOrder("nvidia-h100-sxm-80gb", "nvidia-h100-pcie-80gb", "nvidia-h100-nvl-94gb");
    }

    @Test
    void closeIdsRankTheNamedFormFactorFirst() {
        assertThat(BUILT_IN.closeIds("H100 PCIe 94GB")).first().isEqualTo("nvidia-h100-pcie-80gb");
        assertThat(BUILT_IN.closeIds("H100 NVL 188GB")).first().isEqualTo("nvidia-h100-nvl-94gb");
        assertThat(BUILT_IN.closeIds("Tesla V100S-PCIE-32GB")).first().isEqualTo("nvidia-v100-pcie-32gb");
        assertThat(BUILT_IN.closeIds("mi300")).first().isEqualTo("amd-mi300x-192gb");
    }

    @Test
    void closeIdsDoNotTakeA10ForA100() {
        List<String> close = BUILT_IN.closeIds("a10");
        assertThat(close.subList(0, 2)).containsExactlyInAnyOrder("nvidia-a10-24gb", "nvidia-a10g-24gb");
    }

    @Test
    void closeIdsFallBackToEditDistanceForATypo() {
        assertThat(BUILT_IN.closeIds("nvidia-h100-sxm-80bg")).first().isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(BUILT_IN.closeIds("")).hasSize(5);
        assertThat(BUILT_IN.closeIds(null)).hasSize(5);
    }

    @Test
    void userCatalogueReplacesAnIdAndAddsANewOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-hardware.json");
        Files.writeString(file, """
                {"formatVersion": 1, "entries": [
                  {"id": "nvidia-h100-sxm-80gb", "name": "H100 SXM power-capped", "kind": "gpu", "vendor": "nvidia",
                   "peakFlopsPerSecond": {"fp32": 5.0e13, "bf16": 7.0e14},
                   "memoryBytes": 85899345920, "memoryBandwidthBytesPerSecond": 3.0e12,
                   "computeUnits": 132, "clockMhz": 1600, "aliases": ["NVIDIA H100 80GB HBM3"],
                   "sources": ["our own measurement"]},
                  {"id": "acme-npu-1", "name": "ACME NPU 1", "kind": "gpu", "vendor": "acme",
                   "peakFlopsPerSecond": {"fp32": 1.0e13},
                   "memoryBytes": 17179869184, "memoryBandwidthBytesPerSecond": 5.0e11,
                   "computeUnits": 16, "clockMhz": 1000, "aliases": ["ACME NPU-1"], "sources": ["vendor sheet"]}
                ]}
                """);
        HardwareCatalog merged = BUILT_IN.withOverrides(HardwareCatalog.fromJson(file));

        assertThat(merged.all()).hasSize(BUILT_IN.all().size() + 1);
        HardwareSpec replaced = merged.require("nvidia-h100-sxm-80gb");
        assertThat(replaced.clockMhz()).isEqualTo(1600);
        assertThat(replaced.peakFlopsPerSecond(Precision.BF16)).isEqualTo(7.0e14);
        assertThat(merged.require("NVIDIA H100 80GB HBM3")).isEqualTo(replaced);
        assertThat(merged.require("acme npu-1").id()).isEqualTo("acme-npu-1");
        assertThat(BUILT_IN.find("acme-npu-1")).as("the built-in catalogue is unchanged").isEmpty();
    }

    @Test
    void wrongFormatVersionFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("future.json");
        Files.writeString(file, "{\"formatVersion\": 2, \"entries\": []}");
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("formatVersion 2 is not supported")
                .hasMessageContaining("reads formatVersion 1");
    }

    @Test
    void malformedJsonFailsNamingTheFileAndPosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"entries\": [ {\"id\": \"x\",, } ]}");
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not a valid hardware catalogue")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void unknownKeyFailsNamingTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"entries\": [], \"comment\": \"hi\"}");
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("comment");
    }

    @Test
    void invalidEntryFailsNamingTheFileAndTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad-entry.json");
        Files.writeString(file, """
                {"formatVersion": 1, "entries": [
                  {"id": "slow", "name": "Slow", "kind": "gpu", "peakFlopsPerSecond": {"fp32": -1},
                   "memoryBytes": 1, "memoryBandwidthBytesPerSecond": 1, "computeUnits": 1, "clockMhz": 1}]}
                """);
        assertThatThrownBy(() -> HardwareCatalog.fromJson(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("hardware.peakFlopsPerSecond.fp32 = -1.0: must be a finite number > 0");
    }

    @Test
    void findsTheDatasetXeonAndThisMachinesEpycByModelAndCores() {
        assertThat(BUILT_IN.findCpu("Intel(R) Xeon(R) Processor", 16)).map(HardwareSpec::id)
                .contains("intel-xeon-emr-16c");
        assertThat(BUILT_IN.findCpu("AMD EPYC", 2)).map(HardwareSpec::id).contains("amd-epyc-zen4-2c");
        HardwareSpec composed = BUILT_IN.findCpu("AMD EPYC", 64).orElseThrow();
        assertThat(composed.id()).as("same model, other core count: composed from per-core figures")
                .isEqualTo("amd-epyc-zen4-64c");
        assertThat(composed.peakFlopsPerSecond(Precision.FP32)).isEqualTo(64 * 2.6e9 * 32, within(1.0));
        assertThat(composed.sources().get(0)).contains("composed for 64 cores from catalogue entry amd-epyc-zen4-2c");
        assertThat(BUILT_IN.findCpu("NVIDIA H100 80GB HBM3", 132)).as("GPUs are not CPUs").isEmpty();
    }

    @Test
    void aPrecisionWithoutItsOwnPeakRunsAtItsFallback() {
        HardwareSpec v100 = BUILT_IN.require("Tesla V100-SXM2-32GB");
        assertThat(v100.peakFlopsPerSecond()).doesNotContainKey(Precision.TF32);
        assertThat(v100.peakFlopsPerSecond(Precision.TF32)).isEqualTo(v100.peakFlopsPerSecond(Precision.FP32))
                .isEqualTo(1.57e13);
        HardwareSpec mi250x = BUILT_IN.require("amd-mi250x-128gb");
        assertThat(mi250x.peakFlopsPerSecond(Precision.TF32)).isEqualTo(4.79e13);
    }

    @Test
    void ofRejectsARepeatedId() {
        HardwareSpec t4 = BUILT_IN.require("nvidia-t4-16gb");
        assertThatThrownBy(() -> HardwareCatalog.of(List.of(t4, t4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nvidia-t4-16gb appears twice");
    }
}
