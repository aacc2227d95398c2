#include "analysis/csv_table.h"
#include "analysis/station_table.h"
#include "analysis/summary_statistics.h"
#include "base/error.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace soilscope;
using namespace soilscope::analysis;

class TestSummaries : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void boxStatisticsWithOutlier() {
        const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 100, std::nan("")};
        const auto b = boxStatistics(v);
        QCOMPARE(b.n, std::size_t(10));
        QCOMPARE(b.q1, 3.25); // numpy linear interpolation
        QCOMPARE(b.median, 5.5);
        QCOMPARE(b.q3, 7.75);
        QCOMPARE(b.whiskerLow, 1.0);
        QCOMPARE(b.whiskerHigh, 9.0); // 100 > 7.75 + 1.5 * 4.5
        QCOMPARE(b.outliers, std::size_t(1));
        QCOMPARE(b.max, 100.0);
        QCOMPARE(b.mean, 14.5);
        QVERIFY(std::isnan(boxStatistics(std::vector<double>{}).median));
        QCOMPARE(median(std::vector<double>{3.0, 1.0, 2.0}), 2.0);
    }
    void kdeIntegratesToOne() {
        std::mt19937 rng(5);
        std::normal_distribution<double> n(0.6, 0.1);
        std::vector<double> v(500);
        for (double& x : v)
            x = n(rng);
        const auto kde = gaussianKde(v, 512);
        double integral = 0.0;
        for (std::size_t i = 1; i < kde.x.size(); ++i)
            integral += 0.5 * (kde.density[i] + kde.density[i - 1]) * (kde.x[i] - kde.x[i - 1]);
        QVERIFY2(std::abs(integral - 1.0) < 0.01, qPrintable(QString::number(integral)));
        // Scott's rule as scipy: sample sd * n^(-1/5).
        const std::vector<double> x{20.1, 22.3, 19.8, 21.5, 23.0, 20.7};
        QVERIFY(std::abs(gaussianKde(x).bandwidth - 0.8813721839065795) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(Error, gaussianKde(std::vector<double>{1.0}));
        QVERIFY_THROWS_EXCEPTION(Error, gaussianKde(std::vector<double>{1.0, 1.0}));
    }
    void pairedTTestByHand() {
        // d = a - b = (-0.5, -0.1, 0.1, -0.6, -0.4): mean -0.3, sd sqrt(0.085), t = -2.30089,
        // df 4, p = 1 - (3/4) u (1 - t^2 / (12 (1 + t^2/4))), u = t / sqrt(1 + t^2/4).
        const std::vector<double> a{1, 2, 3, 4, 5};
        const std::vector<double> b{1.5, 2.1, 2.9, 4.6, 5.4};
        const auto t = pairedTTest(a, b);
        QCOMPARE(t.n, std::size_t(5));
        QCOMPARE(t.df, 4.0);
        QVERIFY(std::abs(t.t - (-2.3008949665421112)) < 1e-9);
        QVERIFY(std::abs(t.p - 0.08285742808309637) < 1e-6);
        QVERIFY(std::abs(t.meanDifference + 0.3) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(Error, pairedTTest(a, std::vector<double>{1.0}));
    }
    void welchTTestByHand() {
        const std::vector<double> x{20.1, 22.3, 19.8, 21.5, 23.0, 20.7};
        const std::vector<double> y{18.2, 19.9, 17.5, 20.1};
        const auto t = welchTTest(x, y);
        QVERIFY(std::abs(t.t - 2.815034835762591) < 1e-9);
        QVERIFY(std::abs(t.df - 6.519259210812658) < 1e-9);
        QVERIFY(std::abs(t.p - 0.027963341961736776) < 1e-6);
        QVERIFY(std::isnan(welchTTest(x, std::vector<double>{1.0}).t));
    }
    void seasons() {
        QCOMPARE(std::string(seasonName(seasonOfMonth(12))), std::string("DJF"));
        QCOMPARE(seasonOfMonth(1), Season::DJF);
        QCOMPARE(seasonOfMonth(2), Season::DJF);
        QCOMPARE(seasonOfMonth(3), Season::MAM);
        QCOMPARE(seasonOfMonth(5), Season::MAM);
        QCOMPARE(seasonOfMonth(6), Season::JJA);
        QCOMPARE(seasonOfMonth(8), Season::JJA);
        QCOMPARE(seasonOfMonth(9), Season::SON);
        QCOMPARE(seasonOfMonth(11), Season::SON);
        QCOMPARE(seasonOf(makeTime(2019, 12, 31, 23, 59)), Season::DJF);
        QCOMPARE(seasonOf(makeTime(2020, 3, 1)), Season::MAM);
        QCOMPARE(monthOf(makeTime(2020, 2, 29, 12)), 2u);
        QVERIFY_THROWS_EXCEPTION(Error, seasonOfMonth(13));
    }
    void stationTableComparisonAndSeasons() {
        // Three stations, a year of daily values; product B is the station plus small noise,
        // product A adds a seasonal error (large in JJA) and a bias.
        StationTable table;
        table.products = {"A", "B"};
        std::mt19937 rng(2);
        std::normal_distribution<double> noise(0.0, 0.01);
        series::MatchOptions match;
        match.window = std::chrono::hours(1);
        for (int s = 0; s < 3; ++s) {
            series::TimeSeries st, a, b;
            for (int d = 0; d < 365; ++d) {
                const TimePoint t = makeTime(2019, 1, 1) + std::chrono::days(d);
                const double v = 0.25 + 0.1 * std::sin(d * 0.05 + s) + noise(rng);
                st.push(t, v);
                const bool summer = monthOf(t) >= 6 && monthOf(t) <= 8;
                a.push(t, v + 0.05 + (summer ? 0.08 * std::sin(d * 1.3) : noise(rng)));
                b.push(t + std::chrono::minutes(30), v + noise(rng));
            }
            StationSite site;
            site.network = s < 2 ? "N1" : "N2";
            site.station = "S" + std::to_string(s);
            if (s == 0)
                site.attributes["land_cover"] = "Cropland";
            table.sites.push_back(site);
            table.results.push_back(
                {validateAtStation(st, a, match), validateAtStation(st, b, match)});
        }
        QCOMPARE(table.results[0][1].metrics.n, std::size_t(365));
        QVERIFY(table.results[0][1].rInterval.contains(table.results[0][1].metrics.r));
        const auto r = compareProducts(table, 0, 1, "R");
        QCOMPARE(r.compared, std::size_t(3));
        QCOMPARE(r.improved, std::size_t(3));
        QVERIFY(r.medianDelta > 0.0);
        const auto bias = compareProducts(table, 0, 1, "bias");
        QCOMPARE(bias.improved, std::size_t(3)); // |bias| of B is smaller
        const auto rmsd = compareProducts(table, 1, 0, "RMSD");
        QCOMPARE(rmsd.improved, std::size_t(0));
        QVERIFY(higherIsBetter("KGE"));
        QVERIFY(!higherIsBetter("ubRMSD"));

        const auto seasons = groupSummary(table, 0, "season");
        QCOMPARE(seasons.size(), std::size_t(4));
        QCOMPARE(seasons[0].group, std::string("DJF")); // alphabetical: DJF, JJA, MAM, SON
        QCOMPARE(seasons[1].group, std::string("JJA"));
        QCOMPARE(seasons[1].pairs, std::size_t(3 * 92));
        QCOMPARE(seasons[1].stations, std::size_t(3));
        QVERIFY(seasons[1].medians.at("ubRMSD") > 2.0 * seasons[0].medians.at("ubRMSD"));
        QVERIFY(std::abs(seasons[0].pooled.bias - 0.05) < 0.01);
        const auto networks = groupSummary(table, 1, "network");
        QCOMPARE(networks.size(), std::size_t(2));
        QCOMPARE(networks[0].stations, std::size_t(2));
        const auto cover = groupSummary(table, 1, "land_cover");
        QCOMPARE(cover.size(), std::size_t(2));
        QCOMPARE(cover[1].group, std::string("unknown"));
        QCOMPARE(groupSummary(table, 1, "month").size(), std::size_t(12));
    }
    void csvTable() {
        const auto t = CsvTable::parse("a;b;c\r\n1;\"x;\"\"y\"\"\";NaN\r\n2.5;z\r\n", "mem.csv");
        QCOMPARE(t.rows(), std::size_t(2));
        QCOMPARE(t.text("b")[0], std::string("x;\"y\""));
        QVERIFY(t.isNumeric("a"));
        QVERIFY(!t.isNumeric("b"));
        QVERIFY(!t.isNumeric("c"));
        QCOMPARE(t.numbers("a")[1], 2.5);
        QVERIFY(std::isnan(t.numbers("c")[1]));
        QVERIFY_THROWS_EXCEPTION(Error, t.text("nope"));
        QVERIFY_THROWS_EXCEPTION(Error, CsvTable::parse("a,b\n1,2,3\n", "bad.csv"));
        QVERIFY_THROWS_EXCEPTION(Error, CsvTable::parse("", "empty.csv"));
    }
    void histogram() {
        const std::vector<double> x{0.0, 0.5, 1.0, 2.0, std::nan("")};
        const std::vector<double> y{0.0, 0.9, 1.0, 0.5, 0.1};
        const auto h = histogram2D(x, y, 0.0, 1.0, 2, 0.0, 1.0, 2);
        QCOMPARE(h.counts[0], std::size_t(1));         // (0, 0)
        QCOMPARE(h.counts[1 * 2 + 1], std::size_t(2)); // (0.5, 0.9) and (1, 1)
        QCOMPARE(h.outside, std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, histogram2D(x, y, 1.0, 1.0, 2, 0.0, 1.0, 2));
    }
};

QTEST_APPLESS_MAIN(TestSummaries)
#include "test_summaries.moc"
