// The learning tasks on the tiny twin region: search (honest vs oracle), sweep (learning
// curve), predict with the masks saved in a bundle, and bad input of the learning engine.
#include "base/atomic_file.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "project/project_file.h"
#include "project/run_store.h"
#include "project/workload_preset.h"
#include "tasks/task_registry.h"
#include "tasks/task_runner.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {

tasks::TaskOutcome run(const std::string& id, const std::map<std::string, std::string>& values) {
    auto task = tasks::TaskRegistry::instance().create(id);
    soilscope::Feedback feedback;
    return tasks::runTask(*task, values, feedback);
}

nlohmann::json readJson(const fs::path& file) {
    return nlohmann::json::parse(readTextFile(file));
}

bool hasScope(const std::vector<project::MetricValue>& metrics, const std::string& scope) {
    for (const auto& m : metrics)
        if (m.scope == scope)
            return true;
    return false;
}

} // namespace

class TestLearningTasks : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_twin;
    fs::path m_project;
    int m_excludedClass = -1;
    nlohmann::json m_doc;

    fs::path writeProject(const std::string& name, const nlohmann::json& doc) const {
        const fs::path file = m_twin / "projects" / name;
        std::ofstream(file) << doc.dump(2);
        return file;
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_twin = fs::path(m_tmp.path().toStdString()) / "twin";
        const auto demo = run("demo", {{"out", m_twin.string()}, {"preset", "tiny"}});
        if (demo.status != tasks::TaskStatus::Succeeded)
            QSKIP(qPrintable(
                QString::fromStdString("the twin generator failed: " + demo.errorMessage)));
        // exclude the land-cover class of the first pixel, a class that does not cover everything
        const auto lc = geo::Raster(m_twin / "static" / "static_0p25deg.tif").readBand(12);
        std::map<int, int> counts;
        for (float v : lc)
            if (std::isfinite(v))
                ++counts[int(std::lround(v))];
        for (const auto& [cls, n] : counts)
            if (n < int(lc.size()) && (m_excludedClass < 0 || n < counts[m_excludedClass]))
                m_excludedClass = cls;
        QVERIFY2(m_excludedClass >= 0, "the tiny twin has a single land-cover class");
        m_doc = nlohmann::json::parse(
            R"({"format": "soilscope-project", "version": 1, "name": "mlp grid",
          "data": {"static": {"path": "../static/static_0p25deg.tif", "band": 1},
                   "sand": {"path": "../static/static_0p25deg.tif", "band": 4},
                   "land_cover": {"path": "../static/static_0p25deg.tif", "band": 12},
                   "precipitation": {"path": "../precipitation/precip_daily_0p1deg.nc", "variable": "tp",
                                     "resample": "average"},
                   "target": {"path": "../cci/cci_sm_daily_0p25deg.nc", "variable": "sm"}},
          "predictors": [
            {"name": "elevation", "kind": "band", "role": "static"},
            {"name": "sand", "kind": "band", "role": "sand"},
            {"name": "doy_sin", "kind": "calendar", "quantity": "doy_sin", "normaliser": "none"}],
          "target": {"role": "target", "kind": "grid", "valid_range": [0, 1]},
          "samples": {"layout": "tabular", "from": "2019-05-01", "to": "2019-06-30", "max_samples": 1200},
          "split": {"scheme": "random", "test_fraction": 0.3, "validation_fraction": 0.2, "seed": 1},
          "model": {"family": "mlp", "params": {"layers": 1, "width": 8}},
          "training": {"epochs": 4, "batch_size": 64, "seed": 42},
          "outputs": {"folder": "../runs_test"}})");
        m_doc["mask"] = {{"land_cover", {{"role", "land_cover"}, {"exclude", {m_excludedClass}}}}};
        m_project = writeProject("mlp_grid.soilscope.json", m_doc);
    }

    void searchReportsHonestAndOracleSideBySide() {
        const auto o = run("search", {{"project", m_project.string()},
                                      {"draws", "4"},
                                      {"seed", "3"},
                                      {"device", "cpu"},
                                      {"space", R"({"width": {"min": 4, "max": 32, "log": true},
                                                    "activation": {"choices": ["relu", "tanh"]}})"}});
        QVERIFY2(o.status == tasks::TaskStatus::Succeeded, o.errorMessage.c_str());
        const auto& j = o.result.json;
        QCOMPARE(j["draws"].size(), std::size_t(4));
        const std::size_t h = j["honest"]["index"], x = j["oracle"]["index"];
        for (const auto& d : j["draws"]) {
            QVERIFY(j["honest"]["inner_score"].get<double>() <= d["inner_score"].get<double>());
            QVERIFY(j["oracle"]["test_score"].get<double>() <= d["test_score"].get<double>());
            const int w = d["spec"]["params"]["width"];
            QVERIFY(w >= 4 && w <= 32);
            QVERIFY(d["test_metrics"].contains("rmse") && d["test_metrics"].contains("bias"));
        }
        QVERIFY(j["draws"][x]["test_score"].get<double>() <=
                j["draws"][h]["test_score"].get<double>());
        QVERIFY(o.result.summary.find("honest (best inner rmse): draw " + std::to_string(h + 1)) !=
                std::string::npos);
        QVERIFY(o.result.summary.find("oracle") != std::string::npos);
        QVERIFY(fs::exists(j["output"].get<std::string>()));
        QCOMPARE(readJson(j["output"].get<std::string>())["draws"].size(), std::size_t(4));
        project::RunStore store(j["run_store"].get<std::string>());
        const auto rec = store.run(j["run"].get<std::int64_t>());
        QVERIFY(rec && rec->status == "finished");
        QCOMPARE(rec->config["task"].get<std::string>(), std::string("search"));
        const auto metrics = store.metrics(rec->id);
        QVERIFY(hasScope(metrics, "search_honest") && hasScope(metrics, "search_oracle") &&
                hasScope(metrics, "search_draw"));
    }

    void searchRejectsABadSpace() {
        auto o = run("search", {{"project", m_project.string()},
                                {"draws", "2"},
                                {"space", R"({"no_such": {"min": 1, "max": 2}})"}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("unknown parameter 'no_such'") != std::string::npos,
                 o.errorMessage.c_str());
        o = run("search", {{"project", m_project.string()},
                           {"draws", "2"},
                           {"space", R"({"training.optimizer.no_such": {"min": 1, "max": 2}})"}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("'training.optimizer.no_such' is not a training setting") !=
                     std::string::npos,
                 o.errorMessage.c_str());
        o = run("search",
                {{"project", m_project.string()}, {"space", (m_twin / "missing.json").string()}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("missing.json") != std::string::npos, o.errorMessage.c_str());
        // no validation part and no inner folds: the honest selection is impossible
        nlohmann::json doc = m_doc;
        doc["split"]["validation_fraction"] = 0.0;
        const auto file = writeProject("noval.soilscope.json", doc);
        o = run("search", {{"project", file.string()}, {"draws", "2"}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("no validation part") != std::string::npos,
                 o.errorMessage.c_str());
        // ... but nested CV works
        o = run(
            "search",
            {{"project", file.string()}, {"draws", "2"}, {"inner-folds", "2"}, {"device", "cpu"}});
        QVERIFY2(o.status == tasks::TaskStatus::Succeeded, o.errorMessage.c_str());
        QCOMPARE(o.result.json["settings"]["inner_folds"].get<int>(), 2);
    }

    void sweepWritesALearningCurve() {
        const fs::path out = m_twin / "sweep_out";
        const auto o = run("sweep", {{"project", m_project.string()},
                                     {"sizes", "1,0.2"},
                                     {"repeats", "2"},
                                     {"device", "cpu"},
                                     {"out", out.string()}});
        QVERIFY2(o.status == tasks::TaskStatus::Succeeded, o.errorMessage.c_str());
        const auto doc = readJson(out / "sweep.json");
        QCOMPARE(doc["scenarios"].size(), std::size_t(2));
        QCOMPARE(doc["scenarios"][0]["name"].get<std::string>(), std::string("0.2"));
        for (const auto& sc : doc["scenarios"]) {
            QCOMPARE(sc["values"].size(),
                     std::size_t(2)); // the chart's default series: RMSE per repeat
            QCOMPARE(sc["values"], sc["rmse"]);
            for (const auto& v : sc["values"])
                QVERIFY(v.is_number() && v.get<double>() > 0);
            QCOMPARE(sc["r"].size(), std::size_t(2));
        }
        const double small = doc["scenarios"][0]["train_samples"][0],
                     full = doc["scenarios"][1]["train_samples"][0];
        QVERIFY(small > 0 && std::abs(small / full - 0.2) < 0.02);
        const std::string csv = readTextFile(out / "sweep.csv");
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 5L);
        QVERIFY(csv.rfind("size,repeat,train_units,train_samples,test_samples,n,r,rmse", 0) == 0);
        project::RunStore store(o.result.json["run_store"].get<std::string>());
        const auto rec = store.run(o.result.json["run"].get<std::int64_t>());
        QVERIFY(rec && rec->status == "finished");
        QVERIFY(hasScope(store.metrics(rec->id), "sweep_median"));
        auto bad = run("sweep", {{"project", m_project.string()}, {"sizes", "0,2"}});
        QCOMPARE(bad.status, tasks::TaskStatus::UsageFailed);
    }

    void predictAppliesTheBundleMasks() {
        const auto t = run("train", {{"project", m_project.string()}, {"device", "cpu"}});
        QVERIFY2(t.status == tasks::TaskStatus::Succeeded, t.errorMessage.c_str());
        const fs::path bundle = t.result.json["bundle"].get<std::string>();
        QCOMPARE(readJson(bundle / "bundle.json")["masks"]["land_cover"]["exclude"][0].get<int>(),
                 m_excludedClass);
        const std::string stat = (m_twin / "static" / "static_0p25deg.tif").string();
        // role=path reads band 1 of a file: single-band copies of the static layers
        const geo::Raster s(stat);
        for (const auto& [name, band] :
             std::vector<std::pair<std::string, int>>{{"elev", 1}, {"sand", 4}, {"lc", 12}})
            geo::writeGeoTiff(m_twin / (name + ".tif"), s.grid(), s.readBand(band));
        const std::string in =
            "static=" + (m_twin / "elev.tif").string() + ",sand=" + (m_twin / "sand.tif").string();
        const std::string lcIn = ",land_cover=" + (m_twin / "lc.tif").string();
        auto p = run("predict", {{"model", bundle.string()},
                                 {"inputs", in + lcIn},
                                 {"date", "2019-06-01"},
                                 {"out", (m_twin / "masked.tif").string()}});
        QVERIFY2(p.status == tasks::TaskStatus::Succeeded, p.errorMessage.c_str());
        p = run("predict", {{"model", bundle.string()},
                            {"inputs", in + lcIn},
                            {"date", "2019-06-01"},
                            {"masks", "false"},
                            {"out", (m_twin / "unmasked.tif").string()}});
        QVERIFY2(p.status == tasks::TaskStatus::Succeeded, p.errorMessage.c_str());
        const auto lc = s.readBand(12);
        const auto masked = geo::Raster(m_twin / "masked.tif").readBand(1);
        const auto unmasked = geo::Raster(m_twin / "unmasked.tif").readBand(1);
        std::size_t excluded = 0, kept = 0;
        for (std::size_t i = 0; i < lc.size(); ++i) {
            if (!std::isfinite(unmasked[i]))
                continue;
            if (std::isfinite(lc[i]) && int(std::lround(lc[i])) == m_excludedClass) {
                QVERIFY2(std::isnan(masked[i]),
                         "a pixel of the excluded land-cover class was predicted");
                ++excluded;
            } else {
                QCOMPARE(masked[i], unmasked[i]);
                ++kept;
            }
        }
        QVERIFY(excluded > 0 && kept > 0);
        // the mask's layer is required
        p = run("predict", {{"model", bundle.string()},
                            {"inputs", in},
                            {"date", "2019-06-01"},
                            {"out", (m_twin / "never.tif").string()}});
        QCOMPARE(p.status, tasks::TaskStatus::UsageFailed);
        QVERIFY2(p.errorMessage.find("'land_cover'") != std::string::npos, p.errorMessage.c_str());
        QVERIFY(!fs::exists(m_twin / "never.tif"));
    }

    void presetsTrainTheDataOnlyWorkloadProjects() {
        QCOMPARE(project::presetWorkloads().size(), std::size_t(5));
        for (const std::string w : {"ffnn_downscaling_60m", "wcm_lstm"}) {
            const auto file = m_twin / "projects" / (w + ".soilscope.json");
            QVERIFY(!project::loadProject(file).hasLearningSetup());
            const auto o = run("train", {{"project", file.string()},
                                         {"generic", "true"},
                                         {"quick", "true"},
                                         {"device", "cpu"}});
            QVERIFY2(o.status == tasks::TaskStatus::Succeeded, (w + ": " + o.errorMessage).c_str());
            const auto& j = o.result.json;
            QCOMPARE(j["family"].get<std::string>(),
                     std::string(w == "wcm_lstm" ? "wcm_lstm" : "mlp"));
            QVERIFY(j["metrics"]["n"].get<double>() > 0);
            QVERIFY(std::isfinite(j["metrics"]["rmse"].get<double>()));
            const auto bundle = readJson(fs::path(j["bundle"].get<std::string>()) / "bundle.json");
            if (w == "wcm_lstm") {
                QCOMPARE(bundle["predictors"][2]["transforms"][0]["op"].get<std::string>(),
                         std::string("polynomial"));
            } else {
                QCOMPARE(bundle["predictors"].size(),
                         std::size_t(14)); // with NDVI, EVI, GNDVI, MSI from band layers
                QCOMPARE(bundle["masks"]["quality"]["role"].get<std::string>(),
                         std::string("target_flag"));
            }
        }
    }

    void badInputNamesTheFileAndTheProblem() {
        // zero samples after masking
        nlohmann::json doc = m_doc;
        doc["mask"]["land_cover"] = {{"role", "land_cover"}, {"keep", {9999}}};
        auto file = writeProject("empty.soilscope.json", doc);
        auto o = run("train", {{"project", file.string()}, {"device", "cpu"}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("no samples remain after masking") != std::string::npos &&
                     o.errorMessage.find("empty.soilscope.json") != std::string::npos,
                 o.errorMessage.c_str());
        // a station target outside the raster of the grid predictor
        const geo::Grid far("EPSG:4326", {100.0, 0.25, 0, 10.0, 0, -0.25}, 4, 4);
        geo::writeGeoTiff(m_twin / "far.tif", far, std::vector<float>(16, 1.0f));
        doc = m_doc;
        doc.erase("mask");
        doc["data"]["far"] = "../far.tif";
        doc["data"]["stations"] = "../stations/ismn_twin_20190101_20191231.zip";
        doc["predictors"] = {{{"name", "far"}, {"kind", "band"}, {"role", "far"}}};
        doc["target"] = {{"role", "stations"}, {"kind", "stations"}, {"variable", "soil_moisture"}};
        file = writeProject("far.soilscope.json", doc);
        o = run("train", {{"project", file.string()}, {"device", "cpu"}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("outside the raster grid of layer 'far'") !=
                         std::string::npos &&
                     o.errorMessage.find("ismn_twin") != std::string::npos,
                 o.errorMessage.c_str());
        // a bundle whose weights were altered after it was written
        const auto t = run("train", {{"project", m_project.string()}, {"device", "cpu"}});
        QVERIFY2(t.status == tasks::TaskStatus::Succeeded, t.errorMessage.c_str());
        const fs::path bundle = t.result.json["bundle"].get<std::string>();
        fs::resize_file(bundle / "member_0.pt", fs::file_size(bundle / "member_0.pt") / 2);
        o = run("predict", {{"model", bundle.string()},
                            {"inputs", "static=" + (m_twin / "far.tif").string()},
                            {"out", (m_twin / "never2.tif").string()}});
        QCOMPARE(o.status, tasks::TaskStatus::Failed);
        QVERIFY2(o.errorMessage.find("member_0.pt") != std::string::npos &&
                     o.errorMessage.find("damaged") != std::string::npos,
                 o.errorMessage.c_str());
        QVERIFY(!fs::exists(m_twin / "never2.tif"));
    }
};

QTEST_APPLESS_MAIN(TestLearningTasks)
#include "test_learning_tasks.moc"
