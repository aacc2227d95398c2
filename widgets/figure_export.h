#pragma once
#include "widgets/map_layer.h"

#include <QDialog>
#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

class QCustomPlot;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QPainter;

namespace soilscope::widgets {

/// Size, resolution and target of a figure export.
struct ExportSettings {
    QString path;           ///< .png, .svg or .pdf (format from the suffix)
    QSize size{1600, 1000}; ///< pixels (PNG) or points at 96 dpi (SVG/PDF)
    int dpi = 150;
};

/// Writes a plot as PNG (size x dpi/96 scale), SVG (vector) or PDF (vector); throws
/// soilscope::Error.
void exportPlot(QCustomPlot* plot, const ExportSettings& settings);
/// Writes any painter-drawn figure (maps) as PNG/SVG/PDF; `paint` draws into a rect of `size`.
void exportPainted(const std::function<void(QPainter&, const QSize&)>& paint,
                   const ExportSettings& settings);
/// Copies a plot to the clipboard as an image.
void copyPlotToClipboard(QCustomPlot* plot);

/// Writes a raster layer's current band as a tiled, compressed GeoTIFF (COG layout) with a QGIS
/// style sidecar (OUT.qml) reproducing the layer's colour ramp and stretch; throws
/// soilscope::Error.
void exportRasterGeoTiff(const MapLayer& layer, const QString& path);
/// The QGIS .qml document of a layer's colour ramp and stretch.
QString qgisStyle(const MapLayer& layer);

/// Asks for a file, size and resolution of a figure export.
class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    ExportDialog(const QString& suggestedName, const QSize& size, QWidget* parent = nullptr);
    ExportSettings settings() const;

  private:
    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
};

} // namespace soilscope::widgets
