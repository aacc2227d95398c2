#pragma once
#include "analysis/intraday.h"
#include "analysis/intraday_stream.h"
#include "base/parameter_values.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

/// Accumulation shared by the gridded and the station modes of the intraday task.
namespace soilscope::tasks::intraday {

inline constexpr int kProducts = 3; ///< product, reference_o, reference_24h
extern const char* const kProductNames[kProducts];

/// The three products' days of one unit-day (a unit is a pixel or a station).
struct UnitDay {
    std::optional<analysis::DayExtremes> days[kProducts];
};

/// Correlations of one precipitation condition.
struct ConditionStats {
    analysis::PrecipitationCondition condition;
    analysis::RunningCorrelation delta, max, min, delta24;
    double threshold = std::numeric_limits<double>::quiet_NaN(); ///< for the r-vs-N sweep rows
};

/// Collects unit-days: correlations per condition and per sweep threshold, per-unit means over
/// the days passing the means condition, and (optionally) one CSV line per unit-day.
class Collector {
  public:
    /// Reads --conditions, --thresholds and --means-condition. unitHeader/unitCells give the
    /// leading CSV columns of the pairs file (e.g. "pixel,col,row,lon,lat").
    Collector(const ParameterValues& values, std::size_t units, std::string unitHeader,
              std::function<std::string(std::size_t)> unitCells);

    /// Starts writing the pairs CSV (header first) to a stream that outlives the collector's use.
    void writePairsTo(std::ostream& out);
    /// Adds one unit-day with its precipitation (NaN when unknown).
    void add(std::size_t unit, std::int64_t day, const UnitDay& days, double pToday,
             double pYesterday);

    std::size_t pairedDays() const { return m_pairedDays; }
    const analysis::PixelDayMeans& means(int product) const {
        return m_means[static_cast<std::size_t>(product)];
    }
    const analysis::PrecipitationCondition& meansCondition() const { return m_meansCondition; }
    /// {"conditions":[...], "r_vs_n":[...]} rows.
    nlohmann::json conditionsJson() const;
    nlohmann::json sweepJson() const;
    /// The r-vs-N table as CSV (conditions first, then the sweep).
    std::string rVsNCsv() const;
    /// The first condition ("all" by default), for the summary line.
    const ConditionStats* firstCondition() const {
        return m_conditions.empty() ? nullptr : &m_conditions.front();
    }

  private:
    std::vector<ConditionStats> m_conditions;
    std::vector<ConditionStats> m_sweep;
    analysis::PrecipitationCondition m_meansCondition;
    std::vector<analysis::PixelDayMeans> m_means;
    std::function<std::string(std::size_t)> m_unitCells;
    std::string m_unitHeader;
    std::ostream* m_pairs = nullptr;
    std::size_t m_pairedDays = 0;
};

/// "2019-07-01" of a day index.
std::string dayText(std::int64_t day);

} // namespace soilscope::tasks::intraday
