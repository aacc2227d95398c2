#pragma once
#include "series/time_series.h"

#include <filesystem>
#include <string>
#include <vector>

namespace soilscope::series {

/// Several series side by side as CSV: a `time` column (ISO 8601 UTC) over the union of their
/// times, then one column per series headed "<name> [<units>]" (empty where a series has no
/// value at that time), followed by a "<name> flags" column (ISMN codes, e.g. "C01,D06") for a
/// series that carries flags.
std::string seriesTableCsv(const std::vector<TimeSeries>& columns);

/// Writes seriesTableCsv atomically (a temporary file renamed over `path`); throws
/// soilscope::Error naming the file when it cannot be written.
void writeSeriesTable(const std::filesystem::path& path, const std::vector<TimeSeries>& columns);

} // namespace soilscope::series
