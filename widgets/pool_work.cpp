#include "widgets/pool_work.h"

#include "widgets/thread_handoff.h"

#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

namespace soilscope::widgets {

/// Calls `done` on its context's thread once the work has ended; deletes itself.
class PoolDelivery : public QObject {
    Q_OBJECT
  public:
    PoolDelivery(QObject* context, std::function<void()> done)
        : m_context(context), m_done(std::move(done)) {
        moveToThread(context->thread());
    }

    /// Posted by the worker; runs in Qt code only (no instrumented write on the way).
    Q_INVOKABLE void deliver() {
        handoffAcquire(this);
        if (m_context)
            m_done();
        deleteLater();
    }

  private:
    QPointer<QObject> m_context;
    std::function<void()> m_done;
};

class PoolRunner : public QRunnable {
  public:
    PoolRunner(std::shared_ptr<PoolWork> state, std::function<void()> work, PoolDelivery* delivery)
        : m_state(std::move(state)), m_work(std::move(work)), m_delivery(delivery) {}

    void run() override {
        handoffAcquire(this);
        m_work();
        if (m_delivery) {
            handoffRelease(m_delivery);
            QMetaObject::invokeMethod(m_delivery, "deliver", Qt::QueuedConnection);
        }
        const std::lock_guard lock(m_state->m_mutex);
        m_state->m_running = false;
        m_state->m_ended.notify_all();
    }

  private:
    std::shared_ptr<PoolWork> m_state;
    std::function<void()> m_work;
    PoolDelivery* m_delivery;
};

void PoolWork::wait() {
    std::unique_lock lock(m_mutex);
    m_ended.wait(lock, [this] { return !m_running; });
}

std::shared_ptr<PoolWork> runInPool(QObject* context, std::function<void()> work,
                                    std::function<void()> done, QThreadPool* pool) {
    auto state = std::make_shared<PoolWork>();
    auto* delivery = done ? new PoolDelivery(context, std::move(done)) : nullptr;
    auto* runner = new PoolRunner(state, std::move(work), delivery);
    handoffRelease(runner);
    (pool ? pool : QThreadPool::globalInstance())->start(runner);
    return state;
}

} // namespace soilscope::widgets

#include "pool_work.moc"
