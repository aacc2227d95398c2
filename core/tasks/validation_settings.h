#pragma once
// The settings every validation run shares (validate-network, validate-grid): period, region,
// matching window, scaling, anomalies with a baseline, bootstrap, intra-annual windows and
// stability — declared once here.
#include "analysis/network_validation.h"
#include "base/parameter_spec.h"
#include "base/parameter_values.h"
#include "geo/regions.h"

#include <optional>
#include <vector>

namespace soilscope::tasks {

/// The shared parameters, in form order.
std::vector<ParameterSpec> validationRunParams();
/// UsageError for a malformed box, a negative window, a period that ends before it starts, an
/// unreadable intra-annual window.
void checkValidationRun(const ParameterValues& values);
/// The run options of the values (the triple-collocation flag when the task declares it).
analysis::NetworkValidationOptions validationOptions(const ParameterValues& values);
/// UsageError unless --products names at least one candidate and each list parameter in
/// `perCandidate` (e.g. variables, names) is empty or has one value per candidate.
void checkCandidates(const ParameterValues& values, const std::vector<std::string>& perCandidate);
/// --names, or the candidates' file stems.
std::vector<std::string> candidateNames(const ParameterValues& values);
/// The region: polygons of --regions, the --bbox rectangle, or none.
std::optional<geo::Regions> regionsOf(const ParameterValues& values);

} // namespace soilscope::tasks
