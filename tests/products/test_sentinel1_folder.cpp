// Sentinel-1 σ⁰ scene folders: dates from the names, VV/VH as bands or files, dB or linear from
// the band or the name (or declared), the incidence angle band, conversions between scales.
#include "base/error.h"
#include "base/feedback.h"
#include "base/time_utils.h"
#include "geo/geotiff_writer.h"
#include "products/point_source.h"
#include "products/sentinel1_folder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::products;
namespace fs = std::filesystem;

class TestSentinel1Folder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Feedback m_feedback;
    fs::path m_folder;
    const geo::Grid m_grid = geo::Grid::geographic(3.0, 43.0, 3.1, 43.1, 0.01); // 10 x 10

    void write(const std::string& name, const std::vector<float>& values,
               const std::vector<std::string>& descriptions,
               const std::vector<std::string>& units = {}) {
        std::vector<std::vector<float>> bands;
        for (const float v : values)
            bands.push_back(std::vector<float>(100, v));
        geo::GeoTiffOptions o;
        o.bandDescriptions = descriptions;
        o.bandUnits = units;
        geo::writeGeoTiff(m_folder / name, m_grid, bands, o);
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_folder = m_dir.filePath("s1").toStdString();
        fs::create_directories(m_folder);
        // SNAP-style exports: VV and VH in dB and the incidence angle as bands.
        write("S1A_IW_GRDH_1SDV_20170810T053435_20170810T053500_017853_01DF1A_8A2B.tif",
              {-10.0f, -17.0f, 38.5f}, {"Sigma0_VV_db", "Sigma0_VH_db", "incidenceAngle"});
        write("S1B_IW_GRDH_1SDV_20170816T053400_20170816T053425_006953_00C3F2_1D6C.tif",
              {-12.0f, -18.0f, 38.4f}, {"Sigma0_VV_db", "Sigma0_VH_db", "incidenceAngle"});
        QCOMPARE(recogniseProduct(m_folder), ProductKind::Sentinel1Folder);
    }

    void polarisationsScalesAndIncidence() {
        const Sentinel1Folder vv(m_folder, "VV");
        QCOMPARE(vv.scenes().size(), std::size_t(2));
        QCOMPARE(vv.scenes()[0].band, 1);
        QVERIFY(vv.scenes()[0].scale == BackscatterScale::Decibel);
        const std::vector<std::pair<double, double>> at{{3.05, 43.05}, {10.0, 10.0}};
        auto s = vv.seriesAt(at, std::nullopt);
        QCOMPARE(s[0].series.size(), std::size_t(2));
        QCOMPARE(formatIsoTime(s[0].series.times[0]), std::string("2017-08-10T05:34:35Z"));
        QCOMPARE(s[0].series.values[0], -10.0);
        QCOMPARE(QString::fromStdString(s[0].series.units), QStringLiteral("dB"));
        QCOMPARE(s[1].series.size(), std::size_t(0)); // outside every scene
        s = vv.seriesAt(at, BackscatterScale::Linear);
        QVERIFY(std::abs(s[0].series.values[0] - 0.1) < 1e-12);
        QCOMPARE(QString::fromStdString(s[0].series.units), QStringLiteral("1"));
        const auto vh = Sentinel1Folder(m_folder, "VH").seriesAt(at, std::nullopt);
        QCOMPARE(vh[0].series.values[1], -18.0);
        const auto angle = Sentinel1Folder(m_folder, "incidence").seriesAt(at, std::nullopt);
        QVERIFY(std::abs(angle[0].series.values[0] - 38.5) < 1e-6);
    }

    void aScaleNobodyStatesMustBeDeclared() {
        // A single-polarisation file in linear units with nothing saying so.
        write("S1A_IW_GRDH_1SDV_20170822T053435_VV.tif", {0.05f}, {""});
        try {
            Sentinel1Folder f(m_folder, "VV");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("declare the scale") &&
                         QString(e.what()).contains("20170822T053435_VV.tif"),
                     e.what());
        }
        const auto v = parseBackscatterVariable("VV@linear:db");
        QVERIFY(v.stored && *v.stored == BackscatterScale::Linear);
        PointQuery q;
        q.lon = 3.05;
        q.lat = 43.05;
        q.variable = "VV@linear:db"; // files that say nothing store linear; wanted in dB
        const auto p = readPointSeries(m_folder, q, m_feedback);
        QCOMPARE(p.series.size(), std::size_t(3));
        QCOMPARE(p.series.values[0], -10.0); // the dB files keep their scale
        QVERIFY(std::abs(p.series.values[2] - 10.0 * std::log10(0.05)) < 1e-5);
        QVERIFY_THROWS_EXCEPTION(UsageError, parseBackscatterVariable("HH"));
        fs::remove(m_folder / "S1A_IW_GRDH_1SDV_20170822T053435_VV.tif");
    }
};

QTEST_APPLESS_MAIN(TestSentinel1Folder)
#include "test_sentinel1_folder.moc"
