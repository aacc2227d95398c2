#pragma once
#include "base/feedback.h"

#include <map>
#include <string>

namespace soilscope::training {

/// What the Trainer reports after each epoch.
struct EpochReport {
    int member = 0; ///< ensemble member index
    int epoch = 0;  ///< 1-based
    int epochs = 0;
    std::map<std::string, double> values; ///< train_loss, val_loss, val_rmse, lr, seconds...
};

/// The epoch's values as metrics at step `epoch` (names prefixed "m<member>/" for ensemble
/// members after the first), for live curves.
void reportEpoch(Feedback& feedback, const EpochReport& report);

} // namespace soilscope::training
