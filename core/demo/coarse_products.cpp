#include "demo/coarse_products.h"

#include "demo/reanalysis_model.h"
#include "demo/static_fields.h"
#include "demo/twin_random.h"
#include "demo/vegetation.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

constexpr double kOwnRunOffset = 0.04;

std::vector<TimePoint> hourlyTimes(const TwinContext& ctx) {
    std::vector<TimePoint> t(static_cast<std::size_t>(ctx.config.hours));
    for (int k = 0; k < ctx.config.hours; ++k)
        t[static_cast<std::size_t>(k)] = ctx.timeOf(k);
    return t;
}

std::vector<TimePoint> dailyTimes(const TwinContext& ctx, int hourOfDay = 0) {
    std::vector<TimePoint> t(static_cast<std::size_t>(ctx.config.days()));
    for (int d = 0; d < ctx.config.days(); ++d)
        t[static_cast<std::size_t>(d)] = ctx.timeOf(24 * d + hourOfDay);
    return t;
}

/// Writes hour-major arrays (hours x cells) chunk by chunk, converting with f.
template <typename F>
void writeHourly(CfNetcdfWriter& w, const std::string& name, int hours, int cells, F f) {
    const std::size_t chunk = w.timeChunk();
    std::vector<double> buf;
    for (std::size_t k0 = 0; k0 < static_cast<std::size_t>(hours); k0 += chunk) {
        const std::size_t n = std::min(chunk, static_cast<std::size_t>(hours) - k0);
        buf.resize(n * static_cast<std::size_t>(cells));
        for (std::size_t k = 0; k < n; ++k)
            for (int c = 0; c < cells; ++c)
                buf[k * cells + c] = f(static_cast<int>(k0 + k), c);
        w.write(name, k0, n, buf.data());
    }
}

double smoothed(const TwinContext& ctx, const std::vector<float>& field, int k, int c) {
    const int nx = ctx.config.coarseNx, ny = ctx.config.coarseNy;
    const int r = c / nx, col = c % nx;
    double sum = 0.0, wsum = 0.0;
    for (int dr = -1; dr <= 1; ++dr)
        for (int dc = -1; dc <= 1; ++dc) {
            const int rr = r + dr, cc = col + dc;
            if (rr < 0 || rr >= ny || cc < 0 || cc >= nx)
                continue;
            const double w = (dr == 0 ? 2.0 : 1.0) * (dc == 0 ? 2.0 : 1.0);
            sum += w * ctx.run.at(field, k, rr * nx + cc);
            wsum += w;
        }
    return sum / wsum;
}

} // namespace

void writeCoarseStatic(TwinContext& ctx) {
    const geo::Grid grid = ctx.config.coarseGrid();
    const std::size_t n = grid.pixelCount();
    std::vector<std::vector<float>> bands(17, std::vector<float>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const SoilSite& s = ctx.cells[i].site;
        bands[0][i] = static_cast<float>(s.elevation_m);
        bands[3][i] = static_cast<float>(s.sand_pct);
        bands[4][i] = static_cast<float>(s.clay_pct);
        bands[5][i] = static_cast<float>(s.silt_pct);
        bands[6][i] = static_cast<float>(s.porosity);
        bands[7][i] = static_cast<float>(s.residual);
        bands[8][i] = static_cast<float>(s.fieldCapacity);
        bands[9][i] = static_cast<float>(s.ksat_mm_h);
        bands[10][i] = static_cast<float>(s.bulkDensity);
        bands[11][i] = static_cast<float>(s.landCover);
        for (std::size_t k = 0; k < 5; ++k)
            bands[12 + k][i] = static_cast<float>(ctx.cells[i].fractions[k]);
    }
    slopeAspect(grid, bands[0], bands[1], bands[2]);
    const std::vector<ManifestVariable> vars = {
        {"elevation", "m", "mean elevation", 1},
        {"slope", "degree", "slope of the mean elevation", 2},
        {"aspect", "degree", "downslope direction, clockwise from north", 3},
        {"sand", "%", "sand fraction", 4},
        {"clay", "%", "clay fraction", 5},
        {"silt", "%", "silt fraction", 6},
        {"porosity", "m3 m-3", "saturated water content (pedotransfer)", 7},
        {"residual_water_content", "m3 m-3", "residual water content (pedotransfer)", 8},
        {"field_capacity", "m3 m-3", "field capacity (pedotransfer)", 9},
        {"ksat", "mm h-1", "saturated hydraulic conductivity (Cosby 1984)", 10},
        {"bulk_density", "g cm-3", "bulk density", 11},
        {"land_cover", "1",
         "dominant ESA WorldCover class (10 tree, 30 grassland, 40 cropland, 50 built-up, 80 "
         "water)",
         12},
        {"fraction_tree", "1", "tree cover fraction", 13},
        {"fraction_grassland", "1", "grassland fraction", 14},
        {"fraction_cropland", "1", "cropland fraction", 15},
        {"fraction_builtup", "1", "built-up fraction", 16},
        {"fraction_water", "1", "water fraction", 17}};
    writeStaticGeoTiff(
        ctx, "static/static_0p25deg.tif", "static-0p25deg",
        "Static 0.25° layers: terrain, soil texture and hydraulic properties, land cover", "coarse",
        grid, bands, vars);
}

void writeForcing(TwinContext& ctx) {
    const auto times = hourlyTimes(ctx);
    const std::vector<NcVariable> vars = {
        {"tp", "total precipitation over the hour ending at the time stamp", "precipitation_amount",
         "mm", NcStorage::Float32},
        {"t2m", "air temperature at 2 m", "air_temperature", "K", NcStorage::Int16, 0.01, 273.15},
        {"ssrd", "surface shortwave radiation downwards, hourly mean",
         "surface_downwelling_shortwave_flux_in_air", "W m-2", NcStorage::Int16, 0.1}};
    const std::string rel = "weather/forcing_hourly_0p25deg.nc";
    CfNetcdfWriter w(ctx.output(rel), ctx.config.coarseGrid(), times, vars,
                     ctx.globalAttributes("Twin hourly weather forcing"));
    const int nc = ctx.run.cells;
    writeHourly(w, "tp", ctx.config.hours, nc,
                [&](int k, int c) { return ctx.run.at(ctx.run.precipitation, k, c); });
    ctx.checkCanceled();
    writeHourly(w, "t2m", ctx.config.hours, nc,
                [&](int k, int c) { return ctx.run.at(ctx.run.airTemperature, k, c) + 273.15; });
    writeHourly(w, "ssrd", ctx.config.hours, nc,
                [&](int k, int c) { return ctx.run.at(ctx.run.shortwave, k, c); });
    w.close();
    ctx.manifest.addFile(seriesEntry(rel, "forcing",
                                     "Hourly weather that drives the twin (the truth forcing)",
                                     "coarse", vars, times, "1h"));
}

void writeReanalysis(TwinContext& ctx) {
    const auto times = hourlyTimes(ctx);
    const std::vector<NcVariable> vars = {
        {"swvl1", "volumetric soil water layer 1 (0-7 cm), reanalysis-like",
         "volume_fraction_of_condensed_water_in_soil", "m3 m-3", NcStorage::Int16, 1e-5},
        {"stl1", "soil temperature level 1 (0-7 cm)", "soil_temperature", "K", NcStorage::Int16,
         0.01, 273.15},
        {"lai_hv", "leaf area index, high vegetation (cell-mean contribution of tree cover)",
         "leaf_area_index", "m2 m-2", NcStorage::Int16, 1e-3},
        {"lai_lv", "leaf area index, low vegetation (cell-mean contribution of grass and crops)",
         "leaf_area_index", "m2 m-2", NcStorage::Int16, 1e-3}};
    const std::string rel = "reanalysis/reanalysis_hourly_0p25deg.nc";
    CfNetcdfWriter w(ctx.output(rel), ctx.config.coarseGrid(), times, vars,
                     ctx.globalAttributes("Twin reanalysis-like product (ERA5-like)"));
    const int nc = ctx.run.cells;
    const std::uint64_t seed = ctx.config.seed;
    // AR(1) errors with a three-day memory, computed once for all hours.
    const double phi = std::exp(-1.0 / 72.0);
    std::vector<float> err(static_cast<std::size_t>(ctx.config.hours) * nc), errT(err.size());
    for (int c = 0; c < nc; ++c) {
        double e = 0.02 * normalAt(seed, 3101, static_cast<std::uint64_t>(c)), et = 0.0;
        for (int k = 0; k < ctx.config.hours; ++k) {
            e = phi * e + std::sqrt(1 - phi * phi) * 0.02 *
                              normalAt(seed, 3102, static_cast<std::uint64_t>(c),
                                       static_cast<std::uint64_t>(k));
            et = phi * et + std::sqrt(1 - phi * phi) * 0.7 *
                                normalAt(seed, 3103, static_cast<std::uint64_t>(c),
                                         static_cast<std::uint64_t>(k));
            err[static_cast<std::size_t>(k) * nc + c] = static_cast<float>(e);
            errT[static_cast<std::size_t>(k) * nc + c] = static_cast<float>(et);
        }
    }
    const bool ownRun = ctx.config.realisticErrors;
    writeHourly(w, "swvl1", ctx.config.hours, nc, [&](int k, int c) {
        // the model's own run carries its errors; its soil-water climate is wetter than the
        // probes' (the ERA5 wet bias)
        const double v = ownRun ? kOwnRunOffset + smoothed(ctx, ctx.run.reanalysisTheta, k, c)
                                : 0.04 + 1.05 * smoothed(ctx, ctx.run.theta, k, c) +
                                      err[static_cast<std::size_t>(k) * nc + c];
        return std::clamp(v, 0.01, 0.6);
    });
    ctx.checkCanceled();
    writeHourly(w, "stl1", ctx.config.hours, nc, [&](int k, int c) {
        return ctx.run.at(ctx.run.soilTemperature, k, c) + 273.15 + 0.6 +
               errT[static_cast<std::size_t>(k) * nc + c];
    });
    const int days = ctx.config.days();
    const auto& laiHigh = ownRun ? ctx.run.reanalysisLaiHigh : ctx.run.laiHigh;
    const auto& laiLow = ownRun ? ctx.run.reanalysisLaiLow : ctx.run.laiLow;
    writeHourly(w, "lai_hv", ctx.config.hours, nc, [&](int k, int c) {
        return laiHigh[static_cast<std::size_t>(std::min(k / 24, days - 1)) * nc + c];
    });
    writeHourly(w, "lai_lv", ctx.config.hours, nc, [&](int k, int c) {
        return laiLow[static_cast<std::size_t>(std::min(k / 24, days - 1)) * nc + c];
    });
    w.close();
    using M = ReanalysisModel;
    ManifestFile f =
        ownRun ? seriesEntry(rel, "reanalysis",
                             "Reanalysis-like hourly product from its own land-surface run "
                             "(coarser perturbed soil map, perturbed precipitation and evaporation "
                             "demand, climatological vegetation, 0-7 cm layer), smoothed in space "
                             "(3x3), wet-biased (+0.04); the CNN target",
                             "coarse", vars, times, "1h")
               : seriesEntry(rel, "reanalysis",
                             "Reanalysis-like hourly product: truth smoothed in space (3x3), "
                             "wet-biased (+0.04, x1.05), AR(1) noise (0.02, 72 h); the CNN target",
                             "coarse", vars, times, "1h");
    if (ownRun)
        f.extra["error_model"] = {
            {"model", "own land-surface run"},
            {"offset", kOwnRunOffset},
            {"precipitation_log_error_std", M::kPrecipitationLogErrorStd},
            {"precipitation_error_lag1_days", M::kPrecipitationErrorLag1},
            {"precipitation_regional_share", M::kPrecipitationRegionalShare},
            {"precipitation_smeared_share", M::kPrecipitationSmearShare},
            {"precipitation_smear_hours", M::kPrecipitationSmearHours},
            {"pet_log_error_std", M::kPetLogErrorStd},
            {"soil_map", "3x3 mean of the cells' soil, porosity x exp(0.05 N), field capacity x "
                         "exp(0.10 N), ksat x exp(0.5 N)"},
            {"vegetation", "climatological LAI (no year-to-year change)"},
            {"layer", "0-7 cm: 5/7 of the 0-5 cm store + 2/7 of the 5-30 cm store"},
            {"smoothing", "3x3 binomial"}};
    else
        f.extra["error_model"] = {{"offset", 0.04},
                                  {"gain", 1.05},
                                  {"noise_std", 0.02},
                                  {"noise_memory_h", 72},
                                  {"smoothing", "3x3 binomial"}};
    ctx.manifest.addFile(f);
}

void writeCoarseTruth(TwinContext& ctx) {
    const auto times = hourlyTimes(ctx);
    const int nc = ctx.run.cells;
    {
        const std::vector<NcVariable> vars = {
            {"sm", "truth volumetric soil moisture 0-5 cm",
             "volume_fraction_of_condensed_water_in_soil", "m3 m-3", NcStorage::Float32},
            {"sm_rootzone",
             "truth volumetric soil moisture 5-30 cm (store below the surface layer)", "", "m3 m-3",
             NcStorage::Float32}};
        const std::string rel = "truth/sm_hourly_0p25deg.nc";
        CfNetcdfWriter w(ctx.output(rel), ctx.config.coarseGrid(), times, vars,
                         ctx.globalAttributes("Twin truth: hourly soil moisture"));
        writeHourly(w, "sm", ctx.config.hours, nc,
                    [&](int k, int c) { return ctx.run.at(ctx.run.theta, k, c); });
        writeHourly(w, "sm_rootzone", ctx.config.hours, nc,
                    [&](int k, int c) { return ctx.run.at(ctx.run.rootTheta, k, c); });
        w.close();
        ctx.manifest.addFile(
            seriesEntry(rel, "truth-sm-hourly",
                        "Truth soil moisture of the bucket model (state at the time stamp)",
                        "coarse", vars, times, "1h", true));
    }
    ctx.checkCanceled();
    const auto days = dailyTimes(ctx);
    const std::vector<std::string> names = {"storage_start", "precipitation", "runoff",
                                            "evaporation",   "drainage",      "storage_end"};
    const std::vector<std::string> longNames = {
        "water in 0-5 cm at 00 UTC",
        "precipitation over the day",
        "saturation-excess runoff over the day",
        "evaporation from 0-5 cm over the day",
        "net drainage out of 0-5 cm (gravity minus capillary rise)",
        "water in 0-5 cm at 24 UTC"};
    std::vector<NcVariable> vars;
    for (std::size_t i = 0; i < names.size(); ++i)
        vars.push_back({names[i], longNames[i], "", "mm", NcStorage::Float64});
    const std::string rel = "truth/water_balance_daily_0p25deg.nc";
    CfNetcdfWriter w(ctx.output(rel), ctx.config.coarseGrid(), days, vars,
                     ctx.globalAttributes("Twin truth: daily water balance of the 0-5 cm layer"));
    const std::size_t nd = days.size();
    std::vector<double> buf(nd * static_cast<std::size_t>(nc));
    for (std::size_t v = 0; v < names.size(); ++v) {
        for (std::size_t d = 0; d < nd; ++d)
            for (int c = 0; c < nc; ++c)
                buf[d * nc + c] = ctx.run.waterBalance[(d * nc + c) * 6 + v];
        w.write(names[v], 0, nd, buf.data());
    }
    w.close();
    ManifestFile f = seriesEntry(rel, "truth-water-balance",
                                 "Daily water balance: storage_end - storage_start = precipitation "
                                 "- runoff - evaporation - drainage",
                                 "coarse", vars, days, "1d", true);
    f.extra["layer_depth_mm"] = 50.0;
    ctx.manifest.addFile(f);
}

void writeCci(TwinContext& ctx) {
    const auto days = dailyTimes(ctx);
    const int nc = ctx.run.cells;
    const std::size_t nd = days.size();
    const std::uint64_t seed = ctx.config.seed;
    std::vector<double> sm(nd * nc), flag(nd * nc);
    // Random error: AR(1), lag-1 correlation 0.6, stationary std 0.015 m3/m3. The twin's 0.25°
    // truth varies less in time (std ≈ 0.04) than central-Iberian soil moisture, so an error
    // of the real product's absolute size (0.03) would drown the signal (per-cell R ≈ 0.78);
    // 0.015 keeps the signal-to-noise ratio of a merged product (R ≈ 0.93 against the areal truth).
    constexpr double kErrorStd = 0.015, kErrorLag1 = 0.6, kNoRetrieval = 0.2;
    const double innovation = kErrorStd * std::sqrt(1.0 - kErrorLag1 * kErrorLag1);
    for (int c = 0; c < nc; ++c) {
        double e = 0.0;
        const double treeFraction = ctx.cells[static_cast<std::size_t>(c)].fractions[0];
        for (std::size_t d = 0; d < nd; ++d) {
            double mean = 0.0;
            for (int h = 0; h < 24; ++h)
                mean += ctx.run.at(ctx.run.theta, static_cast<int>(d) * 24 + h, c) / 24.0;
            e = kErrorLag1 * e +
                innovation * normalAt(seed, 3201, static_cast<std::uint64_t>(c), d);
            const double lai = ctx.run.lai[d * nc + c];
            const std::size_t i = d * nc + c;
            const double u = uniformAt(seed, 3202, static_cast<std::uint64_t>(c), d);
            const double tsoil =
                ctx.run.at(ctx.run.soilTemperature, static_cast<int>(d) * 24 + 6, c);
            if (treeFraction > 0.55 || lai > 4.2)
                flag[i] = 1; // dense vegetation
            else if (tsoil < 0.0)
                flag[i] = 2; // frozen soil
            else if (u < kNoRetrieval)
                flag[i] = 3; // no retrieval that day
            else
                flag[i] = 0;
            sm[i] = flag[i] == 0 ? std::clamp(0.03 + 0.85 * mean + e, 0.0, 0.7) : std::nan("");
        }
    }
    const std::vector<NcVariable> vars = {
        {"sm", "ESA CCI-like combined volumetric soil moisture, daily",
         "volume_fraction_of_condensed_water_in_soil", "m3 m-3", NcStorage::Float32},
        {"flag",
         "retrieval flag",
         "",
         "1",
         NcStorage::Byte,
         1.0,
         0.0,
         true,
         {{"flag_meanings", "good dense_vegetation frozen_soil no_retrieval"}},
         {0, 1, 2, 3}}};
    const std::string rel = "cci/cci_sm_daily_0p25deg.nc";
    CfNetcdfWriter w(ctx.output(rel), ctx.config.coarseGrid(), days, vars,
                     ctx.globalAttributes("Twin CCI-like daily soil moisture"));
    w.write("sm", 0, nd, sm.data());
    w.write("flag", 0, nd, flag.data());
    w.close();
    ManifestFile f = seriesEntry(
        rel, "cci-sm",
        "CCI-like daily 0.25° product: daily mean truth x0.85 + 0.03 + AR noise, gaps flagged",
        "coarse", vars, days, "1d");
    f.extra["error_model"] = {{"offset", 0.03},
                              {"gain", 0.85},
                              {"noise_std", kErrorStd},
                              {"noise_lag1", kErrorLag1},
                              {"no_retrieval_share", kNoRetrieval},
                              {"flag_dense_vegetation", "tree fraction > 0.55 or LAI > 4.2"}};
    ctx.manifest.addFile(f);
}

} // namespace soilscope::demo
