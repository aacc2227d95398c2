#pragma once
// Test helper: how long the GUI thread's event loop was blocked while something ran.

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace soilscope::testing {

/// Ticks a 10 ms timer on the calling thread's event loop from construction until stop() and
/// records the largest gap between ticks; onTick runs on every tick.
class EventLoopGapMeter {
  public:
    explicit EventLoopGapMeter(std::function<void()> onTick = {}) : m_onTick(std::move(onTick)) {
        m_clock.start();
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
            ++m_ticks;
            if (m_onTick)
                m_onTick();
        });
        m_timer.start();
    }
    EventLoopGapMeter(const EventLoopGapMeter&) = delete;
    EventLoopGapMeter& operator=(const EventLoopGapMeter&) = delete;

    void stop() { m_timer.stop(); }
    /// The largest gap between two ticks, in ms.
    qint64 worstGapMs() const { return m_worst; }
    int ticks() const { return m_ticks; }

  private:
    std::function<void()> m_onTick;
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0, m_worst = 0;
    int m_ticks = 0;
};

} // namespace soilscope::testing
