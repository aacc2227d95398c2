// Real products through the command line: an ASCAT WARP cell described by raster-info, validated
// against an ISMN station at the station's place (nearest grid point, porosity, mask), used by
// station-metrics and spectrum; ERA5 GRIB hourly times and kelvin; clear refusals.
#include "cli_test_support.h"
#include "geo/raster.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using soilscope::test::CliRun;
using soilscope::test::runCli;

namespace {
const QString kProducts = QStringLiteral(SOILSCOPE_SHARED_DATA "/products");
const QString kCell = kProducts + "/TUW_METOP_ASCAT_WARP55R12_1358.nc";
const QString kIsmn = QStringLiteral(SOILSCOPE_SHARED_DATA "/ismn/format_header_values");
} // namespace

class TestProductsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

  private Q_SLOTS:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral(SOILSCOPE_CLI)))
            QSKIP("soilscope-cli is not built: " SOILSCOPE_CLI);
        if (!QFileInfo::exists(kCell) || !QFileInfo::exists(kIsmn))
            QSKIP("product or ISMN samples not found in " SOILSCOPE_SHARED_DATA);
        QVERIFY(m_dir.isValid());
    }

    void rasterInfoDescribesTheCell() {
        const CliRun r = runCli({"raster-info", "--input", kCell, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = r.json();
        QCOMPARE(j.value("locations").toInt(), 490);
        QCOMPARE(j.value("observations").toInt(), 1184938);
        QCOMPARE(j.value("layout").toString(), QStringLiteral("contiguous ragged array"));
        QCOMPARE(j.value("soil_moisture_variable").toString(), QStringLiteral("sm"));
    }

    void validatesTheCellAtTheStation() {
        // Narbonne lies west of the cell: the nearest grid point is far, and refused by default.
        CliRun r = runCli({"validate", "--reference", kIsmn, "--candidate", kCell, "--window",
                           "12h", "--flags", "all", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("farther than the 25.0 km allowed") &&
                     r.err.contains("TUW_METOP_ASCAT_WARP55R12_1358.nc"),
                 r.err.constData());
        r = runCli({"validate", "--reference", kIsmn, "--candidate", kCell, "--max-distance", "300",
                    "--candidate-mask", "ssf == 1 and proc_flag == 0", "--window", "12h", "--flags",
                    "all", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("not converted to a volumetric fraction"), r.err.constData());
        const auto j = r.json();
        QVERIFY(j.value("n").toInt() > 10);
        QCOMPARE(j.value("reference_units").toString(), QStringLiteral("m3 m-3"));
        QCOMPARE(j.value("candidate_units").toString(), QStringLiteral("%"));
        // A porosity missing at that grid point is named, with the grid point.
        r = runCli({"validate", "--reference", kIsmn, "--candidate", kCell, "--max-distance", "300",
                    "--candidate-porosity", "por_gldas", "--flags", "all"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'por_gldas' is missing at grid point"), r.err.constData());
        QVERIFY2(r.err.contains("taken at 2.9567 E, 43.1500 N"), r.err.constData());
        // A bad mask is a usage error naming the condition.
        r = runCli({"validate", "--reference", kIsmn, "--candidate", kCell, "--candidate-mask",
                    "ssf = 1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'ssf = 1' does not parse"), r.err.constData());
    }

    void cellPointsInBothRolesWithPorosity() {
        const CliRun r = runCli({"validate", "--reference", kCell, "--reference-lon", "5.5",
                                 "--reference-lat", "43.8", "--candidate", kCell, "--candidate-lon",
                                 "5.6", "--candidate-lat", "43.85", "--window", "2h", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.json().value("n").toInt() > 1000);
        QVERIFY(r.json().value("R").toDouble() > 0.8);
    }

    void stationMetricsWithTheCell() {
        const QString out = m_dir.filePath("metrics");
        const CliRun r =
            runCli({"station-metrics", "--stations", kIsmn, "--products", kCell, "--max-distance",
                    "300", "--masks", "ssf == 1", "--flags", "all", "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile csv(out + "/station_metrics.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.size() >= 2);
        QVERIFY2(lines[1].contains("Narbonne"), lines[1].constData());
        // Nothing to compute says why, per station: the flags the data carry, the distance.
        CliRun why = runCli({"station-metrics", "--stations", kIsmn, "--products", kCell,
                             "--max-distance", "300", "--out", m_dir.filePath("flags")});
        QVERIFY2(why.exitCode == 0, why.err.constData());
        QVERIFY2(why.err.contains("SMOSMANIA/Narbonne: no metrics: all 741 observations removed "
                                  "by the flag filter (--flags G; the data carry D05 ×5, U ×736)"),
                 why.err.constData());
        why = runCli({"station-metrics", "--stations", kIsmn, "--products", kCell, "--flags", "all",
                      "--out", m_dir.filePath("far")});
        QVERIFY2(why.err.contains("no grid point within 25.0 km (the nearest is 176.3 km away)"),
                 why.err.constData());
    }

    void seriesSpectrumOfAGridPoint() {
        const CliRun r =
            runCli({"spectrum", "--input", kCell, "--lon", "5.5", "--lat", "43.8", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value("kind").toString(), QStringLiteral("series"));
    }

    void gridsTheCellAndASwath() {
        const QString out = m_dir.filePath("ascat_june.tif");
        CliRun r = runCli({"product-to-grid", "--input", kCell, "--bbox", "5,43,8,45",
                           "--resolution", "0.1", "--mask", "ssf == 1 and proc_flag == 0", "--from",
                           "2012-06-01", "--to", "2012-07-01", "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value("bands").toInt(), 30);
        QCOMPARE(r.json().value("units").toString(), QStringLiteral("%"));
        QVERIFY(QFileInfo::exists(m_dir.filePath("ascat_june.qml")));
        const CliRun info = runCli({"raster-info", "--input", out, "--json"});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const auto variable = info.json().value("variables").toArray().first().toObject();
        QCOMPARE(variable.value("times").toArray().first().toString(),
                 QStringLiteral("2012-06-01T12:00:00Z"));
        QCOMPARE(variable.value("units").toString(), QStringLiteral("%"));
        // The gridded series is an ordinary raster series: a pixel validates against the cell.
        r = runCli({"validate", "--reference", kCell, "--lon", "5.5", "--lat", "43.8",
                    "--candidate", out, "--window", "12h", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.json().value("n").toInt() > 5);

        const QString swath = kProducts + "/W_XX-EUMETSAT-Darmstadt,SURFACE+SATELLITE,METOPA+ASCAT_"
                                          "C_EUMP_20170220041500_53652_eps_o_125_ssm_l2.nc";
        r = runCli({"product-to-grid", "--input", swath, "--bbox", "70,35,100,60", "--resolution",
                    "0.25", "--method", "idw", "--radius", "20", "--out", m_dir.filePath("l2.tif"),
                    "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value("bands").toInt(), 1);
        // Without --bbox: the swath's own extent, the same map as that extent given.
        r = runCli({"product-to-grid", "--input", swath, "--resolution", "0.25", "--out",
                    m_dir.filePath("own.tif"), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const soilscope::geo::Raster own(m_dir.filePath("own.tif").toStdString());
        const auto& gt = own.grid().geoTransform();
        const QString box = QStringLiteral("%1,%2,%3,%4")
                                .arg(gt[0])
                                .arg(gt[3] - 0.25 * own.height())
                                .arg(gt[0] + 0.25 * own.width())
                                .arg(gt[3]);
        QVERIFY2(own.width() > 1000 && own.height() > 600, qPrintable(box));
        r = runCli({"product-to-grid", "--input", swath, "--bbox", box, "--resolution", "0.25",
                    "--out", m_dir.filePath("boxed.tif")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const soilscope::geo::Raster boxed(m_dir.filePath("boxed.tif").toStdString());
        QVERIFY(boxed.grid().sameAs(own.grid(), 1e-9));
        const auto a = own.readBand(1), b = boxed.readBand(1);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])));
        // Nothing in reach is said, not written as an empty map.
        r = runCli({"product-to-grid", "--input", swath, "--bbox", "-40,-50,-30,-45",
                    "--resolution", "0.25", "--out", m_dir.filePath("none.tif")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no observation of 'soil_moisture' lies within"),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath("none.tif")));
    }

    void aCellIsAProjectLayerAsItIs() {
        // The cell file itself is a project predictor: gridded onto the sample grid as its
        // "gridding" says, it equals product-to-grid's map of the same settings (the target here),
        // so the model learns the identity; predict grids it again from the bundle's inputs.
        const QString june = m_dir.filePath("june_target.tif");
        CliRun r = runCli({"product-to-grid", "--input", kCell, "--bbox", "5,43,8,45",
                           "--resolution", "0.1", "--mask", "ssf == 1 and proc_flag == 0", "--from",
                           "2012-06-01", "--to", "2012-07-01", "--out", june});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        nlohmann::json doc = nlohmann::json::parse(R"({"name": "ascat layer",
            "target": {"role": "june", "kind": "grid"},
            "predictors": [{"name": "ascat", "role": "ascat"}],
            "samples": {"from": "2012-06-01", "to": "2012-06-30"},
            "model": {"family": "random_forest"}, "split": {"scheme": "random"}})");
        doc["data"]["june"] = june.toStdString();
        doc["data"]["ascat"] = {{"path", kCell.toStdString()},
                                {"gridding", {{"mask", "ssf == 1 and proc_flag == 0"}}}};
        const QString project = m_dir.filePath("ascat.soilscope.json");
        soilscope::test::writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        r = runCli({"train", "--project", project, "--generic", "--quick", "--device", "cpu",
                    "--threads", "1", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject pooled =
            r.json()["splits"].toArray()[0].toObject()["metrics"].toObject()["pooled"].toObject();
        QVERIFY2(pooled["n"].toDouble() > 1000 && pooled["r"].toDouble() > 0.999,
                 QJsonDocument(pooled).toJson().constData());
        const QString map = r.json()["maps"].toArray()[0].toString();
        const soilscope::geo::Raster trained(map.toStdString());
        const QString pred = m_dir.filePath("ascat_pred.tif");
        const CliRun predict = runCli({"predict", "--model", r.json()["bundle"].toString(),
                                       "--inputs", "june=" + june + ",ascat=" + kCell, "--date",
                                       QString::fromStdString(trained.band(1).description),
                                       "--masks", "false", "--out", pred});
        QVERIFY2(predict.exitCode == 0, predict.err.constData());
        const auto a = trained.readBand(1);
        const auto b = soilscope::geo::Raster(pred.toStdString()).readBand(1);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])));

        // A product cannot be the sample grid; gridding a raster is refused by its JSON path.
        doc["target"]["role"] = "ascat";
        doc["predictors"][0]["role"] = "june";
        soilscope::test::writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        r = runCli({"train", "--project", project, "--generic", "--quick"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("has no grid of its own"), r.err.constData());
        doc["data"]["june"] = {{"path", june.toStdString()}, {"gridding", {{"method", "idw"}}}};
        soilscope::test::writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        r = runCli({"train", "--project", project, "--generic", "--quick"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/data/june/gridding"), r.err.constData());
        doc["data"]["ascat"]["gridding"]["method"] = "bilinear";
        soilscope::test::writeTestFile(project, QByteArray::fromStdString(doc.dump(1)));
        r = runCli({"train", "--project", project, "--generic", "--quick"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("/data/ascat/gridding/method"), r.err.constData());
    }

    void geolocatedGridsAreMeasuredInMetres() {
        // Stage IV precipitation is placed by 2-D latitude/longitude only: its spectrum's
        // spacing comes from them (about 4 km), not from pixel units.
        const QString stageIv =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/rasters/test_stageiv_xyt.nc");
        if (!QFileInfo::exists(stageIv))
            QSKIP("Stage IV sample missing");
        const CliRun r = runCli({"spectrum", "--input", stageIv, "--date", "2018-09-14", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(!r.err.contains("has no CRS"), r.err.constData());
        const double dx = r.json().value("zonal").toObject().value("spacing_m").toDouble();
        const double dy = r.json().value("meridional").toObject().value("spacing_m").toDouble();
        QVERIFY2(dx > 3000 && dx < 5500 && dy > 3000 && dy < 5500,
                 qPrintable(QString("%1 %2").arg(dx).arg(dy)));
    }

    void geolocatedIntradayMeansAreGeoreferenced() {
        // The per-pixel intraday means of a product placed by 2-D latitude/longitude land on a
        // regular WGS 84 grid at its spacing (not on pixel units without a CRS), and local solar
        // days use the arrays' longitudes.
        const QString stageIv =
            QStringLiteral(SOILSCOPE_SHARED_DATA "/rasters/test_stageiv_xyt.nc");
        if (!QFileInfo::exists(stageIv))
            QSKIP("Stage IV sample missing");
        for (const QString day : {"utc", "local-solar"}) {
            const QString out = m_dir.filePath("intraday-" + day);
            const CliRun r = runCli({"intraday", "--product", stageIv, "--reference", stageIv,
                                     "--day", day, "--out", out, "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const soilscope::geo::Raster means((out + "/means_product.tif").toStdString());
            QVERIFY(means.grid().hasCrs());
            QCOMPARE(means.grid().epsg().value_or(0), 4326);
            const double res = std::abs(means.grid().geoTransform()[1]);
            QVERIFY2(res > 0.025 && res < 0.05, qPrintable(QString::number(res)));
            const auto delta = means.readBand(5); // delta_SM
            const auto valid =
                std::count_if(delta.begin(), delta.end(), [](float x) { return std::isfinite(x); });
            QVERIFY2(valid > 1000, qPrintable(QString::number(valid)));
            // the product against itself: the same means in the reference's file
            const soilscope::geo::Raster reference((out + "/means_reference_o.tif").toStdString());
            QVERIFY(reference.grid().sameAs(means.grid()));
            QCOMPARE(reference.readBand(5).size(), delta.size());
        }
    }

    void era5GribIsAnHourlySeriesInKelvin() {
        const QString grib = kProducts + "/era5-2mt-2019-03-uk.grib";
        const CliRun r =
            runCli({"validate", "--reference", grib, "--lon", "-1", "--lat", "52", "--candidate",
                    grib, "--candidate-lon", "-1.3", "--window", "1h", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value("n").toInt(), 744);
        QCOMPARE(r.json().value("reference_units").toString(), QStringLiteral("K"));
        const CliRun info = runCli({"raster-info", "--input", grib, "--json"});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        QVERIFY2(info.out.trimmed().startsWith('{'), info.out.left(80).constData());
    }
};

QTEST_APPLESS_MAIN(TestProductsCli)
#include "test_products_cli.moc"
