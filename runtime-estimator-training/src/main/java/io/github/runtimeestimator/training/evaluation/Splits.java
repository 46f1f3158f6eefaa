package io.github.runtimeestimator.training.evaluation;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Measurement;
import io.github.runtimeestimator.models.ModelDescriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The splits the comparison runs. Grouped splits ({@code leave-*-out}) hold out every row of one group at a
 * time, so the estimator is judged on models, families or hardware it never saw; a random k-fold split is
 * there for contrast (it flatters: the same model at another batch size is in training).
 */
public final class Splits {
    /** The ids {@link #byId(String, long)} accepts. */
    public static final List<String> IDS = List.of("kfold", "leave-model-out", "leave-family-out",
            "leave-hardware-out", "leave-run-out");

    /** The folds of {@code kfold} without a count: 5. */
    public static final int DEFAULT_FOLDS = 5;

    private Splits() {
    }

    /**
     * A split by id: {@code kfold} (5 folds), {@code kfold-<k>}, or one of the {@code leave-*-out} ids.
     *
     * @param id   one of {@link #IDS} or {@code kfold-<k>}, case and surrounding blanks ignored
     * @param seed shuffles the rows of a k-fold split; the other splits ignore it
     * @return the split
     * @throws IllegalArgumentException when the id is unknown or its {@code k} is not an integer (at least 2)
     */
    public static Split byId(String id, long seed) {
        Checks.requiredText("split", id);
        String key = id.trim().toLowerCase(java.util.Locale.ROOT);
        if (key.equals("kfold")) {
            return kFold(DEFAULT_FOLDS, seed);
        }
        if (key.startsWith("kfold-")) {
            try {
                return kFold(Integer.parseInt(key.substring("kfold-".length())), seed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split = \"" + id + "\": kfold-<k> needs an integer k");
            }
        }
        switch (key) {
            case "leave-model-out":
                return leaveOneModelOut();
            case "leave-family-out":
                return leaveOneFamilyOut();
            case "leave-hardware-out":
                return leaveOneHardwareOut();
            case "leave-run-out":
                return leaveOneRunOut();
            default:
                throw new IllegalArgumentException("split = \"" + id + "\": must be one of " + IDS
                        + " or kfold-<k>");
        }
    }

    /**
     * Random k-fold over the ok rows, shuffled with {@code seed}: the same data and seed give the same folds.
     *
     * @param k    folds, at least 2; the data needs at least {@code k} ok rows
     * @param seed shuffles the rows
     * @return the split, with id {@code kfold-<k>}
     */
    public static Split kFold(int k, long seed) {
        Checks.atLeast("k", k, 2);
        return new Split() {
            @Override
            public String id() {
                return "kfold-" + k;
            }

            @Override
            public List<Fold> folds(List<Measurement> data) {
                List<Measurement> ok = okRows(data);
                if (ok.size() < k) {
                    throw new IllegalArgumentException(id() + " needs at least " + k + " ok rows; the data has "
                            + ok.size());
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < ok.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seed));
                List<Fold> folds = new ArrayList<>(k);
                for (int f = 0; f < k; f++) {
                    List<Measurement> train = new ArrayList<>();
                    List<Measurement> test = new ArrayList<>();
                    for (int pos = 0; pos < order.size(); pos++) {
                        (pos % k == f ? test : train).add(ok.get(order.get(pos)));
                    }
                    folds.add(new Fold("fold " + (f + 1) + "/" + k, train, test));
                }
                return folds;
            }
        };
    }

    /**
     * Holds out one model (by name) at a time.
     *
     * @return the split, with id {@code leave-model-out}
     */
    public static Split leaveOneModelOut() {
        return leaveOneGroupOut("leave-model-out", "model", m -> m.workload().model().name());
    }

    /**
     * Holds out one architecture family at a time.
     *
     * @return the split, with id {@code leave-family-out}
     */
    public static Split leaveOneFamilyOut() {
        return leaveOneGroupOut("leave-family-out", "family", m -> m.workload().model().family());
    }

    /**
     * Holds out one hardware (catalogue id) at a time.
     *
     * @return the split, with id {@code leave-hardware-out}
     */
    public static Split leaveOneHardwareOut() {
        return leaveOneGroupOut("leave-hardware-out", "hardware", m -> m.workload().requireHardware().id());
    }

    /**
     * Holds out one collection run ({@code run_id}) at a time: train on one run, test on another.
     *
     * @return the split, with id {@code leave-run-out}
     */
    public static Split leaveOneRunOut() {
        return leaveOneGroupOut("leave-run-out", "run", m -> m.run().runId());
    }

    /**
     * Holds out each group of {@code key} in turn (groups in sorted order), training on all other groups.
     *
     * @param id    the split's id
     * @param label what a group is, for fold names ({@code model})
     * @param key   the group of a row
     * @return the split; its folds need ok rows of at least 2 groups
     */
    public static Split leaveOneGroupOut(String id, String label, Function<Measurement, String> key) {
        Checks.requiredText("id", id);
        Checks.requiredText("label", label);
        Checks.required("key", key);
        return new Split() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Fold> folds(List<Measurement> data) {
                Map<String, List<Measurement>> groups = new TreeMap<>();
                for (Measurement m : okRows(data)) {
                    groups.computeIfAbsent(key.apply(m), g -> new ArrayList<>()).add(m);
                }
                if (groups.size() < 2) {
                    throw new IllegalArgumentException(id + " needs ok rows of at least 2 distinct " + label
                            + " values; the data has " + groups.size() + " " + groups.keySet());
                }
                List<Fold> folds = new ArrayList<>(groups.size());
                for (Map.Entry<String, List<Measurement>> held : groups.entrySet()) {
                    List<Measurement> train = new ArrayList<>();
                    for (Map.Entry<String, List<Measurement>> other : groups.entrySet()) {
                        if (other != held) {
                            train.addAll(other.getValue());
                        }
                    }
                    folds.add(new Fold(label + "=" + held.getKey(), train, held.getValue()));
                }
                return folds;
            }
        };
    }

    /** The suffix of the id of a split's {@link #undescribed} view. */
    public static final String UNDESCRIBED_VIEW = "/undescribed";

    /**
     * The same folds with every held-out row's model given as a user who did not describe it would give it: only
     * its name (one no catalogue knows), family, parameters, FLOPs and input shape, without descriptors or graph
     * ({@link ModelDescriber#withheld}). The training rows are unchanged. With a fit that leaves the held-out models
     * out of its reference models ({@link Candidate#of}), this measures estimates of models nobody described. Its id
     * is the split's followed by {@value #UNDESCRIBED_VIEW}.
     *
     * @param split the split to view
     * @return the undescribed view of {@code split}
     */
    public static Split undescribed(Split split) {
        Checks.required("split", split);
        return new Split() {
            @Override
            public String id() {
                return split.id() + UNDESCRIBED_VIEW;
            }

            @Override
            public List<Fold> folds(List<Measurement> data) {
                List<Fold> out = new ArrayList<>();
                for (Fold f : split.folds(data)) {
                    List<Measurement> test = new ArrayList<>(f.test().size());
                    for (Measurement m : f.test()) {
                        test.add(m.withWorkload(m.workload().toBuilder()
                                .model(ModelDescriber.withheld(m.workload().model())).build()));
                    }
                    out.add(new Fold(f.name(), f.train(), test));
                }
                return out;
            }
        };
    }

    /**
     * One fixed fold: fit on {@code train}, score on {@code test} (ok rows of each), e.g. file A against file B.
     *
     * @param id    the split's id, also the fold's name
     * @param train rows to fit on
     * @param test  rows to score
     * @return the split; it ignores the data its {@link Split#folds} is given
     */
    public static Split trainTest(String id, List<Measurement> train, List<Measurement> test) {
        Checks.requiredText("id", id);
        List<Measurement> okTrain = okRows(train);
        List<Measurement> okTest = okRows(test);
        return new Split() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Fold> folds(List<Measurement> ignored) {
                return List.of(new Fold(id, okTrain, okTest));
            }
        };
    }

    static List<Measurement> okRows(List<Measurement> data) {
        List<Measurement> ok = new ArrayList<>(data.size());
        for (Measurement m : data) {
            if (m.isOk()) {
                ok.add(m);
            }
        }
        return ok;
    }
}
