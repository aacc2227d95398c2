#pragma once
// The independent units of a run (search draws, sweep fits, workload folds, stations, tiles)
// spread over the processes of the group, with finished units committed for --resume.
#include "base/feedback.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

namespace soilscope {

/// How a run's units were obtained.
struct UnitRunReport {
    std::size_t computed = 0; ///< by this run, over all processes
    std::size_t resumed = 0;  ///< read from the ledger of an earlier, unfinished run
    int processes = 1;
    /// {"computed", "resumed", "processes"} for a task's JSON result.
    nlohmann::json toJson() const {
        return {{"computed", computed}, {"resumed", resumed}, {"processes", processes}};
    }
};

/// One unit: its result as JSON, a function of the unit's index only (anything random is seeded
/// by the index), so that the results do not depend on how many processes share the run.
using UnitFunction = std::function<nlohmann::json(std::size_t unit, Feedback& feedback)>;

/// Runs units 0..count-1 over processGroup() and returns every result, in unit order, on the
/// root process (the others get nulls: they only compute). With a ledger folder (on a file system
/// all processes share), each finished unit is written there (unit-<i>.json, atomically) as it
/// completes, units already there are read instead of computed (a killed run resumes at the units
/// it had not finished), and processes take units as they become free (claimed by exclusive files),
/// so uneven units balance. An error or cancellation on any process is rethrown on every process
/// once all have stopped, so none waits forever. `costs` (relative, one per unit; optional) order
/// the units costliest first; without a ledger they assign them (costliest to the least loaded
/// process), without either unit i runs on process i mod size. With `firstOnRoot`, unit 0 runs
/// on the root process first and is always computed, never read from the ledger: the root keeps
/// its side effects (e.g. the model of a first fold that becomes the bundle).
std::vector<nlohmann::json> runUnits(std::size_t count, const UnitFunction& unit,
                                     Feedback& feedback, const std::filesystem::path& ledger = {},
                                     UnitRunReport* report = nullptr,
                                     const std::vector<double>& costs = {},
                                     bool firstOnRoot = false);

/// Removes a finished run's ledger folder, and the folder of ledgers when it is left empty.
void removeUnitLedger(const std::filesystem::path& ledger);

/// The process of each unit: round robin, or by cost (longest first to the least loaded).
std::vector<std::size_t> assignUnits(std::size_t count, std::size_t processes,
                                     const std::vector<double>& costs = {});

} // namespace soilscope
