package io.github.runtimeestimator.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import org.junit.jupiter.api.Test;

class MeasurementCsvSharedDataTest {
    @Test
    void probe() throws Exception {
        MeasurementReadResult r = MeasurementCsv.read(SharedDatasets.file("h100-sxm-pytorch.csv"),
                HardwareCatalog.builtIn(), ReadMode.LENIENT);
        System.out.println(r.measurements().size() + " " + r.rejections());
        System.out.println(r.measurements().get(0));
        assertThat(r.rowCount()).isEqualTo(969);
    }
}
