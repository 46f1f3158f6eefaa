package io.github.runtimeestimator.core.graph;

import io.github.runtimeestimator.core.SpecValidationException;

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
        /** Long short-term memory ({@code nn.LSTM}): 4 gates. */
        LSTM(4),
        /** Gated recurrent unit ({@code nn.GRU}): 3 gates. */
        GRU(3),
        /** Plain tanh recurrence ({@code nn.RNN}): 1 gate. */
        RNN(1);

        private final int gates;

        Cell(int gates) {
            this.gates = gates;
        }

        /**
         * Gates per hidden unit: 4 (LSTM), 3 (GRU), 1 (RNN).
         *
         * @return the gate count
         */
        public int gates() {
            return gates;
        }

        /**
         * The id written in JSON ({@code lstm}).
         *
         * @return the lower-case name of the constant
         */
        public String id() {
            return Dims.id(this);
        }

        /**
         * Parses an id (exact, lower-case); fails with a {@link SpecValidationException} naming the field,
         * the value and the known ids.
         *
         * @param field the field named in the failure
         * @param id    the id to parse
         * @return the cell with that id
         */
        public static Cell fromId(String field, String id) {
            return Dims.parse(field, id, values());
        }
    }

    /**
     * Validates the components (cell required, sizes at least 1, and sizes whose products, the expansion's
     * repeats and elements and the weights, fit in a {@code long}); fails with a {@link SpecValidationException}
     * naming the field.
     *
     * @param cell            LSTM, GRU or plain RNN
     * @param batch           sequences per sample, multiplied by the batch size
     * @param sequenceLength  time steps
     * @param inputSize       features of the first layer's input
     * @param hiddenSize      hidden features
     * @param layers          stacked layers
     * @param bidirectional   two directions per layer
     * @param scalesWithBatch false when the batch dimension is {@code none}
     */
    public Recurrent {
        Dims.required(KIND, "variant", cell);
        Dims.dim(KIND, "batch", batch);
        Dims.dim(KIND, "sequenceLength", sequenceLength);
        Dims.dim(KIND, "inputSize", inputSize);
        Dims.dim(KIND, "hiddenSize", hiddenSize);
        Dims.dim(KIND, "layers", layers);
        requireCountsFitALong(cell, batch, sequenceLength, inputSize, hiddenSize, layers, bidirectional ? 2 : 1);
    }

    /**
     * Refuses sizes whose products (the expansion's repeats and elements, the weights) would not fit a long, so that
     * every count this network gives is exact: {@code batch x sequenceLength}, {@code batch x gates x hiddenSize},
     * {@code 3 x directions x layers x sequenceLength} and the weights bound all of them.
     */
    private static void requireCountsFitALong(Cell cell, long batch, long sequenceLength, long inputSize,
                                              long hiddenSize, long layers, long directions) {
        try {
            long copies = Math.max(directions, Math.multiplyExact(directions, layers - 1));
            Math.multiplyExact(3, Math.multiplyExact(copies, sequenceLength));
            Math.multiplyExact(batch, sequenceLength);
            Math.multiplyExact(batch, Math.multiplyExact(cell.gates(), Math.multiplyExact(2, hiddenSize)));
            weights(cell, inputSize, hiddenSize, layers, directions);
        } catch (ArithmeticException e) {
            throw new SpecValidationException(KIND.id(), "batch " + batch + ", sequenceLength " + sequenceLength
                    + ", inputSize " + inputSize + ", hiddenSize " + hiddenSize + ", layers " + layers,
                    "its sizes multiply beyond " + Long.MAX_VALUE + " (operators, elements or weights)");
        }
    }

    /**
     * One unidirectional sequence per sample, scaled by the batch.
     *
     * @param cell           LSTM, GRU or plain RNN
     * @param sequenceLength time steps
     * @param inputSize      features of the first layer's input
     * @param hiddenSize     hidden features
     * @param layers         stacked layers
     */
    public Recurrent(Cell cell, long sequenceLength, long inputSize, long hiddenSize, long layers) {
        this(cell, 1, sequenceLength, inputSize, hiddenSize, layers, false, true);
    }

    /**
     * Directions per layer.
     *
     * @return 2 when bidirectional, else 1
     */
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
     *
     * @return the entries, named {@code layers.0} and {@code layers.*} with a suffix per part
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
        return weights(cell, inputSize, hiddenSize, layers, directions());
    }

    /** In closed form, not a loop over the layers (a graph may state any number of them); exact or overflowing. */
    private static long weights(Cell cell, long inputSize, long hiddenSize, long layers, long directions) {
        long first = weightsPerLayer(cell, inputSize, hiddenSize, directions);
        long above = layers == 1 ? 0 : Math.multiplyExact(weightsPerLayer(cell, Math.multiplyExact(hiddenSize,
                directions), hiddenSize, directions), layers - 1);
        return Math.addExact(first, above);
    }

    /**
     * One layer's weights over all its directions: per direction the input and hidden matrices ({@code gates x
     * hidden x (input + hidden)}) and their two biases ({@code 2 x gates x hidden}). Exact, or an
     * {@link ArithmeticException} beyond a long.
     */
    private static long weightsPerLayer(Cell cell, long input, long hiddenSize, long directions) {
        long gh = Math.multiplyExact(cell.gates(), hiddenSize);
        long perDirection = Math.addExact(Math.multiplyExact(gh, Math.addExact(input, hiddenSize)),
                Math.multiplyExact(2, gh));
        return Math.multiplyExact(directions, perDirection);
    }

    @Override
    public Recurrent atBatch(long batch) {
        Dims.batch(batch);
        return scalesWithBatch ? new Recurrent(cell, Dims.times(KIND, "batch", this.batch, batch), sequenceLength,
                inputSize, hiddenSize, layers, bidirectional, true) : this;
    }
}
