#include "products/product_description.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "products/cell_folder.h"
#include "products/image_folder.h"
#include "products/netcdf_file.h"
#include "products/point_series_file.h"
#include "products/point_source.h"
#include "products/sentinel1_folder.h"
#include "products/smap_l3.h"
#include "products/swath_file.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace soilscope::products {

namespace fs = std::filesystem;

namespace {

const char* shapeName(VariableShape s) {
    switch (s) {
    case VariableShape::Observation:
        return "per observation";
    case VariableShape::Location:
        return "per location";
    case VariableShape::LocationByDayOfYear:
        return "per location and day of year";
    case VariableShape::Other:
        break;
    }
    return "other";
}

void describePointFile(const PointSeriesFile& f, nlohmann::json& j, std::ostringstream& text) {
    double lonMin = 180, lonMax = -180, latMin = 90, latMax = -90;
    for (const auto& l : f.locations()) {
        lonMin = std::min(lonMin, l.lon);
        lonMax = std::max(lonMax, l.lon);
        latMin = std::min(latMin, l.lat);
        latMax = std::max(latMax, l.lat);
    }
    j["layout"] = f.layout();
    j["locations"] = f.locations().size();
    j["observations"] = f.observationCount();
    j["bbox"] = {lonMin, latMin, lonMax, latMax};
    j["title"] = f.attribute("title");
    j["product_version"] = f.attribute("product_version");
    j["soil_moisture_variable"] = f.soilMoistureVariable();
    j["variables"] = nlohmann::json::array();
    text << "  " << f.layout() << ": " << f.locations().size() << " locations, "
         << f.observationCount() << " observations\n"
         << "  extent:   " << lonMin << " to " << lonMax << " E, " << latMin << " to " << latMax
         << " N\n";
    if (!f.attribute("title").empty())
        text << "  title:    " << f.attribute("title") << " " << f.attribute("product_version")
             << "\n";
    text << "  variables:\n";
    for (const auto& v : f.variables()) {
        j["variables"].push_back({{"name", v.name},
                                  {"units", v.units},
                                  {"long_name", v.longName},
                                  {"shape", shapeName(v.shape)}});
        text << "    " << v.name << ": " << shapeName(v.shape)
             << (v.units.empty() ? "" : ", units " + v.units)
             << (v.longName.empty() ? "" : " (" + v.longName + ")") << "\n";
    }
}

} // namespace

ProductDescription describeProduct(const fs::path& path) {
    const ProductKind kind = recogniseProduct(path);
    ProductDescription d;
    auto& j = d.json;
    std::ostringstream text;
    j["path"] = path.string();
    j["product"] = describeProductKind(kind);
    text << path.string() << " (" << describeProductKind(kind) << ")\n";
    switch (kind) {
    case ProductKind::PointSeriesFile:
        describePointFile(PointSeriesFile(path), j, text);
        break;
    case ProductKind::CellFolder: {
        const CellFolder folder(path);
        j["cells"] = folder.cells().size();
        j["grid_file"] = folder.gridFile().string();
        text << "  " << folder.cells().size() << " cell file(s)"
             << (folder.gridFile().empty() ? ", no grid file"
                                           : ", grid file " + folder.gridFile().string())
             << "\n  first cell: " << folder.cells().front().filename().string() << "\n";
        describePointFile(PointSeriesFile(folder.cells().front()), j, text);
        break;
    }
    case ProductKind::ImageFolder: {
        const ImageFolder folder(path);
        const auto& files = folder.files();
        j["files"] = files.size();
        j["first"] = formatIsoTime(files.front().time);
        j["last"] = formatIsoTime(files.back().time);
        const NetcdfFile first(files.front().path);
        j["variables"] = nlohmann::json::array();
        text << "  " << files.size() << " daily image(s), " << formatIsoDate(files.front().time)
             << " to " << formatIsoDate(files.back().time) << "\n  variables of "
             << files.front().path.filename().string() << ":\n";
        for (const auto& v : first.variables()) {
            if (v == "lat" || v == "lon" || v == "time")
                continue;
            const std::string units = first.text(v, "units");
            j["variables"].push_back(
                {{"name", v}, {"units", units}, {"long_name", first.text(v, "long_name")}});
            text << "    " << v << (units.empty() ? "" : ", units " + units) << " ("
                 << first.text(v, "long_name") << ")\n";
        }
        j["observation_time"] = first.hasVariable(ImageFolder::kObservationTime);
        if (first.hasVariable(ImageFolder::kObservationTime))
            text << "  t0 gives each pixel's observation time (used for temporal matching)\n";
        break;
    }
    case ProductKind::SwathFile:
    case ProductKind::SwathFolder: {
        const auto files =
            kind == ProductKind::SwathFile ? std::vector<fs::path>{path} : swathFilesIn(path);
        j["swaths"] = files.size();
        const SwathFile first(files.front());
        double lonMin = 180, lonMax = -180, latMin = 90, latMax = -90;
        TimePoint t0 = TimePoint::max(), t1 = TimePoint::min();
        for (std::size_t i = 0; i < first.nodeCount(); ++i) {
            if (!std::isfinite(first.lon()[i]) || !std::isfinite(first.lat()[i]))
                continue;
            lonMin = std::min(lonMin, first.lon()[i]);
            lonMax = std::max(lonMax, first.lon()[i]);
            latMin = std::min(latMin, first.lat()[i]);
            latMax = std::max(latMax, first.lat()[i]);
            const TimePoint t = first.timeOf(i);
            if (t != TimePoint::min()) {
                t0 = std::min(t0, t);
                t1 = std::max(t1, t);
            }
        }
        j["nodes"] = first.nodeCount();
        j["bbox"] = {lonMin, latMin, lonMax, latMax};
        j["soil_moisture_variable"] = first.soilMoistureVariable();
        text << "  " << files.size() << " swath file(s); " << files.front().filename().string()
             << ": " << first.nodeCount() << " nodes, " << lonMin << " to " << lonMax << " E, "
             << latMin << " to " << latMax << " N";
        if (t0 <= t1) {
            j["first"] = formatIsoTime(t0);
            j["last"] = formatIsoTime(t1);
            text << ", " << formatIsoTime(t0) << " to " << formatIsoTime(t1);
        }
        text << "\n  variables:\n";
        j["variables"] = nlohmann::json::array();
        const NetcdfFile nc(files.front());
        for (const auto& v : nc.variables()) {
            const std::string units = nc.text(v, "units");
            j["variables"].push_back(
                {{"name", v}, {"units", units}, {"long_name", nc.text(v, "long_name")}});
            text << "    " << v << (units.empty() ? "" : ", units " + units) << " ("
                 << nc.text(v, "long_name") << ")\n";
        }
        break;
    }
    case ProductKind::SmapFile:
    case ProductKind::SmapFolder: {
        const auto files =
            kind == ProductKind::SmapFile ? std::vector<fs::path>{path} : smapFilesIn(path);
        const SmapL3File first(files.front());
        j["files"] = files.size();
        j["grid"] = first.grid().describe();
        j["passes"] = nlohmann::json::array();
        text << "  " << files.size() << " SMAP L3 file(s); grid " << first.grid().describe()
             << " (fitted to the file's latitude/longitude)\n";
        for (const auto& pass : first.passes()) {
            j["passes"].push_back(pass.group);
            const auto t = first.times(pass);
            std::size_t n = 0;
            for (const auto& x : t)
                n += x != TimePoint::min() ? 1 : 0;
            text << "  " << pass.group << ": " << n << " observed pixels, soil_moisture in "
                 << first.units(pass, "soil_moisture") << "\n";
        }
        break;
    }
    case ProductKind::Sentinel1Folder: {
        j["polarisations"] = nlohmann::json::array();
        for (const char* pol : {"VV", "VH", "incidence"}) {
            try {
                const Sentinel1Folder folder(path, pol, BackscatterScale::Decibel);
                const auto& scenes = folder.scenes();
                j["polarisations"].push_back({{"name", pol},
                                              {"scenes", scenes.size()},
                                              {"first", formatIsoTime(scenes.front().time)},
                                              {"last", formatIsoTime(scenes.back().time)}});
                text << "  " << pol << ": " << scenes.size() << " scene(s), "
                     << formatIsoTime(scenes.front().time) << " to "
                     << formatIsoTime(scenes.back().time) << "\n";
            } catch (const Error&) {
                text << "  " << pol << ": none\n";
            }
        }
        break;
    }
    case ProductKind::None:
        throw Error("not a recognised product", path.string());
    }
    d.text = text.str();
    if (!d.text.empty() && d.text.back() == '\n')
        d.text.pop_back();
    return d;
}

} // namespace soilscope::products
