#include "widgets/titled_plot.h"

#include <QVBoxLayout>

namespace soilscope::widgets {

void layOutTitledPlot(QWidget* owner, QLabel* title, QCustomPlot* plot) {
    auto* layout = new QVBoxLayout(owner);
    layout->setContentsMargins(2, 2, 2, 2);
    title->setStyleSheet(QStringLiteral("font-weight: 600;"));
    layout->addWidget(title);
    layout->addWidget(plot, 1);
}

} // namespace soilscope::widgets
