#include "tasks/feedback_observer.h"

#include <algorithm>

namespace soilscope::tasks {

void FeedbackObserver::progress(double percent) {
    m_feedback.setProgress(m_from + (m_to - m_from) * std::clamp(percent, 0.0, 100.0) / 100.0);
}

void FeedbackObserver::epoch(const training::EpochReport& report) {
    std::string prefix;
    if (report.member > 0) {
        prefix.append("m").append(std::to_string(report.member)).push_back('/');
    }
    for (const auto& [name, value] : report.values) {
        std::string key = prefix;
        key.append(name);
        m_feedback.metric(report.epoch, key, value);
    }
}

} // namespace soilscope::tasks
