package io.github.runtimeestimator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.runtimeestimator.core.catalog.HardwareCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offers files are strict: repeated keys and columns, trailing content and infinite numbers are refused. */
class StrictOfferInputTest {
    private final OfferReader reader = new OfferReader(HardwareCatalog.builtIn());

    @TempDir
    Path dir;

    private static final String OFFER = "{\"id\": \"a\", \"hardware\": \"nvidia-h100-sxm-80gb\","
            + " \"pricePerDeviceHour\": %s, \"currency\": \"USD\", \"provider\": \"P\"}";

    private OfferReadResult readJson(String offers) throws IOException {
        return reader.readJson(new StringReader("{\"formatVersion\": 1, \"offers\": [" + offers + "]}"), "o.json");
    }

    @Test
    void aRepeatedKeyFailsTheDocument() {
        assertThatThrownBy(() -> readJson(OFFER.formatted("4.5").replace("\"id\": \"a\",",
                "\"id\": \"a\", \"id\": \"b\",")))
                .isInstanceOf(IOException.class).hasMessageContaining("o.json: not valid JSON: Duplicate")
                .hasMessageContaining("at $.offers[0].id (line 1, column");
    }

    @Test
    void trailingContentFailsTheDocument() {
        assertThatThrownBy(() -> reader.readJson(new StringReader("{\"formatVersion\": 1, \"offers\": []} []"), "o.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void anInfinitePriceRejectsThatOffer() throws IOException {
        OfferReadResult r = readJson(OFFER.formatted("1e400") + "," + OFFER.formatted("4.5").replace("\"a\"", "\"b\""));
        assertThat(r.offers()).extracting(HardwareOffer::id).containsExactly("b");
        assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.message())
                .contains("pricePerDeviceHour = Infinity: must be a finite number"));
    }

    @Test
    void aRepeatedCsvColumnFailsTheFile() {
        String csv = "id,hardware,pricePerDeviceHour,currency,provider,pricePerDeviceHour\n"
                + "a,nvidia-h100-sxm-80gb,4.5,USD,P,0.1\n";
        assertThatThrownBy(() -> reader.readCsv(new StringReader(csv), "o.csv"))
                .isInstanceOf(IOException.class).hasMessageContaining("pricePerDeviceHour appears twice");
    }

    @Test
    void aCsvOfferWithInvalidUtf8IsRejectedAndTheOthersRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,hardware,pricePerDeviceHour,currency,provider\na,nvidia-h100-sxm-80gb,4.5,USD,P\nb,nvidia-h100-sxm-80gb,4.5,USD,"
                .getBytes(StandardCharsets.UTF_8));
        out.write(0xFE);
        out.writeBytes("\nc,nvidia-h100-sxm-80gb,4.5,USD,P\n".getBytes(StandardCharsets.UTF_8));
        Path csv = Files.write(dir.resolve("offers.csv"), out.toByteArray());

        OfferReadResult r = reader.read(csv);

        assertThat(r.offers()).extracting(HardwareOffer::id).containsExactly("a", "c");
        assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.message())
                .contains("provider = ").contains(": is not valid UTF-8: invalid UTF-8 (byte 0xFE) at line 3"));
    }
}
