#include "demo/manifest.h"

#include "base/error.h"

namespace soilscope::demo {

nlohmann::json gridJson(const geo::Grid& grid) {
    nlohmann::json j;
    j["crs"] = grid.epsg() ? "EPSG:" + std::to_string(*grid.epsg()) : grid.crsWkt();
    if (grid.epsg())
        j["epsg"] = *grid.epsg();
    j["geotransform"] = grid.geoTransform();
    j["width"] = grid.width();
    j["height"] = grid.height();
    j["resolution"] = {grid.resolutionX(), grid.resolutionY()};
    j["units"] = grid.isGeographic() ? "degree" : "metre";
    return j;
}

void Manifest::addGrid(const std::string& name, const geo::Grid& grid,
                       const std::string& description) {
    nlohmann::json j = gridJson(grid);
    j["description"] = description;
    m_grids[name] = j;
}

void Manifest::addFile(ManifestFile file) {
    m_files.push_back(std::move(file));
}

const ManifestFile& Manifest::byRole(const std::string& role) const {
    for (const auto& f : m_files)
        if (f.role == role)
            return f;
    throw Error("the twin manifest has no file with role '" + role + "'");
}

nlohmann::json Manifest::toJson() const {
    nlohmann::json j = m_extra;
    j["format"] = "soilscope-twin";
    j["version"] = 1;
    j["grids"] = m_grids;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : m_files) {
        nlohmann::json e;
        e["path"] = f.path;
        e["format"] = f.format;
        e["role"] = f.role;
        e["description"] = f.description;
        if (!f.grid.empty())
            e["grid"] = f.grid;
        e["truth"] = f.truth;
        nlohmann::json vars = nlohmann::json::array();
        for (const auto& v : f.variables) {
            nlohmann::json jv{{"name", v.name}, {"units", v.units}, {"description", v.description}};
            if (v.band > 0)
                jv["band"] = v.band;
            vars.push_back(jv);
        }
        e["variables"] = vars;
        if (f.firstTime) {
            e["time"] = {{"first", formatIsoTime(*f.firstTime)},
                         {"last", formatIsoTime(f.lastTime.value_or(*f.firstTime))},
                         {"count", f.timeCount},
                         {"step", f.timeStep}};
        }
        for (const auto& [key, value] : f.extra.items())
            e[key] = value;
        files.push_back(e);
    }
    j["files"] = files;
    return j;
}

} // namespace soilscope::demo
