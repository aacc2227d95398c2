// soilscope-cli spectrum / intraday / station-metrics / summarize: JSON keys, numbers on
// synthetic inputs with known answers, exit codes, and an end-to-end run on the tiny twin.
#include "analysis/spatial_spectrum.h"
#include "base/time_utils.h"
#include "cli_test_support.h"
#include "geo/geotiff_writer.h"
#include "geo/grid.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "series/accumulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <numbers>

using namespace soilscope;
using soilscope::test::CliRun;
using soilscope::test::readLines;
using soilscope::test::runCli;

namespace {

/// Hourly multi-band GeoTIFF whose band descriptions are ISO times (a raster series).
void writeSeries(const std::string& path, const geo::Grid& grid,
                 const std::vector<TimePoint>& times,
                 const std::vector<std::vector<float>>& bands) {
    geo::GeoTiffOptions o;
    for (const auto t : times)
        o.bandDescriptions.push_back(formatIsoTime(t));
    geo::writeGeoTiff(path, grid, bands, o);
}

} // namespace

class TestAnalysisCli : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
    }

    void spectrumOfMapsWithKnownSlope() {
        QTemporaryDir tmp;
        const int n = 256;
        const geo::Grid grid("EPSG:32631", {500000.0, 60.0, 0.0, 4500000.0, 0.0, -60.0}, n, n);
        std::vector<std::vector<float>> bands;
        std::vector<TimePoint> times;
        for (int d = 0; d < 4; ++d) {
            auto f = analysis::powerLawField(n, n, -1.5, 30u + static_cast<unsigned>(d));
            for (std::size_t i = 0; i < f.size(); i += 37)
                f[i] = std::nanf("");
            bands.push_back(f);
            times.push_back(makeTime(2020, 6, 1 + d));
        }
        const std::string file = (tmp.path() + "/maps.tif").toStdString();
        writeSeries(file, grid, times, bands);
        const QString csv = tmp.path() + "/spectrum.csv";
        const CliRun r = runCli({"spectrum", "--input", QString::fromStdString(file), "--csv-out",
                                 csv, "--correction", "finite-difference", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["maps"].toInt(), 4);
        for (const char* dir : {"zonal", "meridional"}) {
            const QJsonObject d = j[dir].toObject();
            for (const char* key :
                 {"slope", "intercept", "k_min", "k_max", "effective_resolution_m"})
                QVERIFY2(d[key].isDouble(), key);
            QVERIFY2(std::abs(d["slope"].toDouble() + 1.5) < 0.1,
                     qPrintable(QString::number(d["slope"].toDouble())));
            QVERIFY(std::abs(d["spacing_m"].toDouble() - 60.0) < 1e-6);
            QVERIFY(d["k_max"].toDouble() <= 1.0 / 120.0);
            QVERIFY(d["effective_resolution_m"].toDouble() >= 60.0 - 1e-9);
        }
        const QStringList lines = readLines(csv);
        QCOMPARE(lines.front(),
                 QString("direction,k_cycles_per_m,wavelength_m,power,fitted_power"));
        QVERIFY(lines.size() > 200);
        QVERIFY(lines[1].startsWith("zonal,"));
        QVERIFY(lines.back().startsWith("meridional,"));

        // --date picks two of the four maps.
        const CliRun two = runCli({"spectrum", "--input", QString::fromStdString(file), "--date",
                                   "2020-06-02,2020-06-04", "--json"});
        QVERIFY2(two.exitCode == 0, two.err.constData());
        QCOMPARE(two.json()["maps"].toInt(), 2);
        const CliRun none = runCli({"spectrum", "--input", QString::fromStdString(file), "--date",
                                    "2021-01-01", "--json"});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains("2021-01-01"));
    }

    void spectrumGeodesicSpacing() {
        QTemporaryDir tmp;
        const geo::Grid grid = geo::Grid::geographic(-4.0, 40.5, -3.36, 40.9, 0.01);
        const auto f = analysis::powerLawField(grid.width(), grid.height(), -2.0, 3);
        const std::string file = (tmp.path() + "/geo.tif").toStdString();
        geo::writeGeoTiff(file, grid, f);
        const CliRun r =
            runCli({"spectrum", "--input", QString::fromStdString(file), "--band", "1", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // 0.01 degree at 40.7 N: about 843 m east-west and 1111 m north-south.
        const double dx = r.json()["zonal"].toObject()["spacing_m"].toDouble();
        const double dy = r.json()["meridional"].toObject()["spacing_m"].toDouble();
        QVERIFY2(std::abs(dx - 844.0) < 8.0, qPrintable(QString::number(dx)));
        QVERIFY2(std::abs(dy - 1111.0) < 8.0, qPrintable(QString::number(dy)));
    }

    void spectrumOfGappyHourlySeries() {
        QTemporaryDir tmp;
        const QString csv = tmp.path() + "/ts.csv";
        {
            std::ofstream out(csv.toStdString());
            out << "time,sm\n";
            const TimePoint t0 = makeTime(2019, 5, 1);
            for (int h = 0; h < 24 * 60; ++h) {
                if ((h / 24) % 7 == 3 || h % 11 == 5)
                    continue;
                out << formatIsoTime(t0 + std::chrono::hours(h)) << ","
                    << 0.25 + 0.0005 * (h / 24) + 0.02 * std::sin(2.0 * std::numbers::pi * h / 24.0)
                    << "\n";
            }
        }
        const CliRun r = runCli({"spectrum", "--input", csv, "--column", "sm", "--json",
                                 "--csv-out", tmp.path() + "/ts_spectrum.csv"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["kind"].toString(), QString("series"));
        QCOMPARE(j["method"].toString(), QString("lomb-scargle"));
        const QJsonObject diurnal = j["diurnal"].toObject();
        QVERIFY(std::abs(diurnal["peak_frequency_per_day"].toDouble() - 1.0) < 0.05);
        QVERIFY(diurnal["prominence"].toDouble() > 10.0);
        QCOMPARE(readLines(tmp.path() + "/ts_spectrum.csv").front(),
                 QString("frequency_per_day,period_hours,power"));
    }

    void intradayOnSyntheticCycle() {
        // 3 x 2 pixels, 5 days hourly; amplitude grows with the pixel and the day, maximum at
        // 14 h UTC. The product is the reference at 04 and 16 h, so product == reference_o.
        QTemporaryDir tmp;
        const geo::Grid grid("EPSG:4326", {2.0, 0.25, 0.0, 44.0, 0.0, -0.25}, 3, 2);
        std::vector<TimePoint> hours, days;
        std::vector<std::vector<float>> ref, prod, precip;
        const double rain[] = {0.0, 12.0, 0.0, 15.0, 20.0};
        for (int d = 0; d < 5; ++d) {
            days.push_back(makeTime(2019, 7, 1 + d));
            precip.push_back(std::vector<float>(6, static_cast<float>(rain[d])));
            for (int h = 0; h < 24; ++h) {
                hours.push_back(makeTime(2019, 7, 1 + d, h));
                std::vector<float> r(6), p(6, std::nanf(""));
                for (int px = 0; px < 6; ++px) {
                    const double amp = 0.005 * (1 + px) + 0.002 * d;
                    r[px] = static_cast<float>(
                        0.25 + amp * std::cos(2.0 * std::numbers::pi * (h - 14) / 24.0));
                    if (h == 4 || h == 16)
                        p[px] = r[px];
                }
                ref.push_back(r);
                prod.push_back(p);
            }
        }
        const QString dir = tmp.path();
        writeSeries((dir + "/ref.tif").toStdString(), grid, hours, ref);
        writeSeries((dir + "/prod.tif").toStdString(), grid, hours, prod);
        writeSeries((dir + "/rain.tif").toStdString(), grid, days, precip);
        const CliRun r =
            runCli({"intraday", "--product", dir + "/prod.tif", "--reference", dir + "/ref.tif",
                    "--precipitation", dir + "/rain.tif", "--out", dir + "/out", "--pairs-out",
                    dir + "/out/pairs.csv", "--thresholds", "10", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["pixel_days"].toInt(), 30);
        const QJsonArray conds = j["conditions"].toArray();
        QCOMPARE(conds.size(), 4);
        QCOMPARE(conds[0].toObject()["condition"].toString(), QString("all"));
        QCOMPARE(conds[0].toObject()["n"].toInt(), 30);
        QVERIFY(std::abs(conds[0].toObject()["r_delta"].toDouble() - 1.0) < 1e-6);
        QCOMPARE(conds[1].toObject()["n"].toInt(), 18); // pt > 0: days 2, 4, 5
        QCOMPARE(conds[2].toObject()["n"].toInt(), 18); // pt > 10
        QCOMPARE(conds[3].toObject()["n"].toInt(), 12); // pt > 10 & pt1 = 0: days 2 and 4
        QCOMPARE(j["r_vs_n"].toArray().size(), 2);
        QCOMPARE(j["r_vs_n"].toArray()[1].toObject()["n"].toInt(), 12);
        QVERIFY(std::abs(j["r_vs_n"].toArray()[0].toObject()["log10_n"].toDouble() -
                         std::log10(18.0)) < 1e-9);
        // reference_o sees less amplitude than reference_24h.
        const QJsonObject all = conds[0].toObject();
        QVERIFY(all["mean_delta_reference_o"].toDouble() <
                all["mean_delta_reference_24h"].toDouble());
        QVERIFY(QFileInfo::exists(dir + "/out/means_product.tif"));
        QVERIFY(QFileInfo::exists(dir + "/out/means_reference_24h.tif"));
        QVERIFY(QFileInfo::exists(dir + "/out/intraday.json"));
        QCOMPARE(readLines(dir + "/out/r_vs_n.csv").size(), 1 + 4 + 2);
        const QStringList pairs = readLines(dir + "/out/pairs.csv");
        QCOMPARE(pairs.size(), 31);
        QVERIFY(pairs.front().startsWith("pixel,col,row,lon,lat,date,p_t,p_t1,product_max"));
        // Per-pixel means: reference_24h peaks at 14 h and bottoms at 2 h; the product (04 and
        // 16 h only) at 16 h and 4 h; delta of pixel 0 averages 2 * (0.005 + 0.002 * 2).
        const geo::Raster all24((dir + "/out/means_reference_24h.tif").toStdString());
        const geo::Raster prodMeans((dir + "/out/means_product.tif").toStdString());
        QCOMPARE(all24.bandCount(), 6);
        QCOMPARE(all24.band(1).description, std::string("hour_max"));
        for (const float h : all24.readBand(1))
            QVERIFY(std::abs(h - 14.0f) < 1e-4);
        for (const float h : all24.readBand(2))
            QVERIFY(std::abs(h - 2.0f) < 1e-4);
        for (const float h : prodMeans.readBand(1))
            QVERIFY(std::abs(h - 16.0f) < 1e-4);
        for (const float d : prodMeans.readBand(6))
            QCOMPARE(d, 5.0f);
        QVERIFY(std::abs(all24.readBand(5)[0] - 0.018f) < 1e-5);
    }

    void exitCodes() {
        QTemporaryDir tmp;
        QCOMPARE(runCli({"spectrum"}).exitCode, 2);
        QCOMPARE(runCli({"spectrum", "--input", tmp.path() + "/missing.tif", "--json"}).exitCode,
                 1);
        QCOMPARE(runCli({"spectrum", "--input", "x.tif", "--correction", "none"}).exitCode, 2);
        const CliRun bad = runCli({"intraday", "--product", "a.tif", "--reference", "b.tif",
                                   "--out", tmp.path() + "/o", "--conditions", "rain>3"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("rain>3"));
        QCOMPARE(runCli({"summarize", "--input", "t.csv", "--out", tmp.path(), "--compare", "A"})
                     .exitCode,
                 2);
        QCOMPARE(runCli({"station-metrics", "--stations", "s.zip", "--out", tmp.path(),
                         "--products", "a.nc,b.nc", "--names", "A"})
                     .exitCode,
                 2);
        QFile empty(tmp.path() + "/empty.csv");
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const CliRun e =
            runCli({"summarize", "--input", tmp.path() + "/empty.csv", "--out", tmp.path() + "/s"});
        QCOMPARE(e.exitCode, 1);
        QVERIFY(!QFileInfo::exists(tmp.path() + "/s/summary.json"));
    }

    void summarizeGroupsAndTests() {
        QTemporaryDir tmp;
        const QString csv = tmp.path() + "/t.csv";
        {
            std::ofstream out(csv.toStdString());
            out << "station,product,R,time\n";
            const double a[] = {0.5, 0.6, 0.7, 0.8, 0.9};
            const double b[] = {0.55, 0.62, 0.69, 0.86, 0.99};
            for (int i = 0; i < 5; ++i) {
                out << "S" << i << ",A," << a[i] << ",2019-0" << (i + 1) << "-15\n";
                out << "S" << i << ",B," << b[i] << ",2019-0" << (i + 1) << "-15\n";
            }
        }
        const CliRun r = runCli({"summarize", "--input", csv, "--values", "R", "--group-by",
                                 "product", "--compare-column", "product", "--compare", "A,B",
                                 "--pair-by", "station", "--out", tmp.path() + "/o", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        QCOMPARE(j["groups"].toArray().size(), 2);
        const QJsonObject cmp = j["comparison"].toObject()["values"].toObject()["R"].toObject();
        QCOMPARE(cmp["b_greater"].toInt(), 4);
        QCOMPARE(cmp["compared"].toInt(), 5);
        // d = (0.05, 0.02, -0.01, 0.06, 0.09): mean 0.042, sd 0.038341, t = 2.44949, df 4.
        QVERIFY(std::abs(cmp["paired"].toObject()["t"].toDouble() - 2.449489742783178) < 1e-6);
        QVERIFY(QFileInfo::exists(tmp.path() + "/o/kde.csv"));
        const CliRun seasons =
            runCli({"summarize", "--input", csv, "--values", "R", "--group-by", "season",
                    "--time-column", "time", "--out", tmp.path() + "/s", "--json"});
        QVERIFY2(seasons.exitCode == 0, seasons.err.constData());
        QStringList names;
        for (const auto& g : seasons.json()["groups"].toArray())
            names << g.toObject()["group"].toString();
        QCOMPARE(names, QStringList({"DJF", "MAM"}));
    }

    void twinEndToEnd() {
        QTemporaryDir tmp;
        const QString twin = tmp.path() + "/twin";
        const CliRun demo = runCli({"demo", "--out", twin, "--preset", "tiny", "--quiet"});
        if (demo.exitCode != 0)
            QSKIP(qPrintable("demo failed: " + QString::fromUtf8(demo.err)));
        const CliRun intra =
            runCli({"intraday", "--product", twin + "/ascat/ascat_sigma40_0p25deg.nc",
                    "--product-variable", "ssm", "--reference",
                    twin + "/reanalysis/reanalysis_hourly_0p25deg.nc", "--reference-variable",
                    "swvl1", "--precipitation", twin + "/precipitation/precip_daily_0p1deg.nc",
                    "--out", tmp.path() + "/intra", "--json"});
        QVERIFY2(intra.exitCode == 0, intra.err.constData());
        const QJsonArray conds = intra.json()["conditions"].toArray();
        QVERIFY(intra.json()["pixel_days"].toInt() > 1000);
        QVERIFY(conds[0].toObject()["n"].toInt() > conds[3].toObject()["n"].toInt());
        QVERIFY(conds[3].toObject()["n"].toInt() > 10);
        QVERIFY(conds[0].toObject()["r_delta"].isDouble());

        // Hourly precipitation stored per step and as sums since 00 UTC (ERA5-Land's way) give
        // the same conditions once --precipitation-accumulation says so (values on a 0.25 mm
        // lattice, so that the sums and their differences are exact in float).
        {
            const auto forcing = geo::RasterSeries::open(
                (twin + "/weather/forcing_hourly_0p25deg.nc").toStdString(), "tp");
            std::vector<TimePoint> times;
            std::vector<std::vector<float>> perStep, sinceDayStart;
            std::vector<float> total;
            for (std::size_t i = 0; i < forcing.size() && times.size() < 45 * 24; ++i) {
                const TimePoint t = forcing.times()[i]; // 45 days are enough
                const bool oneUtc = !series::needsHourBefore(t);
                if (times.empty() && !oneUtc)
                    continue; // start at a day's first hour
                auto v = forcing.readTime(i);
                for (float& x : v)
                    x = std::isfinite(x) ? std::round(x * 4.0f) / 4.0f : 0.0f;
                if (oneUtc)
                    total.assign(v.size(), 0.0f);
                for (std::size_t k = 0; k < v.size(); ++k)
                    total[k] += v[k];
                times.push_back(t);
                perStep.push_back(v);
                sinceDayStart.push_back(total);
            }
            QVERIFY(times.size() > 48);
            writeSeries((tmp.path() + "/tp_step.tif").toStdString(), forcing.grid(), times,
                        perStep);
            writeSeries((tmp.path() + "/tp_since00.tif").toStdString(), forcing.grid(), times,
                        sinceDayStart);
            const auto intraday = [&](const QString& precipitation, const QStringList& extra) {
                return runCli(
                    QStringList{"intraday", "--product", twin + "/ascat/ascat_sigma40_0p25deg.nc",
                                "--product-variable", "ssm", "--reference",
                                twin + "/reanalysis/reanalysis_hourly_0p25deg.nc",
                                "--reference-variable", "swvl1", "--precipitation",
                                tmp.path() + precipitation, "--out",
                                tmp.path() + "/intra" + precipitation.mid(1, 8), "--json"} +
                    extra);
            };
            const CliRun step = intraday("/tp_step.tif", {});
            const CliRun since =
                intraday("/tp_since00.tif", {"--precipitation-accumulation", "since_00utc"});
            const CliRun asStored = intraday("/tp_since00.tif", {});
            QVERIFY2(step.exitCode == 0 && since.exitCode == 0 && asStored.exitCode == 0,
                     (step.err + since.err + asStored.err).constData());
            QCOMPARE(since.json()["conditions"].toArray(), step.json()["conditions"].toArray());
            QVERIFY(asStored.json()["conditions"].toArray() != step.json()["conditions"].toArray());
        }

        const CliRun spec = runCli(
            {"spectrum", "--input", twin + "/truth/sm_fine_60m.nc", "--variable", "sm", "--json"});
        QVERIFY2(spec.exitCode == 0, spec.err.constData());
        const double slope = spec.json()["zonal"].toObject()["slope"].toDouble();
        QVERIFY2(slope < 0.0 && slope > -4.0, qPrintable(QString::number(slope)));
        QVERIFY(spec.json()["maps"].toInt() > 10);

        const QString stations =
            twin + "/stations/" + QDir(twin + "/stations").entryList({"*.zip"}).value(0);
        const CliRun sm = runCli({"station-metrics", "--stations", stations, "--products",
                                  twin + "/reanalysis/reanalysis_hourly_0p25deg.nc," + twin +
                                      "/truth/sm_hourly_0p25deg.nc",
                                  "--variables", "swvl1,sm", "--names", "reanalysis,truth", "--out",
                                  tmp.path() + "/st", "--json"});
        QVERIFY2(sm.exitCode == 0, sm.err.constData());
        const QJsonObject c = sm.json()["comparisons"].toArray()[0].toObject();
        QVERIFY(c["compared"].toInt() >= 5);
        QVERIFY(c["improved"].toInt() * 2 > c["compared"].toInt()); // truth beats the reanalysis
        QVERIFY(QFileInfo::exists(tmp.path() + "/st/station_metrics.geojson"));
        const QJsonObject geojson = QJsonDocument::fromJson([&] {
                                        QFile f(tmp.path() + "/st/station_metrics.geojson");
                                        f.open(QIODevice::ReadOnly);
                                        return f.readAll();
                                    }())
                                        .object();
        const QJsonArray features = geojson["features"].toArray();
        QVERIFY(features.size() >= 5);
        QVERIFY(features[0].toObject()["properties"].toObject()["truth_R"].isDouble());

        // A site table adds a "region" attribute to group by.
        const QString firstStation =
            features[0].toObject()["properties"].toObject()["station"].toString();
        {
            QFile sites(tmp.path() + "/sites.csv");
            QVERIFY(sites.open(QIODevice::WriteOnly));
            sites.write(("station,region\n" + firstStation + ",north\n").toUtf8());
        }
        const CliRun regions = runCli({"station-metrics", "--stations", stations, "--products",
                                       twin + "/truth/sm_hourly_0p25deg.nc", "--variables", "sm",
                                       "--site-attributes", tmp.path() + "/sites.csv", "--group-by",
                                       "region", "--out", tmp.path() + "/st2", "--json"});
        QVERIFY2(regions.exitCode == 0, regions.err.constData());
        const QJsonArray groups = regions.json()["products"]
                                      .toArray()[0]
                                      .toObject()["groups"]
                                      .toObject()["region"]
                                      .toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].toObject()["group"].toString(), QString("north"));
        QCOMPARE(groups[0].toObject()["stations"].toInt(), 1);

        // Stations as the reference, local solar days: the overpasses are near 09:30 and 21:30
        // local solar time, so the product's mean hour of max or min lies near one of them.
        const CliRun st = runCli({"intraday", "--product", twin + "/ascat/ascat_sigma40_0p25deg.nc",
                                  "--product-variable", "ssm", "--stations", stations, "--day",
                                  "local-solar", "--out", tmp.path() + "/intra_st", "--json"});
        QVERIFY2(st.exitCode == 0, st.err.constData());
        QVERIFY(st.json()["pixel_days"].toInt() > 100);
        const QStringList means = readLines(tmp.path() + "/intra_st/station_means.csv");
        QVERIFY(means.size() > 5);
        const double hourMax = means[1].split(',')[4].toDouble();
        QVERIFY2(std::abs(hourMax - 9.5) < 2.0 || std::abs(hourMax - 21.5) < 2.0,
                 qPrintable(means[1]));
        QCOMPARE(runCli({"intraday", "--product", "p.nc", "--out", tmp.path() + "/x"}).exitCode, 2);

        const CliRun sum = runCli({"summarize", "--input", tmp.path() + "/st/station_metrics.csv",
                                   "--values", "R,ubRMSD", "--group-by", "product",
                                   "--compare-column", "product", "--compare", "reanalysis,truth",
                                   "--pair-by", "station", "--out", tmp.path() + "/sum", "--json"});
        QVERIFY2(sum.exitCode == 0, sum.err.constData());
        QVERIFY(sum.json()["comparison"]
                    .toObject()["values"]
                    .toObject()["R"]
                    .toObject()["paired"]
                    .toObject()["t"]
                    .toDouble() > 0.0);
    }
};

QTEST_APPLESS_MAIN(TestAnalysisCli)
#include "test_analysis_cli.moc"
