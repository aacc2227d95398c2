#pragma once
#include "base/feedback.h"

namespace soilscope::cli {

/// Reports progress, messages and metrics on stderr: as text (progress on a terminal only),
/// quietly (warnings and errors only), or as one JSON object per line for programs that drive
/// the CLI (--progress-json): {"type": "progress", "percent": 42.5},
/// {"type": "message", "level": "info|warning|error", "text": ...},
/// {"type": "metric", "step": 3, "name": "val_loss", "value": 0.01}.
class CliFeedback : public soilscope::Feedback {
  public:
    enum class Mode { Text, Quiet, JsonLines, Silent };
    explicit CliFeedback(Mode mode);

  protected:
    void onProgress(double percent) override;
    void onMessage(soilscope::MessageLevel level, const std::string& message) override;
    void onMetric(int step, const std::string& name, double value) override;

  private:
    Mode m_mode;
    bool m_tty;
    double m_lastPercent = -1.0;
};

} // namespace soilscope::cli
