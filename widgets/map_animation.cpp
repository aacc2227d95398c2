#include "widgets/map_animation.h"

#include "base/error.h"
#include "widgets/map_canvas.h"
#include "widgets/mp4_writer.h"

#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>

#include <optional>

namespace soilscope::widgets {

AnimationExport exportAnimation(MapCanvas& map, int layerIndex, const QString& folder,
                                const QSize& size, int framesPerSecond,
                                const std::function<bool(int, int)>& progress) {
    if (layerIndex < 0 || layerIndex >= map.layerCount())
        throw Error("no layer to animate");
    const MapLayer original = map.layer(layerIndex);
    if (original.type != MapLayer::Type::Raster || original.bandCount < 2)
        throw Error("the layer has no time steps to animate", original.path.toStdString());
    if (!QDir().mkpath(folder))
        throw Error("cannot create the folder", folder.toStdString());
    AnimationExport out;
    QStringList notes;
    std::optional<Mp4Writer> video;
    QString videoProblem;
    try {
        video.emplace(QDir(folder).filePath(QStringLiteral("animation.mp4")), size,
                      std::max(1, framesPerSecond));
    } catch (const Error& e) {
        videoProblem = QString::fromStdString(e.what());
    }
    MapLayer layer = original;
    for (int band = 1; band <= original.bandCount; ++band) {
        layer.band = band;
        map.updateLayer(layerIndex, layer);
        QImage image = map.renderImage(size);
        {
            QPainter p(&image);
            const QString label = original.bandLabels.value(band - 1, QString::number(band));
            QFont font = p.font();
            font.setPointSizeF(font.pointSizeF() * 1.3);
            p.setFont(font);
            const QRect box = p.fontMetrics().boundingRect(label).adjusted(-6, -4, 6, 4);
            const QRect at(10, 10, box.width(), box.height());
            p.fillRect(at, QColor(255, 255, 255, 210));
            p.setPen(Qt::black);
            p.drawText(at, Qt::AlignCenter, label);
        }
        const QString frame = QDir(folder).filePath(
            QStringLiteral("frame_%1.png").arg(band, 4, 10, QLatin1Char('0')));
        if (!image.save(frame)) {
            map.updateLayer(layerIndex, original);
            throw Error("cannot write the frame", frame.toStdString());
        }
        out.frames << frame;
        if (video) {
            try {
                video->addFrame(image);
            } catch (const Error& e) {
                videoProblem = QString::fromStdString(e.what());
                video.reset();
            }
        }
        if (progress && !progress(band, original.bandCount)) {
            notes << QStringLiteral("stopped after %1 of %2 frames")
                         .arg(band)
                         .arg(original.bandCount);
            break;
        }
    }
    map.updateLayer(layerIndex, original);
    if (video) {
        try {
            video->finish();
            out.video = QDir(folder).filePath(QStringLiteral("animation.mp4"));
        } catch (const Error& e) {
            videoProblem = QString::fromStdString(e.what());
        }
    }
    if (!videoProblem.isEmpty())
        notes << QStringLiteral("no MP4: ") + videoProblem;
    const QString convert = QStandardPaths::findExecutable(QStringLiteral("convert"));
    if (convert.isEmpty()) {
        notes << QStringLiteral("ImageMagick's convert is not installed: no GIF");
        out.note = notes.join(QStringLiteral("; "));
        return out;
    }
    const QString gif = QDir(folder).filePath(QStringLiteral("animation.gif"));
    QStringList args{QStringLiteral("-delay"),
                     QString::number(std::max(1, 100 / std::max(1, framesPerSecond))),
                     QStringLiteral("-loop"), QStringLiteral("0")};
    args += out.frames;
    args << gif;
    QProcess convertProcess;
    convertProcess.start(convert, args);
    if (convertProcess.waitForFinished(600000) && convertProcess.exitCode() == 0 &&
        QFileInfo::exists(gif))
        out.gif = gif;
    else
        notes << QStringLiteral("convert could not write the GIF: ") +
                     QString::fromLocal8Bit(convertProcess.readAllStandardError()).trimmed();
    out.note = notes.join(QStringLiteral("; "));
    return out;
}

} // namespace soilscope::widgets
