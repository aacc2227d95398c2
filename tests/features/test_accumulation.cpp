// Accumulated variables: a layer stored as sums since 00 UTC (ERA5-Land's tp) reads back as the
// sum of each hour; the hour after midnight is its own sum, the 00 UTC value closes the previous
// day, and an hour whose predecessor is missing is NaN rather than a day's total.
#include "base/error.h"
#include "base/time_utils.h"
#include "features/layer_source.h"
#include "geo/geotiff_writer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace soilscope;
namespace fs = std::filesystem;

namespace {

/// Hourly sum of hour h (1..24) of day d at pixel i: anything that varies.
float hourly(int day, int hour, int pixel) {
    return 0.1f * float(hour) + float(day) + 0.01f * float(pixel);
}

} // namespace

class TestAccumulation : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void sumsSinceMidnightBecomeHourlySums() {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "tp_since_00utc.tif";
        const geo::Grid grid("EPSG:4326", {0.0, 1.0, 0.0, 2.0, 0.0, -1.0}, 2, 2);
        std::vector<std::vector<float>> bands;
        geo::GeoTiffOptions o;
        const TimePoint start = parseIsoTimeOrThrow("2020-01-01T01:00:00Z", "test");
        // two days, 01:00 .. 24:00 each: the ERA5-Land way of storing tp
        std::vector<float> total(4, 0.0f);
        for (int day = 0; day < 2; ++day) {
            std::fill(total.begin(), total.end(), 0.0f);
            for (int hour = 1; hour <= 24; ++hour) {
                for (int i = 0; i < 4; ++i)
                    total[std::size_t(i)] += hourly(day, hour, i);
                bands.push_back(total);
                o.bandDescriptions.push_back(
                    formatIsoTime(start + std::chrono::hours(day * 24 + hour - 1)));
            }
        }
        geo::writeGeoTiff(file, grid, bands, o);
        auto layer = features::LayerSource::open("precipitation", file, "", "series");
        QCOMPARE(layer->times().size(), std::size_t(48));
        layer->setAccumulation(features::Accumulation::SinceDayStart);
        const geo::Window all{0, 0, 2, 2};
        for (int day = 0; day < 2; ++day)
            for (int hour = 1; hour <= 24; ++hour) {
                const auto v = layer->read(day * 24 + hour, all);
                for (int i = 0; i < 4; ++i)
                    QVERIFY2(std::abs(v[std::size_t(i)] - hourly(day, hour, i)) < 1e-4,
                             qPrintable(QString("day %1 hour %2: %3")
                                            .arg(day)
                                            .arg(hour)
                                            .arg(v[std::size_t(i)])));
            }
        // a resampled copy keeps the convention
        const auto copy = layer->resampledTo(grid, geo::Resampling::Nearest);
        QVERIFY(std::abs(copy->read(30, all)[0] - hourly(1, 6, 0)) < 1e-4);

        // without the hour before (the file starts at 05:00) the step cannot be known
        std::vector<std::vector<float>> late(bands.begin() + 4, bands.end());
        geo::GeoTiffOptions lateOptions;
        lateOptions.bandDescriptions.assign(o.bandDescriptions.begin() + 4,
                                            o.bandDescriptions.end());
        const fs::path lateFile = fs::path(tmp.path().toStdString()) / "late.tif";
        geo::writeGeoTiff(lateFile, grid, late, lateOptions);
        auto lateLayer = features::LayerSource::open("precipitation", lateFile, "", "series");
        lateLayer->setAccumulation(features::Accumulation::SinceDayStart);
        QVERIFY(std::isnan(lateLayer->read(1, all)[0]));
        QVERIFY(std::abs(lateLayer->read(2, all)[0] - hourly(0, 6, 0)) < 1e-4);
    }

    void aStaticLayerCannotAccumulate() {
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / "dem.tif";
        const geo::Grid grid("EPSG:4326", {0.0, 1.0, 0.0, 2.0, 0.0, -1.0}, 2, 2);
        geo::writeGeoTiff(file, grid, std::vector<float>(4, 1.0f));
        auto layer = features::LayerSource::open("elevation", file, "", "raster");
        QVERIFY_THROWS_EXCEPTION(Error,
                                 layer->setAccumulation(features::Accumulation::SinceDayStart));
    }
};

QTEST_GUILESS_MAIN(TestAccumulation)
#include "test_accumulation.moc"
