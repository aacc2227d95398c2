#include "demo/coarse_simulation.h"

#include "demo/reanalysis_model.h"
#include "demo/vegetation.h"
#include "demo/water_balance.h"

#include <chrono>
#include <cmath>
#include <optional>

namespace soilscope::demo {

double siteLai(std::uint64_t seed, const SoilSite& site, int landCover, double dayOfYear,
               int year) {
    return vegetation::lai(landCover, dayOfYear, site.phenologyShift_days, site.vegetationVigour,
                           vegetation::yearFactor(seed, year));
}

void cellVegetation(std::uint64_t seed, const CellSite& cell, double dayOfYear, int year,
                    double& lai, double& laiHigh, double& laiLow, double& ndvi) {
    lai = laiHigh = laiLow = ndvi = 0.0;
    for (std::size_t k = 0; k < 5; ++k) {
        const int lc = landcover::Classes[k];
        const double l = siteLai(seed, cell.site, lc, dayOfYear, year);
        lai += cell.fractions[k] * l;
        ndvi += cell.fractions[k] * vegetation::ndvi(lc, l);
        if (lc == landcover::Tree)
            laiHigh += cell.fractions[k] * l;
        if (lc == landcover::Grassland || lc == landcover::Cropland)
            laiLow += cell.fractions[k] * l;
    }
}

namespace {

int yearOf(TimePoint t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return static_cast<int>(ymd.year());
}

} // namespace

CoarseRun simulateCoarse(const TwinConfig& config, const Weather& weather,
                         const std::vector<CellSite>& cells,
                         const std::vector<StationSite>& stations, Feedback& progress) {
    CoarseRun run;
    run.hours = config.hours;
    run.cells = static_cast<int>(cells.size());
    run.stations = static_cast<int>(stations.size());
    run.spinUpHours = config.spinUpDays * 24;
    const std::size_t nc = cells.size(), ns = stations.size();
    const std::size_t nh = static_cast<std::size_t>(config.hours);
    const std::size_t nd = static_cast<std::size_t>(config.days());
    for (auto* v : {&run.theta, &run.rootTheta, &run.precipitation, &run.airTemperature,
                    &run.soilTemperature, &run.shortwave})
        v->assign(nh * nc, 0.0f);
    for (auto* v : {&run.lai, &run.laiHigh, &run.laiLow, &run.ndvi})
        v->assign(nd * nc, 0.0f);
    run.waterBalance.assign(nd * nc * 6, 0.0);
    run.stationTheta.assign(nh * ns, 0.0f);
    run.stationSoilTemperature.assign(nh * ns, 0.0f);

    std::optional<ReanalysisModel> reanalysis;
    if (config.realisticErrors) {
        reanalysis.emplace(config, cells);
        run.reanalysisTheta.assign(nh * nc, 0.0f);
        run.reanalysisLaiHigh.assign(nd * nc, 0.0f);
        run.reanalysisLaiLow.assign(nd * nc, 0.0f);
    }
    std::vector<SurfaceBucket> cellBuckets, stationBuckets;
    // A cell's bucket has the cell-average soil; built-up and water fractions only act through
    // the vegetation cover.
    for (const auto& c : cells)
        cellBuckets.emplace_back(c.site);
    for (const auto& st : stations)
        stationBuckets.emplace_back(st.site);

    const int total = run.spinUpHours + config.hours;
    std::vector<double> cellCover(nc, 0.0), stationCover(ns, 0.0);
    const double sub = 0.25 * config.coarseRes;
    for (int h = 1; h <= total; ++h) {
        const int k = h - run.spinUpHours; // output hour index of the state after this step
        const TimePoint t = weather.origin() + std::chrono::hours(h);
        if ((h - 1) % 24 == 0) {
            const double doy = weather.dayOfYear(h - 0.5 + 12.0);
            const int year = yearOf(t);
            for (std::size_t c = 0; c < nc; ++c) {
                double lai, hi, lo, ndvi;
                cellVegetation(config.seed, cells[c], doy, year, lai, hi, lo, ndvi);
                cellCover[c] = vegetation::cover(lai);
                const int day = (k - 1) / 24;
                if (k >= 1 && day >= 0 && static_cast<std::size_t>(day) < nd) {
                    const std::size_t i = static_cast<std::size_t>(day) * nc + c;
                    run.lai[i] = static_cast<float>(lai);
                    run.laiHigh[i] = static_cast<float>(hi);
                    run.laiLow[i] = static_cast<float>(lo);
                    run.ndvi[i] = static_cast<float>(ndvi);
                }
            }
            if (reanalysis) {
                reanalysis->startDay((h - 1) / 24, doy);
                const int day = (k - 1) / 24;
                if (k >= 1 && day >= 0 && static_cast<std::size_t>(day) < nd)
                    for (std::size_t c = 0; c < nc; ++c) {
                        const std::size_t i = static_cast<std::size_t>(day) * nc + c;
                        run.reanalysisLaiHigh[i] = static_cast<float>(reanalysis->laiHigh(c));
                        run.reanalysisLaiLow[i] = static_cast<float>(reanalysis->laiLow(c));
                    }
            }
            for (std::size_t s = 0; s < ns; ++s)
                stationCover[s] = vegetation::cover(
                    siteLai(config.seed, stations[s].site, stations[s].site.landCover, doy, year));
        }
        for (std::size_t c = 0; c < nc; ++c) {
            const CellSite& cell = cells[c];
            double p = 0.0;
            for (int q = 0; q < 4; ++q)
                p += 0.25 * weather.precipitation(cell.lon + ((q & 1) ? sub : -sub),
                                                  cell.lat + ((q & 2) ? sub : -sub), h);
            const double pet =
                weather.potentialEvaporation(cell.lon, cell.lat, cell.site.elevation_m, h);
            if (reanalysis) {
                reanalysis->step(c, p, pet);
                if (k >= 0 && k < config.hours)
                    run.reanalysisTheta[static_cast<std::size_t>(k) * nc + c] =
                        static_cast<float>(reanalysis->layerTheta(c));
            }
            const double before = cellBuckets[c].storage();
            const BucketFluxes f = cellBuckets[c].step(p, pet, cellCover[c]);
            if (k >= 0 && k <= config.hours) {
                // Water balance of the day that this step belongs to: steps ending in (00, 24] UTC.
                if (k >= 1) {
                    const std::size_t day = static_cast<std::size_t>((k - 1) / 24);
                    if (day < nd) {
                        double* wb = &run.waterBalance[(day * nc + c) * 6];
                        if ((k - 1) % 24 == 0)
                            wb[0] = before;
                        wb[1] += f.precipitation;
                        wb[2] += f.runoff;
                        wb[3] += f.evaporation;
                        wb[4] += f.drainage;
                        wb[5] = cellBuckets[c].storage();
                    }
                }
                if (k < config.hours) {
                    const std::size_t i = static_cast<std::size_t>(k) * nc + c;
                    run.theta[i] = static_cast<float>(cellBuckets[c].theta());
                    run.rootTheta[i] = static_cast<float>(cellBuckets[c].rootTheta());
                    run.precipitation[i] = static_cast<float>(p);
                    run.airTemperature[i] = static_cast<float>(
                        weather.airTemperature(cell.lon, cell.lat, cell.site.elevation_m, h));
                    run.soilTemperature[i] = static_cast<float>(
                        weather.soilTemperature(cell.lon, cell.lat, cell.site.elevation_m, h));
                    run.shortwave[i] =
                        static_cast<float>(weather.shortwave(cell.lon, cell.lat, h - 0.5));
                }
            }
        }
        for (std::size_t s = 0; s < ns; ++s) {
            const StationSite& st = stations[s];
            const double p = weather.precipitation(st.lon, st.lat, h);
            const double pet = weather.potentialEvaporation(st.lon, st.lat, st.site.elevation_m, h);
            stationBuckets[s].step(p, pet, stationCover[s]);
            if (k >= 0 && k < config.hours) {
                const std::size_t i = static_cast<std::size_t>(k) * ns + s;
                run.stationTheta[i] = static_cast<float>(stationBuckets[s].theta());
                run.stationSoilTemperature[i] = static_cast<float>(
                    weather.soilTemperature(st.lon, st.lat, st.site.elevation_m, h));
            }
        }
        if (h % 240 == 0) {
            progress.setProgress(100.0 * static_cast<double>(h) / total);
            progress.throwIfCanceled();
        }
    }
    return run;
}

} // namespace soilscope::demo
