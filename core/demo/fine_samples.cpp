#include "demo/fine_samples.h"

#include "base/parallel_rows.h"
#include "demo/fine_pixels.h"
#include "demo/spectral_model.h"
#include "demo/static_fields.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

constexpr double kMetresPerDegree = 111320.0;

/// Slope in degrees of the 60 m pixel at a point (Horn's method on its 60 m neighbours).
double fineSlope(const TwinContext& ctx, double lon, double lat) {
    const double dy = ctx.config.fineRes / kMetresPerDegree;
    const double dx = dy / std::cos(lat * M_PI / 180.0);
    std::array<double, 9> z{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            z[static_cast<std::size_t>(3 * r + c)] =
                fineSite(ctx, lon + (c - 1) * dx, lat - (r - 1) * dy).elevation_m;
    return hornSlopeAspect(z, ctx.config.fineRes, ctx.config.fineRes).slope_deg;
}

/// Cloud mask of a point: the cloud texture in map kilometres over the local cloud cover.
bool cloudyAt(const TwinContext& ctx, std::size_t scene, double lon, double lat,
              double weatherHour) {
    const double km = kMetresPerDegree / 1000.0;
    const double x = lon * km * std::cos(lat * M_PI / 180.0) / 24.0, y = lat * km / 24.0;
    return s2Cloudy(ctx, 4400 + scene, x, y, s2CloudCover(ctx, lon, lat, weatherHour));
}

} // namespace

void writeFineSamples(TwinContext& ctx, Feedback& progress) {
    const geo::Grid grid = ctx.config.fineSampleGrid();
    const std::size_t n = grid.pixelCount();
    const int w = grid.width(), h = grid.height();
    std::vector<geo::LonLat> ll(n), lstCentre(n);
    std::vector<SoilSite> sites(n), lstSites(n);
    std::vector<TwinContext::PointWeights> weights(n);
    std::vector<std::vector<float>> statics(4, std::vector<float>(n));
    const double lstRes = ctx.config.lstRes;
    parallelRows(h, [&](int r0, int r1) {
        for (int r = r0; r < r1; ++r)
            for (int c = 0; c < w; ++c) {
                const std::size_t i = static_cast<std::size_t>(r) * w + c;
                ll[i] = grid.pixelToLonLat(c, r);
                sites[i] = fineSite(ctx, ll[i].lon, ll[i].lat);
                weights[i] = ctx.pointWeights(ll[i].lon, ll[i].lat);
                // the ~1 km LST pixel that holds the sample, on the LST grid's lattice
                lstCentre[i] = {(std::floor(ll[i].lon / lstRes) + 0.5) * lstRes,
                                (std::floor(ll[i].lat / lstRes) + 0.5) * lstRes};
                lstSites[i] = ctx.landscape->at(lstCentre[i].lon, lstCentre[i].lat);
                statics[0][i] = static_cast<float>(sites[i].elevation_m);
                statics[1][i] = static_cast<float>(fineSlope(ctx, ll[i].lon, ll[i].lat));
                statics[2][i] = static_cast<float>(sites[i].sand_pct);
                statics[3][i] = static_cast<float>(sites[i].landCover);
            }
    });
    ctx.checkCanceled();
    {
        const std::vector<ManifestVariable> vars = {
            {"elevation", "m", "DEM of the 60 m pixel", 1},
            {"slope", "degree", "slope of the 60 m pixel", 2},
            {"sand", "%", "sand fraction", 3},
            {"land_cover", "1", "ESA WorldCover class code", 4}};
        writeStaticGeoTiff(ctx, "samples/static_60m_samples.tif", "static-60m-samples",
                           "Static layers of the sampled 60 m pixels (one 60 m pixel at each "
                           "lattice point, not a lattice-cell mean)",
                           "fine-samples", grid, statics, vars);
    }

    const std::vector<TimePoint> times = s2Times(ctx);
    std::vector<NcVariable> s2vars;
    for (const char* band : kS2Bands)
        s2vars.push_back({band,
                          std::string("surface reflectance ") + band +
                              " of the sampled 60 m pixel, clouds masked",
                          "surface_bidirectional_reflectance", "1", NcStorage::Int16, 1e-4});
    const std::vector<NcVariable> lstVars = {
        {"lst", "land surface temperature of the ~1 km pixel holding the sample, clear sky only",
         "surface_temperature", "K", NcStorage::Int16, 0.02, 273.15}};
    const std::string s2rel = "samples/s2_l2a_60m_samples.nc",
                      lstRel = "samples/lst_60m_samples.nc";
    CfNetcdfWriter s2(
        ctx.output(s2rel), grid, times, s2vars,
        ctx.globalAttributes("Twin Sentinel-2-like reflectances of sampled 60 m pixels"));
    CfNetcdfWriter lst(ctx.output(lstRel), grid, times, lstVars,
                       ctx.globalAttributes("Twin MODIS-like LST at the sampled 60 m pixels"));
    std::vector<std::vector<double>> bands(kS2Bands.size(), std::vector<double>(n));
    std::vector<double> lstValues(n);
    for (std::size_t t = 0; t < times.size(); ++t) {
        const S2Scene scene = s2Scene(ctx, times[t]);
        const double hourW = ctx.weatherHour(times[t]);
        parallelRows(h, [&](int r0, int r1) {
            for (int r = r0; r < r1; ++r) {
                TwinRng rng(hashKey(ctx.config.seed, 4102, t, static_cast<std::uint64_t>(r)));
                for (int c = 0; c < w; ++c) {
                    const std::size_t i = static_cast<std::size_t>(r) * w + c;
                    const bool cloudy = cloudyAt(ctx, t, ll[i].lon, ll[i].lat, hourW);
                    const auto observed = observedReflectance(
                        ctx, s2Pixel(scene, sites[i], weights[i]),
                        s2CorrelatedError(ctx, t, ll[i].lon, ll[i].lat), cloudy, rng);
                    for (std::size_t b = 0; b < bands.size(); ++b)
                        bands[b][i] = observed[b];
                    const auto lx =
                        static_cast<std::uint64_t>(std::llround(lstCentre[i].lon / lstRes));
                    const auto ly =
                        static_cast<std::uint64_t>(std::llround(lstCentre[i].lat / lstRes));
                    lstValues[i] = lstAt(ctx, lstCentre[i].lon, lstCentre[i].lat, lstSites[i],
                                         times[t], normalAt(ctx.config.seed, 4202, lx, ly, t));
                }
            }
        });
        for (std::size_t b = 0; b < bands.size(); ++b)
            s2.write(kS2Bands[b], t, 1, bands[b].data());
        lst.write("lst", t, 1, lstValues.data());
        ctx.checkCanceled();
        progress.setProgress(100.0 *
                             (static_cast<double>(t + 1) / static_cast<double>(times.size())));
    }
    s2.close();
    lst.close();
    const std::string step = std::to_string(ctx.config.s2IntervalDays) + "d";
    ctx.manifest.addFile(seriesEntry(s2rel, "sentinel2-l2a-samples",
                                     "Sentinel-2-like surface reflectance (scale 1e-4) of the "
                                     "sampled 60 m pixels, clouds set to missing",
                                     "fine-samples", s2vars, times, step));
    ctx.manifest.addFile(
        seriesEntry(lstRel, "lst-samples",
                    "MODIS-like daytime LST of the ~1 km pixel holding each sampled 60 m pixel, at "
                    "the Sentinel-2 dates; cloudy and <= 274 K missing",
                    "fine-samples", lstVars, times, step));
}

} // namespace soilscope::demo
