package io.github.runtimeestimator.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent network ({@code nn.LSTM}, {@code nn.GRU}, {@code nn.RNN}) of {@code layers} layers over
 * {@code sequenceLength} steps of {@code batch} sequences per sample. Its arithmetic is that of its expansion
 * ({@link #expand()}) into primitive operators; its weights are PyTorch's: per layer and direction
 * {@code gates H (I + H) + 2 gates H} ({@code gates} 4 LSTM, 3 GRU, 1 RNN; {@code I} the input size on the
 * first layer, {@code H x directions} above).
 *
 * @param cell            LSTM, GRU or plain RNN (tanh)
 * @param batch           sequences per sample (1), multiplied by the batch size: the rows of every step
 * @param sequenceLength  time steps
 * @param inputSize       features of the first layer's input
 * @param hiddenSize      hidden features {@code H}
 * @param layers          stacked layers
 * @param bidirectional   two directions per layer
 * @param scalesWithBatch false when the batch dimension is {@code none}
 */
public record Recurrent(Cell cell, long batch, long sequenceLength, long inputSize, long hiddenSize, long layers,
                        boolean bidirectional, boolean scalesWithBatch) implements Operator {

    private static final OperatorKind KIND = OperatorKind.RECURRENT;

    /** The recurrent cell, with its gate count. */
    public enum Cell {
        LSTM(4), GRU(3), RNN(1);

        private final int gates;

        Cell(int gates) {
            this.gates = gates;
        }

        /** Gates per hidden unit: 4 (LSTM), 3 (GRU), 1 (RNN). */
        public int gates() {
            return gates;
        }

        public String id() {
            return Dims.id(this);
        }

        public static Cell fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    public Recurrent {
        Dims.required(KIND, "variant", cell);
        Dims.dim(KIND, "batch", batch);
        Dims.dim(KIND, "sequenceLength", sequenceLength);
        Dims.dim(KIND, "inputSize", inputSize);
        Dims.dim(KIND, "hiddenSize", hiddenSize);
        Dims.dim(KIND, "layers", layers);
    }

    /** One unidirectional sequence per sample. */
    public Recurrent(Cell cell, long sequenceLength, long inputSize, long hiddenSize, long layers) {
        this(cell, 1, sequenceLength, inputSize, hiddenSize, layers, false, true);
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /**
     * The primitive operators this network runs, per layer (layers above the first merged, they have the same
     * input size) and for both directions together: the input projection of all steps at once
     * ({@code matmul linear}, {@code m = batch x sequenceLength}, {@code n = gates H}, {@code k = I}, bias), then
     * per step the recurrent product ({@code matmul linear}, {@code m = batch}, {@code n = gates H},
     * {@code k = H}, bias) and the gate arithmetic on {@code batch x H} elements: the sum of the two projections
     * ({@code add} over the gate pre-activations), and LSTM: 3 {@code sigmoid}, 2 {@code tanh}, 3 {@code mul}, 1
     * {@code add}; GRU: 2 {@code sigmoid}, 1 {@code tanh}, 2 {@code mul}, 2 {@code add}, 1 {@code sub}; RNN: 1
     * {@code tanh}. Every operator carries this one's batch scaling.
     */
    public List<OperatorGraph.Entry> expand() {
        List<OperatorGraph.Entry> out = new ArrayList<>();
        expandLayer(out, "layers.0", inputSize, directions());
        if (layers > 1) {
            expandLayer(out, "layers.*", hiddenSize * directions(), directions() * (layers - 1));
        }
        return out;
    }

    private void expandLayer(List<OperatorGraph.Entry> out, String name, long layerInput, long copies) {
        long gatesWidth = cell.gates() * hiddenSize;
        long steps = sequenceLength;
        Matmul.Dim rowsScale = scalesWithBatch ? Matmul.Dim.M : Matmul.Dim.NONE;
        out.add(new OperatorGraph.Entry(new Matmul(Matmul.Variant.LINEAR, 1, batch * steps, gatesWidth, layerInput,
                true, rowsScale), copies, name + ".input_projection"));
        out.add(new OperatorGraph.Entry(new Matmul(Matmul.Variant.LINEAR, 1, batch, gatesWidth, hiddenSize, true,
                rowsScale), copies * steps, name + ".recurrent"));
        long preActivations = cell == Cell.GRU ? 2 * hiddenSize : gatesWidth;
        long perStep = copies * steps;
        long h = batch * hiddenSize;
        out.add(gate(name, "add", batch * preActivations, 2, perStep));
        switch (cell) {
            case LSTM:
                out.add(gate(name, "sigmoid", h, 1, 3 * perStep));
                out.add(gate(name, "tanh", h, 1, 2 * perStep));
                out.add(gate(name, "mul", h, 2, 3 * perStep));
                out.add(gate(name, "add", h, 2, perStep));
                break;
            case GRU:
                out.add(gate(name, "sigmoid", h, 1, 2 * perStep));
                out.add(gate(name, "tanh", h, 1, perStep));
                out.add(gate(name, "mul", h, 2, 2 * perStep));
                out.add(gate(name, "add", h, 2, 2 * perStep));
                out.add(gate(name, "sub", h, 2, perStep));
                break;
            default:
                out.add(gate(name, "tanh", h, 1, perStep));
                break;
        }
    }

    private OperatorGraph.Entry gate(String layer, String variant, long elements, int inputs, long repeat) {
        Elementwise op = new Elementwise(variant, elements, inputs, Elementwise.defaultFlopsPerElement(variant),
                scalesWithBatch);
        return new OperatorGraph.Entry(op, repeat, layer + ".gates");
    }

    @Override
    public OperatorKind kind() {
        return KIND;
    }

    @Override
    public String variantId() {
        return cell.id();
    }

    @Override
    public String batchDimId() {
        return Dims.batchDimId(scalesWithBatch, "batch");
    }

    @Override
    public double flops(long batch) {
        Dims.batch(batch);
        double total = 0;
        for (OperatorGraph.Entry e : expand()) {
            total += e.operator().flops(batch) * e.repeat();
        }
        return total;
    }

    @Override
    public double matmulFlops(long batch) {
        Dims.batch(batch);
        double total = 0;
        for (OperatorGraph.Entry e : expand()) {
            total += e.operator().matmulFlops(batch) * e.repeat();
        }
        return total;
    }

    @Override
    public double elementsMoved(long batch) {
        Dims.batch(batch);
        double total = 0;
        for (OperatorGraph.Entry e : expand()) {
            total += e.operator().elementsMoved(batch) * e.repeat();
        }
        return total;
    }

    @Override
    public long weights() {
        long g = cell.gates();
        long h = hiddenSize;
        long total = 0;
        for (long layer = 0; layer < layers; layer++) {
            long input = layer == 0 ? inputSize : h * directions();
            total += directions() * (g * h * (input + h) + 2 * g * h);
        }
        return total;
    }

    @Override
    public Recurrent atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Recurrent(cell, Dims.times(KIND, "batch", this.batch, batch), sequenceLength,
                inputSize, hiddenSize, layers, bidirectional, true) : this;
    }
}
