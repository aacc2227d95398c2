// The time-series view: an ISMN observation's values flagged C (implausible) or D (dubious), and
// a product's observations outside its mask, are marks apart from its curve and stay out of the
// r of the other curves.
#include "series/quality_flags.h"
#include "widgets/qcp.h"
#include "widgets/time_series_plot.h"

#include <QTest>

#include <cmath>

using namespace soilscope;

namespace {

TimePoint hour(int h) {
    return TimePoint(std::chrono::seconds(1'500'000'000 + 3600 * h));
}

double toSeconds(TimePoint t) {
    return double(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

} // namespace

class TestTimeSeriesPlot : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void flaggedObservationsAreMarksOutsideR() {
        series::TimeSeries observed, product;
        observed.name = "AG01";
        product.name = "model";
        for (int h = 0; h < 200; ++h) {
            const double v = 0.2 + 0.1 * std::sin(h / 10.0);
            // Every 20th value a spike to -0.02 flagged C01,D06; every 50th a dubious D01.
            if (h % 20 == 7)
                observed.push(hour(h), -0.02, series::parseFlags("C01,D06"));
            else if (h % 50 == 3)
                observed.push(hour(h), 0.9, series::flag::D(1));
            else
                observed.push(hour(h), v, h % 2 ? series::flag::G : series::flag::U);
            product.push(hour(h), v);
        }
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(observed, widgets::SeriesRole::Observation));
        QVERIFY(plot.addSeries(product, widgets::SeriesRole::Product));
        QCOMPARE(int(plot.seriesAt(0).size()), 200 - 10 - 4);
        QCOMPARE(int(plot.flaggedAt(0).size()), 14);
        for (const double v : plot.seriesAt(0).values)
            QVERIFY(v > 0.0 && v < 0.5);
        QVERIFY(plot.flaggedAt(1).empty());
        // The product equals the good observations: r = 1 on their 186 hours.
        QVERIFY2(plot.legendText(1).contains(QStringLiteral("r = 1.00, n = 186")),
                 qPrintable(plot.legendText(1)));
        // Drawn: the observation's curve, its flagged marks (no line), the product.
        QCOMPARE(plot.plot()->graphCount(), 3);
        QCPGraph* marks = plot.plot()->graph(1);
        QCOMPARE(marks->lineStyle(), QCPGraph::lsNone);
        QCOMPARE(marks->dataCount(), 14);
        QVERIFY2(marks->name().contains(QStringLiteral("flagged")), qPrintable(marks->name()));
        QVERIFY(plot.plot()->yAxis->range().contains(-0.02));
        // A click on a legend entry hides that curve; a second click shows it again.
        QCPAbstractLegendItem* item = plot.plot()->legend->itemWithPlottable(marks);
        QVERIFY(item);
        Q_EMIT plot.plot()->legendClick(plot.plot()->legend, item, nullptr);
        QVERIFY(!marks->visible());
        QVERIFY(plot.isHidden(marks->name()));
        QVERIFY(plot.plot()->graph(0)->visible());
        Q_EMIT plot.plot()->legendClick(plot.plot()->legend, item, nullptr);
        QVERIFY(marks->visible());
        // A flagged value is read with its flags.
        const double spike = double(hour(7).time_since_epoch().count());
        QVERIFY2(plot.readoutAt(spike).contains(QStringLiteral("AG01: -0.02 (C01,D06)")),
                 qPrintable(plot.readoutAt(spike)));
    }

    void deeperSensorsAndShortSpans() {
        // Two days of two depths: the deeper curve is drawn in its own colour, and the time axis
        // shows hours (dates alone repeated the same day under several ticks).
        series::TimeSeries top, deep;
        top.name = "0.05";
        deep.name = "0.30";
        for (int h = 0; h < 48; ++h) {
            top.push(hour(h), 0.2 + 0.01 * std::sin(h / 5.0));
            deep.push(hour(h), 0.3 + 0.005 * std::sin(h / 5.0));
        }
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(top, widgets::SeriesRole::Observation));
        QVERIFY(plot.addSeries(deep, widgets::SeriesRole::Observation));
        QVERIFY(plot.plot()->graph(0)->pen().color() != plot.plot()->graph(1)->pen().color());
        QVERIFY2(plot.legendText(1).contains(QStringLiteral("r = 1.00, n = 48")),
                 qPrintable(plot.legendText(1)));
        // Hovering 20 minutes after the sixth hour reads both depths at that hour, with its time.
        const double at = double(hour(5).time_since_epoch().count()) + 20 * 60;
        const QString readout = plot.readoutAt(at);
        QVERIFY2(readout.startsWith(QStringLiteral("2017-07-14 08:00 UTC")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("0.05: %1 \u2014 2017-07-14 07:40")
                                      .arg(0.2 + 0.01 * std::sin(1.0), 0, 'g', 4)),
                 qPrintable(readout));
        QVERIFY(readout.contains(QStringLiteral("0.30: ")));
        // Far beyond both curves: nothing to read.
        QVERIFY(plot.readoutAt(at + 30 * 86400.0).isEmpty());
        const auto* ticker =
            dynamic_cast<QCPAxisTickerDateTime*>(plot.plot()->xAxis->ticker().data());
        QVERIFY(ticker);
        QVERIFY(ticker->dateTimeFormat().contains(QStringLiteral("HH:mm")));
        for (int h = 48; h < 24 * 60; ++h)
            top.push(hour(h), 0.2);
        plot.clear();
        QVERIFY(plot.addSeries(top, widgets::SeriesRole::Observation));
        QCOMPARE(ticker->dateTimeFormat(), QStringLiteral("yyyy-MM-dd"));
    }

    void frozenSoilIsShaded() {
        // Hourly soil temperature in kelvin: below 273.15 K from hour 10 to 14 and at hour 30
        // (one span each), a C-flagged -5 °C at hour 40 is not used.
        series::TimeSeries observed, temperature;
        observed.name = "AG01";
        temperature.name = "soil temperature 0.05\u20130.05 m";
        temperature.units = "K";
        for (int h = 0; h < 48; ++h) {
            observed.push(hour(h), 0.2, series::flag::G);
            const bool frozen = (h >= 10 && h <= 14) || h == 30;
            if (h == 40)
                temperature.push(hour(h), 268.15, series::flag::C(1));
            else
                temperature.push(hour(h), frozen ? 272.0 : 275.0, series::flag::G);
        }
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(observed, widgets::SeriesRole::Observation));
        plot.setSoilTemperature(temperature);
        const auto& spans = plot.frozenSpans();
        QCOMPARE(int(spans.size()), 2);
        const double t0 = double(hour(0).time_since_epoch().count());
        QCOMPARE(spans[0].first, t0 + 9.5 * 3600);
        QCOMPARE(spans[0].second, t0 + 14.5 * 3600);
        QCOMPARE(spans[1].first, t0 + 29.5 * 3600);
        QCOMPARE(plot.plot()->itemCount(), 2);
        // Its legend entry hides and shows the shading; the export carries the temperature.
        QCPAbstractPlottable* key = nullptr;
        for (int i = 0; i < plot.plot()->plottableCount(); ++i)
            if (plot.plot()->plottable(i)->name().startsWith(QStringLiteral("frozen: ")))
                key = plot.plot()->plottable(i);
        QVERIFY(key);
        Q_EMIT plot.plot()->legendClick(plot.plot()->legend,
                                        plot.plot()->legend->itemWithPlottable(key), nullptr);
        QVERIFY(!plot.plot()->item(0)->visible());
        const auto columns = plot.tableColumns();
        QCOMPARE(int(columns.size()), 2);
        QCOMPARE(columns[1].units, std::string("K"));
        plot.clear();
        QVERIFY(plot.frozenSpans().empty());
        QCOMPARE(plot.plot()->itemCount(), 0);
    }

    void aProductsFlagsAreNotIsmnFlags() {
        // Only observations are split: a product's curve keeps every finite value.
        series::TimeSeries product;
        for (int h = 0; h < 10; ++h)
            product.push(hour(h), 0.1 * h, series::flag::D(1));
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(product, widgets::SeriesRole::Product));
        QCOMPARE(int(plot.seriesAt(0).size()), 10);
        QVERIFY(plot.flaggedAt(0).empty());
    }

    void observationsOutsideAMaskAreMarksApart() {
        // A point product's grid point read with a mask: what it removed (frozen, say) is drawn
        // apart, named by the mask, out of r, and exported as a column of its own.
        series::TimeSeries kept, rejected, model;
        kept.name = rejected.name = "sm";
        kept.units = rejected.units = "%";
        model.name = "model";
        model.units = "%";
        for (int h = 0; h < 100; ++h) {
            const double v = 40 + 10 * std::sin(h / 8.0);
            if (h % 10 == 4)
                rejected.push(hour(h), 95.0);
            else
                kept.push(hour(h), v);
            model.push(hour(h), v);
        }
        widgets::TimeSeriesPlot plot;
        const QString mask = QStringLiteral("ssf == 1");
        QVERIFY(plot.addMaskedSeries(kept, rejected, mask, widgets::SeriesRole::Observation,
                                     QStringLiteral("sm (%)")));
        QVERIFY(plot.addSeries(model, widgets::SeriesRole::Product));
        QCOMPARE(int(plot.seriesAt(0).size()), 90);
        QCOMPARE(int(plot.flaggedAt(0).size()), 10);
        QVERIFY2(plot.legendText(1).contains(QStringLiteral("r = 1.00, n = 90")),
                 qPrintable(plot.legendText(1)));
        QCPGraph* marks = plot.plot()->graph(1);
        QCOMPARE(marks->lineStyle(), QCPGraph::lsNone);
        QCOMPARE(marks->name(), QStringLiteral("outside ssf == 1: 10, not in r"));
        const double at = double(hour(14).time_since_epoch().count());
        QVERIFY2(plot.readoutAt(at).contains(QStringLiteral("sm (%): 95 % (outside the mask)")),
                 qPrintable(plot.readoutAt(at)));
        const auto columns = plot.tableColumns();
        QCOMPARE(int(columns.size()), 3);
        QCOMPARE(columns[0].size(), std::size_t(90));
        QCOMPARE(columns[1].name, std::string("sm (%) outside ssf == 1"));
        QCOMPARE(columns[1].size(), std::size_t(10));
        QCOMPARE(columns[1].units, std::string("%"));
        // Everything outside the mask: still shown; nothing at all: not added.
        plot.clear();
        QVERIFY(plot.addMaskedSeries({}, rejected, mask, widgets::SeriesRole::Observation));
        QCOMPARE(int(plot.flaggedAt(0).size()), 10);
        QVERIFY(!plot.addMaskedSeries({}, {}, mask, widgets::SeriesRole::Observation));
    }

    void opensOnTheStationsRecord() {
        // A station's two days beside a product's twenty: the view opens on the two days, and
        // shows all twenty when asked (a double click).
        series::TimeSeries station, product;
        station.name = "station";
        product.name = "product";
        for (int h = 0; h < 20 * 24; ++h) {
            product.push(hour(h), 0.3);
            if (h >= 240 && h < 288)
                station.push(hour(h), 0.25);
        }
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(product, widgets::SeriesRole::Product));
        const double first = toSeconds(hour(0)), last = toSeconds(hour(20 * 24 - 1));
        QVERIFY(plot.plot()->xAxis->range().contains(first));
        QVERIFY(plot.addSeries(station, widgets::SeriesRole::Observation));
        const QCPRange range = plot.plot()->xAxis->range();
        QVERIFY(range.contains(toSeconds(hour(240))) && range.contains(toSeconds(hour(287))));
        QVERIFY(!range.contains(first) && !range.contains(last));
        QVERIFY(range.size() < 3 * 86400.0);
        plot.showWholeSpan();
        QVERIFY(plot.plot()->xAxis->range().contains(first));
        QVERIFY(plot.plot()->xAxis->range().contains(last));
    }

    void anObservationAllFlaggedIsStillShown() {
        series::TimeSeries observed;
        for (int h = 0; h < 5; ++h)
            observed.push(hour(h), 0.6, series::flag::C(3));
        widgets::TimeSeriesPlot plot;
        QVERIFY(plot.addSeries(observed, widgets::SeriesRole::Observation));
        QVERIFY(plot.seriesAt(0).empty());
        QCOMPARE(int(plot.flaggedAt(0).size()), 5);
        QCOMPARE(plot.plot()->graphCount(), 2);
    }
};

QTEST_MAIN(TestTimeSeriesPlot)
#include "test_time_series_plot.moc"
