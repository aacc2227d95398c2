#include "demo/satellite_products.h"

#include "demo/rough_surface_backscatter.h"
#include "demo/twin_random.h"
#include "demo/vegetation.h"
#include "demo/water_cloud_model.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace soilscope::demo {

namespace {

using C = CanopyBeyondNdvi;

constexpr double kNoiseDb = 0.35;
constexpr double kUnmodelledDb = 0.6;
// Realistic errors (see the twin's README for the published figures they are matched to).
constexpr double kAzimuthDb = 0.3;
constexpr double kDrySoilBumpDb = 1.0;

struct AscatSlot {
    std::vector<double> sigma;
    std::vector<double> direction;
    std::vector<double> offset;
};

} // namespace

void writeAscat(TwinContext& ctx) {
    const int nc = ctx.run.cells;
    const std::uint64_t seed = ctx.config.seed;
    const double lonC = ctx.config.lonMin + 0.5 * ctx.config.coarseNx * ctx.config.coarseRes;
    std::map<int, AscatSlot> slots; // output hour -> observations
    const WcmParameters wcm = TwinWcm::ascatSigma40;
    // Surface roughness and vegetation structure the WCM does not describe: an AR(1) error per
    // cell with a three-week memory.
    std::vector<double> unmodelled(static_cast<std::size_t>(nc), 0.0);
    const double phi = std::exp(-1.0 / 21.0);
    for (int d = 0; d < ctx.config.days(); ++d) {
        for (int c = 0; c < nc; ++c)
            unmodelled[static_cast<std::size_t>(c)] =
                phi * unmodelled[static_cast<std::size_t>(c)] +
                std::sqrt(1.0 - phi * phi) * kUnmodelledDb *
                    normalAt(seed, 3304, static_cast<std::uint64_t>(d),
                             static_cast<std::uint64_t>(c));
        for (int dir = 0; dir < 2; ++dir) { // 0 descending 09:30, 1 ascending 21:30
            const std::uint64_t pass =
                static_cast<std::uint64_t>(d) * 2 + static_cast<std::uint64_t>(dir);
            const double jitter = 0.8 * uniformAt(seed, 3301, pass) - 0.4;
            const double nadir =
                2000.0 * uniformAt(seed, 3302, pass) - 1000.0; // km east of the box centre
            const double local = (dir == 0 ? 9.5 : 21.5) + jitter;
            for (int c = 0; c < nc; ++c) {
                const CellSite& cell = ctx.cells[static_cast<std::size_t>(c)];
                const double dx = std::abs(
                    (cell.lon - lonC) * kKmPerDegree * std::cos(cell.lat * M_PI / 180.0) - nadir);
                if (dx < 360.0 || dx > 910.0)
                    continue; // nadir gap or outside both swaths
                const double utcSeconds = (local - cell.lon / 15.0) * 3600.0 + 86400.0 * d;
                const int k = static_cast<int>(std::lround(utcSeconds / 3600.0));
                if (k < 0 || k >= ctx.config.hours)
                    continue;
                const double theta = ctx.run.at(ctx.run.theta, k, c);
                auto vwcOfDay = [&](int day) {
                    const double ndvi = ctx.run.ndvi[static_cast<std::size_t>(day) * nc + c];
                    double vwc = 0.0;
                    for (std::size_t q = 0; q < 5; ++q)
                        vwc += cell.fractions[q] * vegetation::vwc(landcover::Classes[q], ndvi);
                    return vwc;
                };
                double vwc = vwcOfDay(d), extraDb = 0.0;
                if (ctx.config.realisticErrors) {
                    const auto cellKey = static_cast<std::uint64_t>(c);
                    // canopy structure NDVI does not see, and stems wet after senescence
                    const double lagged =
                        vwcOfDay(std::max(d - static_cast<int>(C::kSenescenceLag_days), 0));
                    vwc = C::seenVwc(std::exp(C::kStructureLogStd * normalAt(seed, 3305, cellKey)),
                                     vwc, lagged);
                    // azimuthal anisotropy left after normalisation, per orbit direction
                    extraDb +=
                        kAzimuthDb * normalAt(seed, 3306, cellKey, static_cast<std::uint64_t>(dir));
                    // sub-surface scattering in dry soils: σ40 rises again as sand dries out
                    const SoilSite& soil = cell.site;
                    const double dry = 0.5 * (soil.residual + soil.fieldCapacity);
                    extraDb += kDrySoilBumpDb * soil.sand_pct / 100.0 *
                               std::clamp((dry - theta) / (dry - soil.residual), 0.0, 1.0);
                }
                const double sigma =
                    wcmSigma0Db(wcm, theta, vwc, 40.0) + unmodelled[static_cast<std::size_t>(c)] +
                    extraDb + kNoiseDb * normalAt(seed, 3303, pass, static_cast<std::uint64_t>(c));
                AscatSlot& slot = slots[k];
                if (slot.sigma.empty()) {
                    slot.sigma.assign(static_cast<std::size_t>(nc), std::nan(""));
                    slot.direction.assign(static_cast<std::size_t>(nc), std::nan(""));
                    slot.offset.assign(static_cast<std::size_t>(nc), std::nan(""));
                }
                slot.sigma[static_cast<std::size_t>(c)] = sigma;
                slot.direction[static_cast<std::size_t>(c)] = dir;
                slot.offset[static_cast<std::size_t>(c)] = std::round(utcSeconds - 3600.0 * k);
            }
        }
    }
    // Change detection: dry and wet references = 2nd and 98th percentiles of each cell's σ40.
    std::vector<double> dry(static_cast<std::size_t>(nc)), wet(static_cast<std::size_t>(nc));
    for (int c = 0; c < nc; ++c) {
        std::vector<double> v;
        for (const auto& [k, slot] : slots)
            if (std::isfinite(slot.sigma[static_cast<std::size_t>(c)]))
                v.push_back(slot.sigma[static_cast<std::size_t>(c)]);
        std::sort(v.begin(), v.end());
        dry[static_cast<std::size_t>(c)] = v.empty() ? -20.0 : v[v.size() * 2 / 100];
        wet[static_cast<std::size_t>(c)] =
            v.empty() ? -10.0 : v[std::min(v.size() - 1, v.size() * 98 / 100)];
    }
    std::vector<TimePoint> times;
    for (const auto& [k, slot] : slots)
        times.push_back(ctx.timeOf(k));
    const std::vector<NcVariable> vars = {
        {"sigma40", "backscatter normalised to 40 degrees incidence (ASCAT-like, VV)", "", "dB",
         NcStorage::Int16, 0.01},
        {"ssm",
         "H120-like surface soil moisture in percent of saturation, change detection on sigma40",
         "", "%", NcStorage::Int16, 0.01},
        {"orbit_direction",
         "orbit direction of the observation",
         "",
         "1",
         NcStorage::Byte,
         1.0,
         0.0,
         true,
         {{"flag_meanings", "descending ascending"}},
         {0, 1}},
        {"time_offset", "observation time minus the time stamp", "", "s", NcStorage::Int16, 1.0}};
    const std::string rel = "ascat/ascat_sigma40_0p25deg.nc";
    CfNetcdfWriter w(
        ctx.output(rel), ctx.config.coarseGrid(), times, vars,
        ctx.globalAttributes("Twin ASCAT-like sigma40 and H120-like soil moisture at 0.25°"));
    std::size_t t = 0;
    std::vector<double> ssm(static_cast<std::size_t>(nc));
    for (const auto& [k, slot] : slots) {
        for (int c = 0; c < nc; ++c) {
            const auto i = static_cast<std::size_t>(c);
            ssm[i] =
                std::isfinite(slot.sigma[i])
                    ? std::clamp(100.0 * (slot.sigma[i] - dry[i]) / std::max(wet[i] - dry[i], 0.5),
                                 0.0, 100.0)
                    : std::nan("");
        }
        w.write("sigma40", t, 1, slot.sigma.data());
        w.write("ssm", t, 1, ssm.data());
        w.write("orbit_direction", t, 1, slot.direction.data());
        w.write("time_offset", t, 1, slot.offset.data());
        ++t;
    }
    w.close();
    ManifestFile f =
        seriesEntry(rel, "ascat-sigma40",
                    "ASCAT-like observations at the nearest UTC hour of each overpass (descending "
                    "09:30, ascending 21:30 local solar time), swath gaps missing",
                    "coarse", vars, times, "irregular");
    f.extra["error_model"] = {{"incidence_deg", 40.0},
                              {"noise_db", kNoiseDb},
                              {"unmodelled_error_db", kUnmodelledDb},
                              {"unmodelled_error_memory_days", 21}};
    if (ctx.config.realisticErrors) {
        f.extra["error_model"]["azimuthal_anisotropy_db"] = kAzimuthDb;
        f.extra["error_model"]["dry_soil_subsurface_scattering_db"] = kDrySoilBumpDb;
        f.extra["error_model"]["canopy_structure_log_std"] = C::kStructureLogStd;
        f.extra["error_model"]["senescent_vwc_share"] = C::kSenescentShare;
    }
    f.extra["change_detection"] = {{"dry_reference", "2nd percentile of sigma40 per cell"},
                                   {"wet_reference", "98th percentile"}};
    ctx.manifest.addFile(f);
}

} // namespace soilscope::demo
