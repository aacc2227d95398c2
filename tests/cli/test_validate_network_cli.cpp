// soilscope-cli validate-network on the twin: every output, the QA4SM-layout netCDF agreeing with
// the table, regions from polygons, and clear refusals (no station in the region, a period
// outside the data, an invalid polygon, bad settings).
#include "analysis/metrics.h"
#include "cli_test_support.h"
#include "products/netcdf_file.h"
#include "tasks/network_validation_outputs.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace soilscope;
using soilscope::test::CliRun;
using soilscope::test::readLines;
using soilscope::test::runCli;
using soilscope::test::writeTestFile;

class TestValidateNetworkCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_twin, m_stations;

    /// The first candidate's median R over the stations.
    static double medianR(const CliRun& r) {
        return r.json()["products"].toArray()[0].toObject()["median"].toObject()["R"].toDouble();
    }

    QStringList base(const QString& out) const {
        return {"validate-network",
                "--stations",
                m_stations,
                "--products",
                m_twin + "/cci/cci_sm_daily_0p25deg.nc," + m_twin +
                    "/reanalysis/reanalysis_hourly_0p25deg.nc",
                "--variables",
                "sm,swvl1",
                "--names",
                "CCI,REAN",
                "--out",
                m_tmp.path() + "/" + out,
                "--json"};
    }

  private Q_SLOTS:
    void initTestCase() {
        m_twin = m_tmp.path() + "/twin";
        const CliRun demo = runCli({"demo", "--out", m_twin, "--preset", "tiny", "--quiet"});
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        m_stations =
            m_twin + "/stations/" + QDir(m_twin + "/stations").entryList({"*.zip"}).value(0);
    }

    void fullRunWritesEveryOutput() {
        const CliRun r =
            runCli(base("full") + QStringList{"--intra-annual", "seasons", "--stability",
                                              "--triple-collocation", "--bootstrap", "200",
                                              "--bootstrap-method", "bca"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        const int stations = j["stations"].toInt();
        QVERIFY(stations >= 5);
        const QJsonArray products = j["products"].toArray();
        QCOMPARE(products.size(), 2);
        QVERIFY(products[0].toObject()["stations_with_metrics"].toInt() >= 5);
        QVERIFY(products[0].toObject()["groups"].toObject().contains("land_cover"));
        QCOMPARE(j["units"].toString(), QString("m3 m-3"));
        for (const char* f :
             {"station_metrics.csv", "station_metrics.geojson", "station_metrics.gpkg",
              "validation.nc", "intra_annual.csv", "yearly.csv", "stability.csv",
              "triple_collocation.csv", "summary.json", "matched_pairs.csv"})
            QVERIFY2(QFileInfo::exists(m_tmp.path() + "/full/" + f), f);
        QCOMPARE(readLines(m_tmp.path() + "/full/intra_annual.csv").size(), 1 + stations * 2 * 4);
        QCOMPARE(readLines(m_tmp.path() + "/full/triple_collocation.csv").size(), 1 + stations);
        {
            GDALAllRegister();
            std::unique_ptr<GDALDataset> gpkg(GDALDataset::Open(
                (m_tmp.path() + "/full/station_metrics.gpkg").toStdString().c_str(),
                GDAL_OF_VECTOR | GDAL_OF_READONLY));
            QVERIFY(gpkg && gpkg->GetLayerByName("station_metrics"));
            auto* layer = gpkg->GetLayerByName("station_metrics");
            QCOMPARE(int(layer->GetFeatureCount()), stations);
            QVERIFY(layer->GetLayerDefn()->GetFieldIndex("CCI_R") >= 0);
        }

        // The netCDF holds, for the first station, the table's R of CCI in its bulk window.
        const QStringList table = readLines(m_tmp.path() + "/full/station_metrics.csv");
        const QStringList header = table[0].split(',');
        const QStringList first = table[1].split(',');
        QCOMPARE(first[header.indexOf("product")], QString("\"CCI\""));
        const double tableR = first[header.indexOf("R")].toDouble();
        QVERIFY(first[header.indexOf("R_boot_lower")].toDouble() <= tableR);
        QVERIFY(first[header.indexOf("Std")].toDouble() > 0);
        products::NetcdfFile nc((m_tmp.path() + "/full/validation.nc").toStdString());
        QCOMPARE(*nc.dimensionLength("loc"), std::size_t(stations));
        QCOMPARE(*nc.dimensionLength("tsw"), std::size_t(1 + 4 + 1)); // bulk, seasons, 2019
        const std::string var = "R_between_0-ISMN_and_1-CCI";
        QVERIFY(nc.hasVariable(var));
        QVERIFY(std::fabs(nc.readAt(var, {0, 0}) - tableR) < 1e-9);
        QVERIFY(nc.hasVariable("ubRMSD_ci_lower_between_0-ISMN_and_2-REAN"));
        QVERIFY(nc.hasVariable("err_std_1-CCI_between_0-ISMN_and_1-CCI_and_2-REAN"));
        QVERIFY(nc.hasVariable("R_trend_per_decade_between_0-ISMN_and_1-CCI"));
        QCOMPARE(QString::fromStdString(nc.text("bias_between_0-ISMN_and_1-CCI", "units")),
                 QString("m3 m-3"));

        // The matched pairs written are those the metrics came from: their R is the table's.
        QCOMPARE(j["matched_pairs_csv"].toString(), m_tmp.path() + "/full/matched_pairs.csv");
        const auto unquoted = [&](const char* column) {
            return QString(first[header.indexOf(column)]).remove(QLatin1Char('"')).toStdString();
        };
        const auto pairs = tasks::readMatchedPairs(j["matched_pairs_csv"].toString().toStdString(),
                                                   unquoted("network"), unquoted("station"));
        QCOMPARE(int(pairs.size()), 2);
        QCOMPARE(QString::fromStdString(pairs[0].product), QString("CCI"));
        QCOMPARE(QString::fromStdString(pairs[1].product), QString("REAN"));
        QCOMPARE(int(pairs[0].pairs.size()), first[header.indexOf("n")].toInt());
        QVERIFY(std::fabs(analysis::computeMetrics(pairs[0].pairs).r - tableR) < 1e-6);
        QVERIFY(tasks::readMatchedPairs(j["matched_pairs_csv"].toString().toStdString(),
                                        unquoted("network"), "no such station")
                    .empty());
    }

    void polygonsGroupTheStations() {
        // Two halves of the stations' longitudes as GeoJSON polygons named west and east.
        const CliRun all = runCli(base("all"));
        QVERIFY2(all.exitCode == 0, all.err.constData());
        const QStringList table = readLines(m_tmp.path() + "/all/station_metrics.csv");
        const int lonCol = table[0].split(',').indexOf("lon");
        const int latCol = table[0].split(',').indexOf("lat");
        double lonMin = 1e9, lonMax = -1e9, latMin = 1e9, latMax = -1e9;
        for (int i = 1; i < table.size(); ++i) {
            const auto cells = table[i].split(',');
            lonMin = std::min(lonMin, cells[lonCol].toDouble());
            lonMax = std::max(lonMax, cells[lonCol].toDouble());
            latMin = std::min(latMin, cells[latCol].toDouble());
            latMax = std::max(latMax, cells[latCol].toDouble());
        }
        const double mid = 0.5 * (lonMin + lonMax);
        const auto ring = [&](double w, double e) {
            return QString("[[[%1,%3],[%2,%3],[%2,%4],[%1,%4],[%1,%3]]]")
                .arg(w, 0, 'f', 6)
                .arg(e, 0, 'f', 6)
                .arg(latMin - 1, 0, 'f', 6)
                .arg(latMax + 1, 0, 'f', 6);
        };
        const QString geojson =
            QString("{\"type\":\"FeatureCollection\",\"features\":["
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"west\"},\"geometry\":"
                    "{\"type\":\"Polygon\",\"coordinates\":%1}},"
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"east\"},\"geometry\":"
                    "{\"type\":\"Polygon\",\"coordinates\":%2}}]}")
                .arg(ring(lonMin - 1, mid), ring(mid, lonMax + 1));
        writeTestFile(m_tmp.path() + "/halves.geojson", geojson.toUtf8());
        const CliRun r = runCli(base("halves") +
                                QStringList{"--regions", m_tmp.path() + "/halves.geojson",
                                            "--region-attribute", "name", "--group-by", "region"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray groups =
            r.json()["products"].toArray()[0].toObject()["groups"].toObject()["region"].toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].toObject()["stations"].toInt() +
                     groups[1].toObject()["stations"].toInt(),
                 table.size() / 2); // two products per station in the table

        // Only the west half.
        const CliRun west = runCli(
            base("west") +
            QStringList{
                "--bbox",
                QString("%1,%2,%3,%4").arg(lonMin - 1).arg(latMin - 1).arg(mid).arg(latMax + 1)});
        QVERIFY2(west.exitCode == 0, west.err.constData());
        QVERIFY(west.json()["stations"].toInt() < table.size() / 2);
    }

    void refusalsNameTheProblem() {
        const CliRun nowhere = runCli(base("nowhere") + QStringList{"--bbox", "100,10,101,11"});
        QVERIFY(nowhere.exitCode != 0);
        QVERIFY2(nowhere.err.contains("lies in the region"), nowhere.err.constData());

        const CliRun period =
            runCli(base("period") + QStringList{"--start", "2030-01-01", "--end", "2031-01-01"});
        QVERIFY(period.exitCode != 0);
        QVERIFY2(period.err.contains("holds no station observation"), period.err.constData());

        writeTestFile(m_tmp.path() + "/bowtie.geojson",
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                      "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}]}");
        const CliRun bowtie =
            runCli(base("bowtie") + QStringList{"--regions", m_tmp.path() + "/bowtie.geojson"});
        QVERIFY(bowtie.exitCode != 0);
        QVERIFY2(bowtie.err.contains("invalid") && bowtie.err.contains("bowtie.geojson"),
                 bowtie.err.constData());

        const CliRun noRun = runCli(base("norun") + QStringList{"--compare-with", m_twin});
        QVERIFY(noRun.exitCode != 0);
        QVERIFY2(noRun.err.contains("no station_metrics.csv"), noRun.err.constData());
        QVERIFY(!QFileInfo::exists(m_tmp.path() + "/norun/station_metrics.csv"));

        const CliRun tc = runCli({"validate-network", "--stations", m_stations, "--products",
                                  m_twin + "/cci/cci_sm_daily_0p25deg.nc", "--out",
                                  m_tmp.path() + "/tc", "--triple-collocation"});
        QVERIFY(tc.exitCode != 0);
        QVERIFY2(tc.err.contains("two candidates"), tc.err.constData());

        const CliRun window =
            runCli(base("window") + QStringList{"--windows", "summer=06-01/08-32"});
        QVERIFY(window.exitCode != 0);
        QVERIFY2(window.err.contains("MM-DD/MM-DD"), window.err.constData());

        const CliRun lc = runCli(base("lc") + QStringList{"--land-cover", "grass"});
        QVERIFY(lc.exitCode != 0);
        QVERIFY2(lc.err.contains("ESA CCI LC code"), lc.err.constData());
        QVERIFY(!QFileInfo::exists(m_tmp.path() + "/lc/validation.nc"));
    }

    void frozenSoilMask() {
        // The twin's 2 m temperature (kelvin) as the temperature layer: a threshold above every
        // temperature leaves no observation, one below every temperature changes nothing.
        const QStringList t2m{"--soil-temperature", m_twin + "/weather/forcing_hourly_0p25deg.nc",
                              "--soil-temperature-variable", "t2m", "--frozen-below"};
        const CliRun none = runCli(base("cold") + t2m + QStringList{"-50"});
        QVERIFY2(none.exitCode == 0, none.err.constData());
        const CliRun plain = runCli(base("warm"));
        QCOMPARE(medianR(none), medianR(plain));
        const CliRun some = runCli(base("some") + t2m + QStringList{"5"});
        QVERIFY2(some.exitCode == 0, some.err.constData());
        QVERIFY(medianR(some) != medianR(plain));
        const CliRun all = runCli(base("all_frozen") + t2m + QStringList{"50"});
        QVERIFY(all.exitCode != 0);
        QVERIFY2(all.err.contains("no station has metrics") &&
                     all.err.contains("the reference has no valid value"),
                 all.err.constData());
    }

    void frozenSoilFromTheStationsOwnSensors() {
        // Each twin station carries a soil temperature sensor at its soil-moisture depth: below
        // -50 °C nothing is masked, above 50 °C everything, 5 °C some; the result says what the
        // stations' own sensors masked.
        const QStringList own{"--station-soil-temperature", "--frozen-below"};
        const CliRun plain = runCli(base("own_plain"));
        const CliRun none = runCli(base("own_cold") + own + QStringList{"-50"});
        QVERIFY2(none.exitCode == 0, none.err.constData());
        QCOMPARE(medianR(none), medianR(plain));
        const QJsonObject frozen = none.json()["frozen_soil"].toObject();
        QCOMPARE(frozen["station_sensors"].toObject()["masked"].toInt(), 0);
        QVERIFY(frozen["station_sensors"].toObject()["checked"].toInt() > 0);
        QCOMPARE(frozen["stations_without_sensor"].toInt(), 0);
        const CliRun some = runCli(base("own_some") + own + QStringList{"5"});
        QVERIFY2(some.exitCode == 0, some.err.constData());
        QVERIFY(medianR(some) != medianR(plain));
        QVERIFY(
            some.json()["frozen_soil"].toObject()["station_sensors"].toObject()["masked"].toInt() >
            0);
        const CliRun all = runCli(base("own_all") + own + QStringList{"50"});
        QVERIFY(all.exitCode != 0);
        QVERIFY2(all.err.contains("the reference has no valid value"), all.err.constData());
    }

    void gridReference() {
        const QString truth = m_twin + "/truth/sm_hourly_0p25deg.nc";
        // The reference against itself: R 1 and bias 0 in every cell.
        const CliRun self = runCli({"validate-grid", "--reference", truth, "--reference-variable",
                                    "sm", "--products", truth, "--variables", "sm", "--names",
                                    "SELF", "--out", m_tmp.path() + "/self", "--json"});
        QVERIFY2(self.exitCode == 0, self.err.constData());
        const int cells = self.json()["cells"].toInt();
        QVERIFY(cells >= 16);
        const QJsonObject median =
            self.json()["products"].toArray()[0].toObject()["median"].toObject();
        QCOMPARE(median["R"].toDouble(), 1.0);
        QCOMPARE(median["bias"].toDouble(), 0.0);
        const QStringList spatial = readLines(m_tmp.path() + "/self/spatial_metrics.csv");
        QCOMPARE(spatial.size(), 1 + 8760);
        QVERIFY(spatial[1].contains(",1,0,0,0")); // R 1, bias, RMSD, ubRMSD 0

        // CCI against the truth, seasons; the map has one band per metric and window.
        const CliRun cci =
            runCli({"validate-grid", "--reference", truth, "--reference-variable", "sm",
                    "--products", m_twin + "/cci/cci_sm_daily_0p25deg.nc", "--variables", "sm",
                    "--names", "CCI", "--intra-annual", "seasons", "--bbox", "-180,-90,180,90",
                    "--out", m_tmp.path() + "/cci", "--json"});
        QVERIFY2(cci.exitCode == 0, cci.err.constData());
        const double r =
            cci.json()["products"].toArray()[0].toObject()["median"].toObject()["R"].toDouble();
        QVERIFY(r > 0.3 && r < 1.0);
        QVERIFY(QFileInfo::exists(m_tmp.path() + "/cci/metrics_CCI.tif"));
        QVERIFY(QFileInfo::exists(m_tmp.path() + "/cci/validation.nc"));
        const QStringList cciSpatial = readLines(m_tmp.path() + "/cci/spatial_metrics.csv");
        QVERIFY(cciSpatial.size() > 300 && cciSpatial.size() <= 366); // one row per CCI day

        const CliRun outside =
            runCli({"validate-grid", "--reference", truth, "--reference-variable", "sm",
                    "--products", truth, "--variables", "sm", "--bbox", "100,10,101,11", "--out",
                    m_tmp.path() + "/outside"});
        QVERIFY(outside.exitCode != 0);
        QVERIFY2(outside.err.contains("no cell of the reference grid lies in the region"),
                 outside.err.constData());
        const CliRun late = runCli({"validate-grid", "--reference", truth, "--reference-variable",
                                    "sm", "--products", truth, "--variables", "sm", "--start",
                                    "2040-01-01", "--out", m_tmp.path() + "/late"});
        QVERIFY(late.exitCode != 0);
        QVERIFY2(late.err.contains("holds no time step of the reference"), late.err.constData());
    }

    void upscalingAndSwi() {
        const CliRun r = runCli(
            base("up") + QStringList{"--upscale", "--swi-time", "5", "--anomalies", "climatology"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const CliRun plain = runCli(base("plain"));
        QVERIFY(r.json()["stations"].toInt() <= plain.json()["stations"].toInt());
        QCOMPARE(r.json()["settings"].toObject()["anomalies"].toString(), QString("climatology"));
        const QJsonObject up = r.json()["upscaling"].toObject();
        QVERIFY(up.contains("cells_averaged"));
        QVERIFY(!up.contains("left_out")); // no stability thresholds: every member averaged

        // Temporal stability before averaging: thresholds of 0 leave every cell with its most
        // representative member only; the left-out ones are listed with their MRD and SDRD.
        const CliRun strict =
            runCli(base("up_strict") +
                   QStringList{"--upscale", "--upscale-max-mrd", "0", "--upscale-max-sdrd", "0"});
        QVERIFY2(strict.exitCode == 0, strict.err.constData());
        const QJsonObject s = strict.json()["upscaling"].toObject();
        if (up["cells_averaged"].toInt() > 0) {
            QVERIFY(!s["left_out"].toArray().isEmpty());
            const QJsonObject first = s["left_out"].toArray()[0].toObject();
            QVERIFY(first.contains("mrd") && first.contains("sdrd") && first.contains("station"));
        }
        QCOMPARE(s["cells_averaged"].toInt(), 0); // one member per cell stays
        const CliRun alone = runCli(base("up_bad") + QStringList{"--upscale-max-mrd", "0.1"});
        QCOMPARE(alone.exitCode, 2);
        QVERIFY2(alone.err.contains("--upscale-max-mrd") && alone.err.contains("--upscale"),
                 alone.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestValidateNetworkCli)
#include "test_validate_network_cli.moc"
