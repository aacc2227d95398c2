#include "widgets/task_job.h"

#include "base/error.h"
#include "tasks/task_registry.h"
#include "widgets/pool_work.h"
#include "widgets/task_strings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMetaObject>
#include <mutex>
#include <vector>

namespace soilscope::widgets {

/// The calls the worker hands to the GUI thread, in order. Guarded by a std::mutex rather than
/// carried by Qt's event queue alone, so that ThreadSanitizer sees the hand-off (Qt's own locks
/// are invisible to it).
struct TaskJob::Mailbox {
    std::mutex mutex;
    std::vector<std::function<void(TaskJob&)>> posted;
};

/// Feedback that forwards to the job on the GUI thread. The job outlives the worker
/// (its destructor cancels and waits), so posting to it from the worker is safe.
class TaskJob::Relay : public soilscope::Feedback {
  public:
    Relay(TaskJob* job, std::shared_ptr<Mailbox> mailbox)
        : m_job(job), m_mailbox(std::move(mailbox)) {}

    /// Queues `call` for the GUI thread; one delivery runs everything queued until then.
    void post(std::function<void(TaskJob&)> call) {
        bool first = false;
        {
            const std::lock_guard lock(m_mailbox->mutex);
            first = m_mailbox->posted.empty();
            m_mailbox->posted.push_back(std::move(call));
        }
        if (first)
            QMetaObject::invokeMethod(m_job, "deliverPosted", Qt::QueuedConnection);
    }

  protected:
    void onProgress(double percent) override {
        post([percent](TaskJob& job) {
            job.m_progress = percent;
            Q_EMIT job.progressChanged(percent);
        });
    }
    void onMessage(soilscope::MessageLevel level, const std::string& message) override {
        post([level = static_cast<int>(level), text = QString::fromStdString(message)](
                 TaskJob& job) { Q_EMIT job.messageLogged(level, text); });
    }
    void onMetric(int step, const std::string& name, double value) override {
        post([step, text = QString::fromStdString(name), value](TaskJob& job) {
            Q_EMIT job.metricReported(step, text, value);
        });
    }

  private:
    TaskJob* m_job;
    std::shared_ptr<Mailbox> m_mailbox;
};

TaskJob::TaskJob(QString taskId, std::map<std::string, std::string> values, QObject* parent)
    : QObject(parent), m_taskId(std::move(taskId)), m_title(m_taskId), m_values(std::move(values)),
      m_mailbox(std::make_shared<Mailbox>()), m_relay(std::make_shared<Relay>(this, m_mailbox)) {
    if (const auto task = tasks::TaskRegistry::instance().create(m_taskId.toStdString()))
        m_title = trTask(task->info().title);
}

TaskJob::TaskJob(Work work, QString title, QObject* parent)
    : QObject(parent), m_title(std::move(title)), m_work(std::move(work)),
      m_mailbox(std::make_shared<Mailbox>()), m_relay(std::make_shared<Relay>(this, m_mailbox)) {}

TaskJob::~TaskJob() {
    m_relay->cancel();
    if (m_worker)
        m_worker->wait();
}

namespace {

tasks::TaskOutcome runRegisteredTask(const std::string& id,
                                     const std::map<std::string, std::string>& values,
                                     soilscope::Feedback& feedback) {
    if (auto task = tasks::TaskRegistry::instance().create(id))
        return tasks::runTask(*task, values, feedback);
    tasks::TaskOutcome outcome;
    outcome.status = tasks::TaskStatus::UsageFailed;
    outcome.errorMessage = "unknown task '" + id + "'";
    return outcome;
}

tasks::TaskOutcome runWork(const TaskJob::Work& work, soilscope::Feedback& feedback) {
    tasks::TaskOutcome outcome;
    try {
        work(feedback);
        outcome.status =
            feedback.isCanceled() ? tasks::TaskStatus::Canceled : tasks::TaskStatus::Succeeded;
    } catch (const soilscope::CanceledError& e) {
        outcome.status = tasks::TaskStatus::Canceled;
        outcome.errorMessage = e.what();
    } catch (const std::exception& e) {
        outcome.status = tasks::TaskStatus::Failed;
        outcome.errorMessage = e.what();
    }
    return outcome;
}

} // namespace

void TaskJob::start(QThreadPool* pool) {
    if (m_state != State::Queued)
        return;
    m_state = State::Running;
    m_clock.start();
    Q_EMIT started();
    m_worker = runInPool(
        this,
        [relay = m_relay, id = m_taskId.toStdString(), values = m_values, work = m_work] {
            tasks::TaskOutcome outcome =
                work ? runWork(work, *relay) : runRegisteredTask(id, values, *relay);
            relay->post([outcome = std::move(outcome)](TaskJob& job) mutable {
                job.deliverFinished(std::move(outcome));
            });
        },
        {}, pool);
}

void TaskJob::deliverPosted() {
    std::vector<std::function<void(TaskJob&)>> calls;
    {
        const std::lock_guard lock(m_mailbox->mutex);
        calls.swap(m_mailbox->posted);
    }
    for (auto& call : calls)
        call(*this);
}

void TaskJob::deliverFinished(tasks::TaskOutcome outcome) {
    m_outcome = std::move(outcome);
    m_finishedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    switch (m_outcome.status) {
    case tasks::TaskStatus::Succeeded:
        m_state = State::Succeeded;
        m_progress = 100.0;
        break;
    case tasks::TaskStatus::Canceled:
        m_state = State::Canceled;
        break;
    case tasks::TaskStatus::Failed:
    case tasks::TaskStatus::UsageFailed:
        m_state = State::Failed;
        break;
    }
    Q_EMIT finished(m_state);
}

void TaskJob::cancel() {
    m_relay->cancel();
    if (m_state == State::Queued) {
        m_outcome.status = tasks::TaskStatus::Canceled;
        m_outcome.errorMessage = "canceled";
        m_state = State::Canceled;
        m_finishedMs = 0;
        Q_EMIT finished(m_state);
    }
}

void TaskJob::waitForFinished() {
    if (m_worker)
        m_worker->wait();
    QCoreApplication::sendPostedEvents(this);
}

bool TaskJob::isDone() const {
    return m_state == State::Succeeded || m_state == State::Failed || m_state == State::Canceled;
}

double TaskJob::elapsedSeconds() const {
    if (!m_clock.isValid())
        return 0.0;
    return (m_finishedMs >= 0 ? m_finishedMs : m_clock.elapsed()) / 1000.0;
}

double TaskJob::etaSeconds() const {
    if (m_state != State::Running || m_progress < 1.0)
        return -1.0;
    return elapsedSeconds() * (100.0 - m_progress) / m_progress;
}

QJsonObject TaskJob::resultJson() const {
    if (m_state != State::Succeeded)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(m_outcome.result.json.dump()))
        .object();
}

QString TaskJob::stateName(State state) {
    switch (state) {
    case State::Queued:
        return tr("Queued");
    case State::Running:
        return tr("Running");
    case State::Succeeded:
        return tr("Done");
    case State::Failed:
        return tr("Failed");
    case State::Canceled:
        return tr("Canceled");
    }
    return {};
}

} // namespace soilscope::widgets
