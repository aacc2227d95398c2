#include "tasks/data_scan.h"

#include "base/error.h"
#include "geo/raster.h"
#include "geo/raster_series.h"
#include "products/point_source.h"
#include "products/product_gridding.h"
#include "stations/ismn_archive.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace soilscope::tasks {

namespace fs = std::filesystem;

namespace {

/// Data roles of the workload presets and the words that name them in variable names, CF
/// standard and long names, GRIB elements, band descriptions and file names — most specific
/// first, each word matched as whole tokens ("soil temperature" matches soil_temperature).
const std::vector<std::pair<std::string, std::vector<std::string>>>& roleWords() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> table{
        {"soil_temperature", {"stl1", "soil temperature"}},
        {"air_temperature", {"air temperature", "t2m", "2t", "2 metre temperature"}},
        {"precipitation",
         {"precipitation", "total precipitation", "tp", "precip", "rainfall", "apcp"}},
        {"lai_high", {"lai hv", "leaf area index high vegetation"}},
        {"sigma40", {"sigma40", "sigma 40"}},
        {"incidence", {"incidence", "incidence angle", "angle"}},
        {"vv", {"vv", "sigma0 vv"}},
        {"vh", {"vh", "sigma0 vh"}},
        {"ndvi", {"ndvi"}},
        {"ndwi", {"ndwi"}},
        {"sand", {"sand"}},
        {"clay", {"clay"}},
        {"bulk_density", {"bulk density", "bdod"}},
        {"porosity", {"porosity"}},
        {"land_cover", {"land cover", "landcover", "lccs", "worldcover"}},
        {"organic_carbon", {"organic carbon", "soc", "ocd"}},
        {"slope", {"slope"}},
        {"aspect", {"aspect"}},
        {"elevation", {"elevation", "dem", "orography", "altitude", "height", "srtm"}},
        {"target",
         {"swvl1", "volumetric soil water", "volume fraction of condensed water in soil",
          "soil moisture", "soil water", "sm"}},
    };
    return table;
}

std::vector<std::string> tokens(const std::string& text) {
    std::vector<std::string> out;
    std::string t;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            t += char(std::tolower(static_cast<unsigned char>(c)));
        } else if (!t.empty()) {
            out.push_back(t);
            t.clear();
        }
    }
    if (!t.empty())
        out.push_back(t);
    return out;
}

bool containsPhrase(const std::vector<std::string>& text, const std::vector<std::string>& phrase) {
    if (phrase.empty() || phrase.size() > text.size())
        return false;
    for (std::size_t i = 0; i + phrase.size() <= text.size(); ++i)
        if (std::equal(phrase.begin(), phrase.end(), text.begin() + std::ptrdiff_t(i)))
            return true;
    return false;
}

/// The role the names point to ("" for none) and how specifically (names: most telling first;
/// the first name that names a role decides, so a variable's own name beats its file's).
std::pair<std::string, int> roleOf(const std::vector<std::string>& names) {
    for (std::size_t n = 0; n < names.size(); ++n) {
        const auto words = tokens(names[n]);
        for (const auto& [role, phrases] : roleWords())
            for (std::size_t k = 0; k < phrases.size(); ++k)
                if (containsPhrase(words, tokens(phrases[k])))
                    return {role, int(k) * 10 + int(n)};
    }
    return {};
}

std::string gridKey(const geo::Grid& g) {
    std::string key = std::to_string(g.width()) + " x " + std::to_string(g.height());
    for (const double v : g.geoTransform()) {
        char text[32];
        std::snprintf(text, sizeof text, " %.6g", v);
        key += text;
    }
    return key;
}

bool hasIsmnFiles(const fs::path& folder) {
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() > 3) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->path().extension() == ".stm")
            return true;
    }
    return false;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

FoundData stationsFound(const fs::path& path) {
    FoundData f{path, "", "", "", 0, "", ""};
    try {
        const auto archive = stations::IsmnArchive::open(path);
        std::size_t stations = 0;
        for (const auto& n : archive.networks())
            stations += n.stations.size();
        f.what = "ISMN archive, " + std::to_string(archive.networks().size()) + " network(s), " +
                 std::to_string(stations) + " station(s), " +
                 std::to_string(archive.sensorCount()) + " sensor(s)";
        f.role = "stations";
    } catch (const Error& e) {
        f.what = "not readable as an ISMN archive: " + e.message();
    }
    return f;
}

/// Each variable of a netCDF / GRIB file, or each band of a GeoTIFF, with its role.
std::vector<FoundData> rasterFound(const fs::path& path) {
    std::vector<FoundData> out;
    const std::string stem = path.stem().string();
    try {
        const geo::Raster raster(path);
        if (raster.bandCount() > 0 && raster.subdatasets().empty() &&
            geo::RasterSeries::bandTimes(raster).empty()) {
            // a GeoTIFF (or any static raster): one layer per band
            for (int b = 1; b <= raster.bandCount(); ++b) {
                const auto info = raster.band(b);
                FoundData f{path, "", "", "", b, info.units, ""};
                f.what = "raster band " + std::to_string(b) + " of " +
                         std::to_string(raster.bandCount()) +
                         (info.description.empty() ? "" : " (" + info.description + ")") + ", " +
                         std::to_string(raster.grid().width()) + " x " +
                         std::to_string(raster.grid().height());
                std::tie(f.role, f.rank) =
                    roleOf({info.description, raster.bandCount() == 1 ? stem : ""});
                f.grid = gridKey(raster.grid());
                out.push_back(std::move(f));
            }
            return out;
        }
        const auto variables = geo::RasterSeries::listVariables(path);
        for (const auto& v : variables) {
            FoundData f{path, "", "", v.name, 0, v.units, ""};
            std::vector<std::string> names{v.name};
            f.grid = gridKey(v.grid);
            for (const char* key :
                 {"standard_name", "long_name", "GRIB_ELEMENT", "GRIB_COMMENT", "NETCDF_VARNAME"})
                if (const auto it = v.attributes.find(key); it != v.attributes.end())
                    names.push_back(it->second);
            names.push_back(stem);
            f.what =
                "variable " + v.name + (v.units.empty() ? "" : " (" + v.units + ")") +
                (v.times.empty() ? ", static" : ", " + std::to_string(v.times.size()) + " time(s)");
            std::tie(f.role, f.rank) = roleOf(names);
            out.push_back(std::move(f));
        }
    } catch (const Error& e) {
        out.push_back({path, "not readable as a raster: " + e.message(), "", "", 0, "", ""});
    }
    return out;
}

/// A point, swath or SMAP product: a coarse soil-moisture layer gridded onto the project's grid
/// when the project opens (after CCI images, then SMAP, then ASCAT when several are found).
FoundData productFound(const fs::path& path, products::ProductKind kind) {
    const bool smap =
        kind == products::ProductKind::SmapFile || kind == products::ProductKind::SmapFolder;
    FoundData f{path, products::describeProductKind(kind), "", "", 0, "", ""};
    if (!products::needsGridding(kind)) {
        f.note = "a point product: use it with validate, station-metrics, triple_collocation or "
                 "validate-network";
        return f;
    }
    f.role = "coarse_sm";
    f.rank = smap ? 6 : 7;
    f.note = "gridded onto the project's grid when the project opens (nearest observation "
             "within " +
             std::string(smap ? "half a pixel's diagonal" : "12.5 km") +
             "; set the layer's \"gridding\"); also a point product for validate, "
             "station-metrics, triple_collocation and validate-network";
    return f;
}

/// A twin region keeps what it knows for checking only under truth/: never a model input.
bool underTruth(const fs::path& root, const fs::path& path) {
    for (const auto& part : path.lexically_relative(root))
        if (part == "truth")
            return true;
    return false;
}

bool isRasterFile(const fs::path& path) {
    static const std::vector<std::string> ext{".tif", ".tiff",  ".nc",   ".nc4", ".grib",
                                              ".grb", ".grib2", ".grb2", ".h5",  ".hdf"};
    return std::find(ext.begin(), ext.end(), lower(path.extension().string())) != ext.end();
}

} // namespace

nlohmann::json FoundData::toJson() const {
    nlohmann::json j{{"path", path.string()}, {"what", what}, {"role", role}};
    if (!variable.empty())
        j["variable"] = variable;
    if (band > 0)
        j["band"] = band;
    if (!units.empty())
        j["units"] = units;
    if (!note.empty())
        j["note"] = note;
    return j;
}

std::vector<FoundData> scanDataFolder(const fs::path& folder, Feedback& feedback, int maxDepth) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error("not a folder", folder.string());
    std::vector<FoundData> found;
    constexpr std::size_t kMaxEntries = 20000;
    std::size_t entries = 0;
    std::set<fs::path> ismnFolders;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        feedback.throwIfCanceled();
        const fs::path path = it->path();
        if (++entries > kMaxEntries) {
            feedback.warning("stopped after " + std::to_string(kMaxEntries) + " entries of " +
                             folder.string());
            break;
        }
        if (path.filename().string().starts_with(".")) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_directory(ec)) {
            if (it.depth() + 1 >= maxDepth)
                it.disable_recursion_pending();
            // a product folder or an ISMN download is one source: not entered
            if (const auto kind = products::recogniseProduct(path);
                kind == products::ProductKind::ImageFolder) {
                // Gridded daily images: a project layer (a raster series) as well.
                std::string units, problem;
                std::size_t days = 0;
                try { // as a project reads it: one product version
                    const auto series = geo::RasterSeries::fromKnownFolder(path);
                    days = series.size();
                    units = series.units();
                } catch (const Error& e) {
                    problem = e.message();
                }
                const bool layer = problem.empty();
                found.push_back(
                    {path,
                     products::describeProductKind(kind) +
                         (layer ? ", a raster series of " + std::to_string(days) + " day(s)"
                                : std::string()),
                     layer ? "coarse_sm" : "", layer ? "sm" : "", 0, units,
                     layer ? "also a point product for validate, station-metrics, "
                             "triple_collocation and validate-network"
                           : problem,
                     5});
                it.disable_recursion_pending();
            } else if (kind != products::ProductKind::None) {
                found.push_back(productFound(path, kind));
                it.disable_recursion_pending();
            } else if (hasIsmnFiles(path)) {
                found.push_back(stationsFound(path));
                ismnFolders.insert(path);
                it.disable_recursion_pending();
            }
            continue;
        }
        const std::string ext = lower(path.extension().string());
        if (ext == ".stm") { // ISMN files loose in the scanned folder: that folder is one archive
            if (ismnFolders.insert(path.parent_path()).second)
                found.push_back(stationsFound(path.parent_path()));
            continue;
        }
        if (ext == ".zip") {
            found.push_back(stationsFound(path));
            continue;
        }
        if (!isRasterFile(path))
            continue;
        if (const auto kind = products::recogniseProduct(path);
            kind != products::ProductKind::None) {
            found.push_back(productFound(path, kind));
            continue;
        }
        for (auto& f : rasterFound(path)) {
            if (underTruth(folder, path) && !f.role.empty()) {
                f.note = "in a truth/ folder (a twin region's known truth): not proposed as an "
                         "input for " +
                         f.role;
                f.role.clear();
            }
            found.push_back(std::move(f));
        }
    }
    std::sort(found.begin(), found.end(),
              [](const FoundData& a, const FoundData& b) { return a.path < b.path; });
    return found;
}

std::map<std::string, const FoundData*>
chooseLayers(const std::vector<FoundData>& found, const std::vector<std::string>& preferredOrder) {
    std::map<std::string, std::vector<const FoundData*>> byRole;
    for (const auto& f : found)
        if (!f.role.empty())
            byRole[f.role].push_back(&f);
    const auto best = [](std::vector<const FoundData*> c, const std::string& grid) {
        std::stable_sort(c.begin(), c.end(), [&](const FoundData* a, const FoundData* b) {
            const bool ga = !grid.empty() && a->grid == grid, gb = !grid.empty() && b->grid == grid;
            if (a->rank != b->rank)
                return a->rank < b->rank;
            return ga && !gb;
        });
        return c.front();
    };
    std::string grid;
    for (const auto& role : preferredOrder)
        if (const auto it = byRole.find(role); it != byRole.end()) {
            grid = best(it->second, "")->grid;
            if (!grid.empty())
                break;
        }
    std::map<std::string, const FoundData*> chosen;
    for (const auto& [role, candidates] : byRole)
        chosen[role] = best(candidates, grid);
    return chosen;
}

std::string describeRole(const std::string& role) {
    static const std::map<std::string, std::string> text{
        {"stations", "in situ soil moisture: an ISMN archive (zip or folder)"},
        {"target", "the soil moisture to learn, a gridded product with a time axis (e.g. ERA5 "
                   "swvl1)"},
        {"sigma40", "ASCAT backscatter normalised to 40° (dB), with a time axis"},
        {"soil_temperature", "soil temperature (e.g. ERA5 stl1), with a time axis"},
        {"air_temperature", "air temperature (e.g. ERA5 t2m), with a time axis"},
        {"precipitation", "precipitation (e.g. ERA5 tp), with a time axis"},
        {"lai_high", "leaf area index of high vegetation (ERA5 lai_hv)"},
        {"vv", "Sentinel-1 VV backscatter (dB), with a time axis"},
        {"vh", "Sentinel-1 VH backscatter (dB), with a time axis"},
        {"incidence", "Sentinel-1 incidence angle (°)"},
        {"ndvi", "NDVI, with a time axis"},
        {"ndwi", "NDWI, with a time axis"},
        {"sand", "sand content (%), static"},
        {"clay", "clay content (%), static"},
        {"bulk_density", "bulk density, static"},
        {"porosity", "porosity (m³ m⁻³), static"},
        {"land_cover", "land-cover classes, static"},
        {"organic_carbon", "soil organic carbon, static"},
        {"elevation", "elevation (m), static"},
        {"slope", "slope (°), static"},
        {"aspect", "aspect (°), static"}};
    const auto it = text.find(role);
    if (it != text.end())
        return it->second;
    if (role.rfind("s2_", 0) == 0)
        return "Sentinel-2 band " + role.substr(3) + " reflectance, with a time axis";
    if (role.rfind("sample_", 0) == 0)
        return "fine-resolution samples of " + role.substr(7);
    return "a layer named '" + role + "'";
}

} // namespace soilscope::tasks
