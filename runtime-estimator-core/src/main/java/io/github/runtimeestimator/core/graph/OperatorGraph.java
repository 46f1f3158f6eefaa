package io.github.runtimeestimator.core.graph;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.Precision;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model as the operators one forward pass of ONE sample runs, in execution order, each with a repeat count
 * and an optional name ({@code docs/formats/operator-graph.md}). Scales to any batch size: each operator grows
 * along its own batch dimension. Immutable and thread-safe; its per-sample totals and its distinct operators are
 * computed once, so evaluating a graph at a batch size costs one pass over its distinct operators
 * ({@link #distinct()}: a 24-layer transformer has about a dozen).
 *
 * <p>Totals follow the format: {@link #flopsPerSample()} counts every operator, {@link #matmulFlopsPerSample()}
 * only matrix products (matmul, conv2d, attention, recurrent matmuls), which is what PyTorch's
 * {@code FlopCounterMode} and the collector's {@code describe} report as a model's FLOPs. {@link #weights()} is
 * the sum of the operators' weights times their repeats (a weight shared by two operators is owned by one).
 *
 * <p>As JSON (any Jackson mapper) a graph is its document of {@link GraphJson}.
 */
@JsonSerialize(using = GraphJson.Serializer.class)
@JsonDeserialize(using = GraphJson.Deserializer.class)
public final class OperatorGraph {

    /**
     * One line of a graph: an operator run {@code repeat} times, with an optional name (a module path, {@code *}
     * for a repeated index).
     *
     * @param operator the operator
     * @param repeat   times it runs in one forward pass, at least 1
     * @param name     the module path, or null (a blank name is stored as null)
     */
    public record Entry(Operator operator, long repeat, String name) {
        /**
         * Validates the components (operator required, {@code repeat} at least 1) and turns a blank name into
         * null; fails with a {@link SpecValidationException} naming the field.
         *
         * @param operator the operator
         * @param repeat   times it runs, at least 1
         * @param name     the module path, or null
         */
        public Entry {
            Checks.required("operator", operator);
            Checks.atLeast("repeat", repeat, 1L);
            name = name == null || name.isBlank() ? null : name;
        }

        /**
         * An operator run once, without a name.
         *
         * @param operator the operator
         */
        public Entry(Operator operator) {
            this(operator, 1, null);
        }

        /**
         * An operator run {@code repeat} times, without a name.
         *
         * @param operator the operator
         * @param repeat   times it runs, at least 1
         */
        public Entry(Operator operator, long repeat) {
            this(operator, repeat, null);
        }
    }

    /**
     * A distinct operator of a graph and how often it runs in one forward pass, whatever its names.
     *
     * @param operator the operator
     * @param repeat   the sum of the repeats of the entries that hold it
     */
    public record Counted(Operator operator, long repeat) {
    }

    /**
     * Totals of one kind of operator for one sample.
     *
     * @param kind                 the kind
     * @param operators            operators of this kind run in one forward pass (repeats counted)
     * @param flopsPerSample       their FLOPs
     * @param matmulFlopsPerSample the part in matrix products
     * @param elementsPerSample    elements they move at batch 1
     * @param weights              parameters they own
     */
    public record KindSummary(OperatorKind kind, long operators, double flopsPerSample, double matmulFlopsPerSample,
                              double elementsPerSample, long weights) {
    }

    private final String model;
    private final String source;
    private final String inputShape;
    private final List<Entry> entries;
    private final List<Counted> distinct;
    private final Map<OperatorKind, KindSummary> summary;
    private final double flopsPerSample;
    private final double matmulFlopsPerSample;
    private final long weights;
    private final long operatorCount;

    private OperatorGraph(String model, String source, String inputShape, List<Entry> entries) {
        this.model = blankToNull(model);
        this.source = blankToNull(source);
        this.inputShape = blankToNull(inputShape);
        Checks.required("operators", entries);
        if (entries.isEmpty()) {
            throw new SpecValidationException("operators", "[]", "must hold at least one operator");
        }
        for (int i = 0; i < entries.size(); i++) {
            Checks.required("operators[" + i + "]", entries.get(i));
        }
        this.entries = List.copyOf(entries);
        Map<Operator, long[]> counts = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            counts.computeIfAbsent(e.operator(), k -> new long[1])[0] += e.repeat();
        }
        List<Counted> d = new ArrayList<>(counts.size());
        counts.forEach((op, n) -> d.add(new Counted(op, n[0])));
        this.distinct = List.copyOf(d);

        Map<OperatorKind, KindSummary> byKind = new EnumMap<>(OperatorKind.class);
        double flops = 0;
        double matmul = 0;
        long w = 0;
        long count = 0;
        for (Counted c : distinct) {
            Operator op = c.operator();
            long n = c.repeat();
            double f = op.flops(1) * n;
            double mf = op.matmulFlops(1) * n;
            double moved = op.elementsMoved(1) * n;
            long opWeights;
            try {
                opWeights = Math.multiplyExact(op.weights(), n);
                w = Math.addExact(w, opWeights);
            } catch (ArithmeticException e) {
                throw new SpecValidationException("graph.weights", op.kind().id() + " x " + n,
                        "the operators' weights add up to more than " + Long.MAX_VALUE + " parameters");
            }
            flops += f;
            matmul += mf;
            count += n;
            byKind.merge(op.kind(), new KindSummary(op.kind(), n, f, mf, moved, opWeights),
                    (a, b) -> new KindSummary(a.kind(), a.operators() + b.operators(),
                            a.flopsPerSample() + b.flopsPerSample(),
                            a.matmulFlopsPerSample() + b.matmulFlopsPerSample(),
                            a.elementsPerSample() + b.elementsPerSample(), a.weights() + b.weights()));
        }
        this.summary = Collections.unmodifiableMap(byKind);
        this.flopsPerSample = flops;
        this.matmulFlopsPerSample = matmul;
        this.weights = w;
        this.operatorCount = count;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * A graph of these entries, without provenance; fails with a {@link SpecValidationException} when there are
     * none or one is null.
     *
     * @param entries the entries in execution order, at least one
     * @return the graph
     */
    public static OperatorGraph of(List<Entry> entries) {
        return new OperatorGraph(null, null, null, entries);
    }

    /**
     * A graph of these operators, each run once, without provenance.
     *
     * @param operators the operators in execution order, at least one
     * @return the graph
     */
    public static OperatorGraph ofOperators(List<? extends Operator> operators) {
        List<Entry> entries = new ArrayList<>(operators.size());
        for (Operator op : operators) {
            entries.add(new Entry(op));
        }
        return of(entries);
    }

    /**
     * A builder of an empty graph without provenance.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This graph with the given provenance (each may be null; blank is stored as null).
     *
     * @param model      the model the graph describes
     * @param source     how the graph was made
     * @param inputShape one sample's input shape
     * @return a graph of the same entries with that provenance
     */
    public OperatorGraph withProvenance(String model, String source, String inputShape) {
        return new OperatorGraph(model, source, inputShape, entries);
    }

    /**
     * The model the graph describes ({@code bert_base}), or null.
     *
     * @return the model name, or null
     */
    public String model() {
        return model;
    }

    /**
     * How the graph was made ({@code trace torch 2.4.1}, {@code huggingface llama}), or null.
     *
     * @return the source, or null
     */
    public String source() {
        return source;
    }

    /**
     * One sample's input shape ({@code 128}, {@code 3x224x224}), or null.
     *
     * @return the input shape, or null
     */
    public String inputShape() {
        return inputShape;
    }

    /**
     * The entries in execution order.
     *
     * @return the entries, immutable
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Each distinct operator once, with its total repeat, in order of first appearance.
     *
     * @return the distinct operators, immutable
     */
    public List<Counted> distinct() {
        return distinct;
    }

    /**
     * Operators run in one forward pass (repeats counted; a recurrent network counts as one).
     *
     * @return the sum of the entries' repeats
     */
    public long operatorCount() {
        return operatorCount;
    }

    /**
     * FLOPs of one sample's forward pass, all operators.
     *
     * @return the FLOPs at batch size 1
     */
    public double flopsPerSample() {
        return flopsPerSample;
    }

    /**
     * The part of {@link #flopsPerSample()} in matrix products (what {@code FlopCounterMode} counts).
     *
     * @return the matrix-product FLOPs at batch size 1
     */
    public double matmulFlopsPerSample() {
        return matmulFlopsPerSample;
    }

    /**
     * Parameters: the operators' weights times their repeats.
     *
     * @return the parameter count
     */
    public long weights() {
        return weights;
    }

    /**
     * Per-kind totals for one sample, in the order of {@link OperatorKind}; kinds absent from the graph left out.
     *
     * @return the totals by kind, unmodifiable
     */
    public Map<OperatorKind, KindSummary> summary() {
        return summary;
    }

    /**
     * FLOPs of the forward pass at this batch size.
     *
     * @param batch the batch size, at least 1
     * @return the FLOPs
     */
    public double flops(long batch) {
        double total = 0;
        for (Counted c : distinct) {
            total += c.operator().flops(batch) * c.repeat();
        }
        return total;
    }

    /**
     * Matrix-product FLOPs of the forward pass at this batch size.
     *
     * @param batch the batch size, at least 1
     * @return the matrix-product FLOPs
     */
    public double matmulFlops(long batch) {
        double total = 0;
        for (Counted c : distinct) {
            total += c.operator().matmulFlops(batch) * c.repeat();
        }
        return total;
    }

    /**
     * Elements the forward pass moves at this batch size.
     *
     * @param batch the batch size, at least 1
     * @return the elements read and written
     */
    public double elementsMoved(long batch) {
        double total = 0;
        for (Counted c : distinct) {
            total += c.operator().elementsMoved(batch) * c.repeat();
        }
        return total;
    }

    /**
     * Bytes the forward pass moves at this batch size and precision.
     *
     * @param batch     the batch size, at least 1
     * @param precision the precision whose element size applies
     * @return the bytes read and written
     */
    public double bytes(long batch, Precision precision) {
        double total = 0;
        for (Counted c : distinct) {
            total += c.operator().bytes(batch, precision) * c.repeat();
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OperatorGraph)) {
            return false;
        }
        OperatorGraph other = (OperatorGraph) o;
        return entries.equals(other.entries) && Objects.equals(model, other.model)
                && Objects.equals(source, other.source) && Objects.equals(inputShape, other.inputShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, source, inputShape, entries);
    }

    @Override
    public String toString() {
        return "OperatorGraph[" + (model == null ? "" : model + ", ") + entries.size() + " entries, "
                + distinct.size() + " distinct operators, " + flopsPerSample + " FLOPs/sample, " + weights
                + " weights]";
    }

    /**
     * Builds a graph in execution order; an operator equal to the previous entry's, under the same name, is
     * merged into it (its repeat added), as the format asks of writers.
     */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private String model;
        private String source;
        private String inputShape;

        private Builder() {
        }

        /**
         * The model the graph describes.
         *
         * @param model the model name ({@code bert_base}), or null
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * How the graph was made.
         *
         * @param source the source ({@code trace torch 2.4.1}), or null
         * @return this builder
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * One sample's input shape.
         *
         * @param inputShape the shape ({@code 3x224x224}), or null
         * @return this builder
         */
        public Builder inputShape(String inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /**
         * Adds an operator run once, without a name.
         *
         * @param operator the operator
         * @return this builder
         */
        public Builder add(Operator operator) {
            return add(operator, 1, null);
        }

        /**
         * Adds a named operator run once.
         *
         * @param operator the operator
         * @param name     the module path, or null
         * @return this builder
         */
        public Builder add(Operator operator, String name) {
            return add(operator, 1, name);
        }

        /**
         * Adds an operator run {@code repeat} times.
         *
         * @param operator the operator
         * @param repeat   times it runs, at least 1
         * @param name     the module path, or null
         * @return this builder
         */
        public Builder add(Operator operator, long repeat, String name) {
            return add(new Entry(operator, repeat, name));
        }

        /**
         * Adds an entry, merged into the previous one when both hold an equal operator under the same name.
         *
         * @param entry the entry
         * @return this builder
         */
        public Builder add(Entry entry) {
            Checks.required("entry", entry);
            if (!entries.isEmpty()) {
                Entry last = entries.get(entries.size() - 1);
                if (last.operator().equals(entry.operator()) && Objects.equals(last.name(), entry.name())) {
                    entries.set(entries.size() - 1, new Entry(last.operator(),
                            Math.addExact(last.repeat(), entry.repeat()), last.name()));
                    return this;
                }
            }
            entries.add(entry);
            return this;
        }

        /**
         * Adds each entry in order, as {@link #add(Entry)} does.
         *
         * @param more the entries
         * @return this builder
         */
        public Builder addAll(List<Entry> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Adds every entry of {@code graph} {@code times} times over (a block repeated per layer).
         *
         * @param graph the graph whose entries are added
         * @param times the factor each entry's repeat is multiplied by
         * @return this builder
         */
        public Builder addAll(OperatorGraph graph, long times) {
            for (Entry e : graph.entries()) {
                add(new Entry(e.operator(), Math.multiplyExact(e.repeat(), times), e.name()));
            }
            return this;
        }

        /**
         * Builds the graph; fails with a {@link SpecValidationException} when no entry was added or the weights
         * add up to more than a {@code long}.
         *
         * @return the graph
         */
        public OperatorGraph build() {
            return new OperatorGraph(model, source, inputShape, entries);
        }
    }
}
