#include "widgets/figure_export.h"

#include "base/error.h"
#include "geo/geotiff_writer.h"
#include "geo/raster.h"
#include "widgets/qcp.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QToolButton>

namespace soilscope::widgets {

namespace {

QString suffixOf(const QString& path) {
    return QFileInfo(path).suffix().toLower();
}

void checkWritten(bool ok, const QString& path) {
    if (!ok || !QFileInfo::exists(path) || QFileInfo(path).size() == 0)
        throw Error("could not write the figure", path.toStdString());
}

} // namespace

void exportPlot(QCustomPlot* plot, const ExportSettings& s) {
    const QString suffix = suffixOf(s.path);
    const int w = s.size.width(), h = s.size.height();
    if (suffix == QLatin1String("png")) {
        checkWritten(plot->savePng(s.path, w, h, s.dpi / 96.0, -1, s.dpi), s.path);
    } else if (suffix == QLatin1String("pdf")) {
        checkWritten(plot->savePdf(s.path, w, h, QCP::epNoCosmetic, QStringLiteral("SoilScope")),
                     s.path);
    } else if (suffix == QLatin1String("svg")) {
        exportPainted(
            [plot](QPainter& painter, const QSize& size) {
                QCPPainter qcp(painter.device());
                plot->toPainter(&qcp, size.width(), size.height());
            },
            s);
    } else {
        throw Error("unknown figure format '" + suffix.toStdString() + "' (use png, svg or pdf)",
                    s.path.toStdString());
    }
}

void exportPainted(const std::function<void(QPainter&, const QSize&)>& paint,
                   const ExportSettings& s) {
    const QString suffix = suffixOf(s.path);
    const QString tmp = s.path + QStringLiteral(".part");
    QFile::remove(tmp);
    if (suffix == QLatin1String("png")) {
        const double scale = s.dpi / 96.0;
        QImage img(s.size * scale, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        img.setDotsPerMeterX(static_cast<int>(s.dpi / 0.0254));
        img.setDotsPerMeterY(static_cast<int>(s.dpi / 0.0254));
        {
            QPainter p(&img);
            p.scale(scale, scale);
            paint(p, s.size);
        }
        if (!img.save(tmp, "PNG"))
            throw Error("could not write the PNG", s.path.toStdString());
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(tmp);
        svg.setSize(s.size);
        svg.setViewBox(QRect(QPoint(0, 0), s.size));
        svg.setResolution(96);
        svg.setTitle(QStringLiteral("SoilScope figure"));
        QPainter p(&svg);
        paint(p, s.size);
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(tmp);
        pdf.setResolution(96);
        pdf.setPageSize(
            QPageSize(QSizeF(s.size.width() / 96.0 * 25.4, s.size.height() / 96.0 * 25.4),
                      QPageSize::Millimeter));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setCreator(QStringLiteral("SoilScope"));
        QPainter p(&pdf);
        paint(p, s.size);
    } else {
        throw Error("unknown figure format '" + suffix.toStdString() + "' (use png, svg or pdf)",
                    s.path.toStdString());
    }
    QFile::remove(s.path);
    if (!QFile::rename(tmp, s.path))
        throw Error("could not move the figure into place", s.path.toStdString());
    checkWritten(true, s.path);
}

void copyPlotToClipboard(QCustomPlot* plot) {
    QApplication::clipboard()->setPixmap(plot->toPixmap(plot->width(), plot->height(), 2.0));
}

QString qgisStyle(const MapLayer& layer) {
    const ColourMap map = layer.colourMap();
    QString items;
    if (layer.categorical) {
        for (int i = 0; i < layer.colourTable.size(); ++i)
            if (layer.colourTable[i].alpha() > 0)
                items +=
                    QStringLiteral(
                        "          <item alpha=\"255\" value=\"%1\" label=\"%1\" color=\"%2\"/>\n")
                        .arg(i)
                        .arg(layer.colourTable[i].name());
    } else {
        for (int i = 0; i <= 10; ++i) {
            const double t = i / 10.0;
            const double v = layer.stretch.low + t * (layer.stretch.high - layer.stretch.low);
            items += QStringLiteral(
                         "          <item alpha=\"255\" value=\"%1\" label=\"%2\" color=\"%3\"/>\n")
                         .arg(v, 0, 'g', 8)
                         .arg(v, 0, 'g', 4)
                         .arg(QColor::fromRgb(map.at(t)).name());
        }
    }
    const QString type =
        layer.categorical ? QStringLiteral("EXACT") : QStringLiteral("INTERPOLATED");
    return QStringLiteral(
               "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
               "<qgis version=\"3.22\" styleCategories=\"Symbology\">\n"
               "  <pipe>\n"
               "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"%1\" "
               "classificationMin=\"%2\" classificationMax=\"%3\" nodataColor=\"\">\n"
               "      <rastershader>\n"
               "        <colorrampshader colorRampType=\"%4\" classificationMode=\"1\" clip=\"0\" "
               "minimumValue=\"%2\" maximumValue=\"%3\">\n%5"
               "        </colorrampshader>\n"
               "      </rastershader>\n"
               "    </rasterrenderer>\n"
               "  </pipe>\n"
               "</qgis>\n")
        .arg(layer.opacity)
        .arg(layer.stretch.low, 0, 'g', 8)
        .arg(layer.stretch.high, 0, 'g', 8)
        .arg(type, items);
}

void exportRasterGeoTiff(const MapLayer& layer, const QString& path) {
    if (layer.type != MapLayer::Type::Raster)
        throw Error("only raster layers can be written as GeoTIFF", path.toStdString());
    const geo::Raster raster(layer.path.toStdString());
    const int band = std::clamp(layer.band, 1, raster.bandCount());
    const auto values = raster.readBand(band);
    geo::GeoTiffOptions options;
    options.cog = true;
    const geo::BandInfo info = raster.band(band);
    options.bandDescriptions = {layer.bandLabels.value(band - 1, layer.name).toStdString()};
    options.bandUnits = {info.units};
    options.metadata["SOURCE"] = layer.path.toStdString();
    options.metadata["SOFTWARE"] = "SoilScope";
    geo::writeGeoTiff(path.toStdString(), raster.grid(), values, options);
    const QString qml = QFileInfo(path).path() + QLatin1Char('/') +
                        QFileInfo(path).completeBaseName() + QStringLiteral(".qml");
    QSaveFile file(qml);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        throw Error("cannot write the QGIS style", qml.toStdString());
    file.write(qgisStyle(layer).toUtf8());
    if (!file.commit())
        throw Error("cannot write the QGIS style", qml.toStdString());
}

ExportDialog::ExportDialog(const QString& suggestedName, const QSize& size, QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(suggestedName)), m_width(new QSpinBox),
      m_height(new QSpinBox), m_dpi(new QSpinBox) {
    setWindowTitle(tr("Export figure"));
    auto* browse = new QToolButton;
    browse->setText(QStringLiteral("\u2026"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(
            this, tr("Export figure"), m_path->text(),
            tr("PNG image (*.png);;SVG vector (*.svg);;PDF document (*.pdf)"));
        if (!p.isEmpty())
            m_path->setText(p);
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, 10000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    m_dpi->setRange(48, 1200);
    m_dpi->setValue(150);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("PNG resolution: the image has width \u00d7 dpi/96 pixels"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("File"), pathRow);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("Resolution"), m_dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportSettings ExportDialog::settings() const {
    return {m_path->text(), QSize(m_width->value(), m_height->value()), m_dpi->value()};
}

} // namespace soilscope::widgets
