package io.github.runtimeestimator.cli;

import io.github.runtimeestimator.training.evaluation.Importance;
import io.github.runtimeestimator.training.evaluation.Prediction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of {@code compare --plots} and {@code evaluate --plots}, as PNG files (JFreeChart): permutation
 * importance per spec field and hardware figure, and predicted against measured time on log-log axes with each
 * prediction's interval.
 */
final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 650;

    private Plots() {
    }

    /**
     * Horizontal bars: how many seconds the mean absolute error grows when each field is shuffled across held-out
     * rows, most important first (fields that change nothing at the bottom).
     */
    static void importance(Path png, String title, List<Importance> importance) throws IOException {
        List<Importance> sorted = new ArrayList<>(importance);
        sorted.sort(Comparator.comparingDouble((Importance i) -> -finite(i.maeSecondsIncrease())));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Importance i : sorted) {
            data.addValue(finite(i.maeSecondsIncrease()), "MAE increase", i.field().id());
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("spec field or hardware figure shuffled"),
                new NumberAxis("increase of the mean absolute error, seconds"), new BarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0x3b6ea5));
        ((BarRenderer) plot.getRenderer()).setShadowVisible(false);
        ((BarRenderer) plot.getRenderer()).setBarPainter(new StandardBarPainter());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        save(png, chart);
    }

    /**
     * Predicted against measured seconds, both axes logarithmic, each prediction with its interval as a vertical
     * bar; blue when the measured time fell inside the interval, red when not; the diagonal is a perfect estimate.
     */
    static void scatter(Path png, String title, List<Prediction> predictions) throws IOException {
        YIntervalSeries inside = new YIntervalSeries("measured inside the interval");
        YIntervalSeries outside = new YIntervalSeries("measured outside the interval");
        double min = Double.MAX_VALUE;
        double max = 0;
        int in = 0;
        for (Prediction p : predictions) {
            double x = p.measuredSeconds();
            double y = p.predictedSeconds();
            if (!(x > 0 && y > 0)) {
                continue;
            }
            (p.withinInterval() ? inside : outside).add(x, y, Math.max(p.lowerSeconds(), 1e-12), p.upperSeconds());
            in += p.withinInterval() ? 1 : 0;
            min = Math.min(min, Math.min(x, Math.max(p.lowerSeconds(), 1e-12)));
            max = Math.max(max, Math.max(x, p.upperSeconds()));
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(inside);
        data.addSeries(outside);
        LogAxis xAxis = decades(new LogAxis("measured seconds"));
        LogAxis yAxis = decades(new LogAxis("predicted seconds (bar: the stated interval)"));
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setSeriesPaint(0, new Color(0x3b6ea5));
        renderer.setSeriesPaint(1, new Color(0xc0392b));
        renderer.setErrorPaint(new Color(0, 0, 0, 40));
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        if (max > 0) {
            xAxis.setRange(min / 1.5, max * 1.5);
            yAxis.setRange(min / 1.5, max * 1.5);
            plot.addAnnotation(new XYLineAnnotation(min / 1.5, min / 1.5, max * 1.5, max * 1.5,
                    new BasicStroke(1f), Color.DARK_GRAY));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int n = inside.getItemCount() + outside.getItemCount();
        String subtitle = String.format(Locale.ROOT, "%s (%d predictions, %.1f%% inside their interval)", title, n,
                n == 0 ? 0.0 : 100.0 * in / n);
        JFreeChart chart = new JFreeChart(subtitle, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(png, chart);
    }

    /** Ticks at every power of ten, written 1e-3, 0.01, 0.1, 1, 10. */
    private static LogAxis decades(LogAxis axis) {
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("0.###E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    /** A file name from free text: letters, digits, dots and dashes. */
    static String fileName(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("(^-+|-+$)", "");
    }

    private static void save(Path png, JFreeChart chart) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
