#include "products/gridding.h"

#include "base/error.h"
#include "products/point_series_file.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace soilscope::products {

GriddingMethod parseGriddingMethod(const std::string& text) {
    if (text == "nearest")
        return GriddingMethod::Nearest;
    if (text == "idw")
        return GriddingMethod::InverseDistance;
    if (text == "mean")
        return GriddingMethod::CellMean;
    throw UsageError("unknown gridding method '" + text + "' (nearest, idw, mean)");
}

PointGridder::PointGridder(const geo::Grid& grid, GriddingMethod method, double radiusKm)
    : m_grid(grid), m_method(method), m_radiusKm(radiusKm) {
    if (!grid.hasCrs())
        throw Error("the target grid has no coordinate reference system");
    m_cellLon.reserve(grid.pixelCount());
    m_cellLat.reserve(grid.pixelCount());
    for (int r = 0; r < grid.height(); ++r)
        for (int c = 0; c < grid.width(); ++c) {
            const auto p = grid.pixelCenter(c, r);
            m_cellLon.push_back(p.x);
            m_cellLat.push_back(p.y);
        }
    m_grid.mapToLonLat(m_cellLon, m_cellLat);
}

std::vector<float> PointGridder::grid(const std::vector<double>& lon,
                                      const std::vector<double>& lat,
                                      const std::vector<double>& values) const {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> out(m_grid.pixelCount(), nan);
    if (m_method == GriddingMethod::CellMean) {
        std::vector<double> x(lon), y(lat);
        m_grid.lonLatToMap(x, y);
        std::vector<double> sum(out.size(), 0.0);
        std::vector<int> n(out.size(), 0);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!std::isfinite(values[i]) || !std::isfinite(x[i]))
                continue;
            const auto px = m_grid.mapToPixel(x[i], y[i]);
            const long long c = static_cast<long long>(std::floor(px.col));
            const long long r = static_cast<long long>(std::floor(px.row));
            if (c < 0 || r < 0 || c >= m_grid.width() || r >= m_grid.height())
                continue;
            const auto k = static_cast<std::size_t>(r * m_grid.width() + c);
            sum[k] += values[i];
            ++n[k];
        }
        for (std::size_t k = 0; k < out.size(); ++k)
            if (n[k] > 0)
                out[k] = static_cast<float>(sum[k] / n[k]);
        return out;
    }
    // Buckets of observations on a lon/lat lattice as coarse as the radius.
    const double cellDeg = std::max(m_radiusKm / 111.0, 1e-6);
    const auto key = [&](double lo, double la) {
        const auto i = static_cast<long long>(std::floor(lo / cellDeg));
        const auto j = static_cast<long long>(std::floor(la / cellDeg));
        return i * 1000003LL + j;
    };
    std::unordered_map<long long, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isfinite(values[i]) && std::isfinite(lon[i]) && std::isfinite(lat[i]))
            buckets[key(lon[i], lat[i])].push_back(i);
    if (buckets.empty())
        return out;
    for (std::size_t k = 0; k < out.size(); ++k) {
        const double clon = m_cellLon[k], clat = m_cellLat[k];
        const double cosLat = std::max(0.01, std::cos(clat * 3.14159265358979323846 / 180.0));
        const long long spanLon = static_cast<long long>(std::ceil(1.0 / cosLat)) + 1;
        const auto i0 = static_cast<long long>(std::floor(clon / cellDeg));
        const auto j0 = static_cast<long long>(std::floor(clat / cellDeg));
        double best = std::numeric_limits<double>::infinity(), bestValue = 0.0;
        double wsum = 0.0, vsum = 0.0;
        for (long long i = i0 - spanLon; i <= i0 + spanLon; ++i)
            for (long long j = j0 - 1; j <= j0 + 1; ++j) {
                const auto it = buckets.find(i * 1000003LL + j);
                if (it == buckets.end())
                    continue;
                for (const std::size_t p : it->second) {
                    const double d = distanceKm(clon, clat, lon[p], lat[p]);
                    if (d > m_radiusKm)
                        continue;
                    if (d < best) {
                        best = d;
                        bestValue = values[p];
                    }
                    const double w = 1.0 / std::max(d * d, 1e-6);
                    wsum += w;
                    vsum += w * values[p];
                }
            }
        if (!std::isfinite(best))
            continue;
        out[k] = static_cast<float>(m_method == GriddingMethod::Nearest ? bestValue : vsum / wsum);
    }
    return out;
}

} // namespace soilscope::products
