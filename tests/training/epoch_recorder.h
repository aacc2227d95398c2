#pragma once
// Shared by the training and workload tests: a Feedback that rebuilds the trainer's epoch
// reports from the metrics it receives (one report per member and epoch).
#include "base/feedback.h"
#include "training/epoch_report.h"

#include <string>
#include <vector>

namespace soilscope::testing {

class EpochRecorder : public Feedback {
  public:
    std::vector<training::EpochReport> reports;
    int cancelAfterEpoch = 0; ///< cancel once this epoch has been reported (0 = never)

  protected:
    void onMetric(int step, const std::string& name, double value) override {
        int member = 0;
        std::string key = name;
        if (name.size() > 1 && name[0] == 'm' && name.find('/') != std::string::npos) {
            member = std::stoi(name.substr(1, name.find('/') - 1));
            key = name.substr(name.find('/') + 1);
        }
        if (reports.empty() || reports.back().epoch != step || reports.back().member != member) {
            reports.push_back({member, step, 0, {}});
            epochStarted(reports.back());
        }
        reports.back().values[key] = value;
    }
    /// The first value of a new epoch arrived.
    virtual void epochStarted(const training::EpochReport& report) {
        if (cancelAfterEpoch > 0 && report.epoch == cancelAfterEpoch)
            cancel();
    }
};

} // namespace soilscope::testing
