package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.runtimeestimator.testing.RepositoryFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Recomputes {@link TensorParallelEfficiency}'s table from the shared Vidur data (optional: skips when the public
 * datasets are absent): per device, model and token count, the layer's operator time (every operator but the
 * embedding lookup) at tensor-parallel degree 1 over n times its time at degree n, where both degrees profiled the
 * same operators; then the median and 10th percentile (sorted ascending, elements n/2 and n/10) per device, degree
 * and token bucket.
 */
class TensorParallelEfficiencyTest {

    private record Key(String device, String model, int tokens, int degree) {
    }

    @Test
    void theShippedFiguresAreTheSharedDatasMedianAndTenthPercentile() throws Exception {
        Optional<Path> root = RepositoryFiles.publicDatasets();
        assumeTrue(root.isPresent(), RepositoryFiles.PUBLIC_DATA_ABSENT);
        Path file = root.get().resolve("vidur-ops/llm-ops.csv.gz");
        assumeTrue(Files.isRegularFile(file), RepositoryFiles.PUBLIC_DATA_ABSENT + " (vidur-ops/llm-ops.csv.gz missing)");

        Map<Key, Double> layerMs = new HashMap<>();
        Map<Key, Set<String>> ops = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (rows.hasNext()) {
                Map<String, String> r = rows.next();
                if (r.get("op").equals("emb")) {
                    continue;
                }
                Key k = new Key(r.get("device"), r.get("model"), Integer.parseInt(r.get("num_tokens")),
                        Integer.parseInt(r.get("tensor_parallel")));
                layerMs.merge(k, Double.parseDouble(r.get("median_ms")), Double::sum);
                ops.computeIfAbsent(k, x -> new HashSet<>()).add(r.get("op"));
            }
        }
        Map<String, List<Double>> efficiencies = new HashMap<>();
        layerMs.forEach((k, ms) -> {
            Key one = new Key(k.device(), k.model(), k.tokens(), 1);
            if (k.degree() == 1 || !layerMs.containsKey(one) || !ops.get(one).equals(ops.get(k))) {
                return;
            }
            int bucket = 0;
            while (k.tokens() > TensorParallelEfficiency.BUCKET_UPPER_TOKENS[bucket]) {
                bucket++;
            }
            efficiencies.computeIfAbsent(k.device() + "|" + k.degree() + "|" + bucket, x -> new ArrayList<>())
                    .add(layerMs.get(one) / (k.degree() * ms));
        });

        int checked = 0;
        for (Map.Entry<String, double[][][]> device : TensorParallelEfficiency.MEASURED.entrySet()) {
            int[] degrees = {2, 4, 8};
            for (int d = 0; d < 3; d++) {
                for (int b = 0; b < 3; b++) {
                    List<Double> v = efficiencies.get(device.getKey() + "|" + degrees[d] + "|" + b);
                    assertThat(v).as("%s, %d devices, bucket %d", device.getKey(), degrees[d], b).isNotEmpty();
                    Collections.sort(v);
                    double[] shipped = device.getValue()[d][b];
                    assertThat(shipped[0]).as("median, %s, %d devices, bucket %d", device.getKey(), degrees[d], b)
                            .isCloseTo(v.get(v.size() / 2), org.assertj.core.data.Offset.offset(0.0005));
                    assertThat(shipped[1]).as("p10, %s, %d devices, bucket %d", device.getKey(), degrees[d], b)
                            .isCloseTo(v.get(v.size() / 10), org.assertj.core.data.Offset.offset(0.0005));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(27);
    }
}
