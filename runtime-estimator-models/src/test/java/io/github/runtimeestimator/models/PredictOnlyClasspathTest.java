package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * runtime-estimator-models predicts without Tribuo, XGBoost or any native library: its test classpath is its own
 * (the build also bans those dependencies, transitively, with maven-enforcer), and on it the default estimator
 * loads and predicts every dataset row.
 */
class PredictOnlyClasspathTest {

    @Test
    void tribuoAndXgboostAreNotOnThisClasspath() {
        for (String name : List.of("org.tribuo.Model", "org.tribuo.regression.xgboost.XGBoostRegressionTrainer",
                "ml.dmlc.xgboost4j.java.Booster", "ml.dmlc.xgboost4j.java.XGBoost", "com.google.protobuf.Message",
                "com.oracle.labs.mlrg.olcut.config.Configurable")) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(getClass().getClassLoader().getResource("lib/linux/x86_64/libxgboost4j.so")).isNull();
    }

    @Test
    void loadDefaultPredictsEveryDatasetRowWithFinitePositiveValues() {
        RuntimeEstimator est = RuntimeEstimator.loadDefault();
        List<WorkloadSpec> rows = DatasetWorkloads.all();
        assertThat(rows).hasSizeGreaterThan(1_000);
        for (WorkloadSpec spec : rows) {
            Estimate e = est.predict(spec);
            assertThat(e.seconds()).as("%s", spec).isPositive().isFinite();
            assertThat(e.lowerSeconds()).isPositive().isLessThanOrEqualTo(e.seconds());
            assertThat(e.upperSeconds()).isFinite().isGreaterThanOrEqualTo(e.seconds());
        }
    }
}
