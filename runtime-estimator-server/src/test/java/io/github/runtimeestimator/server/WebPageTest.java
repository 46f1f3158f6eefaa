package io.github.runtimeestimator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's chromium, driven through its chromedriver by Selenium): it loads the
 * catalogue, takes a job, and shows every offer ranked as the API ranks it. Skipped, saying why, where chromium or
 * its driver is not installed ({@code bin/test} installs both). The screenshot lands in
 * {@code target/service.png}, and where {@code -Drte.screenshot=PATH} says, there too (docs/img/service.png).
 */
class WebPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BERT_CONFIG = "{\"model_type\": \"bert\", \"hidden_size\": 768, \"num_hidden_layers\": 12,"
            + " \"num_attention_heads\": 12, \"intermediate_size\": 3072, \"vocab_size\": 30522,"
            + " \"max_position_embeddings\": 512, \"type_vocab_size\": 2, \"hidden_act\": \"gelu\"}";

    private static EstimatorServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install chromium chromium-driver; bin/test installs them");
        server = TestServers.startDefault();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1180", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void open() {
        browser.get(server.uri().toString());
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("#model option")).size() > 10);
    }

    private static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private List<WebElement> renderedRows(int expected) {
        waitUpTo(60).until(d -> d.findElements(By.cssSelector("#offers tbody tr")).size() == expected
                && d.findElement(By.id("results")).isDisplayed());
        return browser.findElements(By.cssSelector("#offers tbody tr"));
    }

    @Test
    void aCatalogueModelJobIsRankedAsTheApiRanksItWithVerdictsRangesAndAChart() throws IOException {
        open();
        new Select(browser.findElement(By.id("model"))).selectByValue("resnet50");
        type(browser.findElement(By.id("batch-size")), "256");
        type(browser.findElement(By.id("epochs")), "90");
        type(browser.findElement(By.id("dataset-size")), "1281167");
        type(browser.findElement(By.id("learning-rate")), "0.1");
        new Select(browser.findElement(By.id("optimizer"))).selectByValue("sgd");
        new Select(browser.findElement(By.id("precision"))).selectByValue("bf16");
        type(browser.findElement(By.id("deadline")), "2d");
        type(browser.findElement(By.id("budget")), "3000");

        browser.findElement(By.id("submit")).click();

        JsonNode plan = TestServers.json(new TestServers.Client(server).post("/v1/plan", "{\"spec\": {\"model\":"
                + " \"resnet50\", \"job\": {\"phase\": \"train_job\", \"batchSize\": 256, \"optimizer\": \"sgd\","
                + " \"learningRate\": 0.1, \"datasetSize\": 1281167, \"epochs\": 90}, \"precision\": \"bf16\"},"
                + " \"deadline\": \"2d\", \"budget\": 3000, \"rankBy\": \"cost\"}").body());
        List<WebElement> rows = renderedRows(plan.get("ranked").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = plan.get("ranked").get(i);
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertThat(cells.get(1).getText()).as("row " + i + " offer").isEqualTo(r.get("offerId").asText());
            assertThat(cells.get(4).getText()).as("row " + i + " verdict")
                    .isEqualTo(r.get("verdict").asText().replace('_', ' '));
            assertThat(cells.get(6).getText()).as("row " + i + " time range").contains("–");
            assertThat(cells.get(8).getText()).as("row " + i + " cost range").contains(plan.get("currency").asText());
            if (!r.get("reason").asText().isEmpty()) {
                assertThat(cells.get(9).getText()).isEqualTo(r.get("reason").asText());
            }
        }
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo(plan.get("summary").asText());
        if (!plan.get("chosenOfferId").isNull()) {
            assertThat(rows.get(0).getAttribute("class")).isEqualTo("chosen");
        }
        assertThat(browser.findElements(By.cssSelector("#chart svg rect"))).as("a bar per estimated offer and panel")
                .hasSize(2 * (int) plan.get("ranked").findValues("seconds").stream().filter(JsonNode::isNumber).count());
        assertThat(browser.findElements(By.cssSelector("#chart svg circle"))).as("a point estimate per priced bar")
                .hasSizeGreaterThanOrEqualTo(plan.get("ranked").size());
        screenshot();
    }

    @Test
    void aPastedHuggingFaceConfigIsPricedAndARefusalIsShownWithItsField() {
        open();
        browser.findElement(By.id("source-hf")).click();
        type(browser.findElement(By.id("hf-config")), BERT_CONFIG);
        type(browser.findElement(By.id("sequence-length")), "128");
        type(browser.findElement(By.id("batch-size")), "32");
        type(browser.findElement(By.id("epochs")), "3");
        type(browser.findElement(By.id("dataset-size")), "100000");
        new Select(browser.findElement(By.id("optimizer"))).selectByValue("adamw");
        type(browser.findElement(By.id("learning-rate")), "0.0001");
        type(browser.findElement(By.id("deadline")), "12h");
        type(browser.findElement(By.id("budget")), "");

        browser.findElement(By.id("submit")).click();

        List<WebElement> rows = renderedRows(TestServers.exampleOffers().size());
        assertThat(rows).isNotEmpty();
        waitUpTo(10).until(d -> d.findElement(By.id("status")).getText().contains("ranked for hf-model"));

        type(browser.findElement(By.id("batch-size")), "0");
        browser.findElement(By.id("submit")).click();

        waitUpTo(20).until(d -> "error".equals(d.findElement(By.id("status")).getAttribute("class")));
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("$.spec.job.batchSize:")
                .contains("must be >= 1");
    }

    private void screenshot() throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        assertThat(png).hasSizeGreaterThan(10_000);
        Files.write(Path.of("target", "service.png"), png);
        String also = System.getProperty("rte.screenshot");
        if (also != null && !also.isBlank()) {
            Path target = Path.of(also).isAbsolute() ? Path.of(also) : new File(System.getProperty("rte.repository.root",
                    "."), also).toPath();
            Files.createDirectories(target.getParent());
            Files.write(target, png);
        }
    }
}
