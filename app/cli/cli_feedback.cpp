#include "cli_feedback.h"

#include <cstdio>
#include <unistd.h>

namespace soilscope::cli {

CliFeedback::CliFeedback(bool quiet) : m_quiet(quiet), m_tty(::isatty(STDERR_FILENO) != 0) {}

void CliFeedback::onProgress(double percent) {
    if (m_quiet || !m_tty)
        return;
    std::fprintf(stderr, "\r%5.1f %%", percent);
    if (percent >= 100.0)
        std::fprintf(stderr, "\n");
    std::fflush(stderr);
}

void CliFeedback::onMessage(soilscope::MessageLevel level, const std::string& message) {
    if (m_quiet && level == soilscope::MessageLevel::Info)
        return;
    const char* prefix = level == soilscope::MessageLevel::Info      ? ""
                         : level == soilscope::MessageLevel::Warning ? "warning: "
                                                                     : "error: ";
    std::fprintf(stderr, "%s%s%s\n", m_tty ? "\r" : "", prefix, message.c_str());
}

void CliFeedback::onMetric(int step, const std::string& name, double value) {
    if (m_quiet)
        return;
    std::fprintf(stderr, "%s[%d] %s = %.6g\n", m_tty ? "\r" : "", step, name.c_str(), value);
}

} // namespace soilscope::cli
