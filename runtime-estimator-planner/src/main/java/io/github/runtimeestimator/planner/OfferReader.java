package io.github.runtimeestimator.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import io.github.runtimeestimator.core.catalog.UnknownHardwareException;
import io.github.runtimeestimator.core.internal.JsonMappers;
import io.github.runtimeestimator.core.internal.Utf8Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads hardware offers from JSON or CSV, validating each offer on its own: a bad offer is reported in
 * {@link OfferReadResult#rejections()} and the good ones are still returned.
 *
 * <p>JSON: {@code {"formatVersion": 1, "offers": [{...}, ...]}}. CSV: a header row with the same field names.
 * Fields: {@code id} (required, unique), {@code hardware} (catalogue id or driver name, required),
 * {@code deviceCount} (whole number >= 1, default 1), {@code pricePerDeviceHour} (>= 0, required),
 * {@code currency} (ISO-4217, required), {@code provider} (required), and optional {@code region},
 * {@code notes}, {@code priceSource}, {@code priceAsOf} (ISO date). Optional terms:
 * <ul>
 *   <li>billing ({@link Billing}): {@code billingIncrementSeconds} (whole seconds >= 1: 1 per second, 60 per
 *       minute, 3600 per hour, 86400 for blocks of 24 hours; default 1), {@code minimumBilledSeconds} (whole
 *       seconds >= 0, default 0), {@code billingSource};</li>
 *   <li>spot ({@link SpotMarket}): {@code spot} ({@code true}/{@code false}, default false) with
 *       {@code interruptionsPerHour} (required when spot, >= 0) and {@code interruptionSource};</li>
 *   <li>topology: {@code devicesPerNode} (divides deviceCount; default: all on one node), {@code deviceLink}
 *       ({@code auto}, {@code nvlink}, {@code pcie}; default auto, see {@link DeviceLink}),
 *       {@code networkBandwidthBytesPerSecond} (per node and direction; required for several nodes).</li>
 * </ul>
 * Unknown fields are rejected so a typo ({@code price}) never silently becomes a missing price.
 *
 * <p>A file that is not an offers file at all (unreadable JSON, no {@code offers} array, another
 * {@code formatVersion}) fails with an {@link IOException}.
 */
public final class OfferReader {
    /** The offers file format this version reads. */
    public static final int FORMAT_VERSION = 1;

    static final List<String> FIELDS = List.of("id", "hardware", "deviceCount", "pricePerDeviceHour", "currency",
            "provider", "region", "notes", "priceSource", "priceAsOf", "billingIncrementSeconds",
            "minimumBilledSeconds", "billingSource", "spot", "interruptionsPerHour", "interruptionSource",
            "devicesPerNode", "deviceLink", "networkBandwidthBytesPerSecond");

    private static final Logger LOG = LoggerFactory.getLogger(OfferReader.class);
    private static final ObjectMapper JSON = JsonMappers.strict();
    private static final CsvMapper CSV = JsonMappers.csvRecords();

    private final HardwareCatalog catalog;

    /**
     * A reader that resolves each offer's {@code hardware} against {@code catalog}.
     *
     * @param catalog the hardware catalogue, not null
     */
    public OfferReader(HardwareCatalog catalog) {
        this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads {@code file}: {@code .csv} as CSV, anything else as JSON (both UTF-8). In a CSV file, an offer whose
     * cells hold bytes that are not valid UTF-8 is rejected, the others are read.
     *
     * @param file the offers file; its path names it in messages
     * @return the good offers, in file order, and the rejected ones
     * @throws IOException when the file cannot be read or is not an offers file
     */
    public OfferReadResult read(Path file) throws IOException {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv) {
            try (Reader in = new Utf8Reader(Files.newInputStream(file))) {
                return readCsv(in, file.toString());
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readJson(JSON.readTree(in), file.toString());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage() + where(e), e);
        }
    }

    /**
     * Reads a JSON offers document; {@code source} names it in messages. Strict JSON: a repeated key, trailing
     * content or a number too large for a double fails the whole document.
     *
     * @param in     the JSON text
     * @param source the document's name in messages and rejections
     * @return the good offers, in document order, and the rejected ones
     * @throws IOException when the text cannot be read, is not valid JSON, or is not an offers document
     */
    public OfferReadResult readJson(Reader in, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage() + where(e), e);
        }
        return readJson(root, source);
    }

    private static String where(JsonProcessingException e) {
        return JsonMappers.whereOf(e);
    }

    private OfferReadResult readJson(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": an offers file is a JSON object {\"formatVersion\": 1, \"offers\": [...]}");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
            throw new IOException(source + ": offers formatVersion " + version + " is not supported; this library"
                    + " reads formatVersion " + FORMAT_VERSION);
        }
        JsonNode offers = root.get("offers");
        if (offers == null || !offers.isArray()) {
            throw new IOException(source + ": \"offers\" must be an array of offers");
        }
        List<RawOffer> raws = new ArrayList<>();
        long entry = 0;
        for (JsonNode node : offers) {
            entry++;
            Map<String, String> fields = new LinkedHashMap<>();
            SpecValidationException shapeError = null;
            if (!node.isObject()) {
                shapeError = new SpecValidationException("offer", node, "must be a JSON object, got "
                        + node.getNodeType().toString().toLowerCase(Locale.ROOT));
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    JsonNode v = f.getValue();
                    if (v.isContainerNode()) {
                        shapeError = new SpecValidationException(f.getKey(), v, "must be a single value, not "
                                + (v.isArray() ? "an array" : "an object"));
                    } else if (v.isNumber() && !Double.isFinite(v.asDouble())) {
                        shapeError = new SpecValidationException(f.getKey(), v.asDouble(), "must be a finite number");
                    } else if (!v.isNull()) {
                        fields.put(f.getKey(), v.asText());
                    }
                }
            }
            raws.add(new RawOffer(entry, fields, shapeError));
        }
        return validate(raws, source);
    }

    /**
     * Reads a CSV offers table with a header row; {@code source} names it in messages.
     *
     * @param in     the CSV text
     * @param source the table's name in messages and rejections
     * @return the good offers, in row order, and the rejected ones
     * @throws IOException when the text cannot be read as a CSV table, or a column appears twice in the header
     */
    public OfferReadResult readCsv(Reader in, String source) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<RawOffer> raws = new ArrayList<>();
        Utf8Reader utf8 = in instanceof Utf8Reader ? (Utf8Reader) in : null;
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema).readValues(in)) {
            long line = 1;
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                if (line == 1) {
                    refuseRepeatedColumns(((CsvParser) rows.getParser()).getSchema(), source);
                }
                line++;
                Map<String, String> fields = new LinkedHashMap<>();
                row.forEach((k, v) -> {
                    if (v != null && !v.isBlank()) {
                        fields.put(k.trim(), v.trim());
                    }
                });
                raws.add(new RawOffer(line, fields, invalidUtf8(utf8, row, line)));
            }
        } catch (RuntimeException e) {
            throw new IOException(source + ": not a readable CSV offers table: " + e.getMessage(), e);
        }
        return validate(raws, source);
    }

    /** Why a CSV row cannot be read as text (a cell with a malformed UTF-8 sequence), or null. */
    private static SpecValidationException invalidUtf8(Utf8Reader utf8, Map<String, String> row, long line) {
        if (utf8 == null) {
            return null;
        }
        utf8.forgetBefore(line);
        for (Map.Entry<String, String> cell : row.entrySet()) {
            if (cell.getValue() != null && cell.getValue().indexOf('\uFFFD') >= 0) {
                Optional<Utf8Reader.Malformation> bad = utf8.firstBetween(line, line);
                if (bad.isPresent()) {
                    return new SpecValidationException(cell.getKey(), cell.getValue(), "is not valid UTF-8: " + bad.get());
                }
            }
        }
        return null;
    }

    private static void refuseRepeatedColumns(CsvSchema header, String source) throws IOException {
        Set<String> seen = new HashSet<>();
        for (CsvSchema.Column c : header) {
            if (!seen.add(c.getName().trim())) {
                throw new IOException(source + ": column " + c.getName() + " appears twice in the header");
            }
        }
    }

    private record RawOffer(long entry, Map<String, String> fields, SpecValidationException shapeError) {
    }

    private OfferReadResult validate(List<RawOffer> raws, String source) {
        List<HardwareOffer> good = new ArrayList<>();
        List<OfferRejection> bad = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        for (RawOffer raw : raws) {
            String id = raw.fields().getOrDefault("id", "");
            try {
                if (raw.shapeError() != null) {
                    throw raw.shapeError();
                }
                HardwareOffer offer = toOffer(raw.fields());
                if (!seenIds.add(offer.id())) {
                    throw new SpecValidationException("id", offer.id(), "appears more than once; offer ids must be unique");
                }
                good.add(offer);
            } catch (SpecValidationException e) {
                OfferRejection r = new OfferRejection(source, raw.entry(), id, e.field(), e.getMessage());
                LOG.debug("offer left out: {}", r.message()); // returned in the result; the caller reports it
                bad.add(r);
            }
        }
        return new OfferReadResult(good, bad);
    }

    private HardwareOffer toOffer(Map<String, String> f) {
        for (String key : f.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new SpecValidationException(key, f.get(key), "is not an offer field; known fields: "
                        + String.join(", ", FIELDS));
            }
        }
        String id = required(f, "id");
        String hardwareId = required(f, "hardware");
        int count = wholeNumber(f, "deviceCount", 1);
        if (count < 1) {
            throw new SpecValidationException("deviceCount", count, "must be >= 1 (a whole number of devices)");
        }
        double price = number(f, "pricePerDeviceHour");
        if (price < 0) {
            throw new SpecValidationException("pricePerDeviceHour", price, "must be >= 0 (0 for hardware you own)");
        }
        String currency = required(f, "currency");
        if (!currency.matches("[A-Za-z]{3}")) {
            throw new SpecValidationException("currency", currency, "must be a three-letter ISO-4217 code such as USD");
        }
        String provider = required(f, "provider");
        String asOf = f.get("priceAsOf");
        if (asOf != null) {
            try {
                LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new SpecValidationException("priceAsOf", asOf, "must be an ISO date such as 2026-11-26");
            }
        }
        HardwareSpec spec = catalog.find(hardwareId).orElseThrow(
                () -> new UnknownHardwareException("hardware", hardwareId, catalog.closeIds(hardwareId)));
        Billing billing = new Billing(wholeNumber(f, "billingIncrementSeconds", 1),
                wholeNumber(f, "minimumBilledSeconds", 0), f.get("billingSource"));
        SpotMarket spot = null;
        if (bool(f, "spot")) {
            spot = new SpotMarket(number(f, "interruptionsPerHour"), f.get("interruptionSource"));
        } else if (f.containsKey("interruptionsPerHour") || f.containsKey("interruptionSource")) {
            throw new SpecValidationException("interruptionsPerHour", f.get("interruptionsPerHour"),
                    "applies to spot offers only: set spot to true, or leave it out");
        }
        double network = f.containsKey("networkBandwidthBytesPerSecond")
                ? number(f, "networkBandwidthBytesPerSecond") : 0;
        DeviceLink link = f.containsKey("deviceLink") ? DeviceLink.fromId("deviceLink", f.get("deviceLink")) : null;
        try {
            return HardwareOffer.builder().id(id).hardware(spec.withDeviceCount(count)).pricePerDeviceHour(price)
                    .currency(currency).provider(provider).region(f.get("region")).notes(f.get("notes"))
                    .priceSource(f.get("priceSource")).priceAsOf(asOf).billing(billing).spot(spot)
                    .devicesPerNode(wholeNumber(f, "devicesPerNode", 0)).deviceLink(link)
                    .networkBandwidthBytesPerSecond(network).build();
        } catch (SpecValidationException e) {
            String field = e.field().startsWith("offer.") ? e.field().substring("offer.".length()) : e.field();
            throw new SpecValidationException(field, e.value(), e.rule());
        }
    }

    private static boolean bool(Map<String, String> f, String field) {
        String v = f.get(field);
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new SpecValidationException(field, v, "must be true or false");
    }

    private static String required(Map<String, String> f, String field) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            throw new SpecValidationException(field, v, "is required");
        }
        return v.trim();
    }

    private static double number(Map<String, String> f, String field) {
        String v = required(f, field);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SpecValidationException(field, v, "must be a number");
        }
    }

    private static int wholeNumber(Map<String, String> f, String field, int absent) {
        String v = f.get(field);
        if (v == null) {
            return absent;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SpecValidationException(field, v, "must be a whole number");
        }
    }
}
