#include "widgets/job_queue.h"

#include <QThreadPool>

namespace soilscope::widgets {

JobQueue::JobQueue(QObject* parent) : QObject(parent), m_pool(new QThreadPool(this)) {
    m_pool->setMaxThreadCount(8);
}

JobQueue::~JobQueue() {
    for (auto* job : m_jobs)
        job->cancel();
    qDeleteAll(m_jobs); // each waits for its worker
    m_jobs.clear();
}

TaskJob* JobQueue::submit(const QString& taskId, const std::map<std::string, std::string>& values) {
    auto* job = new TaskJob(taskId, values);
    enqueue(job);
    return job;
}

void JobQueue::enqueue(TaskJob* job) {
    job->setParent(this);
    m_jobs.append(job);
    connect(job, &TaskJob::finished, this, [this, job](TaskJob::State state) {
        Q_EMIT jobFinished(job);
        if (!job->isTask() && state == TaskJob::State::Succeeded && m_jobs.removeOne(job)) {
            Q_EMIT jobRemoved(job);
            job->deleteLater();
        }
        startPending();
    });
    Q_EMIT jobAdded(job);
    startPending();
}

void JobQueue::setMaxConcurrent(int n) {
    m_maxConcurrent = std::max(1, n);
    startPending();
}

int JobQueue::runningCount() const {
    int n = 0;
    for (const auto* job : m_jobs)
        n += job->state() == TaskJob::State::Running;
    return n;
}

int JobQueue::pendingCount() const {
    int n = 0;
    for (const auto* job : m_jobs)
        n += job->state() == TaskJob::State::Queued;
    return n;
}

int JobQueue::runningTasks() const {
    int n = 0;
    for (const auto* job : m_jobs)
        n += job->isTask() && job->state() == TaskJob::State::Running;
    return n;
}

void JobQueue::startPending() {
    for (auto* job : m_jobs)
        if (job->state() == TaskJob::State::Queued &&
            (!job->isTask() || runningTasks() < m_maxConcurrent))
            job->start(m_pool);
    Q_EMIT activityChanged(runningCount(), pendingCount());
}

void JobQueue::cancelAll() {
    for (auto* job : m_jobs)
        if (!job->isDone())
            job->cancel();
}

void JobQueue::clearFinished() {
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if ((*it)->isDone()) {
            TaskJob* job = *it;
            it = m_jobs.erase(it);
            Q_EMIT jobRemoved(job);
            job->deleteLater();
        } else {
            ++it;
        }
    }
}

} // namespace soilscope::widgets
