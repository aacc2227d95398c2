#pragma once
#include "base/feedback.h"

namespace soilscope::cli {

/// Prints progress (on a terminal only), messages and metrics to stderr.
class CliFeedback : public soilscope::Feedback {
  public:
    explicit CliFeedback(bool quiet);

  protected:
    void onProgress(double percent) override;
    void onMessage(soilscope::MessageLevel level, const std::string& message) override;
    void onMetric(int step, const std::string& name, double value) override;

  private:
    bool m_quiet;
    bool m_tty;
};

} // namespace soilscope::cli
