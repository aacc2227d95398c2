#include "demo/twin_context.h"

#include "geo/geotiff_writer.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

int TwinContext::nearestHour(TimePoint t) const {
    const double h = static_cast<double>((t - config.start).count()) / 3600.0;
    return std::clamp(static_cast<int>(std::lround(h)), 0, config.hours - 1);
}

TwinContext::PointWeights TwinContext::pointWeights(double lon, double lat) const {
    const double fc = (lon - config.lonMin) / config.coarseRes - 0.5;
    const double fr = (config.latMax - lat) / config.coarseRes - 0.5;
    const int c0 = std::clamp(static_cast<int>(std::floor(fc)), 0, config.coarseNx - 1);
    const int r0 = std::clamp(static_cast<int>(std::floor(fr)), 0, config.coarseNy - 1);
    const int c1 = std::min(c0 + 1, config.coarseNx - 1),
              r1 = std::min(r0 + 1, config.coarseNy - 1);
    const double tx = std::clamp(fc - c0, 0.0, 1.0), ty = std::clamp(fr - r0, 0.0, 1.0);
    PointWeights w;
    w.cell[0] = r0 * config.coarseNx + c0;
    w.cell[1] = r0 * config.coarseNx + c1;
    w.cell[2] = r1 * config.coarseNx + c0;
    w.cell[3] = r1 * config.coarseNx + c1;
    w.weight[0] = (1 - tx) * (1 - ty);
    w.weight[1] = tx * (1 - ty);
    w.weight[2] = (1 - tx) * ty;
    w.weight[3] = tx * ty;
    return w;
}

std::vector<double> TwinContext::cellSaturation(int k) const {
    std::vector<double> s(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i)
        s[i] = relativeSaturation(cells[i].site, run.at(run.theta, k, static_cast<int>(i)));
    return s;
}

double TwinContext::thetaAt(const SoilSite& site, const PointWeights& w,
                            const std::vector<double>& saturation) {
    if (site.landCover == landcover::Water)
        return std::nan("");
    double s = 0.0;
    for (int q = 0; q < 4; ++q)
        s += w.weight[q] * saturation[static_cast<std::size_t>(w.cell[q])];
    // Wetter hollows and clay-rich spots, drier crests and sands; the spread is largest at
    // intermediate wetness (as observed in field campaigns).
    const double spread = 4.0 * s * (1.0 - s);
    double sp = s + spread * (0.16 * site.wetness + 0.004 * (site.clay_pct - 25.0));
    if (site.landCover == landcover::BuiltUp)
        sp *= 0.6;
    sp = std::clamp(sp, 0.005, 0.995);
    return site.residual + sp * (site.porosity - site.residual);
}

double TwinContext::pointTheta(double lon, double lat, const SoilSite& site, int k) const {
    const PointWeights w = pointWeights(lon, lat);
    std::vector<double> sat(4);
    PointWeights local = w;
    for (int q = 0; q < 4; ++q) {
        sat[static_cast<std::size_t>(q)] = relativeSaturation(
            cells[static_cast<std::size_t>(w.cell[q])].site, run.at(run.theta, k, w.cell[q]));
        local.cell[q] = q;
    }
    return thetaAt(site, local, sat);
}

std::filesystem::path TwinContext::output(const std::string& relative) const {
    const std::filesystem::path p = dir / relative;
    std::filesystem::create_directories(p.parent_path());
    return p;
}

std::map<std::string, std::string> TwinContext::globalAttributes(const std::string& title) const {
    return {
        {"Conventions", "CF-1.8"},
        {"title", title},
        {"institution", "SoilScope twin region (synthetic data with known truth)"},
        {"source",
         "soilscope-cli demo --preset " + config.preset + " --seed " + std::to_string(config.seed)},
        {"comment",
         "Synthetic: every value is simulated. See twin.json and README.md next to this file."}};
}

void writeStaticGeoTiff(TwinContext& ctx, const std::string& path, const std::string& role,
                        const std::string& description, const std::string& gridName,
                        const geo::Grid& grid, const std::vector<std::vector<float>>& bands,
                        const std::vector<ManifestVariable>& variables) {
    geo::GeoTiffOptions options;
    for (const auto& v : variables) {
        options.bandDescriptions.push_back(v.name);
        options.bandUnits.push_back(v.units);
    }
    options.blockSize = 256;
    geo::writeGeoTiff(ctx.output(path), grid, bands, options);
    ManifestFile f;
    f.path = path;
    f.format = "geotiff";
    f.role = role;
    f.description = description;
    f.grid = gridName;
    f.variables = variables;
    ctx.manifest.addFile(f);
}

ManifestFile seriesEntry(const std::string& path, const std::string& role,
                         const std::string& description, const std::string& grid,
                         const std::vector<NcVariable>& variables,
                         const std::vector<TimePoint>& times, const std::string& step, bool truth) {
    ManifestFile f;
    f.path = path;
    f.format = "netcdf";
    f.role = role;
    f.description = description;
    f.grid = grid;
    f.truth = truth;
    for (const auto& v : variables)
        f.variables.push_back({v.name, v.units, v.longName, 0});
    if (!times.empty()) {
        f.firstTime = times.front();
        f.lastTime = times.back();
        f.timeCount = times.size();
        f.timeStep = step;
    }
    return f;
}

} // namespace soilscope::demo
