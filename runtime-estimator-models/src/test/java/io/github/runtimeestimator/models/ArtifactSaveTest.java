package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving goes through a temporary file of a unique name in the same folder and an atomic move: concurrent saves
 * to one path all succeed and leave one complete artifact and no temporary file; a failed save leaves nothing.
 */
class ArtifactSaveTest {
    @TempDir
    Path dir;

    @Test
    void concurrentSavesToOnePathLeaveOneCompleteArtifactAndNoTemporaryFile() throws Exception {
        List<TrainedEstimator> estimators = SyntheticEstimators.all(21);
        Path target = dir.resolve("shared.rte");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> saves = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                TrainedEstimator est = estimators.get(t % estimators.size());
                saves.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < 3; k++) {
                        est.save(target);
                        RuntimeEstimator.load(target); // a reader never sees a partial file
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : saves) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(listing()).containsExactly("shared.rte");
        TrainedEstimator loaded = (TrainedEstimator) RuntimeEstimator.load(target);
        List<WorkloadSpec> queries = SyntheticEstimators.queries(20, 1);
        assertThat(estimators.stream().filter(e -> e.predictAll(queries).equals(loaded.predictAll(queries))))
                .as("the file is one of the saved estimators, whole").hasSize(1);
    }

    @Test
    void aSaveThatCannotMoveIntoPlaceLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside"));
        assertThatThrownBy(() -> SyntheticEstimators.tree(1).save(target)).isInstanceOf(IOException.class);
        assertThat(listing()).containsExactly("taken");
    }

    @Test
    void savingCreatesMissingFoldersAndReplacesAnExistingArtifact() throws IOException {
        Path target = dir.resolve("a/b/m.rte");
        SyntheticEstimators.tree(1).save(target);
        SyntheticEstimators.knn(2).save(target);
        assertThat(((TrainedEstimator) RuntimeEstimator.load(target)).config().trainer()).isEqualTo("knn");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.rte");
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
