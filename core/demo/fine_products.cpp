#include "demo/fine_products.h"

#include "base/parallel_rows.h"
#include "demo/fine_pixels.h"
#include "demo/spectral_model.h"
#include "demo/twin_random.h"

#include <algorithm>
#include <cmath>

namespace soilscope::demo {

void writeFineProducts(TwinContext& ctx, Feedback& progress) {
    const geo::Grid grid = ctx.config.fineGrid();
    const std::size_t n = grid.pixelCount();
    const int w = grid.width(), h = grid.height();
    std::vector<double> lon(n), lat(n);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const geo::MapPoint m = grid.pixelCenter(c, r);
            lon[static_cast<std::size_t>(r) * w + c] = m.x;
            lat[static_cast<std::size_t>(r) * w + c] = m.y;
        }
    grid.mapToLonLat(lon, lat);
    std::vector<SoilSite> sites(n);
    std::vector<TwinContext::PointWeights> weights(n);
    parallelRows(h, [&](int r0, int r1) {
        for (std::size_t i = static_cast<std::size_t>(r0) * w; i < static_cast<std::size_t>(r1) * w;
             ++i) {
            sites[i] = fineSite(ctx, lon[i], lat[i]);
            weights[i] = ctx.pointWeights(lon[i], lat[i]);
        }
    });
    ctx.checkCanceled();

    // Static layers at 60 m.
    {
        std::vector<std::vector<float>> bands(8, std::vector<float>(n));
        for (std::size_t i = 0; i < n; ++i) {
            bands[0][i] = static_cast<float>(sites[i].elevation_m);
            bands[3][i] = static_cast<float>(sites[i].sand_pct);
            bands[4][i] = static_cast<float>(sites[i].clay_pct);
            bands[5][i] = static_cast<float>(sites[i].porosity);
            bands[6][i] = static_cast<float>(sites[i].residual);
            bands[7][i] = static_cast<float>(sites[i].landCover);
        }
        slopeAspect(grid, bands[0], bands[1], bands[2]);
        const std::vector<ManifestVariable> vars = {
            {"elevation", "m", "DEM", 1},
            {"slope", "degree", "slope", 2},
            {"aspect", "degree", "downslope direction, clockwise from north", 3},
            {"sand", "%", "sand fraction", 4},
            {"clay", "%", "clay fraction", 5},
            {"porosity", "m3 m-3", "saturated water content", 6},
            {"residual_water_content", "m3 m-3", "residual water content", 7},
            {"land_cover", "1", "ESA WorldCover class code", 8}};
        writeStaticGeoTiff(ctx, "static/static_60m.tif", "static-60m",
                           "Static 60 m layers of the fine area (UTM); the DEM includes "
                           "sub-kilometre relief (~1 km to 120 m "
                           "wavelengths) that coarser grids average away",
                           "fine", grid, bands, vars);
    }

    const double centreLon = lon[n / 2 + static_cast<std::size_t>(w) / 2];
    const double centreLat = lat[n / 2 + static_cast<std::size_t>(w) / 2];
    const std::vector<TimePoint> times = s2Times(ctx);
    std::vector<NcVariable> s2vars;
    for (std::size_t b = 0; b < kS2Bands.size(); ++b)
        s2vars.push_back({kS2Bands[b],
                          std::string("surface reflectance ") + kS2Bands[b] + " (" +
                              std::to_string(static_cast<int>(kS2Wavelengths[b])) +
                              " nm), clouds masked",
                          "surface_bidirectional_reflectance", "1", NcStorage::Int16, 1e-4});
    const std::vector<NcVariable> truthVars = {
        {"sm", "truth volumetric soil moisture 0-5 cm at 60 m",
         "volume_fraction_of_condensed_water_in_soil", "m3 m-3", NcStorage::Int16, 1e-4}};
    const std::string s2rel = "sentinel2/s2_l2a_60m.nc";
    const std::string truthRel = "truth/sm_fine_60m.nc";
    CfNetcdfWriter s2(ctx.output(s2rel), grid, times, s2vars,
                      ctx.globalAttributes("Twin Sentinel-2-like L2A reflectances at 60 m"));
    CfNetcdfWriter truth(
        ctx.output(truthRel), grid, times, truthVars,
        ctx.globalAttributes("Twin truth: 60 m soil moisture at Sentinel-2 times"));

    const int cw = (w + 3) / 4, ch = (h + 3) / 4;
    std::vector<std::vector<double>> bands(9, std::vector<double>(n));
    std::vector<double> sm(n);
    std::vector<float> cloudFraction;
    for (std::size_t t = 0; t < times.size(); ++t) {
        const double hourW = ctx.weatherHour(times[t]);
        const double cover = s2CloudCover(ctx, centreLon, centreLat, hourW);
        // Cloud texture on a 4x coarser lattice, thresholded by the cloud cover of the scene.
        std::vector<std::uint8_t> cloud(static_cast<std::size_t>(cw) * ch);
        for (int r = 0; r < ch; ++r)
            for (int c = 0; c < cw; ++c)
                cloud[static_cast<std::size_t>(r) * cw + c] =
                    s2Cloudy(ctx, 4000 + t, c * 0.01, r * 0.01, cover) ? 1 : 0;
        const S2Scene scene = s2Scene(ctx, times[t]);
        std::vector<std::size_t> cloudyRows(static_cast<std::size_t>(h), 0);
        parallelRows(h, [&](int r0, int r1) {
            for (int r = r0; r < r1; ++r) {
                TwinRng rng(hashKey(ctx.config.seed, 4101, t, static_cast<std::uint64_t>(r)));
                for (int c = 0; c < w; ++c) {
                    const std::size_t i = static_cast<std::size_t>(r) * w + c;
                    const S2Pixel pixel = s2Pixel(scene, sites[i], weights[i]);
                    sm[i] = pixel.theta;
                    const bool isCloud = cloud[static_cast<std::size_t>(r / 4) * cw + c / 4] != 0;
                    cloudyRows[static_cast<std::size_t>(r)] += isCloud ? 1 : 0;
                    const auto observed = observedReflectance(
                        ctx, pixel, s2CorrelatedError(ctx, t, lon[i], lat[i]), isCloud, rng);
                    for (std::size_t b = 0; b < 9; ++b)
                        bands[b][i] = observed[b];
                }
            }
        });
        std::size_t cloudy = 0;
        for (std::size_t c : cloudyRows)
            cloudy += c;
        cloudFraction.push_back(
            static_cast<float>(static_cast<double>(cloudy) / static_cast<double>(n)));
        for (std::size_t b = 0; b < 9; ++b)
            s2.write(kS2Bands[b], t, 1, bands[b].data());
        truth.write("sm", t, 1, sm.data());
        ctx.checkCanceled();
        progress.setProgress(100.0 *
                             (static_cast<double>(t + 1) / static_cast<double>(times.size())));
    }
    s2.close();
    truth.close();
    ManifestFile f =
        seriesEntry(s2rel, "sentinel2-l2a",
                    "Sentinel-2-like surface reflectance (scale 1e-4), 10:30 local solar time, "
                    "clouds set to missing",
                    "fine", s2vars, times, std::to_string(ctx.config.s2IntervalDays) + "d");
    f.extra["cloud_fraction"] = cloudFraction;
    ctx.manifest.addFile(f);
    ctx.manifest.addFile(seriesEntry(
        truthRel, "truth-sm-fine",
        "Truth soil moisture at 60 m at the Sentinel-2 times (downscaled from the 0.25° truth with "
        "wetness and texture, and the sub-kilometre relief of the 60 m DEM: hollows wetter, rises "
        "drier)",
        "fine", truthVars, times, std::to_string(ctx.config.s2IntervalDays) + "d", true));
}

void writeLst(TwinContext& ctx) {
    const geo::Grid grid = ctx.config.lstGrid();
    const std::size_t n = grid.pixelCount();
    std::vector<SoilSite> sites(n);
    std::vector<geo::LonLat> ll(n);
    for (int r = 0; r < grid.height(); ++r)
        for (int c = 0; c < grid.width(); ++c) {
            const std::size_t i = static_cast<std::size_t>(r) * grid.width() + c;
            ll[i] = grid.pixelToLonLat(c, r);
            sites[i] = ctx.landscape->at(ll[i].lon, ll[i].lat);
        }
    const int days = ctx.config.days();
    std::vector<TimePoint> times;
    const double centreLon = ll[n / 2].lon;
    for (int d = 0; d < days; ++d)
        times.push_back(solarTimeUtc(ctx, d, 10.5, centreLon));
    const std::vector<NcVariable> vars = {
        {"lst", "land surface temperature, daytime (10:30 local solar time), clear sky only",
         "surface_temperature", "K", NcStorage::Int16, 0.02, 273.15}};
    const std::string rel = "lst/lst_daily_1km.nc";
    CfNetcdfWriter w(ctx.output(rel), grid, times, vars,
                     ctx.globalAttributes("Twin MODIS-like daily land surface temperature"));
    std::vector<double> buf(n * static_cast<std::size_t>(days));
    for (int d = 0; d < days; ++d)
        for (std::size_t i = 0; i < n; ++i)
            buf[static_cast<std::size_t>(d) * n + i] =
                lstAt(ctx, ll[i].lon, ll[i].lat, sites[i], times[static_cast<std::size_t>(d)],
                      normalAt(ctx.config.seed, 4201, i, static_cast<std::uint64_t>(d)));
    w.write("lst", 0, static_cast<std::size_t>(days), buf.data());
    w.close();
    ctx.manifest.addFile(seriesEntry(rel, "lst",
                                     "MODIS-like daily daytime LST over the fine area (~1 km, "
                                     "0.01°); cloudy pixels and LST <= 274 K missing",
                                     "lst", vars, times, "1d"));
}

void writePrecipitation(TwinContext& ctx) {
    const geo::Grid grid = ctx.config.precipGrid();
    const std::size_t n = grid.pixelCount();
    const int days = ctx.config.days();
    std::vector<geo::LonLat> ll(n);
    for (int r = 0; r < grid.height(); ++r)
        for (int c = 0; c < grid.width(); ++c)
            ll[static_cast<std::size_t>(r) * grid.width() + c] = grid.pixelToLonLat(c, r);
    std::vector<TimePoint> times;
    for (int d = 0; d < days; ++d)
        times.push_back(ctx.timeOf(24 * d));
    std::vector<double> buf(n * static_cast<std::size_t>(days), 0.0);
    const int spin = ctx.run.spinUpHours;
    for (int d = 0; d < days; ++d) {
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (int k = 24 * d + 1; k <= 24 * d + 24; ++k)
                sum += ctx.weather->precipitation(ll[i].lon, ll[i].lat, k + spin);
            buf[static_cast<std::size_t>(d) * n + i] = sum;
        }
        if (d % 30 == 0)
            ctx.checkCanceled();
    }
    const std::vector<NcVariable> vars = {
        {"tp", "total precipitation from 00 UTC of the day to 00 UTC of the next day",
         "precipitation_amount", "mm", NcStorage::Float32}};
    const std::string rel = "precipitation/precip_daily_0p1deg.nc";
    CfNetcdfWriter w(ctx.output(rel), grid, times, vars,
                     ctx.globalAttributes("Twin ERA5-Land-like daily precipitation at 0.1°"));
    w.write("tp", 0, static_cast<std::size_t>(days), buf.data());
    w.close();
    ctx.manifest.addFile(seriesEntry(
        rel, "precipitation-0p1deg",
        "Daily precipitation at 0.1° from the same storms (point values at the pixel centres)",
        "precip", vars, times, "1d"));
}

} // namespace soilscope::demo
