package io.github.runtimeestimator.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.Estimate;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.JobSpec;
import io.github.runtimeestimator.core.ModelDescription;
import io.github.runtimeestimator.core.ModelSpec;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.RuntimeEstimator;
import io.github.runtimeestimator.core.WorkloadSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.ModelCatalog;
import io.github.runtimeestimator.core.graph.CodeDefinedModels;
import io.github.runtimeestimator.core.io.SpecJson;
import io.github.runtimeestimator.models.internal.EstimatorArtifact;
import org.junit.jupiter.api.Test;

/**
 * What the shipped default says about an estimate beyond its seconds: how the model was described, every way the
 * spec lies outside its training data, and the interval of the spec's situation.
 */
class TrustedEstimateTest {
    private static final TrainedEstimator DEFAULT = (TrainedEstimator) RuntimeEstimator.loadDefault();
    private static final HardwareSpec H100 = HardwareCatalog.builtIn().require("nvidia-h100-sxm-80gb");
    private static final ModelSpec RESNET50 = ModelCatalog.builtIn().require("resnet50");

    private static Estimate predict(ModelSpec model, int batch, Precision p, HardwareSpec hw) {
        return DEFAULT.predict(WorkloadSpec.builder().model(model).job(JobSpec.inference(batch)).precision(p)
                .hardware(hw).build());
    }

    private static ModelSpec plain(ModelSpec m, String name) {
        return ModelSpec.builder().name(name).family(m.family()).parameters(m.parameters())
                .flopsPerSample(m.flopsPerSample()).inputShape(m.inputShape()).build();
    }

    @Test
    void everyEstimateSaysHowItsModelWasDescribed() {
        assertThat(predict(RESNET50, 8, Precision.BF16, H100).modelDescription()).isEqualTo(ModelDescription.GIVEN);
        assertThat(predict(plain(RESNET50, "resnet50"), 8, Precision.BF16, H100).modelDescription())
                .isEqualTo(ModelDescription.CATALOGUE_NAME);
        assertThat(predict(plain(RESNET50, "my_resnet"), 8, Precision.BF16, H100).modelDescription())
                .isEqualTo(ModelDescription.CATALOGUE_FIGURES);
        ModelSpec unknown = plain(RESNET50, "my_net").toBuilder().parameters(30_000_000L).build();
        Estimate inferred = predict(unknown, 8, Precision.BF16, H100);
        assertThat(inferred.modelDescription()).isEqualTo(ModelDescription.INFERRED);
        assertThat(SpecJson.writeEstimate(inferred)).contains("\"modelDescription\" : \"inferred\"");
        ModelSpec graphOnly = CodeDefinedModels.find("bert_base", "200").orElseThrow().toBuilder().name("my_bert")
                .leafLayers(null).activationElementsPerSample(null).matmulFlopsPerSample(null).build();
        assertThat(predict(graphOnly, 8, Precision.BF16, H100).modelDescription()).isEqualTo(ModelDescription.GIVEN);
    }

    @Test
    void renamingACataloguedModelKeepsItsEstimate() {
        Estimate named = predict(plain(RESNET50, "resnet50"), 16, Precision.BF16, H100);
        Estimate renamed = predict(plain(RESNET50, "my_resnet"), 16, Precision.BF16, H100);

        assertThat(renamed.seconds()).isEqualTo(named.seconds());
        assertThat(renamed.upperSeconds()).isEqualTo(named.upperSeconds());
    }

    @Test
    void anInferredModelStatesAWiderIntervalThanADescribedOne() {
        Estimate described = predict(plain(RESNET50, "resnet50"), 16, Precision.BF16, H100);
        Estimate inferred = predict(plain(RESNET50, "my_net").toBuilder().parameters(30_000_000L).build(), 16,
                Precision.BF16, H100);

        assertThat(Math.log(inferred.upperSeconds() / inferred.lowerSeconds()))
                .isGreaterThan(Math.log(described.upperSeconds() / described.lowerSeconds()));
    }

    @Test
    void modelSizeBatchAndPrecisionOutsideTheTrainingDataAreNamed() {
        ModelSpec huge = plain(RESNET50, "giant").toBuilder().parameters(70_000_000_000L).flopsPerSample(1.4e11)
                .build();
        Estimate e = DEFAULT.predict(WorkloadSpec.builder().model(huge).job(JobSpec.inference(1_000_000))
                .precision(Precision.FP16).hardware(H100).build());

        assertThat(e.extrapolations()).anyMatch(r -> r.startsWith("model size 7.00e+10 parameters is outside"))
                .anyMatch(r -> r.startsWith("batch size 1.00e+06 is outside"))
                .anyMatch(r -> r.startsWith("precision fp16 on nvidia-h100-sxm-80gb is not in the training data"));
        assertThat(predict(RESNET50, 32, Precision.BF16, H100).extrapolations()).isEmpty();
    }

    @Test
    void aTrainingDeviceAnswersForItsOwnPrecisions() {
        // the Xeon was measured in fp32 only; the EPYC's bf16 rows do not make a bf16 Xeon estimate measured
        HardwareSpec xeon = HardwareCatalog.builtIn().require("intel-xeon-emr-16c");

        assertThat(predict(RESNET50, 32, Precision.BF16, xeon).extrapolations()).contains(
                "precision bf16 on intel-xeon-emr-16c is not in the training data (trained on intel-xeon-emr-16c: fp32)");
        assertThat(predict(RESNET50, 32, Precision.FP32, xeon).extrapolations()).isEmpty();
    }

    @Test
    void unseenHardwareTakesTheDeviceIntervalWidenedWithItsDistance() {
        HardwareSpec a100 = HardwareCatalog.builtIn().require("nvidia-a100-sxm-80gb");
        HardwareSpec t4 = HardwareCatalog.builtIn().require("nvidia-t4-16gb");
        PredictionIntervals intervals = DEFAULT.intervals();
        assertThat(intervals.unseenHardware().isCalibrated()).isTrue();
        assertThat(intervals.unseenFamily().isCalibrated()).isTrue();
        assertThat(intervals.inferredModel().isCalibrated()).isTrue();
        // a new device may lie on either side of those trained on: its bounds per unit of distance are symmetric
        assertThat(intervals.unseenHardware().pooled().lowerLogResidual())
                .isEqualTo(-intervals.unseenHardware().pooled().upperLogResidual());
        intervals.unseenHardware().byPhase().values().forEach(p ->
                assertThat(p.lowerLogResidual()).isEqualTo(-p.upperLogResidual()));

        double farther = width(predict(RESNET50, 16, Precision.BF16, t4));
        double nearer = width(predict(RESNET50, 16, Precision.BF16, a100));
        assertThat(DEFAULT.trainingData().domain().hardwareDistance(t4, Precision.BF16))
                .isGreaterThan(DEFAULT.trainingData().domain().hardwareDistance(a100, Precision.BF16));
        assertThat(farther).isGreaterThan(nearer);
    }

    private static double width(Estimate e) {
        return Math.log(e.upperSeconds() / e.lowerSeconds());
    }

    @Test
    void aFormatTwoArtifactWithoutTheNewFieldsStillLoadsAndSaysLessNotWrong() throws Exception {
        byte[] current = EstimatorArtifact.toBytes(DEFAULT);
        byte[] older = ArtifactSurgery.editManifest(current, (ObjectNode m) -> {
            m.remove("descriptorInference");
            ((ObjectNode) m.get("trainingData")).remove("domain");
            ObjectNode intervals = (ObjectNode) m.get("intervals");
            intervals.remove("unseenFamily");
            intervals.remove("unseenHardware");
            intervals.remove("inferredModel");
        }, true);
        TrainedEstimator old = EstimatorArtifact.read(older, "older.rte", EstimatorArtifact::featureSet);

        ModelSpec unknown = plain(RESNET50, "my_net").toBuilder().parameters(30_000_000L).build();
        Estimate e = old.predict(WorkloadSpec.builder().model(unknown).job(JobSpec.inference(8))
                .precision(Precision.BF16).hardware(H100).build());
        assertThat(e.modelDescription()).isEqualTo(ModelDescription.NONE);
        assertThat(old.trainingData().domain().isKnown()).isFalse();
        assertThat(old.intervals().unseenHardware().isCalibrated()).isFalse();
        assertThat(old.predict(WorkloadSpec.builder().model(RESNET50).job(JobSpec.inference(8))
                .precision(Precision.BF16).hardware(H100).build()).seconds())
                .isEqualTo(predict(RESNET50, 8, Precision.BF16, H100).seconds());
    }
}
