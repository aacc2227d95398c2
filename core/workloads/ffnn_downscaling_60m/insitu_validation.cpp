#include "workloads/ffnn_downscaling_60m/insitu_validation.h"

#include "series/resampling.h"
#include "training/evaluation.h"
#include "workloads/workload_run.h"

#include <chrono>
#include <cmath>

namespace soilscope::workloads {

namespace {

std::int64_t dayNumber(TimePoint t) {
    return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

} // namespace

const std::vector<std::string>& InsituComparison::sources() {
    static const std::vector<std::string> s{"estimate_60m", "coarse_product", "estimate_cell_mean"};
    return s;
}

InsituComparison::InsituComparison(const std::filesystem::path& archive, const geo::Grid& grid,
                                   double depthMax) {
    for (const auto& s : readStationSeries(archive, "soil_moisture", depthMax)) {
        const auto m = grid.lonLatToMap(s.lon, s.lat);
        const auto px = grid.mapToPixel(m.x, m.y);
        const auto col = static_cast<long long>(std::floor(px.col));
        const auto row = static_cast<long long>(std::floor(px.row));
        if (col < 0 || row < 0 || col >= grid.width() || row >= grid.height())
            continue;
        Station st;
        st.name = s.network + "/" + s.name;
        st.pixel = std::size_t(row) * std::size_t(grid.width()) + std::size_t(col);
        const auto daily = series::dailyMean(s.series);
        for (std::size_t i = 0; i < daily.size(); ++i)
            if (std::isfinite(daily.values[i]))
                st.daily[dayNumber(daily.times[i])] = float(daily.values[i]);
        st.product.resize(sources().size());
        m_stations.push_back(std::move(st));
    }
}

void InsituComparison::add(TimePoint date, const std::vector<float>& estimate,
                           const std::vector<float>& coarse, const std::vector<float>& cellMean) {
    const std::vector<const std::vector<float>*> planes{&estimate, &coarse, &cellMean};
    for (auto& st : m_stations) {
        const auto it = st.daily.find(dayNumber(date));
        if (it == st.daily.end() || !std::isfinite(estimate[st.pixel]))
            continue;
        st.insitu.push_back(it->second);
        for (std::size_t k = 0; k < planes.size(); ++k)
            st.product[k].push_back((*planes[k])[st.pixel]);
    }
}

std::vector<InsituComparison::StationResult> InsituComparison::results() const {
    std::vector<StationResult> out;
    for (const auto& st : m_stations) {
        StationResult r;
        r.name = st.name;
        r.days = st.insitu.size();
        for (std::size_t k = 0; k < sources().size(); ++k)
            r.metrics[sources()[k]] = training::pooledMetrics(st.product[k], st.insitu);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace soilscope::workloads
