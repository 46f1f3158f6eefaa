package io.github.runtimeestimator.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Measurement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SplitsTest {
    private final List<Measurement> data = Fixtures.dataset();
    private final List<Measurement> ok = data.stream().filter(Measurement::isOk).toList();

    static Stream<Arguments> groupedSplits() {
        Function<Measurement, String> model = m -> m.workload().model().name();
        Function<Measurement, String> family = m -> m.workload().model().family();
        Function<Measurement, String> hardware = m -> m.workload().requireHardware().id();
        Function<Measurement, String> run = m -> m.run().runId();
        return Stream.of(
                Arguments.of(Splits.leaveOneModelOut(), model, 4),
                Arguments.of(Splits.leaveOneFamilyOut(), family, 3),
                Arguments.of(Splits.leaveOneHardwareOut(), hardware, 2),
                Arguments.of(Splits.leaveOneRunOut(), run, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedSplits")
    void groupedSplitNeverTrainsOnTheHeldOutGroup(Split split, Function<Measurement, String> key, int groups) {
        List<Fold> folds = split.folds(data);

        assertThat(folds).hasSize(groups);
        for (Fold fold : folds) {
            Set<String> heldOut = fold.test().stream().map(key).collect(Collectors.toSet());
            assertThat(heldOut).as("one group per fold in %s", fold.name()).hasSize(1);
            assertThat(fold.train()).as("training rows of %s", fold.name())
                    .noneMatch(m -> heldOut.contains(key.apply(m)));
            assertThat(fold.train().size() + fold.test().size()).isEqualTo(ok.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedSplits")
    void leaveOneOutTestsEveryOkRowExactlyOnceAndNoOtherRow(Split split, Function<Measurement, String> key,
                                                            int groups) {
        assertTestedExactlyOnce(split.folds(data));
    }

    @Test
    void kFoldTestsEveryOkRowExactlyOnceWithBalancedDisjointFolds() {
        List<Fold> folds = Splits.kFold(5, 7).folds(data);

        assertThat(folds).hasSize(5);
        assertTestedExactlyOnce(folds);
        for (Fold fold : folds) {
            assertThat(fold.test().size()).isBetween(ok.size() / 5, ok.size() / 5 + 1);
            Set<Measurement> train = Collections.newSetFromMap(new IdentityHashMap<>());
            train.addAll(fold.train());
            assertThat(fold.test()).noneMatch(train::contains);
        }
    }

    @Test
    void kFoldIsDeterministicForASeedAndDiffersAcrossSeeds() {
        List<Fold> a = Splits.kFold(5, 7).folds(data);
        List<Fold> b = Splits.kFold(5, 7).folds(data);
        List<Fold> c = Splits.kFold(5, 8).folds(data);

        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).test()).containsExactlyElementsOf(a.get(i).test());
        }
        assertThat(c.get(0).test()).isNotEqualTo(a.get(0).test());
    }

    @Test
    void trainTestKeepsOnlyOkRowsOfEachSide() {
        List<Measurement> fileA = data.subList(0, 50);
        List<Measurement> fileB = data.subList(50, data.size());
        List<Fold> folds = Splits.trainTest("a-to-b", fileA, fileB).folds(List.of());

        assertThat(folds).singleElement().satisfies(f -> {
            assertThat(f.train()).allMatch(Measurement::isOk).hasSize((int) fileA.stream().filter(Measurement::isOk).count());
            assertThat(f.test()).allMatch(Measurement::isOk).hasSize((int) fileB.stream().filter(Measurement::isOk).count());
        });
    }

    @Test
    void aSingleGroupCannotBeLeftOutAndTheMessageSaysWhy() {
        List<Measurement> gpuOnly = ok.stream().filter(m -> m.workload().requireHardware() == Fixtures.GPU).toList();

        assertThatThrownBy(() -> Splits.leaveOneHardwareOut().folds(gpuOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave-hardware-out needs ok rows of at least 2 distinct hardware")
                .hasMessageContaining("gpu-a");
    }

    @Test
    void byIdKnowsEveryListedIdAndRejectsOthersNamingThem() {
        for (String id : Splits.IDS) {
            assertThat(Splits.byId(id, 1).id()).startsWith(id);
        }
        assertThat(Splits.byId("kfold-10", 1).id()).isEqualTo("kfold-10");
        assertThatThrownBy(() -> Splits.byId("leave-everything-out", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave-model-out");
    }

    @Test
    void kFoldNeedsAtLeastAsManyRowsAsFolds() {
        assertThatThrownBy(() -> Splits.kFold(5, 1).folds(ok.subList(0, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5 ok rows");
    }

    private void assertTestedExactlyOnce(List<Fold> folds) {
        Map<Measurement, Integer> tested = new IdentityHashMap<>();
        List<Measurement> all = new ArrayList<>();
        for (Fold f : folds) {
            for (Measurement m : f.test()) {
                tested.merge(m, 1, Integer::sum);
                all.add(m);
            }
        }
        assertThat(tested.values()).allMatch(n -> n == 1);
        assertThat(all).hasSize(ok.size()).allMatch(Measurement::isOk);
        assertThat(tested.keySet()).containsExactlyInAnyOrderElementsOf(ok);
    }
}
