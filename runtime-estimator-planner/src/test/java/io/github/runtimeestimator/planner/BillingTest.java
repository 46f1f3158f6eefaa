package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.runtimeestimator.core.SpecValidationException;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Billing rounds a run's time up to whole increments, never below the minimum; the offer's cost uses it. */
class BillingTest {

    @Test
    void perSecondRoundsUpToWholeSecondsAndKeepsItsMinimum() {
        Billing b = Billing.perSecond(60, "");
        assertThat(b.billedSeconds(0.3)).isEqualTo(60.0);
        assertThat(b.billedSeconds(20)).isEqualTo(60.0);
        assertThat(b.billedSeconds(60.2)).isEqualTo(61.0);
        assertThat(b.billedSeconds(3600)).isEqualTo(3600.0);
        assertThat(Billing.PER_SECOND.billedSeconds(0.3)).isEqualTo(1.0);
        assertThat(Billing.PER_SECOND.billedSeconds(0)).isEqualTo(0.0);
    }

    @Test
    void perMinutePerHourAndBlocksBillWholeIncrements() {
        assertThat(Billing.perMinute("").billedSeconds(61)).isEqualTo(120.0);
        assertThat(Billing.perHour("").billedSeconds(1)).isEqualTo(3600.0);
        assertThat(Billing.perHour("").billedSeconds(3601)).isEqualTo(7200.0);
        assertThat(Billing.perHour("").billedSeconds(7200)).isEqualTo(7200.0);
        // 25 hours in blocks of 24 hours: two blocks
        assertThat(Billing.blocksOfHours(24, "").billedSeconds(25 * 3600)).isEqualTo(48 * 3600.0);
        assertThat(Billing.blocksOfHours(24, "").billedSeconds(10)).isEqualTo(24 * 3600.0);
        assertThat(Billing.PER_SECOND.billedSeconds(Double.NaN)).isNaN();
    }

    @Test
    void describesItsRule() {
        assertThat(Billing.PER_SECOND.describe()).isEqualTo("per second");
        assertThat(Billing.perSecond(60, "").describe()).isEqualTo("per second, 1m minimum");
        assertThat(Billing.perMinute("").describe()).isEqualTo("per minute");
        assertThat(Billing.perHour("").describe()).isEqualTo("per hour");
        assertThat(Billing.blocksOfHours(24, "").describe()).isEqualTo("blocks of 24 h");
    }

    @Test
    void anOffersCostIsItsBilledTimeAtItsHourlyPrice() {
        HardwareOffer hourly = HardwareOffer.builder().id("h").hardware(Fixtures.gpu("g", 1e13, 16).withDeviceCount(8))
                .pricePerDeviceHour(2.0).currency("USD").provider("p").billing(Billing.perHour("")).build();
        // 61 minutes on 8 devices at 2.00 per device-hour, billed per hour: 2 h x 16.00 = 32.00
        assertThat(hourly.costOf(61 * 60)).isCloseTo(32.0, offset(1e-12));
        // an epoch inside a run is not billed on its own: 30 minutes at the hourly rate
        assertThat(hourly.costAtHourlyRate(1800)).isCloseTo(8.0, offset(1e-12));
    }

    @Test
    void badBillingIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Billing(0, 0, "")).isInstanceOf(SpecValidationException.class)
                .hasMessage("billingIncrementSeconds = 0: must be >= 1");
        assertThatThrownBy(() -> new Billing(1, -5, "")).isInstanceOf(SpecValidationException.class)
                .hasMessage("minimumBilledSeconds = -5: must be >= 0");
    }

    @Test
    void theOfferReaderReadsTheBillingFields() throws IOException {
        String json = """
                {"formatVersion": 1, "offers": [
                  {"id": "a", "hardware": "nvidia-h100-sxm-80gb", "deviceCount": 8, "pricePerDeviceHour": 4,
                   "currency": "USD", "provider": "P", "billingIncrementSeconds": 86400,
                   "minimumBilledSeconds": 86400, "billingSource": "https://example.org/billing"},
                  {"id": "b", "hardware": "nvidia-h100-sxm-80gb", "pricePerDeviceHour": 4, "currency": "USD",
                   "provider": "P", "billingIncrementSeconds": 0}
                ]}""";
        OfferReadResult r = new OfferReader(HardwareCatalog.builtIn()).readJson(new StringReader(json), "t.json");

        assertThat(r.offers()).hasSize(1);
        HardwareOffer a = r.offers().get(0);
        assertThat(a.billing()).isEqualTo(new Billing(86400, 86400, "https://example.org/billing"));
        assertThat(a.billing().describe()).isEqualTo("blocks of 24 h");
        assertThat(r.rejections().get(0).reason()).isEqualTo("billingIncrementSeconds = 0: must be >= 1");
    }
}
