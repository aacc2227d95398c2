#include "base/feedback.h"

#include "base/error.h"

#include <algorithm>

namespace soilscope {

void Feedback::setProgress(double percent) {
    percent = std::clamp(percent, 0.0, 100.0);
    m_progress.store(percent);
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_throttleMutex);
        const bool bigStep = percent - m_lastReported >= 1.0 || percent < m_lastReported;
        const bool longWait = now - m_lastReportTime >= std::chrono::milliseconds(100);
        const bool finished = percent >= 100.0 && m_lastReported < 100.0;
        if (!(bigStep || finished || (longWait && percent != m_lastReported)))
            return;
        m_lastReported = percent;
        m_lastReportTime = now;
    }
    onProgress(percent);
}

void Feedback::throwIfCanceled() const {
    if (isCanceled())
        throw CanceledError();
}

void reportFraction(Feedback* feedback, double fraction) {
    if (!feedback)
        return;
    feedback->throwIfCanceled();
    feedback->setProgress(100.0 * fraction);
}

void FeedbackSlice::setRange(double fromPercent, double toPercent) {
    m_from = fromPercent;
    m_to = toPercent;
}

void FeedbackSlice::onProgress(double percent) {
    if (!m_quiet)
        m_parent.setProgress(m_from + (m_to - m_from) * std::clamp(percent, 0.0, 100.0) / 100.0);
}

void FeedbackSlice::onMessage(MessageLevel level, const std::string& text) {
    if (!m_quiet || level != MessageLevel::Info)
        m_parent.message(level, text);
}

void FeedbackSlice::onMetric(int step, const std::string& name, double value) {
    if (!m_quiet)
        m_parent.metric(step, name, value);
}

} // namespace soilscope
