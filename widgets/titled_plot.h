#pragma once
#include "widgets/qcp.h"

#include <QLabel>
#include <QWidget>

namespace soilscope::widgets {

/// Lays out a bold title line above a plot that fills the rest of the owner widget.
void layOutTitledPlot(QWidget* owner, QLabel* title, QCustomPlot* plot);

} // namespace soilscope::widgets
