#include "products/gridding.h"

#include "base/error.h"
#include "base/parallel_rows.h"
#include "products/point_series_file.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace soilscope::products {

namespace {

/// The observations with a value, in buckets of a lon/lat lattice at least as coarse as the
/// radius, so that those within reach of a point lie in its bucket's neighbours. The lattice is
/// stored densely over the observations' extent (cells in order, each bucket's observations in
/// the order given): a bucket is found by index, not by hashing, for each of a grid's cells.
class ObservationLattice {
  public:
    ObservationLattice(const std::vector<double>& lon, const std::vector<double>& lat,
                       const std::vector<double>& values, double radiusKm) {
        std::vector<std::uint32_t> kept;
        double lonMin = 360, lonMax = -360, latMin = 90, latMax = -90;
        for (std::size_t i = 0; i < values.size(); ++i)
            if (std::isfinite(values[i]) && std::isfinite(lon[i]) && std::isfinite(lat[i])) {
                kept.push_back(static_cast<std::uint32_t>(i));
                lonMin = std::min(lonMin, lon[i]);
                lonMax = std::max(lonMax, lon[i]);
                latMin = std::min(latMin, lat[i]);
                latMax = std::max(latMax, lat[i]);
            }
        if (kept.empty())
            return;
        m_cellDeg = std::max(radiusKm / 111.0, 1e-6);
        // Coarser where a lattice as fine as the radius would take too much memory.
        const double fine = (lonMax - lonMin) / m_cellDeg * ((latMax - latMin) / m_cellDeg);
        if (fine > kMaxBuckets)
            m_cellDeg *= std::sqrt(fine / kMaxBuckets);
        m_i0 = column(lonMin);
        m_j0 = row(latMin);
        m_ni = column(lonMax) - m_i0 + 1;
        m_nj = row(latMax) - m_j0 + 1;
        m_start.assign(static_cast<std::size_t>(m_ni * m_nj) + 1, 0);
        for (const auto i : kept)
            ++m_start[slot(column(lon[i]), row(lat[i])) + 1];
        for (std::size_t b = 1; b < m_start.size(); ++b)
            m_start[b] += m_start[b - 1];
        m_members.resize(kept.size());
        std::vector<std::uint32_t> fill(m_start.begin(), m_start.end() - 1);
        for (const auto i : kept)
            m_members[fill[slot(column(lon[i]), row(lat[i]))]++] = i;
    }

    bool empty() const { return m_members.empty(); }
    long long column(double lon) const {
        return static_cast<long long>(std::floor(lon / m_cellDeg));
    }
    long long row(double lat) const { return static_cast<long long>(std::floor(lat / m_cellDeg)); }
    std::span<const std::uint32_t> bucket(long long i, long long j) const {
        if (i < m_i0 || j < m_j0 || i >= m_i0 + m_ni || j >= m_j0 + m_nj)
            return {};
        const std::size_t b = slot(i, j);
        return {m_members.data() + m_start[b], m_members.data() + m_start[b + 1]};
    }

  private:
    static constexpr double kMaxBuckets = 16e6;
    std::size_t slot(long long i, long long j) const {
        return static_cast<std::size_t>((i - m_i0) * m_nj + (j - m_j0));
    }
    double m_cellDeg = 1.0;
    long long m_i0 = 0, m_j0 = 0, m_ni = 0, m_nj = 0;
    std::vector<std::uint32_t> m_start, m_members;
};

} // namespace

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
    const ObservationLattice lattice(lon, lat, values, m_radiusKm);
    if (lattice.empty())
        return out;
    parallelRows(m_grid.height(), [&](int rowBegin, int rowEnd) {
        const auto w = static_cast<std::size_t>(m_grid.width());
        for (std::size_t k = std::size_t(rowBegin) * w; k < std::size_t(rowEnd) * w; ++k) {
            const double clon = m_cellLon[k], clat = m_cellLat[k];
            const double cosLat = std::max(0.01, std::cos(clat * 3.14159265358979323846 / 180.0));
            const long long spanLon = static_cast<long long>(std::ceil(1.0 / cosLat)) + 1;
            const auto i0 = lattice.column(clon), j0 = lattice.row(clat);
            double best = std::numeric_limits<double>::infinity(), bestValue = 0.0;
            double wsum = 0.0, vsum = 0.0;
            for (long long i = i0 - spanLon; i <= i0 + spanLon; ++i)
                for (long long j = j0 - 1; j <= j0 + 1; ++j)
                    for (const std::uint32_t p : lattice.bucket(i, j)) {
                        const double d = distanceKm(clon, clat, lon[p], lat[p]);
                        if (d > m_radiusKm)
                            continue;
                        if (d < best) {
                            best = d;
                            bestValue = values[p];
                        }
                        const double wt = 1.0 / std::max(d * d, 1e-6);
                        wsum += wt;
                        vsum += wt * values[p];
                    }
            if (std::isfinite(best))
                out[k] = static_cast<float>(m_method == GriddingMethod::Nearest ? bestValue
                                                                                : vsum / wsum);
        }
    });
    return out;
}

} // namespace soilscope::products
