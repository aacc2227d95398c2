#pragma once
#include "widgets/task_job.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QThreadPool;

namespace soilscope::widgets {

/// Queues TaskJobs and runs at most `maxConcurrent` tasks at once on its own thread pool
/// (training on one GPU is best run one at a time; the default is 1). Work jobs (the GUI's
/// layer and series loads: short, reading files) start at once beside the tasks, and leave
/// the list when they succeed (a failed or canceled one stays, with its message).
class JobQueue : public QObject {
    Q_OBJECT
  public:
    explicit JobQueue(QObject* parent = nullptr);
    ~JobQueue() override;

    /// Takes ownership of the job and starts it when a slot is free.
    void enqueue(TaskJob* job);
    /// Creates and enqueues a job for a task.
    TaskJob* submit(const QString& taskId, const std::map<std::string, std::string>& values);
    void setMaxConcurrent(int n);
    int maxConcurrent() const { return m_maxConcurrent; }
    /// All jobs, oldest first.
    const QList<TaskJob*>& jobs() const { return m_jobs; }
    int runningCount() const;
    int pendingCount() const;
    /// Cancels every job that is not done.
    void cancelAll();
    /// Removes done jobs from the list.
    void clearFinished();

  Q_SIGNALS:
    void jobAdded(soilscope::widgets::TaskJob* job);
    void jobRemoved(soilscope::widgets::TaskJob* job);
    void jobFinished(soilscope::widgets::TaskJob* job);
    /// Running or pending count changed.
    void activityChanged(int running, int pending);

  private:
    void startPending();
    int runningTasks() const;
    QList<TaskJob*> m_jobs;
    QThreadPool* m_pool = nullptr;
    int m_maxConcurrent = 1;
};

} // namespace soilscope::widgets
