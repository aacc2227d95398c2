#include "widgets/jobs_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace soilscope::widgets {

namespace {
enum Column { TaskColumn, StateColumn, ProgressColumn, TimeColumn, CancelColumn };
}

JobsPanel::JobsPanel(JobQueue* queue, QWidget* parent)
    : QWidget(parent), m_queue(queue), m_tree(new QTreeWidget(this)), m_timer(new QTimer(this)) {
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Task"), tr("State"), tr("Progress"), tr("Time / ETA"), QString()});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(TaskColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(CancelColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    auto* clear = new QPushButton(tr("Clear finished"), this);
    clear->setToolTip(tr("Remove finished, failed and canceled jobs from the list"));
    auto* cancelAll = new QPushButton(tr("Cancel all"), this);
    cancelAll->setToolTip(tr("Cancel every queued and running job"));
    connect(clear, &QPushButton::clicked, m_queue, &JobQueue::clearFinished);
    connect(cancelAll, &QPushButton::clicked, m_queue, &JobQueue::cancelAll);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancelAll);
    buttons->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);

    connect(m_queue, &JobQueue::jobAdded, this, &JobsPanel::addJob);
    connect(m_queue, &JobQueue::jobRemoved, this, &JobsPanel::removeJob);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (auto* job = m_items.key(item, nullptr); job && job->isDone())
            Q_EMIT jobActivated(job);
    });
    connect(m_timer, &QTimer::timeout, this, &JobsPanel::refreshAll);
    m_timer->start(500);
    for (auto* job : m_queue->jobs())
        addJob(job);
}

int JobsPanel::rowCount() const {
    return m_tree->topLevelItemCount();
}

QString JobsPanel::formatDuration(double seconds) {
    if (seconds < 0)
        return QStringLiteral("?");
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

void JobsPanel::addJob(TaskJob* job) {
    auto* item = new QTreeWidgetItem(m_tree);
    item->setText(TaskColumn, job->title());
    QStringList args;
    for (const auto& [k, v] : job->values())
        args << QStringLiteral("--%1 %2").arg(QString::fromStdString(k), QString::fromStdString(v));
    item->setToolTip(TaskColumn,
                     job->isTask() ? job->taskId() + QLatin1Char(' ') + args.join(QLatin1Char(' '))
                                   : job->title());
    auto* bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setTextVisible(true);
    m_tree->setItemWidget(item, ProgressColumn, bar);
    auto* cancel = new QToolButton;
    cancel->setIcon(QIcon(QStringLiteral(":/icons/cancel.svg")));
    cancel->setText(tr("Cancel"));
    cancel->setToolTip(tr("Cancel this job"));
    cancel->setAutoRaise(true);
    connect(cancel, &QToolButton::clicked, job, &TaskJob::cancel);
    m_tree->setItemWidget(item, CancelColumn, cancel);
    m_items.insert(job, item);
    connect(job, &TaskJob::progressChanged, this, [this, job] { refresh(job); });
    connect(job, &TaskJob::started, this, [this, job] { refresh(job); });
    connect(job, &TaskJob::finished, this, [this, job] { refresh(job); });
    refresh(job);
    m_tree->scrollToItem(item);
}

void JobsPanel::removeJob(TaskJob* job) {
    delete m_items.take(job);
}

void JobsPanel::refresh(TaskJob* job) {
    auto* item = m_items.value(job);
    if (!item)
        return;
    item->setText(StateColumn, TaskJob::stateName(job->state()));
    if (job->state() == TaskJob::State::Failed) {
        item->setForeground(StateColumn, QColor(0xb3, 0x26, 0x1e));
        item->setToolTip(StateColumn, job->errorMessage());
    }
    if (auto* bar = qobject_cast<QProgressBar*>(m_tree->itemWidget(item, ProgressColumn))) {
        bar->setValue(static_cast<int>(job->progress() * 10));
        bar->setFormat(QStringLiteral("%1 %").arg(job->progress(), 0, 'f', 0));
    }
    QString time;
    if (job->state() == TaskJob::State::Running)
        time = tr("%1 / %2 left")
                   .arg(formatDuration(job->elapsedSeconds()), formatDuration(job->etaSeconds()));
    else if (job->isDone())
        time = formatDuration(job->elapsedSeconds());
    item->setText(TimeColumn, time);
    if (auto* cancel = m_tree->itemWidget(item, CancelColumn))
        cancel->setEnabled(!job->isDone());
}

void JobsPanel::refreshAll() {
    for (auto it = m_items.begin(); it != m_items.end(); ++it)
        if (it.key()->state() == TaskJob::State::Running)
            refresh(it.key());
}

} // namespace soilscope::widgets
