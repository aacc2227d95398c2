#include "base/atomic_file.h"
#include "base/error.h"
#include "project/project_file.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace soilscope;
using namespace soilscope::project;
namespace fs = std::filesystem;

class TestProjectFile : public QObject {
    Q_OBJECT

    fs::path m_dir;

    static nlohmann::json example() {
        return nlohmann::json::parse(R"({
          "format": "soilscope-project", "version": 1,
          "name": "FFNN 60 m", "workload": "ffnn_downscaling_60m",
          "data": {
            "cci": {"path": "grids/cci.nc", "variable": "sm", "kind": "series", "units": "m3 m-3"},
            "precip": {"path": "grids/precip.nc", "variable": "tp", "kind": "series"},
            "dem": "static/dem.tif",
            "landcover": {"path": "static/landcover.tif"}
          },
          "predictors": [
            {"name": "P3", "kind": "antecedent", "role": "precip", "days": 3},
            {"name": "elevation", "kind": "terrain", "role": "dem", "quantity": "elevation"},
            {"name": "slope", "kind": "terrain", "role": "dem", "quantity": "slope"}
          ],
          "target": {"role": "cci", "valid_range": [0, 0.7]},
          "samples": {"layout": "tabular", "from": "2019-01-01", "to": "2020-12-31"},
          "mask": {"land_cover": {"role": "landcover", "exclude": [50, 70, 80]},
                   "ranges": [{"predictor": "slope", "min": 0, "max": 45}]},
          "split": {"scheme": "random", "test_fraction": 0.2},
          "model": {"family": "mlp", "params": {"hidden": [35, 35]}},
          "training": {"epochs": 800, "batch_size": 32},
          "outputs": {"folder": "runs", "maps": ["2020-07-01"], "tile_size": 256}
        })");
    }

    std::string errorOf(const nlohmann::json& j) {
        try {
            parseProject(j, m_dir / "p.soilscope.json");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return "accepted";
    }

  private Q_SLOTS:
    void initTestCase() {
        m_dir = fs::temp_directory_path() / ("soilscope_project_" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    void cleanupTestCase() { fs::remove_all(m_dir); }

    void roundTrip() {
        const fs::path file = m_dir / "a.soilscope.json";
        const ProjectFile p = parseProject(example(), file);
        QCOMPARE(p.data.size(), std::size_t(4));
        QCOMPARE(p.layer("dem").path, (m_dir / "static/dem.tif").lexically_normal());
        QCOMPARE(p.layer("cci").kind, std::string("series"));
        QCOMPARE(p.predictors.size(), std::size_t(3));
        QCOMPARE(p.mask.landCoverExclude.size(), std::size_t(3));
        QCOMPARE(p.outputs.tileSize, 256);
        QCOMPARE(p.target.validRange->second, 0.7);
        saveProject(p, file);
        const ProjectFile q = loadProject(file);
        QCOMPARE(q.toJson(m_dir).dump(), p.toJson(m_dir).dump());
        // paths below the project folder are stored relative
        const auto saved = nlohmann::json::parse(readTextFile(file));
        QCOMPARE(saved["data"]["dem"]["path"].get<std::string>(), std::string("static/dem.tif"));
        QCOMPARE(saved["version"].get<int>(), kProjectFormatVersion);
        QCOMPARE(saved["model"]["params"]["hidden"][1].get<int>(), 35);
    }

    void errorsNameTheFileAndTheJsonPath() {
        auto j = example();
        j["predictors"][1]["quantity"] = "curvature";
        std::string e = errorOf(j);
        QVERIFY2(e.find("/predictors/1/quantity") != std::string::npos &&
                     e.find("p.soilscope.json") != std::string::npos,
                 e.c_str());
        j = example();
        j["predictors"][0]["role"] = "rain";
        e = errorOf(j);
        QVERIFY2(e.find("/predictors/0") != std::string::npos &&
                     e.find("'rain'") != std::string::npos,
                 e.c_str());
        j = example();
        j["target"]["valid_range"] = {1, 0};
        QVERIFY(errorOf(j).find("/target/valid_range") != std::string::npos);
        j = example();
        j["mask"]["ranges"][0]["predictor"] = "NDVI";
        QVERIFY(errorOf(j).find("/mask/ranges/0/predictor") != std::string::npos);
        j = example();
        j["samples"]["patch"] = 4;
        QVERIFY(errorOf(j).find("/samples/patch") != std::string::npos);
        j = example();
        j["samples"]["from"] = "yesterday";
        QVERIFY(errorOf(j).find("/samples/from") != std::string::npos);
        j = example();
        j["format"] = "qgis-project";
        QVERIFY(errorOf(j).find("/format") != std::string::npos);
        j = example();
        j["version"] = 7;
        QVERIFY(errorOf(j).find("newer SoilScope") != std::string::npos);
        j = example();
        j["samples"]["dates_from"] = "s1";
        QVERIFY(errorOf(j).find("/samples/dates_from") != std::string::npos);
        // band 0 was read as band 1
        j = example();
        j["data"]["landcover"]["band"] = 0;
        QVERIFY(errorOf(j).find("/data/landcover/band: band numbers start at 1") !=
                std::string::npos);
        // how an accumulated variable is stored: declared, round-tripped, checked
        j = example();
        j["data"]["cci"]["accumulation"] = "since_00utc";
        const ProjectFile accumulated = parseProject(j, m_dir / "acc.soilscope.json");
        QCOMPARE(accumulated.layer("cci").accumulation, std::string("since_00utc"));
        QCOMPARE(accumulated.toJson(m_dir)["data"]["cci"]["accumulation"].get<std::string>(),
                 std::string("since_00utc"));
        j["data"]["cci"]["accumulation"] = "daily";
        QVERIFY(errorOf(j).find("/data/cci/accumulation: expected none or since_00utc") !=
                std::string::npos);
        // a data-only project (as the twin writes them) loads; training asks for the rest
        j = example();
        j.erase("target");
        j.erase("predictors");
        j.erase("mask");
        QVERIFY(!parseProject(j, m_dir / "data_only.soilscope.json").hasLearningSetup());
        j = example();
        j["modle"] = {};
        QVERIFY(errorOf(j).find("/modle: unknown key") != std::string::npos);
    }

    void brokenFilesGiveClearErrors() {
        const fs::path bad = m_dir / "broken.soilscope.json";
        std::ofstream(bad) << "{\"format\": \"soilscope-project\", ";
        try {
            loadProject(bad);
            QFAIL("broken JSON accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("broken.soilscope.json") != std::string::npos);
            QVERIFY(e.message().find("not valid JSON") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(Error, loadProject(m_dir / "absent.soilscope.json"));
    }

    void olderVersionsAreMigrated() {
        auto j = example();
        j.erase("format");
        j.erase("version");
        j["inputs"] = j["data"];
        j.erase("data");
        j["features"] = j["predictors"];
        j.erase("predictors");
        j["architecture"] = j["model"];
        j.erase("model");
        const ProjectFile p = parseProject(j, m_dir / "old.soilscope.json");
        QCOMPARE(p.predictors.size(), std::size_t(3));
        QCOMPARE(p.model["family"].get<std::string>(), std::string("mlp"));
        QCOMPARE(p.toJson(m_dir)["version"].get<int>(), 1);
    }

    void saveIsAtomic() {
        const fs::path file = m_dir / "keep.soilscope.json";
        const ProjectFile p = parseProject(example(), file);
        saveProject(p, file);
        const std::string before = readTextFile(file);
        // a save whose final rename fails (the target is a non-empty folder) throws and leaves
        // no temporary file behind
        fs::create_directories(m_dir / "occupied.json" / "inside");
        QVERIFY_THROWS_EXCEPTION(std::exception, saveProject(p, m_dir / "occupied.json"));
        QVERIFY(fs::is_directory(m_dir / "occupied.json" / "inside"));
        QCOMPARE(readTextFile(file), before);
        for (const auto& entry : fs::directory_iterator(m_dir))
            QVERIFY2(entry.path().filename().string().find(".tmp") == std::string::npos,
                     entry.path().c_str());
    }
};

QTEST_APPLESS_MAIN(TestProjectFile)
#include "test_project_file.moc"
