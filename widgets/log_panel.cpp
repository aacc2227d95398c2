#include "widgets/log_panel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace soilscope::widgets {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent), m_view(new QPlainTextEdit(this)) {
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(20000);
    m_view->setFont(QFont(QStringLiteral("monospace"), 9));
    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Clear the log"));
    connect(clear, &QPushButton::clicked, this, &LogPanel::clear);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
}

QString LogPanel::text() const {
    return m_view->toPlainText();
}

void LogPanel::append(int level, const QString& message, const QString& source) {
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    QString colour = QStringLiteral("#303030");
    QString tag;
    if (level == Warning) {
        colour = QStringLiteral("#9a6700");
        tag = tr("warning: ");
    } else if (level == Error) {
        colour = QStringLiteral("#b3261e");
        tag = tr("error: ");
    }
    const QString prefix = source.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(source);
    m_view->appendHtml(
        QStringLiteral(
            "<span style=\"color:#808080\">%1</span> <span style=\"color:%2\">%3%4%5</span>")
            .arg(time, colour, prefix.toHtmlEscaped(), tag, message.toHtmlEscaped()));
}

void LogPanel::clear() {
    m_view->clear();
}

} // namespace soilscope::widgets
