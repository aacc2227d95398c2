#pragma once
// The FFNN paper's in situ check: daily means of the stations' "G" observations at 5 cm against
// the 60 m estimate at the station's pixel, the coarse product at its cell and the 60 m
// estimate averaged over that cell, on the mapped dates; R, uRMSE and bias per station.
#include "base/time_utils.h"
#include "geo/grid.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace soilscope::workloads {

class InsituComparison {
  public:
    /// The stations of `archive` with a soil-moisture sensor reaching no deeper than `depthMax`
    /// (m) that lie on `grid`, with the daily means of their "G" observations.
    InsituComparison(const std::filesystem::path& archive, const geo::Grid& grid, double depthMax);

    std::size_t stationCount() const { return m_stations.size(); }
    /// One mapped date: the 60 m estimate, the coarse product and the estimate's cell mean, all
    /// on the 60 m grid (NaN where missing).
    void add(TimePoint date, const std::vector<float>& estimate, const std::vector<float>& coarse,
             const std::vector<float>& cellMean);

    struct StationResult {
        std::string name;
        std::size_t days = 0;
        std::map<std::string, std::map<std::string, double>> metrics; ///< source → metrics
    };
    /// Per station, for "estimate_60m", "coarse_product" and "estimate_cell_mean".
    std::vector<StationResult> results() const;
    static const std::vector<std::string>& sources();

  private:
    struct Station {
        std::string name;
        std::size_t pixel = 0;
        std::map<std::int64_t, float> daily; ///< UTC day number → mean of the G observations
        std::vector<float> insitu;
        std::vector<std::vector<float>> product; ///< per source
    };
    std::vector<Station> m_stations;
};

} // namespace soilscope::workloads
