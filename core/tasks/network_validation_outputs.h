#pragma once
// What validate-network writes: validation.nc in QA4SM's layout, the station table and GeoJSON,
// intra-annual, yearly, stability and triple-collocation tables, and summary.json.
#include "analysis/network_validation.h"
#include "base/output_spec.h"
#include "base/parameter_values.h"
#include "tasks/analysis_inputs.h"
#include "tasks/task.h"

#include <string>
#include <vector>

namespace soilscope::tasks {

/// One reference station (or upscaled cell) with the candidates' series there.
struct NetworkStation {
    analysis_inputs::StationInput input;
    std::vector<series::TimeSeries> candidates; ///< one per candidate product
    std::vector<std::string> cells;             ///< the candidate cell of each product
    std::size_t members = 1;                    ///< stations averaged into this one
};

/// The declared outputs of validate-network.
std::vector<OutputSpec> networkValidationOutputs();

/// Writes every output into --out and returns the task result (JSON, summary, outputs).
TaskResult writeNetworkValidation(const ParameterValues& values,
                                  const analysis::NetworkValidationOptions& options,
                                  const std::vector<std::string>& names,
                                  const std::vector<NetworkStation>& stations,
                                  const std::vector<analysis::StationValidation>& results,
                                  const std::vector<OutputSpec>& specs);

/// Compares the run just written into `out` with an earlier run's folder (--compare-with):
/// matches station_metrics.csv rows by network, station and product and writes comparison.csv
/// (earlier, current, difference per metric) with paired t and Wilcoxon signed-rank tests per
/// product and metric into the result JSON. Throws soilscope::Error naming the earlier folder
/// when it holds no station table or shares no station with this run.
void compareWithEarlierRun(const std::filesystem::path& earlier, const std::filesystem::path& out,
                           const std::vector<OutputSpec>& specs, TaskResult& result);

/// The matched pairs of one product at one station, as matched_pairs.csv holds them.
struct StationMatchedPairs {
    std::string product;
    series::MatchedPairs pairs;
};

/// Reads the pairs of one station from a run's matched_pairs.csv, product by product in file
/// order (empty when the station has none). Throws soilscope::Error naming the file and line.
std::vector<StationMatchedPairs> readMatchedPairs(const std::filesystem::path& path,
                                                  const std::string& network,
                                                  const std::string& station);

} // namespace soilscope::tasks
