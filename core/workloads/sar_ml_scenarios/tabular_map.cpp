#include "workloads/sar_ml_scenarios/tabular_map.h"

#include "base/error.h"
#include "geo/geotiff_writer.h"

#include <cmath>

namespace soilscope::workloads {

TabularMap writeTabularMap(const project::ProjectFile& p, const project::ProjectData& data,
                           const features::Normaliser& normaliser,
                           const models::TrainedModel& model, const std::filesystem::path& path,
                           const std::string& band, std::size_t lookBack) {
    if (data.dates.empty())
        throw Error("no sample dates for a prediction map", p.file.string());
    const geo::Window full{0, 0, data.grid.width(), data.grid.height()};
    const std::size_t n = data.grid.pixelCount();
    TabularMap best;
    best.pixels = n;
    std::vector<std::size_t> bestPixels;
    std::vector<float> bestRows;
    for (std::size_t k = data.dates.size(); k-- > 0 && data.dates.size() - k <= lookBack;) {
        const auto planes = data.engine->evaluate(full, data.dates[k]);
        const auto mask = project::frameMask(p, data, planes, full, data.dates[k]);
        std::vector<std::size_t> pixels;
        std::vector<float> rows;
        for (std::size_t i = 0; i < n; ++i) {
            bool ok = mask.empty() || mask[i];
            for (const auto& plane : planes)
                ok = ok && std::isfinite(plane[i]);
            if (!ok)
                continue;
            pixels.push_back(i);
            for (const auto& plane : planes)
                rows.push_back(plane[i]);
        }
        if (pixels.size() > best.validPixels) {
            best.validPixels = pixels.size();
            best.date = data.dates[k];
            bestPixels = std::move(pixels);
            bestRows = std::move(rows);
        }
        if (2 * best.validPixels > n)
            break;
    }
    if (best.validPixels == 0)
        throw Error("no date with valid predictors for a prediction map", p.file.string());
    normaliser.applyRows(bestRows.data(), bestPixels.size());
    const auto pred = model.predict(bestRows.data(), bestPixels.size());
    std::vector<float> map(n, NAN);
    for (std::size_t q = 0; q < bestPixels.size(); ++q)
        map[bestPixels[q]] = pred[q];
    geo::GeoTiffOptions to;
    to.bandDescriptions = {band + " " + formatIsoTime(best.date)};
    to.bandUnits = {"m3 m-3"};
    geo::writeGeoTiff(path, data.grid, {map}, to);
    best.values = std::move(map);
    return best;
}

} // namespace soilscope::workloads
