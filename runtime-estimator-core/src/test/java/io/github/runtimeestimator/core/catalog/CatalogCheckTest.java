package io.github.runtimeestimator.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.HardwareKind;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogCheckTest {
    private static HardwareSpec.Builder gpu(String id) {
        return HardwareSpec.builder().id(id).name("Board " + id).kind(HardwareKind.GPU).vendor("acme")
                .peakFlopsPerSecond(Precision.FP32, 1e13).memoryBytes(1L << 30).memoryBandwidthBytesPerSecond(1e11)
                .computeUnits(10).clockMhz(1000).aliases(List.of("ACME " + id)).sources(List.of("sheet"));
    }

    @Test
    void theBuiltInCatalogueBreaksNoRule() {
        assertThat(CatalogCheck.check(HardwareCatalog.builtIn())).isEmpty();
    }

    @Test
    void findsMissingSourcesSharedAliasesAndMisorderedPeaks() {
        List<HardwareSpec> entries = new ArrayList<>();
        entries.add(gpu("a").sources(List.of()).build());
        entries.add(gpu("b").aliases(List.of("ACME a")).build());
        entries.add(gpu("c").peakFlopsPerSecond(Precision.TF32, 5e12).build());
        entries.add(gpu("d").peakFlopsPerSecond(Precision.FP16, 1e14).peakFlopsPerSecond(Precision.INT8, 5e13).build());
        entries.add(gpu("e").peakFlopsPerSecond(Precision.FP16, 1e14).peakFlopsPerSecond(Precision.INT8, 4e13).build());
        entries.add(gpu("f").peakFlopsPerSecond(Precision.FP16, 1e14).peakFlopsPerSecond(Precision.INT8, 4e14)
                .fp8PeakFlopsPerSecond(5e14).build());
        entries.add(gpu("g").aliases(List.of()).build());
        entries.add(gpu("h").aliases(List.of("c")).build());
        List<CatalogCheck.Problem> problems = CatalogCheck.check(HardwareCatalog.of(entries));
        assertThat(problems).extracting(CatalogCheck.Problem::toString).containsExactly(
                "a: sources: no source for its figures",
                "b: aliases: \"acme a\" also names a",
                "c: peaks: tf32 (5.000e+12) < fp32 (1.000e+13)",
                "d: peaks: int8 (5.000e+13) < max(fp16, bf16) (1.000e+14)",
                "f: peaks: int8 (4.000e+14) < fp8 (5.000e+14)",
                "g: aliases: a GPU needs the name its driver reports",
                "h: aliases: \"c\" is the id of c");
        // e's INT8 is the DP4A rate (4 x FP32) of a part without INT8 tensor cores, as a V100's: allowed
    }
}
