package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferWriterTest {
    private final OfferReader reader = new OfferReader(HardwareCatalog.builtIn());

    @Test
    void whatTheWriterWritesTheReaderReadsBackToEqualOffers() throws IOException {
        List<HardwareOffer> offers = reader.read(OfferReaderTest.findExamples().resolve("offers.json")).offers();
        assertThat(offers).isNotEmpty();

        OfferReadResult back = reader.readJson(new StringReader(OfferWriter.json(offers)), "written");

        assertThat(back.rejections()).isEmpty();
        assertThat(back.offers()).isEqualTo(offers);
    }

    @Test
    void optionalFieldsAreLeftOutWhenNotSetAndEveryFieldIsAnOfferField() throws IOException {
        HardwareOffer bare = new HardwareOffer("own", HardwareCatalog.builtIn().require("nvidia-l4-24gb")
                .withDeviceCount(2), 0.5, "EUR", "on-premises", null, null, null, null);

        String json = OfferWriter.json(List.of(bare));

        assertThat(json).doesNotContain("region", "notes", "priceSource", "priceAsOf");
        var node = io.github.runtimeestimator.core.internal.JsonMappers.strict().readTree(json);
        node.get("offers").get(0).fieldNames().forEachRemaining(k -> assertThat(OfferReader.FIELDS).contains(k));
        assertThat(reader.readJson(new StringReader(json), "written").offers()).containsExactly(bare);
    }
}
