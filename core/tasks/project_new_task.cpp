// Task "project-new": a project from a folder of downloaded data — every product, ISMN archive
// and raster layer found, the data role proposed for each, and what the chosen workload still
// misses; writes the project file for the user to check and edit.
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/utf8.h"
#include "project/workload_preset.h"
#include "tasks/data_scan.h"
#include "tasks/task.h"
#include "tasks/task_registry.h"

#include <map>
#include <sstream>

namespace soilscope::tasks {

namespace fs = std::filesystem;

class ProjectNewTask : public Task {
  public:
    TaskInfo info() const override {
        return {"project-new",
                "New project from a data folder",
                "Scans a folder of downloaded data (sub-folders included) and recognises what it "
                "holds: the distributed products SoilScope reads (ASCAT cells and swaths, ESA CCI "
                "image folders, SMAP L3, Sentinel-1 scene folders), ISMN archives, and plain "
                "GeoTIFF, netCDF and GRIB layers, whose data role (precipitation, sand, vv, …) "
                "it proposes from their CF standard and long names, GRIB elements, variable and "
                "band names. With a workload it lists the roles that workload needs, found or "
                "missing. With --out it writes a project file naming the layers found (paths "
                "relative to it), to be checked and edited before training.",
                "Data",
                {"project-new --data ~/downloads/study --workload sar_ml_scenarios --out "
                 "study.soilscope.json",
                 "project-new --data ~/downloads/study --json"}};
    }

    std::vector<ParameterSpec> parameters() const override {
        auto data = pathParam("data", "folder of downloaded data to scan");
        data.isFolder = true;
        auto out = outputParam("out", "project file to write (none: only report)", false);
        out.fileFilter = "SoilScope projects (*.soilscope.json)";
        std::vector<std::string> workloads{"none"};
        for (const auto& w : project::presetWorkloads())
            workloads.push_back(w);
        return {data,
                choiceParam("workload", "the workload the project is for (its roles are checked)",
                            workloads, "none"),
                stringParam("name", "project name (default: the folder's name)"), out};
    }

    std::vector<OutputSpec> outputs() const override {
        return {{"project", OutputKind::JsonDocument,
                 "the new project file: the layers found, by role"}};
    }

    TaskResult run(const ParameterValues& values, Feedback& feedback) override {
        const fs::path folder = values.path("data");
        const std::string workload =
            values.text("workload") == "none" ? "" : values.text("workload");
        const auto found = scanDataFolder(folder, feedback);
        feedback.setProgress(80);

        const std::vector<std::string> needed = project::presetRoles(workload);
        const auto chosen = chooseLayers(found, needed);
        std::map<std::string, std::size_t> candidates;
        for (const auto& f : found)
            if (!f.role.empty())
                ++candidates[f.role];
        std::vector<std::string> missing;
        for (const auto& role : needed)
            if (!chosen.count(role))
                missing.push_back(role);

        nlohmann::json foundJson = nlohmann::json::array();
        for (const auto& f : found)
            foundJson.push_back(f.toJson());
        TaskResult r;
        r.json = {{"data", folder.string()},
                  {"found", foundJson},
                  {"workload", workload},
                  {"needed", needed},
                  {"missing", missing}};
        for (const auto& role : missing)
            r.json["missing_described"][role] = describeRole(role);

        const fs::path out = values.path("out");
        if (!out.empty()) {
            const nlohmann::json doc = projectJson(values, folder, workload, chosen, out);
            if (out.has_parent_path())
                fs::create_directories(out.parent_path());
            writeTextAtomically(out, dumpJson(doc, 2) + "\n");
            r.json["project"] = out.string();
            r.outputs.push_back(declaredOutput(outputs(), "project", out.string()));
        }
        r.summary = summary(found, chosen, candidates, workload, needed, missing, out);
        if (found.empty())
            feedback.warning("nothing SoilScope reads was found in " + folder.string() +
                             " (GeoTIFF, netCDF, GRIB, HDF5, ISMN zip or .stm files, product "
                             "folders)");
        feedback.setProgress(100);
        return r;
    }

  private:
    static nlohmann::json projectJson(const ParameterValues& values, const fs::path& folder,
                                      const std::string& workload,
                                      const std::map<std::string, const FoundData*>& chosen,
                                      const fs::path& out) {
        const fs::path base = fs::absolute(out).parent_path();
        nlohmann::json data = nlohmann::json::object();
        for (const auto& [role, f] : chosen) {
            nlohmann::json layer{
                {"path", fs::absolute(f->path).lexically_proximate(base).generic_string()}};
            if (!f->variable.empty())
                layer["variable"] = f->variable;
            if (f->band > 0)
                layer["band"] = f->band;
            if (!f->units.empty())
                layer["units"] = f->units;
            data[role] = layer;
        }
        std::string name = values.text("name");
        if (name.empty())
            name = fs::absolute(folder).lexically_normal().filename().string();
        nlohmann::json doc{{"format", "soilscope-project"},
                           {"version", 1},
                           {"name", name.empty() ? std::string("new project") : name},
                           {"data", data}};
        if (!workload.empty())
            doc["workload"] = workload;
        return doc;
    }

    static std::string summary(const std::vector<FoundData>& found,
                               const std::map<std::string, const FoundData*>& chosen,
                               const std::map<std::string, std::size_t>& candidates,
                               const std::string& workload, const std::vector<std::string>& needed,
                               const std::vector<std::string>& missing, const fs::path& out) {
        std::ostringstream s;
        s << found.size() << " item(s) found:\n";
        for (const auto& f : found) {
            s << "  " << f.path.string() << (f.variable.empty() ? "" : "#" + f.variable)
              << (f.band > 0 ? " band " + std::to_string(f.band) : "") << ": " << f.what;
            if (!f.role.empty())
                s << " -> role " << f.role
                  << (chosen.at(f.role) == &f ? "" : " (another layer was taken for it)");
            else if (!f.note.empty())
                s << " (" << f.note << ")";
            s << "\n";
        }
        for (const auto& [role, n] : candidates)
            if (n > 1)
                s << "role " << role << ": " << n << " candidates, "
                  << chosen.at(role)->path.string()
                  << " taken (the most specific name, on the grid of the workload's first layer); "
                     "edit the project to choose another\n";
        if (!workload.empty()) {
            s << workload << " needs " << needed.size()
              << " role(s): " << needed.size() - missing.size() << " found";
            if (missing.empty())
                s << ", none missing\n";
            else {
                s << ", missing:\n";
                for (const auto& role : missing)
                    s << "  " << role << ": " << describeRole(role) << "\n";
            }
        }
        if (!out.empty())
            s << "wrote " << out.string()
              << (missing.empty() ? "" : " (add the missing roles to its /data before training)");
        else
            s << "no project written (give --out)";
        return s.str();
    }
};

SOILSCOPE_REGISTER_TASK(ProjectNewTask, "project-new")

} // namespace soilscope::tasks
