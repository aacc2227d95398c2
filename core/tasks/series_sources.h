#pragma once
// What the time-series comparison tasks (validate, triple_collocation) share: where a series
// comes from (CSV file or ISMN archive), its parameters, loading, flag filtering and anomalies.
#include "base/feedback.h"
#include "base/parameter_spec.h"
#include "base/parameter_values.h"
#include "series/time_series.h"

#include <cstdint>
#include <filesystem>
#include <limits>
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
    /// Products and gridded series: where to take the series (lon/lat or a location id), the
    /// observation mask, the porosity variable and the farthest location accepted.
    std::optional<double> lon, lat;
    std::optional<long long> location;
    std::string mask, porosity;
    double maxDistanceKm = 25.0;
    bool hasPlace() const { return (lon && lat) || location; }
};

struct LoadedSeries {
    series::TimeSeries series;
    std::string description; ///< "file.csv:sm" or "NET/STATION soil_moisture 0.00-0.05 m"
    std::size_t valid = 0;   ///< finite, accepted observations
    double lon = std::numeric_limits<double>::quiet_NaN(); ///< where the series is, when known
    double lat = std::numeric_limits<double>::quiet_NaN();
};

/// An ISMN folder, zip archive or .stm file (else a CSV file).
bool isIsmnPath(const std::filesystem::path& path);
/// A CSV/text table by its extension.
bool isCsvPath(const std::filesystem::path& path);
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
/// Reads the series (sorted by time): a recognised product (ASCAT/ERS cell file or folder, CCI
/// image folder) at the spec's place, an ISMN archive (the shallowest matching sensor, with a
/// warning when several match), a CSV table, or else a raster series (netCDF/GRIB with a time
/// axis) at the pixel containing lon/lat. Throws soilscope::Error naming the file.
LoadedSeries loadSeries(const SourceSpec& spec, Feedback& feedback);
/// Loads several sources (progress in [from, to] percent). A product or raster source without
/// its own place is taken where the first located source is (an ISMN station, a product's grid
/// point), with a message; those sources are read last.
std::vector<LoadedSeries> loadSources(std::vector<SourceSpec>& specs, Feedback& feedback,
                                      double from, double to);
/// Makes the candidate's units the reference's when UDUNITS-2 converts them; warns when they
/// measure different things or when one is a percentage and the other a volumetric fraction
/// (degree of saturation vs m3 m-3 is not a unit conversion: it needs a porosity).
/// Returns what was done: nothing (empty text), a conversion (info) or a mismatch (warning).
struct UnitNote {
    bool warning = false;
    std::string text;
};
UnitNote harmoniseUnits(const std::string& referenceUnits, series::TimeSeries& candidate);
/// Marks observations whose flags are not accepted as missing, so that every later step
/// (anomalies, both matching modes) sees them as missing values; counts the valid ones.
void applyFlags(LoadedSeries& s, std::uint32_t accepted);
/// "none", "moving" (moving-average anomalies over windowDays) or "climatology" anomalies.
void toAnomalies(series::TimeSeries& ts, const std::string& method, double windowDays);
/// "N valid observations, FIRST to LAST".
std::string span(const LoadedSeries& s);

} // namespace soilscope::tasks
