package io.github.runtimeestimator.training.operators;

import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.models.operators.OperatorFamily;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Leave-one-GPU-out accuracy of the per-operator model per family, device and precision, beside two
 * baselines: the plain roofline with datasheet peaks, and the roofline over one efficiency per family (the
 * median measured efficiency of the training devices).
 *
 * @param cells one per family, held-out device and precision, in evaluation order
 */
public record OperatorAccuracy(List<Cell> cells) {

    /**
     * Copies the cells.
     *
     * @param cells one per family, held-out device and precision, in evaluation order
     */
    public OperatorAccuracy {
        cells = List.copyOf(cells);
    }

    /**
     * One held-out device's rows of one family at one precision.
     *
     * @param family             the family
     * @param hardwareId         the held-out device
     * @param precision          the rows' precision
     * @param trainedOn          the devices trained on ({@code hardware-id/precision})
     * @param model              the learned model's score
     * @param roofline           the plain roofline's score
     * @param constantEfficiency the roofline over the training devices' median efficiency
     */
    public record Cell(OperatorFamily family, String hardwareId, Precision precision, List<String> trainedOn,
                       AccuracyScore model, AccuracyScore roofline, AccuracyScore constantEfficiency) {

        /**
         * Copies the devices trained on.
         *
         * @param family             the family
         * @param hardwareId         the held-out device
         * @param precision          the rows' precision
         * @param trainedOn          the devices trained on
         * @param model              the learned model's score
         * @param roofline           the plain roofline's score
         * @param constantEfficiency the roofline over the training devices' median efficiency
         */
        public Cell {
            trainedOn = List.copyOf(trainedOn);
        }
    }

    /**
     * Cells of one family.
     *
     * @param family the family
     * @return its cells, in evaluation order
     */
    public List<Cell> cells(OperatorFamily family) {
        return cells.stream().filter(c -> c.family() == family).collect(Collectors.toList());
    }

    /**
     * A Markdown table: one line per cell, with rows, the model's median APE and share within 25%, the
     * baselines' median APE, and the bias (median ln(predicted / measured)).
     *
     * @return the table, header included, one line per cell
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| family | held-out device | dtype | rows | median APE | within 25% | bias | roofline APE "
                + "| constant-efficiency APE |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Cell c : cells) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f%% | %.0f%% | %+.2f | %.1f%% | %.1f%% |%n",
                    c.family().id(), c.hardwareId(), c.precision().id(), c.model().rows(),
                    100 * c.model().medianApe(), 100 * c.model().within25Percent(), c.model().medianLogRatio(),
                    100 * c.roofline().medianApe(), 100 * c.constantEfficiency().medianApe()));
        }
        return sb.toString();
    }
}
