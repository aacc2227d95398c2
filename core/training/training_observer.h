#pragma once
#include <map>
#include <string>

namespace soilscope::training {

/// What the Trainer reports after each epoch.
struct EpochReport {
    int member = 0;   ///< ensemble member index
    int epoch = 0;    ///< 1-based
    int epochs = 0;
    std::map<std::string, double> values;  ///< train_loss, val_loss, val_rmse, lr, seconds...
};

/// Qt-free, tasks-free progress interface of the training layer; the tasks layer adapts it to
/// soilscope::Feedback. Methods may be called from the training thread only.
class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    /// Overall progress, 0..100.
    virtual void progress(double /*percent*/) {}
    virtual void epoch(const EpochReport& /*report*/) {}
    virtual void message(const std::string& /*text*/) {}
    /// Polled once per batch; returning true stops training within one batch.
    virtual bool isCanceled() const { return false; }
};

/// An observer that ignores everything.
class NullObserver : public TrainingObserver {};

} // namespace soilscope::training
