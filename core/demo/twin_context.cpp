#include "demo/twin_context.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

int TwinContext::nearestHour(TimePoint t) const {
    const double h = static_cast<double>((t - config.start).count()) / 3600.0;
    return std::clamp(static_cast<int>(std::lround(h)), 0, config.hours - 1);
}

double TwinContext::pointTheta(double lon, double lat, const SoilSite& site, int k) const {
    if (site.landCover == landcover::Water) return std::nan("");
    const double fc = (lon - config.lonMin) / config.coarseRes - 0.5;
    const double fr = (config.latMax - lat) / config.coarseRes - 0.5;
    const int c0 = std::clamp(static_cast<int>(std::floor(fc)), 0, config.coarseNx - 1);
    const int r0 = std::clamp(static_cast<int>(std::floor(fr)), 0, config.coarseNy - 1);
    const int c1 = std::min(c0 + 1, config.coarseNx - 1), r1 = std::min(r0 + 1, config.coarseNy - 1);
    const double tx = std::clamp(fc - c0, 0.0, 1.0), ty = std::clamp(fr - r0, 0.0, 1.0);
    auto rel = [&](int c, int r) {
        const int i = r * config.coarseNx + c;
        return relativeSaturation(cells[static_cast<std::size_t>(i)].site, run.at(run.theta, k, i));
    };
    const double s = (rel(c0, r0) * (1 - tx) + rel(c1, r0) * tx) * (1 - ty) + (rel(c0, r1) * (1 - tx) + rel(c1, r1) * tx) * ty;
    // Wetter hollows and clay-rich spots, drier crests and sands; the spread is largest at
    // intermediate wetness (as observed in field campaigns).
    const double spread = 4.0 * s * (1.0 - s);
    double sp = s + spread * (0.16 * site.wetness + 0.004 * (site.clay_pct - 25.0));
    if (site.landCover == landcover::BuiltUp) sp *= 0.6;
    sp = std::clamp(sp, 0.005, 0.995);
    return site.residual + sp * (site.porosity - site.residual);
}

std::filesystem::path TwinContext::output(const std::string& relative) const {
    const std::filesystem::path p = dir / relative;
    std::filesystem::create_directories(p.parent_path());
    return p;
}

std::map<std::string, std::string> TwinContext::globalAttributes(const std::string& title) const {
    return {{"Conventions", "CF-1.8"},
            {"title", title},
            {"institution", "SoilScope twin region (synthetic data with known truth)"},
            {"source", "soilscope-cli demo --preset " + config.preset + " --seed " + std::to_string(config.seed)},
            {"comment", "Synthetic: every value is simulated. See twin.json and README.md next to this file."}};
}

ManifestFile seriesEntry(const std::string& path, const std::string& role, const std::string& description,
                         const std::string& grid, const std::vector<NcVariable>& variables,
                         const std::vector<TimePoint>& times, const std::string& step, bool truth) {
    ManifestFile f;
    f.path = path;
    f.format = "netcdf";
    f.role = role;
    f.description = description;
    f.grid = grid;
    f.truth = truth;
    for (const auto& v : variables) f.variables.push_back({v.name, v.units, v.longName, 0});
    if (!times.empty()) {
        f.firstTime = times.front();
        f.lastTime = times.back();
        f.timeCount = times.size();
        f.timeStep = step;
    }
    return f;
}

} // namespace soilscope::demo
