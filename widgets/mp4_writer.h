#pragma once
// Map animations as MP4 video through FFmpeg's libraries (Debian's libavcodec, libavformat,
// libswscale): H.264 when the library has an encoder for it (Debian's does, libx264), else
// MPEG-4 Part 2.
#include <QSize>
#include <QString>

#include <memory>

class QImage;

namespace soilscope::widgets {

class Mp4Writer {
  public:
    /// Starts `path` (written to a temporary file, renamed by finish()) at `size` (rounded
    /// down to even sides, as 4:2:0 video needs) and `framesPerSecond`. Throws soilscope::Error
    /// naming the file.
    Mp4Writer(const QString& path, QSize size, int framesPerSecond);
    ~Mp4Writer(); ///< without finish(): the temporary file is removed
    Mp4Writer(const Mp4Writer&) = delete;
    Mp4Writer& operator=(const Mp4Writer&) = delete;

    /// Appends a frame (scaled to the video's size when it differs). Throws soilscope::Error.
    void addFrame(const QImage& frame);
    /// Flushes the encoder, writes the index and moves the file into place. Throws.
    void finish();
    /// "h264" or "mpeg4".
    QString codecName() const;
    QSize size() const;

  private:
    struct State;
    std::unique_ptr<State> m;
};

} // namespace soilscope::widgets
