#pragma once
#include "widgets/job_queue.h"

#include <QHash>
#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QTimer;

namespace soilscope::widgets {

/// The Jobs dock: every queued, running and finished job with its progress, elapsed time, ETA
/// and a cancel button.
class JobsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit JobsPanel(JobQueue* queue, QWidget* parent = nullptr);
    /// Number of rows (for tests).
    int rowCount() const;
    /// "1 min 5 s" style duration text.
    static QString formatDuration(double seconds);

  Q_SIGNALS:
    /// A finished job was double-clicked (show its result).
    void jobActivated(soilscope::widgets::TaskJob* job);

  private:
    void addJob(TaskJob* job);
    void removeJob(TaskJob* job);
    void refresh(TaskJob* job);
    void refreshAll();

    JobQueue* m_queue;
    QTreeWidget* m_tree;
    QTimer* m_timer;
    QHash<TaskJob*, QTreeWidgetItem*> m_items;
};

} // namespace soilscope::widgets
