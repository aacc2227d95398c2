#pragma once
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace soilscope {

enum class MessageLevel { Info, Warning, Error };

/// How long work reports back: progress, messages, metrics, and cancellation. The one
/// progress/cancel protocol of SoilScope, handed down through every layer (a sub-step gets a
/// FeedbackSlice). Qt-free and thread-safe; front-ends subclass it and override the on* hooks
/// (the GUI turns them into queued signals, the CLI prints to stderr). A plain Feedback
/// ignores everything but cancel().
class Feedback {
  public:
    virtual ~Feedback() = default;

    /// Progress in percent (0..100); forwarded at most every 100 ms or on a 1 % step, and at 100.
    void setProgress(double percent);
    double progress() const { return m_progress.load(); }
    void message(MessageLevel level, const std::string& text) { onMessage(level, text); }
    void info(const std::string& text) { onMessage(MessageLevel::Info, text); }
    void warning(const std::string& text) { onMessage(MessageLevel::Warning, text); }
    void error(const std::string& text) { onMessage(MessageLevel::Error, text); }
    /// A named value at a step (epoch, iteration) for live curves.
    void metric(int step, const std::string& name, double value) { onMetric(step, name, value); }

    virtual bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }
    void cancel() { m_canceled.store(true); }
    /// Throws CanceledError when canceled; the task runner reports a Canceled outcome.
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

/// Reports `fraction` (0..1) of a step done to an optional Feedback (nothing when null) and
/// throws CanceledError when it was canceled.
void reportFraction(Feedback* feedback, double fraction);

/// A sub-step of a parent Feedback: its progress 0..100 lands in [from, to] of the parent's
/// range; messages and metrics pass through (a quiet slice, for inner fits whose epochs are
/// noise, passes warnings and errors only); it is canceled when the parent is.
class FeedbackSlice : public Feedback {
  public:
    enum class Reports { Forward, Quiet };
    FeedbackSlice(Feedback& parent, double fromPercent, double toPercent,
                  Reports reports = Reports::Forward)
        : m_parent(parent), m_from(fromPercent), m_to(toPercent),
          m_quiet(reports == Reports::Quiet) {}
    /// Moves the slice (e.g. to the next fold).
    void setRange(double fromPercent, double toPercent);
    bool isCanceled() const override { return Feedback::isCanceled() || m_parent.isCanceled(); }

  protected:
    void onProgress(double percent) override;
    void onMessage(MessageLevel level, const std::string& text) override;
    void onMetric(int step, const std::string& name, double value) override;

  private:
    Feedback& m_parent;
    double m_from;
    double m_to;
    bool m_quiet;
};

} // namespace soilscope
