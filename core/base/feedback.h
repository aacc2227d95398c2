#pragma once
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace soilscope {

enum class MessageLevel { Info, Warning, Error };

/// How a running task reports back: progress, messages, metrics, and cancellation.
/// Qt-free and thread-safe; front-ends subclass it and override the on* hooks
/// (the GUI turns them into queued signals, the CLI prints to stderr).
class Feedback {
public:
    virtual ~Feedback() = default;

    /// Progress in percent (0..100); forwarded at most every 100 ms or on a 1 % step, and at 100.
    void setProgress(double percent);
    double progress() const { return m_progress.load(); }
    void info(const std::string& message) { onMessage(MessageLevel::Info, message); }
    void warning(const std::string& message) { onMessage(MessageLevel::Warning, message); }
    void error(const std::string& message) { onMessage(MessageLevel::Error, message); }
    /// A named value at a step (epoch, iteration) for live curves.
    void metric(int step, const std::string& name, double value) { onMetric(step, name, value); }

    bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }
    void cancel() { m_canceled.store(true); }
    /// Throws CanceledError when cancel() was called; the task runner reports a Canceled outcome.
    void throwIfCanceled() const;

protected:
    virtual void onProgress(double /*percent*/) {}
    virtual void onMessage(MessageLevel /*level*/, const std::string& /*message*/) {}
    virtual void onMetric(int /*step*/, const std::string& /*name*/, double /*value*/) {}

private:
    std::atomic<bool> m_canceled{false};
    std::atomic<double> m_progress{0.0};
    std::mutex m_throttleMutex;
    double m_lastReported = -1.0;
    std::chrono::steady_clock::time_point m_lastReportTime{};
};

/// Maps progress of a sub-step onto a slice [from, to] of a parent Feedback's range.
class ScopedProgress {
public:
    ScopedProgress(Feedback& parent, double fromPercent, double toPercent)
        : m_parent(parent), m_from(fromPercent), m_to(toPercent) {}
    void set(double fraction) const;
    Feedback& feedback() const { return m_parent; }

private:
    Feedback& m_parent;
    double m_from;
    double m_to;
};

} // namespace soilscope
