#pragma once
#include <QWidget>

class QPlainTextEdit;

namespace soilscope::widgets {

/// The Log dock: time-stamped messages of jobs and the application, warnings and errors coloured.
class LogPanel : public QWidget {
    Q_OBJECT
  public:
    enum Level { Info = 0, Warning = 1, Error = 2 };
    explicit LogPanel(QWidget* parent = nullptr);
    /// Plain text of the log (for tests and copying).
    QString text() const;

  public Q_SLOTS:
    /// Appends a message; `source` (a task title) prefixes it when given.
    void append(int level, const QString& message, const QString& source = {});
    void clear();

  private:
    QPlainTextEdit* m_view;
};

} // namespace soilscope::widgets
