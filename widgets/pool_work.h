#pragma once
// Work on a thread pool with its hand-offs visible to ThreadSanitizer (Qt's thread pool and
// event queue synchronise through Qt's own locks, which it does not see): what the caller wrote
// before runInPool happens before the work, and the work before `done`.
#include <QObject>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class QThreadPool;

namespace soilscope::widgets {

/// A piece of work started by runInPool.
class PoolWork {
  public:
    /// Blocks until the work (not its delivery) has ended.
    void wait();

  private:
    friend class PoolRunner;
    std::mutex m_mutex;
    std::condition_variable m_ended;
    bool m_running = true;
};

/// Runs `work` on a thread of `pool` (the global pool when null), then `done` (when given) on
/// the thread of `context`, unless `context` was destroyed meanwhile.
std::shared_ptr<PoolWork> runInPool(QObject* context, std::function<void()> work,
                                    std::function<void()> done = {}, QThreadPool* pool = nullptr);

} // namespace soilscope::widgets
