#pragma once
// QCustomPlot's header uses the Qt keywords (signals, slots, emit, foreach) that SoilScope disables
// with QT_NO_KEYWORDS; this wrapper maps them for the header only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
