#pragma once
// What the time-series comparison tasks (validate, triple_collocation) share: where a series
// comes from (CSV file or ISMN archive), its parameters, loading, flag filtering and anomalies.
#include "base/feedback.h"
#include "base/parameter_spec.h"
#include "base/parameter_values.h"
#include "series/time_series.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace soilscope::tasks {

/// Where one series comes from.
struct SourceSpec {
    std::string role; ///< the parameter prefix: "reference", "candidate", ...
    std::filesystem::path path;
    std::string column, flagColumn, station, network, variable;
    std::optional<double> depthMin, depthMax;
};

struct LoadedSeries {
    series::TimeSeries series;
    std::string description; ///< "file.csv:sm" or "NET/STATION soil_moisture 0.00-0.05 m"
    std::size_t valid = 0;   ///< finite, accepted observations
};

/// An ISMN folder, zip archive or .stm file (else a CSV file).
bool isIsmnPath(const std::filesystem::path& path);
/// printf-style number, "n/a" when not finite.
std::string fmt(double v, const char* format = "%.4f");

/// The parameters of one source: path, CSV column and flag column, ISMN station, network,
/// variable and depths (all but the path advanced); descriptions call it `noun` (default: role).
std::vector<ParameterSpec> sourceParams(const std::string& role, const std::string& noun = {});
/// The settings every comparison of sources shares: ISMN station and depths for the sources
/// without their own, accepted flags, matching window, anomalies and their window.
std::vector<ParameterSpec> comparisonParams();
/// UsageError for a negative window or unknown flags.
void validateComparison(const ParameterValues& v);
/// UsageError when a CSV source has no value column.
void validateSource(const ParameterValues& v, const std::string& role);
/// The source `role` of the values; ISMN station and depths fall back to --station,
/// --depth-min and --depth-max.
SourceSpec sourceSpec(const ParameterValues& v, const std::string& role);
/// Reads the series (sorted by time); for ISMN the shallowest matching sensor, with a warning
/// when several match. Throws soilscope::Error naming the file.
LoadedSeries loadSeries(const SourceSpec& spec, Feedback& feedback);
/// Marks observations whose flags are not accepted as missing, so that every later step
/// (anomalies, both matching modes) sees them as missing values; counts the valid ones.
void applyFlags(LoadedSeries& s, std::uint32_t accepted);
/// "none", "moving" (moving-average anomalies over windowDays) or "climatology" anomalies.
void toAnomalies(series::TimeSeries& ts, const std::string& method, double windowDays);
/// "N valid observations, FIRST to LAST".
std::string span(const LoadedSeries& s);

} // namespace soilscope::tasks
