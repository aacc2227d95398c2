#include "training/epoch_report.h"

namespace soilscope::training {

void reportEpoch(Feedback& feedback, const EpochReport& report) {
    const std::string prefix =
        report.member > 0 ? "m" + std::to_string(report.member) + "/" : std::string();
    for (const auto& [name, value] : report.values)
        feedback.metric(report.epoch, prefix + name, value);
}

} // namespace soilscope::training
