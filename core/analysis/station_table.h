#pragma once
#include "analysis/confidence_intervals.h"
#include "analysis/metrics.h"
#include "series/temporal_matching.h"
#include "series/time_series.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace soilscope::analysis {

/// A station as a row of a validation table: identity, position and grouping attributes.
struct StationSite {
    std::string network;
    std::string station;
    double lon = kNaN;
    double lat = kNaN;
    /// Grouping attributes such as "land_cover", "climate", "region" (text values).
    std::map<std::string, std::string> attributes;
};

/// One product validated at one station: metrics, analytical intervals and the matched pairs
/// (reference = station), kept for pooled and seasonal summaries.
struct StationProductResult {
    Metrics metrics;
    Interval rInterval;
    Interval biasInterval;
    Interval ubrmsdInterval;
    series::MatchedPairs pairs;
};

/// Per-station validation of one or more products against a network.
struct StationTable {
    std::vector<std::string> products;
    std::vector<StationSite> sites;
    std::vector<std::vector<StationProductResult>> results; ///< [site][product]
};

/// Matches the product to the station series (the station drives the matching) and computes
/// metrics with 95 % intervals; metrics stay NaN when fewer than minPairs pairs exist.
StationProductResult validateAtStation(const series::TimeSeries& station,
                                       const series::TimeSeries& product,
                                       const series::MatchOptions& options,
                                       std::size_t minPairs = 10);

/// True when larger values of the metric are better (R, rho, tau, NSE, KGE).
bool higherIsBetter(std::string_view metric);

/// The values of a metric over the stations for one product (NaN where undefined).
std::vector<double> metricOverStations(const StationTable& table, std::size_t product,
                                       std::string_view metric);

/// Per-station comparison of two products on one metric (the "better at 352 of 568 sites").
struct ProductComparison {
    std::string metric;
    std::string baseline;
    std::string candidate;
    std::vector<double> delta; ///< candidate - baseline per site (|bias| for bias), NaN if not both
    std::size_t compared = 0;  ///< sites where both are defined
    std::size_t improved = 0;  ///< sites where the candidate is better
    double medianDelta = kNaN;
};

/// Compares `candidate` with `baseline`; "better" follows higherIsBetter, and for bias the
/// absolute value is compared.
ProductComparison compareProducts(const StationTable& table, std::size_t baseline,
                                  std::size_t candidate, std::string_view metric);

/// One group of a grouped summary.
struct GroupSummary {
    std::string group;
    std::size_t stations = 0;              ///< stations with a defined per-station metric set
    std::size_t pairs = 0;                 ///< pooled pairs
    Metrics pooled;                        ///< metrics over all pairs of the group's stations
    std::map<std::string, double> medians; ///< per-station medians of R, bias, ubRMSD, RMSD
};

/// Grouped summary of one product: `groupBy` is "all", "network", "station", "season"
/// (DJF, MAM, JJA, SON of the pair times), "month" (01..12), or a site attribute name
/// (e.g. "land_cover", "climate", "region"; sites without it go to "unknown"). Per-station
/// metrics inside a group need at least minPairs pairs.
std::vector<GroupSummary> groupSummary(const StationTable& table, std::size_t product,
                                       const std::string& groupBy, std::size_t minPairs = 10);

} // namespace soilscope::analysis
