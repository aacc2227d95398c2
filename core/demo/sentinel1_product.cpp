#include "demo/satellite_products.h"

#include "demo/rough_surface_backscatter.h"
#include "demo/spectral_model.h"
#include "demo/twin_random.h"
#include "demo/vegetation.h"
#include "demo/water_cloud_model.h"
#include "kernels/water_cloud.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

namespace {

int yearOf(TimePoint t) {
    return static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.year());
}

using C = CanopyBeyondNdvi;

struct Acquisition {
    TimePoint time;
    int day = 0;
    bool ascending = false;
    double trackOrigin_km = 0.0;
};

void writeSarStatic(TwinContext& ctx, const geo::Grid& grid, const std::vector<SoilSite>& sites) {
    const std::size_t n = grid.pixelCount();
    std::vector<std::vector<float>> bands(9, std::vector<float>(n));
    for (std::size_t i = 0; i < n; ++i) {
        bands[0][i] = static_cast<float>(sites[i].elevation_m);
        bands[3][i] = static_cast<float>(sites[i].sand_pct);
        bands[4][i] = static_cast<float>(sites[i].clay_pct);
        bands[5][i] = static_cast<float>(sites[i].bulkDensity);
        bands[6][i] = static_cast<float>(sites[i].organicCarbon_pct);
        bands[7][i] = static_cast<float>(sites[i].porosity);
        bands[8][i] = static_cast<float>(sites[i].landCover);
    }
    slopeAspect(grid, bands[0], bands[1], bands[2]);
    const std::vector<ManifestVariable> vars = {
        {"elevation", "m", "elevation", 1},
        {"slope", "degree", "slope", 2},
        {"aspect", "degree", "downslope direction, clockwise from north", 3},
        {"sand", "%", "sand fraction", 4},
        {"clay", "%", "clay fraction", 5},
        {"bulk_density", "g cm-3", "bulk density", 6},
        {"organic_carbon", "%", "organic carbon", 7},
        {"porosity", "m3 m-3", "saturated water content", 8},
        {"land_cover", "1", "ESA WorldCover class code at the pixel centre", 9}};
    writeStaticGeoTiff(ctx, "static/static_sar_grid.tif", "static-sar-grid",
                       "Static layers on the Sentinel-1 grid (whole box)", "sar", grid, bands,
                       vars);
}

} // namespace

void writeSentinel1(TwinContext& ctx, Feedback& progress) {
    const geo::Grid grid = ctx.config.sarGrid();
    const std::size_t n = grid.pixelCount();
    std::vector<SoilSite> sites(n);
    std::vector<geo::LonLat> ll(n);
    std::vector<double> xKm(n);
    std::vector<TwinContext::PointWeights> weights(n);
    for (int r = 0; r < grid.height(); ++r)
        for (int c = 0; c < grid.width(); ++c) {
            const std::size_t i = static_cast<std::size_t>(r) * grid.width() + c;
            ll[i] = grid.pixelToLonLat(c, r);
            sites[i] = ctx.landscape->at(ll[i].lon, ll[i].lat);
            weights[i] = ctx.pointWeights(ll[i].lon, ll[i].lat);
            xKm[i] =
                (ll[i].lon - ctx.config.lonMin) * kKmPerDegree * std::cos(ll[i].lat * M_PI / 180.0);
        }
    writeSarStatic(ctx, grid, sites);
    ctx.checkCanceled();
    const bool realistic = ctx.config.realisticErrors;
    // Realistic errors: what a WCM does not know of each pixel (settled roughness, canopy
    // structure that scales its water content beyond what NDVI says) and the speckle left at the
    // pixel size.
    std::vector<double> settled(realistic ? n : 0), structure(realistic ? n : 0);
    if (realistic) {
        const double structureNoiseStd = fractalNoiseStd(3, 0.5);
        for (std::size_t i = 0; i < n; ++i) {
            settled[i] = SurfaceRoughness::settledRmsHeight(ctx.config.seed, ll[i].lon, ll[i].lat);
            const double x = ll[i].lon * std::cos(ll[i].lat * M_PI / 180.0);
            structure[i] = std::exp(C::kStructureLogStd / structureNoiseStd *
                                    fractalNoise(ctx.config.seed, 3604, x, ll[i].lat, 0.05, 3));
        }
    }
    const double pixelSide_m =
        ctx.config.sarRes * kKmPerDegree * 1000.0 *
        std::sqrt(std::cos((ctx.config.latMax - 0.5 * ctx.config.coarseNy * ctx.config.coarseRes) *
                           M_PI / 180.0));
    const double looks = sentinel1Looks(pixelSide_m);

    // Ascending track (S1A + S1B: 6-day repeat, 18:00 local) and descending track (S1A only:
    // 12-day repeat, 06:00 local); each date images the whole box.
    const double lonC = ctx.config.lonMin + 0.5 * ctx.config.coarseNx * ctx.config.coarseRes;
    std::vector<Acquisition> acq;
    for (int d = 0; d < ctx.config.days(); ++d) {
        for (int dir = 0; dir < 2; ++dir) {
            const bool asc = dir == 0;
            if (asc ? (d % 6 != 1) : (d % 12 != 4))
                continue;
            Acquisition a;
            a.day = d;
            a.ascending = asc;
            a.trackOrigin_km = asc ? 35.0 : 160.0;
            const double utc = (asc ? 18.0 : 6.0) - lonC / 15.0;
            a.time = ctx.config.start + std::chrono::hours(24 * d) +
                     std::chrono::minutes(std::lround(utc * 60.0));
            acq.push_back(a);
        }
    }
    std::vector<TimePoint> times;
    for (const auto& a : acq)
        times.push_back(a.time);
    const std::vector<NcVariable> vars = {
        {"vv", "backscatter coefficient sigma0 VV", "", "dB", NcStorage::Int16, 0.01},
        {"vh", "backscatter coefficient sigma0 VH", "", "dB", NcStorage::Int16, 0.01},
        {"incidence", "local incidence angle", "", "degree", NcStorage::Int16, 0.01},
        {"orbit_direction",
         "orbit direction",
         "",
         "1",
         NcStorage::Byte,
         1.0,
         0.0,
         true,
         {{"flag_meanings", "descending ascending"}},
         {0, 1}}};
    const std::vector<NcVariable> truthVars = {
        {"sm", "truth volumetric soil moisture 0-5 cm at the Sentinel-1 times",
         "volume_fraction_of_condensed_water_in_soil", "m3 m-3", NcStorage::Int16, 1e-4}};
    const std::string rel = "sentinel1/s1_sigma0.nc";
    const std::string truthRel = "truth/sm_sar_grid.nc";
    CfNetcdfWriter w(ctx.output(rel), grid, times, vars,
                     ctx.globalAttributes("Twin Sentinel-1-like backscatter"));
    CfNetcdfWriter truth(ctx.output(truthRel), grid, times, truthVars,
                         ctx.globalAttributes("Twin truth on the Sentinel-1 grid"));
    std::vector<double> vv(n), vh(n), inc(n), dirv(n), sm(n);
    for (std::size_t t = 0; t < acq.size(); ++t) {
        const Acquisition& a = acq[t];
        const int k = ctx.nearestHour(a.time);
        const double doy = ctx.weather->dayOfYear(ctx.weatherHour(a.time));
        const double yf = vegetation::yearFactor(ctx.config.seed, yearOf(a.time));
        const std::vector<double> saturation = ctx.cellSaturation(k);
        const double sceneOffsetVv =
                         kSentinel1RadiometricStabilityDb * normalAt(ctx.config.seed, 3605, t),
                     sceneOffsetVh =
                         kSentinel1RadiometricStabilityDb * normalAt(ctx.config.seed, 3607, t);
        for (std::size_t i = 0; i < n; ++i) {
            const SoilSite& s = sites[i];
            const double frac = std::fmod((xKm[i] - a.trackOrigin_km) / 250.0 + 10.0, 1.0);
            inc[i] = 30.0 + 16.0 * frac;
            dirv[i] = a.ascending ? 1 : 0;
            const double theta = TwinContext::thetaAt(s, weights[i], saturation);
            sm[i] = theta;
            const double nv = normalAt(ctx.config.seed, 3401, t, i),
                         nh = normalAt(ctx.config.seed, 3402, t, i);
            if (s.landCover == landcover::Water) {
                vv[i] = -22.0 + 1.5 * nv;
                vh[i] = -29.0 + 1.5 * nh;
            } else if (s.landCover == landcover::BuiltUp) {
                vv[i] = -4.0 + 1.0 * nv;
                vh[i] = -12.0 + 1.0 * nh;
            } else if (!realistic) {
                const double lai = vegetation::lai(s.landCover, doy, s.phenologyShift_days,
                                                   s.vegetationVigour, yf);
                const double vwc = vegetation::vwc(s.landCover, vegetation::ndvi(s.landCover, lai));
                vv[i] = wcmSigma0Db(TwinWcm::s1VV, theta, vwc, inc[i]) + 0.5 * nv;
                vh[i] = wcmSigma0Db(TwinWcm::s1VH, theta, vwc, inc[i]) + 0.6 * nh;
            } else {
                auto vwcOn = [&](double day) {
                    const double lai = vegetation::lai(s.landCover, day, s.phenologyShift_days,
                                                       s.vegetationVigour, yf);
                    return vegetation::vwc(s.landCover, vegetation::ndvi(s.landCover, lai));
                };
                // stems and ears stay wet for weeks after the leaves (and NDVI) have senesced
                const double now = vwcOn(doy), lagged = vwcOn(doy - C::kSenescenceLag_days);
                const double vwc = C::seenVwc(structure[i], now, lagged);
                const double rms = SurfaceRoughness::rmsHeight(ctx.config.seed, i, settled[i],
                                                               s.landCover, yearOf(a.time), doy);
                TwinRng rng(hashKey(ctx.config.seed, 3606, t, i));
                auto observed = [&](const WcmParameters& p, double soilDb, double offsetDb) {
                    const auto canopy = kernels::waterCloudCanopy(inc[i], 1.0, vwc, p.A, p.B);
                    const double sigma =
                        kernels::waterCloudObserved(std::pow(10.0, soilDb / 10.0), canopy) *
                        speckleFactor(rng, looks);
                    return 10.0 * std::log10(sigma) + offsetDb;
                };
                vv[i] = observed(TwinWcm::s1VV, duboisVvDb(toppPermittivity(theta), rms, inc[i]),
                                 sceneOffsetVv);
                vh[i] = observed(TwinWcm::s1VH, ohVhDb(theta, rms, inc[i]), sceneOffsetVh);
            }
        }
        w.write("vv", t, 1, vv.data());
        w.write("vh", t, 1, vh.data());
        w.write("incidence", t, 1, inc.data());
        w.write("orbit_direction", t, 1, dirv.data());
        truth.write("sm", t, 1, sm.data());
        progress.setProgress(100.0 *
                             (0.8 * static_cast<double>(t + 1) / static_cast<double>(acq.size())));
        ctx.checkCanceled();
    }
    w.close();
    truth.close();
    ManifestFile f = seriesEntry(
        rel, "sentinel1",
        "Sentinel-1-like sigma0 (dB): ascending 6-day track at 18:00, descending 12-day track at "
        "06:00 local solar time; incidence 30-46 degrees across 250 km swaths",
        "sar", vars, times, "irregular");
    ctx.manifest.addFile(f);
    ctx.manifest.addFile(
        seriesEntry(truthRel, "truth-sm-sar-grid",
                    "Truth soil moisture on the Sentinel-1 grid at the Sentinel-1 times", "sar",
                    truthVars, times, "irregular", true));

    // MODIS-like 8-day NDVI and NDWI composites (value at the composite's middle day).
    std::vector<TimePoint> ndviTimes;
    std::vector<int> ndviDays;
    for (int d = 0; d < ctx.config.days(); ++d) {
        const TimePoint t = ctx.timeOf(24 * d);
        const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
        const int doy = static_cast<int>(
            (std::chrono::sys_days{ymd} - std::chrono::sys_days{ymd.year() / 1 / 1}).count());
        if (doy % 8 == 0) {
            ndviTimes.push_back(t);
            ndviDays.push_back(d);
        }
    }
    const std::vector<NcVariable> optVars = {
        {"ndvi", "NDVI 8-day composite (B08/B04)", "", "1", NcStorage::Int16, 1e-4},
        {"ndwi", "NDWI 8-day composite (B8A/B12)", "", "1", NcStorage::Int16, 1e-4}};
    const std::string optRel = "optical/ndvi_8day.nc";
    CfNetcdfWriter ow(ctx.output(optRel), grid, ndviTimes, optVars,
                      ctx.globalAttributes("Twin MODIS-like 8-day vegetation indices"));
    std::vector<double> ndvi(n), ndwi(n);
    for (std::size_t t = 0; t < ndviDays.size(); ++t) {
        const int d = std::min(ndviDays[t] + 4, ctx.config.days() - 1);
        const int k = 24 * d + 11;
        const double doy = ctx.weather->dayOfYear(ctx.weatherHour(ctx.timeOf(k)));
        const double yf = vegetation::yearFactor(ctx.config.seed, yearOf(ctx.timeOf(k)));
        const std::vector<double> saturation = ctx.cellSaturation(k);
        for (std::size_t i = 0; i < n; ++i) {
            const SoilSite& s = sites[i];
            const double lai =
                vegetation::lai(s.landCover, doy, s.phenologyShift_days, s.vegetationVigour, yf);
            const double theta = TwinContext::thetaAt(s, weights[i], saturation);
            const auto r = s2Reflectance(s.landCover, lai, s.soilBrightness,
                                         std::isfinite(theta) ? relativeSaturation(s, theta) : 1.0);
            ndvi[i] = ndviOf(r) + 0.015 * normalAt(ctx.config.seed, 3501, t, i);
            ndwi[i] = ndwiOf(r) + 0.015 * normalAt(ctx.config.seed, 3502, t, i);
        }
        ow.write("ndvi", t, 1, ndvi.data());
        ow.write("ndwi", t, 1, ndwi.data());
        progress.setProgress(100.0 * (0.8 + 0.2 * static_cast<double>(t + 1) /
                                                static_cast<double>(ndviDays.size())));
    }
    ow.close();
    ctx.manifest.addFile(seriesEntry(
        optRel, "optical-8day",
        "MODIS-like 8-day NDVI and NDWI on the Sentinel-1 grid (first day of each 8-day period)",
        "sar", optVars, ndviTimes, "8d"));
}

} // namespace soilscope::demo
