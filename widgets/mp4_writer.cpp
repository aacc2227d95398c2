#include "widgets/mp4_writer.h"

#include "base/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <QFile>
#include <QImage>

#include <string>

namespace soilscope::widgets {

namespace {
std::string avMessage(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}
} // namespace

struct Mp4Writer::State {
    QString path;
    QString temporary;
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVStream* stream = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    SwsContext* scaler = nullptr;
    std::int64_t next = 0;
    bool finished = false;

    [[noreturn]] void fail(const std::string& what, int code) const {
        throw Error(what + (code ? ": " + avMessage(code) : std::string()), path.toStdString());
    }

    /// Sends a frame (nullptr: the end) and writes every packet the encoder has ready.
    void encode(AVFrame* f) {
        if (const int rc = avcodec_send_frame(codec, f); rc < 0)
            fail("the video encoder refused a frame", rc);
        for (;;) {
            const int rc = avcodec_receive_packet(codec, packet);
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
                return;
            if (rc < 0)
                fail("the video encoder failed", rc);
            av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            if (const int w = av_interleaved_write_frame(format, packet); w < 0)
                fail("cannot write the video", w);
        }
    }

    ~State() {
        sws_freeContext(scaler);
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&codec);
        if (format) {
            if (format->pb)
                avio_closep(&format->pb);
            avformat_free_context(format);
        }
        if (!finished && !temporary.isEmpty())
            QFile::remove(temporary);
    }
};

Mp4Writer::Mp4Writer(const QString& path, QSize size, int framesPerSecond)
    : m(std::make_unique<State>()) {
    m->path = path;
    m->temporary = path + QStringLiteral(".partial");
    const int width = size.width() & ~1, height = size.height() & ~1;
    if (width < 2 || height < 2 || framesPerSecond < 1)
        m->fail("a video needs a size of at least 2 x 2 pixels and 1 frame per second", 0);
    const std::string tmp = m->temporary.toStdString();
    if (const int rc = avformat_alloc_output_context2(&m->format, nullptr, "mp4", tmp.c_str());
        rc < 0)
        m->fail("FFmpeg has no MP4 writer", rc);
    const AVCodec* encoder = avcodec_find_encoder(AV_CODEC_ID_H264);
    if (!encoder)
        encoder = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (!encoder)
        m->fail("FFmpeg has neither an H.264 nor an MPEG-4 encoder", 0);
    m->stream = avformat_new_stream(m->format, nullptr);
    m->codec = avcodec_alloc_context3(encoder);
    m->frame = av_frame_alloc();
    m->packet = av_packet_alloc();
    if (!m->stream || !m->codec || !m->frame || !m->packet)
        m->fail("out of memory for the video encoder", 0);
    AVCodecContext* c = m->codec;
    c->width = width;
    c->height = height;
    c->time_base = AVRational{1, framesPerSecond};
    c->framerate = AVRational{framesPerSecond, 1};
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->gop_size = framesPerSecond * 2;
    if (encoder->id == AV_CODEC_ID_H264) {
        av_opt_set(c->priv_data, "preset", "medium", 0);
        av_opt_set(c->priv_data, "crf", "18", 0); // maps have sharp edges and flat colours
    } else {
        c->bit_rate = 8'000'000;
    }
    if (m->format->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (const int rc = avcodec_open2(c, encoder, nullptr); rc < 0)
        m->fail("cannot open the video encoder", rc);
    if (const int rc = avcodec_parameters_from_context(m->stream->codecpar, c); rc < 0)
        m->fail("cannot describe the video stream", rc);
    m->stream->time_base = c->time_base;
    m->frame->format = c->pix_fmt;
    m->frame->width = width;
    m->frame->height = height;
    if (const int rc = av_frame_get_buffer(m->frame, 0); rc < 0)
        m->fail("out of memory for a video frame", rc);
    m->scaler = sws_getContext(width, height, AV_PIX_FMT_BGRA, width, height, AV_PIX_FMT_YUV420P,
                               SWS_BICUBIC, nullptr, nullptr, nullptr);
    if (!m->scaler)
        m->fail("cannot convert frames to the video's colours", 0);
    if (const int rc = avio_open(&m->format->pb, tmp.c_str(), AVIO_FLAG_WRITE); rc < 0)
        m->fail("cannot create the file", rc);
    if (const int rc = avformat_write_header(m->format, nullptr); rc < 0)
        m->fail("cannot write the video header", rc);
}

Mp4Writer::~Mp4Writer() = default;

QString Mp4Writer::codecName() const {
    return QString::fromLatin1(m->codec->codec->name) == QLatin1String("libx264")
               ? QStringLiteral("h264")
               : QString::fromLatin1(m->codec->codec->name);
}

QSize Mp4Writer::size() const {
    return {m->codec->width, m->codec->height};
}

void Mp4Writer::addFrame(const QImage& image) {
    if (m->finished)
        m->fail("the video is finished", 0);
    // ARGB32 is B, G, R, A in memory on little-endian machines: FFmpeg's BGRA.
    QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    if (argb.size() != size())
        argb = argb.scaled(size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (const int rc = av_frame_make_writable(m->frame); rc < 0)
        m->fail("cannot reuse the video frame", rc);
    const std::uint8_t* source[] = {argb.constBits()};
    const int stride[] = {static_cast<int>(argb.bytesPerLine())};
    sws_scale(m->scaler, source, stride, 0, argb.height(), m->frame->data, m->frame->linesize);
    m->frame->pts = m->next++;
    m->encode(m->frame);
}

void Mp4Writer::finish() {
    if (m->finished)
        return;
    m->encode(nullptr);
    if (const int rc = av_write_trailer(m->format); rc < 0)
        m->fail("cannot finish the video", rc);
    avio_closep(&m->format->pb);
    QFile::remove(m->path);
    if (!QFile::rename(m->temporary, m->path))
        m->fail("cannot move the finished video into place", 0);
    m->finished = true;
}

} // namespace soilscope::widgets
