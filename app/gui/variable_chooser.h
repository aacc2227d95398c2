#pragma once
#include "geo/raster_series.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace soilscope::gui {

/// The variable of a file of several that opens when the user is not asked: the first in
/// volumetric units, else the first named soil moisture (long or standard name), else the first
/// that is not a time (units "… since …"), else the first.
QString defaultVariable(const std::vector<geo::RasterVariable>& variables);

/// The variables of `file` to add as map layers: with `ask`, a dialog lists them (name, long
/// name, units, time steps) with the default one checked; without, the default alone. Empty when
/// the user cancels or checks none.
QStringList chooseVariables(QWidget* parent, const QString& file,
                            const std::vector<geo::RasterVariable>& variables, bool ask);

} // namespace soilscope::gui
