#pragma once
// A gridded product with a time axis sampled at stations (a baseline beside a workload's model,
// e.g. the ESA CCI SM ECV against the LSTM at its held-out probes).
#include "base/time_utils.h"
#include "project/project_file.h"

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace soilscope::workloads {

/// The product of `layer` at each station (name → lon, lat) and date: the pixel containing the
/// station, the product's time nearest the date within ±window; NaN where the station lies
/// outside the grid or no time is that close. A product in % is divided by 100 (m³ m⁻³).
/// Throws soilscope::Error naming the layer's file when it cannot be read.
std::map<std::string, std::vector<float>>
griddedAtStations(const project::DataLayer& layer,
                  const std::map<std::string, std::pair<double, double>>& where,
                  const std::vector<TimePoint>& dates, std::chrono::seconds window);

} // namespace soilscope::workloads
