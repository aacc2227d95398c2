// End-to-end: the tiny twin region → `train --quick` → bundle, run store, map → `predict`
// with the bundle reproduces the map; bad input gives clean errors.
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "project/run_store.h"

#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace soilscope;
namespace fs = std::filesystem;

class TestTrainQuick : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_twin;

    struct Run {
        int code = -1;
        QByteArray out, err;
    };

    Run cli(const QStringList& args, int timeoutMs = 300000) {
        QProcess p;
        p.setWorkingDirectory(fs::exists(m_twin) ? QString::fromStdString(m_twin.string())
                                                 : m_tmp.path());
        p.start(QStringLiteral(SOILSCOPE_CLI), args);
        p.waitForFinished(timeoutMs);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_twin = fs::path(m_tmp.path().toStdString()) / "twin";
        const Run r =
            cli({"demo", "--out", QString::fromStdString(m_twin.string()), "--preset", "tiny"});
        if (r.code != 0)
            QSKIP(qPrintable("the twin generator failed: " + QString::fromUtf8(r.err)));
        QVERIFY(fs::exists(m_twin / "projects" / "cnn_ascat_intraday.soilscope.json"));
    }

    void quickTrainThenPredictReproducesTheMap() {
        const Run r = cli({"train", "--project", "projects/cnn_ascat_intraday.soilscope.json",
                           "--quick", "--generic", "--device", "cpu", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(j["samples"].get<int>() > 100);
        QCOMPARE(j["family"].get<std::string>(), std::string("locally_connected"));
        const auto& m = j["metrics"];
        QVERIFY(m["n"].get<double>() > 100);
        QVERIFY(std::isfinite(m["rmse"].get<double>()) && m["rmse"].get<double>() < 1.0);
        const fs::path bundle = j["bundle"].get<std::string>();
        QVERIFY(fs::exists(bundle / "bundle.json"));
        const auto info = nlohmann::json::parse(std::ifstream(bundle / "bundle.json"));
        QVERIFY(info.dump().find("sigma40_db") != std::string::npos);
        const fs::path map = j["maps"][0].get<std::string>();
        QVERIFY(fs::exists(map));
        QVERIFY(fs::exists(fs::path(map).replace_extension(".qml")));
        project::RunStore store(j["run_store"].get<std::string>());
        const auto run = store.run(j["run"].get<std::int64_t>());
        QVERIFY(run.has_value());
        QCOMPARE(run->status, std::string("finished"));
        QVERIFY(!store.epochs(run->id).empty());

        geo::Raster trained(map);
        const std::string date = trained.band(1).description;
        const Run p =
            cli({"predict", "--model", QString::fromStdString(bundle.string()), "--inputs",
                 "sigma40=ascat/ascat_sigma40_0p25deg.nc#sigma40,"
                 "soil_temperature=reanalysis/reanalysis_hourly_0p25deg.nc#stl1,"
                 "lai_high=reanalysis/reanalysis_hourly_0p25deg.nc#lai_hv",
                 "--date", QString::fromStdString(date), "--out", "predicted.tif", "--json"});
        QVERIFY2(p.code == 0, p.err.constData());
        const auto a = trained.readBand(1);
        const auto b = geo::Raster(m_twin / "predicted.tif").readBand(1);
        QCOMPARE(a.size(), b.size());
        std::size_t valid = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            QVERIFY((std::isnan(a[i]) && std::isnan(b[i])) || std::abs(a[i] - b[i]) < 1e-5);
            valid += std::isnan(a[i]) ? 0 : 1;
        }
        QVERIFY(valid > 0);
    }

    void badInputGivesCleanErrors() {
        // a data-only project of a workload without a preset, trained as a single model
        auto dataOnly = nlohmann::json::parse(
            std::ifstream(m_twin / "projects" / "ffnn_downscaling_60m.soilscope.json"));
        dataOnly["workload"] = "my_own_study";
        std::ofstream(m_twin / "projects" / "data_only.soilscope.json") << dataOnly.dump();
        Run r = cli(
            {"train", "--project", "projects/data_only.soilscope.json", "--quick", "--generic"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/predictors: missing"), r.err.constData());
        // a corrupt bundle
        fs::create_directories(m_twin / "broken_bundle");
        std::ofstream(m_twin / "broken_bundle" / "bundle.json") << "{ not json";
        r = cli({"predict", "--model", "broken_bundle", "--inputs", "x=static/static_0p25deg.tif",
                 "--out", "never.tif"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("bundle"));
        QVERIFY(!fs::exists(m_twin / "never.tif"));
        // an all-nodata predictor beside a valid target on the same grid
        const geo::Grid grid("EPSG:4326", {2.0, 0.25, 0, 45.0, 0, -0.25}, 10, 10);
        geo::writeGeoTiff(m_twin / "nodata.tif", grid, std::vector<float>(100, NAN));
        geo::writeGeoTiff(m_twin / "valid.tif", grid, std::vector<float>(100, 0.25f));
        nlohmann::json pj = {{"format", "soilscope-project"},
                             {"version", 1},
                             {"name", "na"},
                             {"data", {{"x", "nodata.tif"}, {"t", "valid.tif"}}},
                             {"predictors", {{{"name", "x"}, {"role", "x"}}}},
                             {"target", {{"role", "t"}}},
                             {"model", {{"family", "mlp"}, {"params", nlohmann::json::object()}}}};
        std::ofstream(m_twin / "na.soilscope.json") << pj.dump();
        r = cli({"train", "--project", "na.soilscope.json", "--quick"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("all nodata") && r.err.contains("'x'"), r.err.constData());
        QVERIFY(!fs::exists(m_twin / "runs" / "bundles"));
        // a layer on another grid is rejected naming both layers
        const geo::Grid other("EPSG:4326", {2.0, 0.5, 0, 45.0, 0, -0.5}, 5, 5);
        geo::writeGeoTiff(m_twin / "coarse.tif", other, std::vector<float>(25, 1.0f));
        pj["data"]["x"] = "coarse.tif";
        std::ofstream(m_twin / "grid.soilscope.json") << pj.dump();
        r = cli({"train", "--project", "grid.soilscope.json", "--quick"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("'x'") && r.err.contains("'t'"), r.err.constData());
        // ... or reprojected when the layer asks for it
        pj["data"]["x"] = {{"path", "coarse.tif"}, {"resample", "nearest"}};
        pj["outputs"] = {{"folder", "grid_runs"}};
        std::ofstream(m_twin / "grid.soilscope.json") << pj.dump();
        r = cli({"train", "--project", "grid.soilscope.json", "--quick", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["samples"].get<int>(), 100);
    }
};

QTEST_GUILESS_MAIN(TestTrainQuick)
#include "test_train_quick.moc"
