#pragma once
#include "tasks/task_runner.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <string>

class QThreadPool;

namespace soilscope::widgets {

class PoolWork;

/// Runs one core Task, or a piece of work such as a layer load, on a worker thread and turns
/// its Feedback calls into queued signals. The job lives on the GUI thread; exceptions stop on
/// the worker (in tasks::runTask for a task).
class TaskJob : public QObject {
    Q_OBJECT
  public:
    enum class State { Queued, Running, Succeeded, Failed, Canceled };
    Q_ENUM(State)

    /// Work that is not a registered task (the GUI's layer and series loads).
    using Work = std::function<void(soilscope::Feedback&)>;

    /// A job for task `taskId` with raw text values (as the CLI would pass them).
    TaskJob(QString taskId, std::map<std::string, std::string> values, QObject* parent = nullptr);
    /// A job that runs `work` with the same states, progress and cancel: it fails with the
    /// message of what it throws and ends canceled on CanceledError or when canceled.
    TaskJob(Work work, QString title, QObject* parent = nullptr);
    /// Cancels a running task and waits for the worker to stop.
    ~TaskJob() override;

    /// Starts the task on `pool` (the global pool when null); a job starts only once.
    void start(QThreadPool* pool = nullptr);
    /// Asks the task to stop (Feedback::cancel); a queued job is canceled at once.
    void cancel();
    /// Blocks until the worker is done (tests and shutdown only).
    void waitForFinished();

    /// The task's id; empty for work.
    const QString& taskId() const { return m_taskId; }
    /// True for a registered task, false for work.
    bool isTask() const { return !m_work; }
    /// The task's human title (the id when the task is unknown).
    const QString& title() const { return m_title; }
    const std::map<std::string, std::string>& values() const { return m_values; }
    State state() const { return m_state; }
    bool isDone() const;
    double progress() const { return m_progress; }
    /// Seconds since start (0 while queued).
    double elapsedSeconds() const;
    /// Estimated seconds to completion from the progress so far; negative when unknown.
    double etaSeconds() const;
    /// The outcome once done.
    const tasks::TaskOutcome& outcome() const { return m_outcome; }
    /// The task's JSON result as Qt JSON (empty until it succeeded).
    QJsonObject resultJson() const;
    /// The error message of a failed job.
    QString errorMessage() const { return QString::fromStdString(m_outcome.errorMessage); }

    /// Display name of a state ("Running", ...), translated.
    static QString stateName(State state);

  Q_SIGNALS:
    void started();
    void progressChanged(double percent);
    void messageLogged(int level, const QString& message);
    void metricReported(int step, const QString& name, double value);
    void finished(soilscope::widgets::TaskJob::State state);

  private:
    class Relay;
    struct Mailbox;
    /// Runs on the GUI thread what the worker posted to the mailbox.
    Q_INVOKABLE void deliverPosted();
    void deliverFinished(tasks::TaskOutcome outcome);

    QString m_taskId;
    QString m_title;
    std::map<std::string, std::string> m_values;
    Work m_work;
    State m_state = State::Queued;
    double m_progress = 0.0;
    QElapsedTimer m_clock;
    qint64 m_finishedMs = -1;
    tasks::TaskOutcome m_outcome;
    std::shared_ptr<Mailbox> m_mailbox;
    std::shared_ptr<Relay> m_relay;
    std::shared_ptr<PoolWork> m_worker;
};

} // namespace soilscope::widgets
