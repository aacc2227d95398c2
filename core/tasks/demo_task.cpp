// Task "demo": generates the twin region, a synthetic study region with known truth written in
// the formats real data come in (NetCDF, GeoTIFF, ISMN zip), with one project per workload.
#include "base/error.h"
#include "demo/twin_config.h"
#include "demo/twin_generator.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace soilscope::tasks {

class DemoTask : public Task {
  public:
    TaskInfo info() const override {
        return {
            "demo",
            "Generate the twin region",
            "Simulates a synthetic study region in southern France whose truth is known: weather "
            "from moving storms, an hourly bucket water balance, a reanalysis-like product from "
            "its own "
            "land-surface run, "
            "ASCAT-like sigma40 and H120-like soil moisture, Sentinel-1 and Sentinel-2-like data, "
            "a CCI-like product, LST, precipitation, static layers and ISMN stations; writes "
            "twin.json (manifest), README.md and one project per workload. The same seed gives "
            "byte-identical data files.",
            "Demo",
            {"demo --out twin-small", "demo --out /tmp/twin --preset tiny --seed 7",
             "demo --out twin-ffnn --fine-cells 3"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto out = outputParam("out", "folder to create (an existing twin there is replaced)");
        out.isFolder = true;
        return {
            out,
            choiceParam(
                "preset",
                "size: tiny (tests, < 20 MB), small (default, < 300 MB), standard (a few GB)",
                demo::presetNames(), "small"),
            intParam("fine-cells",
                     "0: the preset's 60 m area (about one 0.25° cell); an odd N: the 60 m grid "
                     "covers N × N "
                     "whole 0.25° cells, for larger 60 m maps (3 on small: ≈ 1.6 GB, about 75 s)",
                     0, 0, 15),
            intParam("seed", "random seed: the same seed gives the same twin", 42, 0, 9.0e15),
            choiceParam("errors",
                        "error model of the products: realistic (the reanalysis from its own "
                        "land-surface run, rough-surface Sentinel-1, correlated noise), simple "
                        "(truth plus independent noise), auto (simple for tiny, realistic "
                        "otherwise)",
                        {"auto", "simple", "realistic"}, "auto")};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"twin", OutputKind::JsonDocument,
                 "the twin region's manifest (twin.json) in its folder"},
                {"projects", OutputKind::JsonDocument,
                 "one project file per workload, labelled by the workload"}};
    }

    TaskResult run(const ParameterValues& v, Feedback& feedback) override {
        auto config = demo::TwinConfig::fromPreset(v.text("preset"),
                                                   static_cast<std::uint64_t>(v.integer("seed")));
        config.setFineBlockCells(static_cast<int>(v.integer("fine-cells")));
        if (v.text("errors") != "auto")
            config.realisticErrors = v.text("errors") == "realistic";
        const auto started = std::chrono::steady_clock::now();
        const auto summary = demo::generateTwin(config, v.path("out"), feedback);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        TaskResult result;
        result.json["dir"] = summary.dir.string();
        result.json["manifest"] = (summary.dir / "twin.json").string();
        result.json["preset"] = config.preset;
        result.json["seed"] = config.seed;
        result.json["fine_cells"] = config.fineBlockCells;
        result.json["errors"] = config.realisticErrors ? "realistic" : "simple";
        result.json["seconds"] = seconds;
        result.json["total_bytes"] = summary.totalBytes;
        nlohmann::json files = nlohmann::json::array();
        for (const auto& [path, bytes] : summary.files)
            files.push_back({{"path", path}, {"bytes", bytes}});
        result.json["files"] = files;
        const auto specs = outputs();
        result.outputs.push_back(
            declaredOutput(specs, "twin", (summary.dir / "twin.json").string()));
        const std::string projectSuffix = ".soilscope.json";
        for (const auto& file : summary.files) {
            const std::filesystem::path rel(file.first);
            const std::string name = rel.filename().string();
            if (rel.parent_path().filename() == "projects" && name.size() > projectSuffix.size() &&
                name.ends_with(projectSuffix))
                result.outputs.push_back(
                    declaredOutput(specs, "projects", (summary.dir / rel).string(),
                                   name.substr(0, name.size() - projectSuffix.size())));
        }
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "twin region '%s' (seed %llu): %zu files, %.1f MB in %.1f s -> %s",
                      config.preset.c_str(), static_cast<unsigned long long>(config.seed),
                      summary.files.size(), static_cast<double>(summary.totalBytes) / 1e6, seconds,
                      summary.dir.string().c_str());
        result.summary = buf;
        return result;
    }
};

SOILSCOPE_REGISTER_TASK(DemoTask, "demo")

} // namespace soilscope::tasks
