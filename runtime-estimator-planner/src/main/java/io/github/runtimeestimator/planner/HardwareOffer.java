package io.github.runtimeestimator.planner;

import io.github.runtimeestimator.core.Checks;
import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.Locale;

/**
 * Hardware a user can rent or owns: a catalogue device times a count, at a price.
 *
 * <p>Price is per device-hour (the per-GPU hourly rate); the offer's hourly price is that times
 * {@code deviceCount}. For hardware you own, use its amortised or internal rate, or 0.
 *
 * @param id                 the offer's name, unique within a file ({@code aws-p5.48xlarge})
 * @param hardware           the catalogue entry, with {@code deviceCount} set to this offer's count
 * @param pricePerDeviceHour price of one device for one hour, >= 0
 * @param currency           ISO-4217 code, upper case ({@code USD})
 * @param provider           who sells it ({@code AWS}, {@code Lambda}, {@code on-premises})
 * @param region             optional region, "" when not given
 * @param notes              optional notes, "" when not given
 * @param priceSource        where the price was read (URL or document), "" when not given
 * @param priceAsOf          the date the price was read (ISO date), "" when not given
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
        String priceAsOf) {

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
    }

    /** Devices in this offer. */
    public int deviceCount() {
        return hardware.deviceCount();
    }

    /** What one hour of the whole offer costs: price per device-hour times devices. */
    public double pricePerHour() {
        return pricePerDeviceHour * deviceCount();
    }

    /** What {@code seconds} of the whole offer cost. */
    public double costOf(double seconds) {
        return seconds / 3600.0 * pricePerHour();
    }

    /** {@code 8 x nvidia-h100-sxm-80gb}. */
    public String describeHardware() {
        return deviceCount() + " x " + hardware.id();
    }
}
