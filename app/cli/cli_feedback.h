#pragma once
#include "tasks/feedback.h"

namespace soilscope::cli {

/// Prints progress (on a terminal only), messages and metrics to stderr.
class CliFeedback : public tasks::Feedback {
public:
    explicit CliFeedback(bool quiet);

protected:
    void onProgress(double percent) override;
    void onMessage(tasks::MessageLevel level, const std::string& message) override;
    void onMetric(int step, const std::string& name, double value) override;

private:
    bool m_quiet;
    bool m_tty;
};

} // namespace soilscope::cli
