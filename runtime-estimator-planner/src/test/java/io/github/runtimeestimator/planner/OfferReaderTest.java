package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.HardwareSpec;
import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferReaderTest {
    /** The built-in catalogue plus an A100 40GB entry, so the example file reads before and after the catalogue grows. */
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn().withOverrides(HardwareCatalog.of(
            List.of(Fixtures.gpu("nvidia-a100-sxm-40gb", 1.95e13, 40))));
    private final OfferReader reader = new OfferReader(CATALOG);

    private static String json(String offers) {
        return "{\"formatVersion\": 1, \"offers\": [" + offers + "]}";
    }

    private static final String GOOD = "{\"id\": \"a\", \"hardware\": \"nvidia-h100-sxm-80gb\", \"deviceCount\": 8,"
            + " \"pricePerDeviceHour\": 4.5, \"currency\": \"usd\", \"provider\": \"P\"}";

    private OfferReadResult readJson(String text) throws IOException {
        return reader.readJson(new StringReader(text), "offers.json");
    }

    @Test
    void theExampleOffersFileReadsWithoutRejections() throws IOException {
        Path file = findExamples().resolve("offers.json");

        OfferReadResult result = reader.read(file);

        assertThat(result.rejections()).isEmpty();
        List<HardwareOffer> offers = result.offers();
        assertThat(offers).extracting(HardwareOffer::provider).contains("AWS", "Google Cloud", "Azure", "Lambda");
        HardwareOffer p5 = offers.stream().filter(o -> o.id().equals("aws-p5.48xlarge")).findFirst().orElseThrow();
        assertThat(p5.deviceCount()).isEqualTo(8);
        assertThat(p5.hardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
        assertThat(p5.pricePerHour()).as("the instance's hourly price").isCloseTo(98.32, offset(1e-9));
        assertThat(p5.billing()).isEqualTo(new Billing(1, 60, p5.billing().source()));
        HardwareOffer twoNodes = offers.stream().filter(o -> o.id().equals("aws-2x-p5.48xlarge")).findFirst()
                .orElseThrow();
        assertThat(twoNodes.nodes()).isEqualTo(2);
        assertThat(offers).allSatisfy(o -> assertThat(o.currency()).isEqualTo("USD"));
        // every rented offer names its price source (a catalogue commit, not a mirror), its date and its region
        assertThat(offers).filteredOn(o -> !o.provider().equals("on-premises")).allSatisfy(o -> {
            assertThat(o.priceSource()).contains("skypilot-org/skypilot-catalog").containsPattern("commit [0-9a-f]{40}");
            assertThat(o.priceAsOf()).isNotBlank();
            assertThat(o.region()).isNotBlank();
            assertThat(o.priceSource()).doesNotContain("jiralog");
        });
        // billing: AWS and Google Cloud per second with a one-minute minimum, Lambda per minute, each with its source
        assertThat(offers).filteredOn(o -> o.provider().equals("Lambda"))
                .allSatisfy(o -> assertThat(o.billing().incrementSeconds()).isEqualTo(60));
        assertThat(offers).filteredOn(o -> o.provider().equals("AWS") || o.provider().equals("Google Cloud"))
                .allSatisfy(o -> assertThat(o.billing().minimumSeconds()).isEqualTo(60));
        assertThat(offers).filteredOn(o -> o.billing().incrementSeconds() > 1 || o.billing().minimumSeconds() > 0)
                .allSatisfy(o -> assertThat(o.billing().source()).startsWith("https://"));
    }

    @Test
    void theSpotExampleReadsWithItsInterruptionRate() throws IOException {
        OfferReadResult result = reader.read(findExamples().resolve("planning").resolve("spot-offers.json"));

        assertThat(result.rejections()).isEmpty();
        HardwareOffer spot = result.offers().get(1);
        assertThat(spot.isSpot()).isTrue();
        assertThat(spot.spot().interruptionsPerHour()).isEqualTo(0.05);
        assertThat(spot.spot().source()).contains("assumed");
    }

    @Test
    void aGoodOfferResolvesItsHardwareWithTheCountAndNormalisesTheCurrency() throws IOException {
        OfferReadResult r = readJson(json(GOOD));

        assertThat(r.rejections()).isEmpty();
        HardwareOffer o = r.offers().get(0);
        assertThat(o.hardware().deviceCount()).isEqualTo(8);
        assertThat(o.currency()).isEqualTo("USD");
        assertThat(o.pricePerHour()).isEqualTo(36.0);
        assertThat(o.costOf(1800)).isEqualTo(18.0);
    }

    @Test
    void driverNamesResolveLikeCatalogueIds() throws IOException {
        OfferReadResult r = readJson(json(GOOD.replace("nvidia-h100-sxm-80gb", "NVIDIA H100 80GB HBM3")));

        assertThat(r.offers()).singleElement().extracting(o -> o.hardware().id()).isEqualTo("nvidia-h100-sxm-80gb");
    }

    @Test
    void anUnknownHardwareIdIsReportedWithCloseIdsAndTheGoodOffersAreKept() throws IOException {
        OfferReadResult r = readJson(json(GOOD + ", " + GOOD.replace("\"a\"", "\"b\"")
                .replace("nvidia-h100-sxm-80gb", "nvidia-h100-sxm")));

        assertThat(r.offers()).extracting(HardwareOffer::id).containsExactly("a");
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.entry()).isEqualTo(2);
            assertThat(rej.offerId()).isEqualTo("b");
            assertThat(rej.field()).isEqualTo("hardware");
            assertThat(rej.message()).startsWith("offers.json entry 2 (id \"b\"): hardware = \"nvidia-h100-sxm\"")
                    .contains("is not in the hardware catalogue; close ids: ")
                    .contains("nvidia-h100-sxm-80gb");
        });
    }

    @Test
    void everyBadFieldIsReportedWithItsRule() throws IOException {
        OfferReadResult r = readJson(json(String.join(", ",
                GOOD.replace("4.5", "-1").replace("\"a\"", "\"neg\""),
                GOOD.replace("\"deviceCount\": 8", "\"deviceCount\": 0").replace("\"a\"", "\"zero\""),
                GOOD.replace("\"deviceCount\": 8", "\"deviceCount\": 1.5").replace("\"a\"", "\"half\""),
                GOOD.replace("\"usd\"", "\"dollars\"").replace("\"a\"", "\"cur\""),
                GOOD.replace("pricePerDeviceHour", "price").replace("\"a\"", "\"typo\""),
                GOOD.replace("\"id\": \"a\", ", ""),
                GOOD.replace("4.5", "\"cheap\"").replace("\"a\"", "\"nan\""),
                GOOD.replace("\"provider\": \"P\"", "\"provider\": \"P\", \"priceAsOf\": \"26/11/2026\"")
                        .replace("\"a\"", "\"date\""),
                GOOD, GOOD,
                "42")));

        assertThat(r.offers()).extracting(HardwareOffer::id).containsExactly("a");
        assertThat(r.rejections()).extracting(OfferRejection::reason).containsExactly(
                "pricePerDeviceHour = -1.0: must be >= 0 (0 for hardware you own)",
                "deviceCount = 0: must be >= 1 (a whole number of devices)",
                "deviceCount = \"1.5\": must be a whole number",
                "currency = \"dollars\": must be a three-letter ISO-4217 code such as USD",
                "price = \"4.5\": is not an offer field; known fields: id, hardware, deviceCount, pricePerDeviceHour,"
                        + " currency, provider, region, notes, priceSource, priceAsOf, billingIncrementSeconds,"
                        + " minimumBilledSeconds, billingSource, spot, interruptionsPerHour, interruptionSource,"
                        + " devicesPerNode, deviceLink, networkBandwidthBytesPerSecond",
                "id: missing, is required",
                "pricePerDeviceHour = \"cheap\": must be a number",
                "priceAsOf = \"26/11/2026\": must be an ISO date such as 2026-11-26",
                "id = \"a\": appears more than once; offer ids must be unique",
                "offer = 42: must be a JSON object, got number");
        assertThat(r.rejections()).extracting(OfferRejection::entry).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
                10L, 11L);
    }

    @Test
    void aFileThatIsNotAnOffersFileFailsAsAWhole() {
        assertThatThrownBy(() -> readJson("{\"formatVersion\": 2, \"offers\": []}")).isInstanceOf(IOException.class)
                .hasMessageContaining("formatVersion 2 is not supported");
        assertThatThrownBy(() -> readJson("{\"formatVersion\": 1}")).isInstanceOf(IOException.class)
                .hasMessageContaining("\"offers\" must be an array");
        assertThatThrownBy(() -> readJson("[1, 2")).isInstanceOf(IOException.class)
                .hasMessageContaining("offers.json: not valid JSON");
    }

    @Test
    void csvOffersReadTheSameFieldsAndReportBadLinesByLineNumber() throws IOException {
        String csv = "id,hardware,deviceCount,pricePerDeviceHour,currency,provider,region\n"
                + "one,nvidia-h100-sxm-80gb,1,3.78,USD,Lambda,\n"
                + "two,nvidia-a100-sxm-40gb,8,1.844,USD,AWS,us-east-2\n"
                + "bad,nvidia-a100,8,1.0,USD,AWS,\n";

        OfferReadResult r = reader.readCsv(new StringReader(csv), "offers.csv");

        assertThat(r.offers()).extracting(HardwareOffer::id).containsExactly("one", "two");
        assertThat(r.offers().get(1).region()).isEqualTo("us-east-2");
        assertThat(r.offers().get(1).hardware().deviceCount()).isEqualTo(8);
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.entry()).isEqualTo(4);
            assertThat(rej.message()).startsWith("offers.csv entry 4 (id \"bad\"): hardware = \"nvidia-a100\"")
                    .contains("close ids:");
        });
    }

    @Test
    void readDispatchesOnTheFileExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path csv = dir.resolve("o.csv");
        Files.writeString(csv, "id,hardware,pricePerDeviceHour,currency,provider\nx,nvidia-h100-sxm-80gb,2,USD,Me\n");

        OfferReadResult r = reader.read(csv);

        assertThat(r.offers()).singleElement().satisfies(o -> {
            assertThat(o.deviceCount()).as("deviceCount defaults to 1").isEqualTo(1);
            assertThat(o.hardware()).isInstanceOf(HardwareSpec.class);
        });
    }

    /** The repository's examples/ directory, found by walking up from the module directory. */
    static Path findExamples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve("offers.json");
            if (Files.isRegularFile(candidate)) {
                return candidate.getParent();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/offers.json not found above " + Path.of("").toAbsolutePath());
    }
}
