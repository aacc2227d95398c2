#pragma once
#include "base/feedback.h"
#include "training/training_observer.h"

namespace soilscope::tasks {

/// Adapts a task's Feedback to the training layer's observer: progress is mapped onto a slice
/// [from, to] of the task's range, epoch values become metrics (step = epoch, names prefixed
/// with the member for ensembles), messages become info lines, and cancellation is polled.
class FeedbackObserver : public training::TrainingObserver {
public:
    FeedbackObserver(Feedback& feedback, double fromPercent, double toPercent)
        : m_feedback(feedback), m_from(fromPercent), m_to(toPercent) {}

    void progress(double percent) override;
    void epoch(const training::EpochReport& report) override;
    void message(const std::string& text) override { m_feedback.info(text); }
    bool isCanceled() const override { return m_feedback.isCanceled(); }

    /// Moves the slice (e.g. for the next fold).
    void setRange(double fromPercent, double toPercent) {
        m_from = fromPercent;
        m_to = toPercent;
    }

private:
    Feedback& m_feedback;
    double m_from;
    double m_to;
};

} // namespace soilscope::tasks
