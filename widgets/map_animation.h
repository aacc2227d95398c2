#pragma once
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>

namespace soilscope::widgets {

class MapCanvas;

/// What an animation export wrote.
struct AnimationExport {
    QStringList frames; ///< frame_0001.png, ... (one per time step)
    QString video;      ///< animation.mp4 (H.264), or "" when FFmpeg could not write it
    QString gif;        ///< animation.gif, or "" without ImageMagick
    QString note;       ///< why there is no MP4 or GIF, or that the export was stopped
};

/// Renders every time step of the raster series layer `layerIndex` as the map shows it (same
/// extent, colours, borders and stations, the step's date written in a corner) into PNG frames
/// in `folder` and into animation.mp4 (FFmpeg's libraries, at `framesPerSecond`), then an
/// animated GIF with ImageMagick's convert when it is installed. `progress`
/// is called after each frame with (done, total) and stops the export when it returns false.
/// The layer's time step is restored. Throws soilscope::Error naming the folder or the layer.
AnimationExport exportAnimation(MapCanvas& map, int layerIndex, const QString& folder,
                                const QSize& size, int framesPerSecond,
                                const std::function<bool(int, int)>& progress = {});

} // namespace soilscope::widgets
