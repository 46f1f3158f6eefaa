package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.internal.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Locale;
import java.util.Optional;

/**
 * Hardware a user can rent or owns: a catalogue device times a count, at a price, billed by a rule.
 *
 * <p>Price is per device-hour (the per-GPU hourly rate); the offer's hourly price is that times
 * {@code deviceCount}. For hardware you own, use its amortised or internal rate, or 0.
 *
 * @param id                             the offer's name, unique within a file ({@code aws-p5.48xlarge})
 * @param hardware                       the catalogue entry, with {@code deviceCount} set to this offer's count
 * @param pricePerDeviceHour             price of one device for one hour, >= 0
 * @param currency                       ISO-4217 code, upper case ({@code USD})
 * @param provider                       who sells it ({@code AWS}, {@code Lambda}, {@code on-premises})
 * @param region                         optional region, "" when not given
 * @param notes                          optional notes, "" when not given
 * @param priceSource                    where the price was read (URL or document), "" when not given
 * @param priceAsOf                      the date the price was read (ISO date), "" when not given
 * @param billing                        how wall time becomes billed time; {@link Billing#PER_SECOND} when not given
 * @param spot                           the interruption terms of a spot/preemptible offer, or null (on demand)
 * @param devicesPerNode                 devices in one node (machine); {@code deviceCount} when not given (0): one node
 * @param deviceLink                     how the devices of a node talk ({@link DeviceLink#AUTO} when not given)
 * @param networkBandwidthBytesPerSecond one node's network bandwidth to the others, one direction, bytes/s (EFA
 *                                       3200 Gbit/s = 400e9); required (> 0) when the offer spans several nodes,
 *                                       0 otherwise
 */
public record HardwareOffer(
        String id,
        HardwareSpec hardware,
        double pricePerDeviceHour,
        String currency,
        String provider,
        String region,
        String notes,
        String priceSource,
        String priceAsOf,
        Billing billing,
        SpotMarket spot,
        int devicesPerNode,
        DeviceLink deviceLink,
        double networkBandwidthBytesPerSecond) {

    /**
     * Validates the offer; fails with a SpecValidationException naming the field. The currency is trimmed and upper
     * cased and must be three letters; {@code devicesPerNode} must divide {@code deviceCount} into whole nodes, and
     * an offer of several nodes needs a network bandwidth &gt; 0. Null optional texts become "", a null billing
     * {@link Billing#PER_SECOND}, a null link {@link DeviceLink#AUTO}.
     *
     * @param id                             the offer's name, not blank
     * @param hardware                       the catalogue entry, with {@code deviceCount} set to this offer's count,
     *                                       not null
     * @param pricePerDeviceHour             price of one device for one hour, &gt;= 0
     * @param currency                       ISO-4217 code, any case
     * @param provider                       who sells it, not blank
     * @param region                         optional region, null or ""
     * @param notes                          optional notes, null or ""
     * @param priceSource                    where the price was read, null or ""
     * @param priceAsOf                      the date the price was read, null or ""
     * @param billing                        how wall time becomes billed time; null for {@link Billing#PER_SECOND}
     * @param spot                           the interruption terms, or null (on demand)
     * @param devicesPerNode                 devices in one node, dividing {@code deviceCount}; 0 for one node
     * @param deviceLink                     how the devices of a node talk; null for {@link DeviceLink#AUTO}
     * @param networkBandwidthBytesPerSecond one node's network bandwidth, bytes/s, &gt;= 0; &gt; 0 when several nodes
     */
    public HardwareOffer {
        Checks.requiredText("offer.id", id);
        Checks.required("offer.hardware", hardware);
        Checks.nonNegative("offer.pricePerDeviceHour", pricePerDeviceHour);
        Checks.requiredText("offer.currency", currency);
        currency = currency.trim().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new SpecValidationException("offer.currency", currency, "must be a three-letter ISO-4217 code such as USD");
        }
        Checks.requiredText("offer.provider", provider);
        region = region == null ? "" : region;
        notes = notes == null ? "" : notes;
        priceSource = priceSource == null ? "" : priceSource;
        priceAsOf = priceAsOf == null ? "" : priceAsOf;
        billing = billing == null ? Billing.PER_SECOND : billing;
        deviceLink = deviceLink == null ? DeviceLink.AUTO : deviceLink;
        int devices = hardware.deviceCount();
        devicesPerNode = devicesPerNode == 0 ? devices : devicesPerNode;
        if (devicesPerNode < 1 || devicesPerNode > devices || devices % devicesPerNode != 0) {
            throw new SpecValidationException("offer.devicesPerNode", devicesPerNode,
                    "must divide deviceCount (" + devices + ") into whole nodes");
        }
        Checks.nonNegative("offer.networkBandwidthBytesPerSecond", networkBandwidthBytesPerSecond);
        if (devicesPerNode < devices && !(networkBandwidthBytesPerSecond > 0)) {
            throw new SpecValidationException("offer.networkBandwidthBytesPerSecond", networkBandwidthBytesPerSecond,
                    "must be > 0 for an offer of " + devices / devicesPerNode + " nodes: the gradient all-reduce"
                            + " crosses the network");
        }
    }

    /**
     * An on-demand offer on one node, billed per second, its link read from the catalogue.
     *
     * @param id                 the offer's name, unique within a file
     * @param hardware           the catalogue entry, with {@code deviceCount} set to this offer's count
     * @param pricePerDeviceHour price of one device for one hour, &gt;= 0
     * @param currency           ISO-4217 code ({@code USD})
     * @param provider           who sells it
     * @param region             optional region, null or "" when not given
     * @param notes              optional notes, null or "" when not given
     * @param priceSource        where the price was read (URL or document), null or "" when not given
     * @param priceAsOf          the date the price was read (ISO date), null or "" when not given
     */
    public HardwareOffer(String id, HardwareSpec hardware, double pricePerDeviceHour, String currency, String provider,
                         String region, String notes, String priceSource, String priceAsOf) {
        this(id, hardware, pricePerDeviceHour, currency, provider, region, notes, priceSource, priceAsOf, null, null,
                0, null, 0);
    }

    /**
     * Devices in this offer.
     *
     * @return the hardware's device count
     */
    public int deviceCount() {
        return hardware.deviceCount();
    }

    /**
     * Nodes (machines) in this offer.
     *
     * @return {@code deviceCount / devicesPerNode}, at least 1
     */
    public int nodes() {
        return deviceCount() / devicesPerNode;
    }

    /**
     * Whether the provider may interrupt it.
     *
     * @return true when the offer has spot terms
     */
    public boolean isSpot() {
        return spot != null;
    }

    /**
     * The interruption terms, for a spot offer.
     *
     * @return the spot terms, or empty for an on-demand offer
     */
    public Optional<SpotMarket> spotIfAny() {
        return Optional.ofNullable(spot);
    }

    /**
     * What one hour of the whole offer costs: price per device-hour times devices.
     *
     * @return the price per hour, in {@link #currency()}
     */
    public double pricePerHour() {
        return pricePerDeviceHour * deviceCount();
    }

    /**
     * {@code seconds} of the whole offer at its hourly price, before billing rounds them: the cost of a part of a
     * run (an epoch of a job), which is not billed on its own.
     *
     * @param seconds the time on the whole offer, in seconds
     * @return the cost, in {@link #currency()}
     */
    public double costAtHourlyRate(double seconds) {
        return seconds / 3600.0 * pricePerHour();
    }

    /**
     * What a run of {@code seconds} of the whole offer costs as billed: {@link Billing#billedSeconds} at the hourly
     * price.
     *
     * @param seconds the run's wall time, in seconds
     * @return the billed cost, in {@link #currency()}; not finite when {@code seconds} is not
     */
    public double costOf(double seconds) {
        return billing.billedSeconds(seconds) / 3600.0 * pricePerHour();
    }

    /**
     * The devices in words: {@code 8 x nvidia-h100-sxm-80gb}, {@code 16 x nvidia-h100-sxm-80gb (2 nodes)}.
     *
     * @return the device count and hardware id, with the node count when there are several
     */
    public String describeHardware() {
        return deviceCount() + " x " + hardware.id() + (nodes() > 1 ? " (" + nodes() + " nodes)" : "");
    }

    /**
     * A builder with nothing set; optional fields left unset take the record's defaults (on demand, one node, billed
     * per second).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this offer's fields, to make a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().id(id).hardware(hardware).pricePerDeviceHour(pricePerDeviceHour).currency(currency)
                .provider(provider).region(region).notes(notes).priceSource(priceSource).priceAsOf(priceAsOf)
                .billing(billing).spot(spot).devicesPerNode(devicesPerNode).deviceLink(deviceLink)
                .networkBandwidthBytesPerSecond(networkBandwidthBytesPerSecond);
    }

    /** Builds a {@link HardwareOffer}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String id;
        private HardwareSpec hardware;
        private double pricePerDeviceHour;
        private String currency;
        private String provider;
        private String region;
        private String notes;
        private String priceSource;
        private String priceAsOf;
        private Billing billing;
        private SpotMarket spot;
        private int devicesPerNode;
        private DeviceLink deviceLink;
        private double networkBandwidthBytesPerSecond;

        private Builder() {
        }

        /**
         * The offer's name, unique within a file (required).
         *
         * @param id the name, not blank
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The catalogue entry, with {@code deviceCount} set to the offer's count (required).
         *
         * @param hardware the hardware
         * @return this builder
         */
        public Builder hardware(HardwareSpec hardware) {
            this.hardware = hardware;
            return this;
        }

        /**
         * The price of one device for one hour (default 0).
         *
         * @param price the price, &gt;= 0
         * @return this builder
         */
        public Builder pricePerDeviceHour(double price) {
            this.pricePerDeviceHour = price;
            return this;
        }

        /**
         * The ISO-4217 currency code (required).
         *
         * @param currency the code, such as {@code USD}
         * @return this builder
         */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /**
         * Who sells it (required).
         *
         * @param provider the provider, not blank
         * @return this builder
         */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /**
         * The region (optional).
         *
         * @param region the region, null for none
         * @return this builder
         */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * Notes on the offer (optional).
         *
         * @param notes the notes, null for none
         * @return this builder
         */
        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /**
         * Where the price was read (optional).
         *
         * @param priceSource a URL or document, null for none
         * @return this builder
         */
        public Builder priceSource(String priceSource) {
            this.priceSource = priceSource;
            return this;
        }

        /**
         * The date the price was read (optional).
         *
         * @param priceAsOf an ISO date, null for none
         * @return this builder
         */
        public Builder priceAsOf(String priceAsOf) {
            this.priceAsOf = priceAsOf;
            return this;
        }

        /**
         * How wall time becomes billed time.
         *
         * @param billing the rule, null for {@link Billing#PER_SECOND}
         * @return this builder
         */
        public Builder billing(Billing billing) {
            this.billing = billing;
            return this;
        }

        /**
         * The interruption terms of a spot or preemptible offer.
         *
         * @param spot the terms, null for an on-demand offer
         * @return this builder
         */
        public Builder spot(SpotMarket spot) {
            this.spot = spot;
            return this;
        }

        /**
         * Devices in one node (machine).
         *
         * @param devicesPerNode a divisor of the device count, 0 for one node of all of them
         * @return this builder
         */
        public Builder devicesPerNode(int devicesPerNode) {
            this.devicesPerNode = devicesPerNode;
            return this;
        }

        /**
         * How the devices of a node talk.
         *
         * @param deviceLink the link, null for {@link DeviceLink#AUTO}
         * @return this builder
         */
        public Builder deviceLink(DeviceLink deviceLink) {
            this.deviceLink = deviceLink;
            return this;
        }

        /**
         * One node's network bandwidth to the others, one direction, in bytes per second.
         *
         * @param bytesPerSecond &gt; 0 when the offer spans several nodes, else 0
         * @return this builder
         */
        public Builder networkBandwidthBytesPerSecond(double bytesPerSecond) {
            this.networkBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        /**
         * Builds the offer, validated as the record's constructor validates it.
         *
         * @return the offer
         */
        public HardwareOffer build() {
            return new HardwareOffer(id, hardware, pricePerDeviceHour, currency, provider, region, notes, priceSource,
                    priceAsOf, billing, spot, devicesPerNode, deviceLink, networkBandwidthBytesPerSecond);
        }
    }
}
