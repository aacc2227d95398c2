#include "cli_feedback.h"

#include "base/utf8.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include <cstdio>
#include <unistd.h>

namespace soilscope::cli {

CliFeedback::CliFeedback(Mode mode) : m_mode(mode), m_tty(::isatty(STDERR_FILENO) != 0) {}

namespace {
void jsonLine(const nlohmann::json& j) {
    std::fprintf(stderr, "%s\n", soilscope::dumpJson(j).c_str());
    std::fflush(stderr);
}
} // namespace

void CliFeedback::onProgress(double percent) {
    if (m_mode == Mode::Silent)
        return;
    if (m_mode == Mode::JsonLines) {
        // A tenth of a percent is as fine as any progress bar shows.
        if (std::fabs(percent - m_lastPercent) < 0.1 && percent < 100.0)
            return;
        m_lastPercent = percent;
        jsonLine({{"type", "progress"}, {"percent", percent}});
        return;
    }
    if (m_mode == Mode::Quiet || !m_tty)
        return;
    std::fprintf(stderr, "\r%5.1f %%", percent);
    if (percent >= 100.0)
        std::fprintf(stderr, "\n");
    std::fflush(stderr);
}

void CliFeedback::onMessage(soilscope::MessageLevel level, const std::string& message) {
    if (m_mode == Mode::Silent)
        return;
    const char* name = level == soilscope::MessageLevel::Info      ? "info"
                       : level == soilscope::MessageLevel::Warning ? "warning"
                                                                   : "error";
    if (m_mode == Mode::JsonLines) {
        jsonLine({{"type", "message"}, {"level", name}, {"text", message}});
        return;
    }
    if (m_mode == Mode::Quiet && level == soilscope::MessageLevel::Info)
        return;
    const char* prefix = level == soilscope::MessageLevel::Info      ? ""
                         : level == soilscope::MessageLevel::Warning ? "warning: "
                                                                     : "error: ";
    std::fprintf(stderr, "%s%s%s\n", m_tty ? "\r" : "", prefix, message.c_str());
}

void CliFeedback::onMetric(int step, const std::string& name, double value) {
    if (m_mode == Mode::Silent)
        return;
    if (m_mode == Mode::JsonLines) {
        jsonLine({{"type", "metric"},
                  {"step", step},
                  {"name", name},
                  {"value", std::isfinite(value) ? nlohmann::json(value) : nlohmann::json()}});
        return;
    }
    if (m_mode == Mode::Quiet)
        return;
    std::fprintf(stderr, "%s[%d] %s = %.6g\n", m_tty ? "\r" : "", step, name.c_str(), value);
}

} // namespace soilscope::cli
