#pragma once
// Internal to training/: per-member training routines behind train().
#include "features/dataset.h"
#include "models/model_member.h"
#include "training/epoch_report.h"
#include "training/train_settings.h"

#include <memory>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace soilscope::training::detail {

/// One Adam/AdamW step as a single pass per parameter (CPU float32), keeping the optimiser's
/// own state so checkpoints stay compatible. Returns false (nothing done) when not applicable.
bool fusedAdamStep(torch::optim::Optimizer& optimizer, const std::string& name);

struct MemberOutcome {
    std::shared_ptr<models::ModelMember> member;
    std::vector<EpochReport> history;
    int bestEpoch = 0;
    int epochsRun = 0;
    bool earlyStopped = false;
    std::string backend = "native"; ///< manual, autograd or native
};

/// Overall progress of member `member` of `members` at fraction `within` of its own work.
inline double overallPercent(int member, int members, double within) {
    return 100.0 * (double(member) + within) / double(members);
}

/// The gradient loop for LibTorch families (one ensemble member).
MemberOutcome trainNetworkMember(const models::ModelSpec& spec, const TrainSettings& settings,
                                 const features::Dataset& train,
                                 const features::Dataset* validation, int member, int members,
                                 const std::string& device, Feedback& feedback);

/// XGBoost / SVR fits (one ensemble member).
MemberOutcome fitNativeMember(const models::ModelSpec& spec, const TrainSettings& settings,
                              const features::Dataset& train, const features::Dataset* validation,
                              int member, int members, Feedback& feedback);

} // namespace soilscope::training::detail
