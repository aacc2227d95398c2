// lstm_s1_s2_weather in quick mode on the tiny twin: finite MAE for the LSTM and for the
// station-climatology baseline, predictions of held-out stations only, readable outputs,
// the per-pixel map (Sentinel-1 grid, the last 10 dates with inputs) agrees at the station pixels
// with the first split's held-out predictions, and cancellation (in training or in the map) marks
// the run canceled.
#include "base/error.h"
#include "geo/raster.h"
#include "map_test_support.h"
#include "workload_test_support.h"

#include <QTest>

#include <cmath>
#include <fstream>
#include <set>

using namespace soilscope;

class TestLstmS1S2Weather : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_twin;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const std::string error = testing::makeTinyTwin(m_dir, m_twin);
        QVERIFY2(error.empty(), error.c_str());
    }

    void quickRun() {
        testing::Recorder rec;
        const auto r = testing::runQuick(m_twin, "lstm_s1_s2_weather", rec).json;
        const double mae = r["mae"], clim = r["mae_climatology"];
        QVERIFY(std::isfinite(mae) && mae > 0 && mae < 0.5);
        QVERIFY(std::isfinite(clim) && clim > 0 && clim < 0.5);
        QCOMPARE(r["splits"].get<int>(), 2);
        QVERIFY(rec.epochs >= 2);
        const std::string problem = testing::checkReportAndStore(r, {"mae", "rmse", "r"});
        QVERIFY2(problem.empty(), problem.c_str());
        // the weather channels reached the model's inputs
        QVERIFY(rec.messages.find("weather at") != std::string::npos);
        // the ECV-like baseline (the twin's CCI-like product) on the same held-out samples
        const std::string report = readTextFile(r["report"].get<std::string>());
        QVERIFY2(report.find("| pooled | ecv_like | mae |") != std::string::npos, report.c_str());
        QVERIFY(report.find("| pooled | lstm_on_ecv_pairs | mae |") != std::string::npos);
        QVERIFY(report.find("MAE below the ECV-like product") != std::string::npos);
        // predictions: two held-out stations, one per split
        std::ifstream csv(std::filesystem::path(r["folder"].get<std::string>()) /
                          "predictions.csv");
        std::string line;
        std::getline(csv, line);
        QCOMPARE(line,
                 std::string(
                     "split,station,date,observed,predicted,climatology,climatology_other_years"));
        std::set<std::string> perSplit[3];
        while (std::getline(csv, line)) {
            const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
            const int split = std::stoi(line.substr(0, c1));
            QVERIFY(split == 1 || split == 2);
            perSplit[split].insert(line.substr(c1 + 1, c2 - c1 - 1));
        }
        QCOMPARE(perSplit[1].size(), std::size_t(1));
        QCOMPARE(perSplit[2].size(), std::size_t(1));
        QVERIFY(*perSplit[1].begin() != *perSplit[2].begin());
        QVERIFY(std::filesystem::is_regular_file(
            std::filesystem::path(r["bundle"].get<std::string>()) / "bundle.json"));

        // the map of the first split's model: at the held-out station of split 1 it must equal
        // that split's predictions (predictions.csv, 4 digits), built from the station's sequence
        const std::filesystem::path folder = r["folder"].get<std::string>();
        const auto check = testing::checkMapAtStations(
            m_twin, r["map"].get<std::string>(), 10, "lstm_sm",
            m_twin / "stations" / "ismn_twin_20190101_20191231.zip", folder / "predictions.csv",
            "split", "1", "predicted", 2e-4);
        QVERIFY2(check.problem.empty(), check.problem.c_str());
        qInfo("map vs held-out predictions of split 1: %zu pixel-dates, largest difference %.2g",
              check.compared, check.maxDiff);
        QVERIFY(testing::metricOf(r, "map check", "map_stations", "r_station_model") > 0.9999);
        QVERIFY(testing::metricOf(r, "map check", "map_stations", "max_abs_diff") < 1e-4);

        // nodata: pixels of a land-cover class the model has no channel for are NaN in every
        // band; more than half the others have values in each band
        const auto bundle = nlohmann::json::parse(
            readTextFile(std::filesystem::path(r["bundle"].get<std::string>()) / "bundle.json"));
        std::set<int> classes;
        for (const auto& name : bundle["feature_names"])
            if (const std::string n = name; n.rfind("land_cover_", 0) == 0)
                classes.insert(std::stoi(n.substr(11)));
        QVERIFY(!classes.empty());
        const auto cover = geo::Raster(m_twin / "static" / "static_sar_grid.tif").readBand(9);
        const geo::Raster map(r["map"].get<std::string>());
        std::size_t unseen = 0;
        for (int b = 1; b <= map.bandCount(); ++b) {
            const auto v = map.readBand(b);
            std::size_t mapped = 0;
            for (std::size_t i = 0; i < v.size(); ++i) {
                const bool known =
                    std::isfinite(cover[i]) && classes.count(int(std::lround(cover[i])));
                if (!known)
                    QVERIFY2(!std::isfinite(v[i]),
                             ("pixel " + std::to_string(i) + " of an unseen class").c_str());
                unseen += b == 1 && !known ? 1 : 0;
                mapped += std::isfinite(v[i]) ? 1 : 0;
            }
            QVERIFY(mapped > v.size() / 2);
        }
        QCOMPARE(double(unseen), testing::metricOf(r, "map", "lstm", "excluded"));
    }

    void inputSets() {
        // default: the paper's minimum set (series inputs + land cover) with a standardised
        // target; "full": the static layers too and the raw target
        auto p = project::loadProject(m_twin / "projects" / "lstm_s1_s2_weather.soilscope.json");
        for (const bool full : {false, true}) {
            if (full)
                p.training["workload"] = {{"inputs", "full"}, {"target_scaling", "none"}};
            workloads::WorkloadOptions o;
            o.quick = true;
            o.device = "cpu";
            testing::Recorder rec;
            const auto r = workloads::runWorkload(p, o, rec).json;
            const double mae = r["mae"];
            QVERIFY(std::isfinite(mae) && mae > 0 && mae < 0.5); // in m3 m-3, not in standard units
            const auto bundle = nlohmann::json::parse(readTextFile(
                std::filesystem::path(r["bundle"].get<std::string>()) / "bundle.json"));
            bool landCover = false, statics = false;
            for (const auto& name : bundle["feature_names"]) {
                const std::string n = name;
                statics = statics || n == "clay" || n == "elevation";
                landCover = landCover || n.rfind("land_cover_", 0) == 0;
            }
            QCOMPARE(statics, full);
            QCOMPARE(landCover, !full);
            QCOMPARE(bundle["metrics"].contains("target_scaling"), !full);
            if (!full)
                QVERIFY(bundle["metrics"]["target_scaling"]["folded_into_output"].get<bool>());
        }
    }

    void agriculturePresetKeepsTheCroplandProbes() {
        // the paper's agriculture preset: only the probes of the cropland class (WorldCover 40
        // on the twin) are trained and tested on
        auto p = project::loadProject(m_twin / "projects" / "lstm_s1_s2_weather.soilscope.json");
        p.training["workload"] = {{"probe_classes", {40}}};
        workloads::WorkloadOptions o;
        o.quick = true;
        o.device = "cpu";
        testing::Recorder rec;
        const auto r = workloads::runWorkload(p, o, rec).json;
        const std::string report = readTextFile(r["report"].get<std::string>());
        QVERIFY2(report.find("agriculture preset (probe_classes 40)") != std::string::npos,
                 report.c_str());
        std::ifstream csv(std::filesystem::path(r["folder"].get<std::string>()) /
                          "per_station.csv");
        std::string line;
        std::getline(csv, line);
        int stations = 0;
        while (std::getline(csv, line))
            ++stations;
        QVERIFY(stations >= 1 && stations < 12);
        p.training["workload"] = {{"probe_classes", {80}}}; // a class no probe has
        QVERIFY_THROWS_EXCEPTION(Error, workloads::runWorkload(p, o, rec));
    }

    void cancelInTheMapLeavesNoMap() {
        // cancels once the map has started (progress 85..99): the run is marked canceled and no
        // half-written map is left in its folder
        class CancelInMap : public testing::Recorder {
          public:
            void onProgress(double percent) override {
                Recorder::onProgress(percent);
                if (percent > 86)
                    canceled = true;
            }
        } rec;
        QCOMPARE(testing::runQuickUntilCanceled(m_twin, "lstm_s1_s2_weather", rec),
                 std::string("canceled"));
        QVERIFY2(rec.messages.find("map: every pixel") != std::string::npos,
                 rec.messages.c_str()); // it was in the map
        const auto p =
            project::loadProject(m_twin / "projects" / "lstm_s1_s2_weather.soilscope.json");
        const auto runs = project::RunStore(p.outputs.folder / "runs.sqlite").runs();
        const auto folder =
            p.outputs.folder / "lstm_s1_s2_weather" / ("run-" + std::to_string(runs.back().id));
        QVERIFY(std::filesystem::is_directory(folder));
        for (const auto& e : std::filesystem::directory_iterator(folder))
            QVERIFY2(e.path().filename().string().find("sm_map") == std::string::npos,
                     e.path().c_str());
    }

    void cancelStopsTheRun() {
        testing::Recorder rec;
        rec.cancelAfterEpochs = 1;
        QCOMPARE(testing::runQuickUntilCanceled(m_twin, "lstm_s1_s2_weather", rec),
                 std::string("canceled"));
    }
};

QTEST_APPLESS_MAIN(TestLstmS1S2Weather)
#include "test_lstm_s1_s2_weather.moc"
