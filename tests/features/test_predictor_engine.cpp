#include "base/error.h"
#include "features/layer_source.h"
#include "features/predictor_engine.h"
#include "features/temporal.h"
#include "geo/geotiff_writer.h"
#include "series/exponential_filter.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace soilscope;
using namespace soilscope::features;
namespace fs = std::filesystem;

class TestPredictorEngine : public QObject {
    Q_OBJECT

    fs::path m_dir;
    geo::Grid m_grid = geo::Grid("EPSG:32630", {500000, 30, 0, 4500000, 0, -30}, 6, 5);

    // A 12-day precipitation series (two values per day) as a GeoTIFF with ISO band descriptions.
    fs::path writeRain() {
        std::vector<std::vector<float>> bands;
        geo::GeoTiffOptions o;
        for (int d = 1; d <= 12; ++d)
            for (int h : {6, 18}) {
                std::vector<float> b(30);
                for (int i = 0; i < 30; ++i)
                    b[std::size_t(i)] = (d % 4 == 0) ? 0.0f : float(d + 0.1 * i);
                if (d == 7)
                    b[3] = NAN;
                bands.push_back(b);
                o.bandDescriptions.push_back(formatIsoTime(makeTime(2020, 5, unsigned(d), h)));
            }
        const fs::path p = m_dir / "rain.tif";
        geo::writeGeoTiff(p, m_grid, bands, o);
        return p;
    }

  private Q_SLOTS:
    void initTestCase() {
        m_dir = fs::temp_directory_path() / ("soilscope_engine_" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    void cleanupTestCase() { fs::remove_all(m_dir); }

    void seriesTimesFromBandDescriptions() {
        auto layer = LayerSource::open("rain", writeRain(), "", "series");
        QCOMPARE(layer->times().size(), std::size_t(24));
        QCOMPARE(layer->times()[1], makeTime(2020, 5, 1, 18));
        QCOMPARE(*layer->nearestBand(makeTime(2020, 5, 2, 7), std::chrono::hours(2)), 3);
        QVERIFY(!layer->nearestBand(makeTime(2020, 6, 1), std::chrono::hours(2)));
        QVERIFY_THROWS_EXCEPTION(
            Error,
            LayerSource::open("dem", fs::path(SOILSCOPE_SHARED_DATA) / "rasters" / "elev.tif", "",
                              "series"));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 LayerSource::open("x", m_dir / "missing.tif", "", "raster"));
    }

    void aSuffixNamesTheBandOfAStaticRaster() {
        // One static file with three named bands: each role reads its own band (issue 20, 3).
        geo::GeoTiffOptions o;
        o.bandDescriptions = {"elevation", "sand", "clay"};
        std::vector<std::vector<float>> bands;
        for (float v : {120.0f, 0.4f, 0.2f})
            bands.push_back(std::vector<float>(30, v));
        const fs::path statics = m_dir / "statics.tif";
        geo::writeGeoTiff(statics, m_grid, bands, o);
        const geo::Window all{0, 0, 6, 5};
        QCOMPARE(LayerSource::open("sand", statics, "sand", "auto")->read(1, all)[0], 0.4f);
        QCOMPARE(LayerSource::open("clay", statics, "CLAY", "auto")->read(1, all)[0], 0.2f);
        QCOMPARE(LayerSource::open("dem", statics, "1", "auto")->read(1, all)[0], 120.0f);
        try {
            LayerSource::open("silt", statics, "silt", "auto");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("no band 'silt' (bands: 1 elevation, 2 sand, 3 "
                                                "clay"),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, LayerSource::open("x", statics, "4", "auto"));
    }

    void antecedentPlanesMatchTheSeriesFunctions() {
        LayerCatalog cat;
        auto layer = LayerSource::open("rain", writeRain(), "", "series");
        cat.add("rain", layer);
        const std::string js = R"([
          {"name": "P3", "kind": "antecedent", "role": "rain", "days": 3, "statistic": "sum"},
          {"name": "P5m", "kind": "antecedent", "role": "rain", "days": 5, "statistic": "mean", "include_current": false, "max_missing_days": 1},
          {"name": "CDD", "kind": "dry_days", "role": "rain", "threshold": 0.1},
          {"name": "doy", "kind": "calendar", "quantity": "doy_cos"},
          {"name": "lon", "kind": "location", "quantity": "lon_sin"}])";
        PredictorEngine engine(parsePredictors(nlohmann::json::parse(js), "/predictors"), cat,
                               m_grid, "rain");
        const TimePoint date = makeTime(2020, 5, 9, 12);
        const auto planes = engine.evaluate({0, 0, 6, 5}, date);
        QCOMPARE(planes.size(), std::size_t(5));
        for (std::size_t px : {std::size_t(0), std::size_t(3), std::size_t(17)}) {
            series::TimeSeries s;
            for (int b = 1; b <= 24; ++b)
                s.push(layer->times()[std::size_t(b - 1)], layer->read(b, {0, 0, 6, 5})[px]);
            AntecedentWindow w3{3, true, AntecedentStatistic::Sum, 0};
            AntecedentWindow w5{5, false, AntecedentStatistic::Mean, 1};
            const double s3 = antecedentStatistic(s, {date}, w3)[0];
            QVERIFY2((std::isnan(s3) && std::isnan(planes[0][px])) ||
                         std::abs(planes[0][px] - s3) < 1e-4,
                     qPrintable(QString("%1 vs %2").arg(planes[0][px]).arg(s3)));
            const double m5 = antecedentStatistic(s, {date}, w5)[0];
            QVERIFY(std::isnan(m5) == std::isnan(planes[1][px]));
            if (!std::isnan(m5))
                QVERIFY(std::abs(planes[1][px] - m5) < 1e-4);
            QCOMPARE(double(planes[2][px]), consecutiveDryDays(s, {date})[0]);
        }
        QCOMPARE(planes[2][0], 0.0f); // 9 May is wet
        QVERIFY(std::abs(planes[3][0] - std::cos(2 * M_PI * 130.5 / 365.25)) < 1e-5);
        QVERIFY(planes[4][0] < 0); // UTM 30N near 3°W: negative sine
        // dry days on 12 May (dry) = 1, on 8 May (dry) = 1
        QCOMPARE(engine.evaluate(2, {0, 0, 6, 5}, makeTime(2020, 5, 12))[0], 1.0f);
    }

    void swiPlaneIsTheExponentialFilterOfThePixel() {
        LayerCatalog cat;
        auto layer = LayerSource::open("ssm", writeRain(), "", "series");
        cat.add("ssm", layer);
        PredictorEngine engine(
            parsePredictors(nlohmann::json::parse(
                                R"([{"name": "SWI2", "kind": "swi", "role": "ssm", "t_days": 2}])"),
                            "/predictors"),
            cat, m_grid, "ssm");
        const TimePoint date = makeTime(2020, 5, 9, 12);
        const auto plane = engine.evaluate({0, 0, 6, 5}, date)[0];
        for (std::size_t px : {std::size_t(0), std::size_t(3), std::size_t(17)}) {
            series::TimeSeries s; // the bands of the 10 days (5 T) before the date
            for (int b = 1; b <= 24; ++b) {
                const TimePoint t = layer->times()[std::size_t(b - 1)];
                const double v = layer->read(b, {0, 0, 6, 5})[px];
                if (t <= date && t >= date - std::chrono::days(10) && std::isfinite(v))
                    s.push(t, v);
            }
            QVERIFY(!s.empty());
            QVERIFY(std::abs(plane[px] - series::exponentialFilter(s, 2.0).values.back()) < 1e-5);
        }
        QVERIFY_THROWS_EXCEPTION(
            Error,
            parsePredictors(nlohmann::json::parse(
                                R"([{"name": "S", "kind": "swi", "role": "ssm", "t_days": 0}])"),
                            "/predictors"));
    }

    void terrainFromTheOlindaDem() {
        const fs::path dem = fs::path(SOILSCOPE_SHARED_DATA) / "rasters" / "olinda_dem_utm25s.tif";
        if (!fs::exists(dem))
            QSKIP("shared DEM olinda_dem_utm25s.tif is missing");
        LayerCatalog cat;
        auto layer = LayerSource::open("dem", dem, "", "raster");
        cat.add("dem", layer);
        const std::string js =
            R"([{"name": "slope", "kind": "terrain", "role": "dem", "quantity": "slope"},
            {"name": "as", "kind": "terrain", "role": "dem", "quantity": "aspect_sin"},
            {"name": "ac", "kind": "terrain", "role": "dem", "quantity": "aspect_cos"}])";
        PredictorEngine engine(parsePredictors(nlohmann::json::parse(js), "/p"), cat, layer->grid(),
                               "dem");
        QCOMPARE(engine.halo(), 1);
        const geo::Window full{0, 0, layer->grid().width(), layer->grid().height()};
        const auto whole = engine.evaluate(full, TimePoint{});
        // a block evaluated on its own equals the same pixels of the whole (the halo works)
        const geo::Window block{40, 30, 20, 25};
        const auto part = engine.evaluate(block, TimePoint{});
        for (int r = 0; r < block.height; ++r)
            for (int c = 0; c < block.width; ++c)
                for (int k = 0; k < 3; ++k) {
                    const float a = part[std::size_t(k)][std::size_t(r * block.width + c)];
                    const float b = whole[std::size_t(k)]
                                         [std::size_t((r + block.y0) * full.width + c + block.x0)];
                    QVERIFY((std::isnan(a) && std::isnan(b)) || std::abs(a - b) < 1e-5);
                }
        double maxSlope = 0;
        for (const float s : whole[0])
            if (std::isfinite(s))
                maxSlope = std::max(maxSlope, double(s));
        QVERIFY(maxSlope > 0.5 && maxSlope < 60);
        for (std::size_t i = 0; i < whole[1].size(); ++i)
            if (std::isfinite(whole[1][i]))
                QVERIFY(std::abs(whole[1][i] * whole[1][i] + whole[2][i] * whole[2][i] - 1) <
                            1e-4 ||
                        (whole[1][i] == 0 && whole[2][i] == 0));
    }

    void mismatchedGridsAreRejectedNamingBothLayers() {
        LayerCatalog cat;
        cat.add("rain", LayerSource::open("rain", writeRain(), "", "series"));
        const fs::path elev = fs::path(SOILSCOPE_SHARED_DATA) / "rasters" / "elev.tif";
        if (!fs::exists(elev))
            QSKIP("shared elev.tif is missing");
        cat.add("dem", LayerSource::open("dem", elev, "", "raster"));
        const auto preds = parsePredictors(
            nlohmann::json::parse(
                R"([{"name": "e", "kind": "terrain", "role": "dem", "quantity": "elevation"}])"),
            "/p");
        try {
            PredictorEngine engine(preds, cat, m_grid, "rain");
            QFAIL("a layer on another grid was accepted");
        } catch (const Error& e) {
            const std::string m = e.message();
            QVERIFY2(m.find("'dem'") != std::string::npos && m.find("'rain'") != std::string::npos,
                     m.c_str());
        }
    }

    void indexFromOneBandLayersPerSpectralRole() {
        // red and nir stored apart (as in CF files with one variable per band), two dates each
        auto write = [&](const std::string& name, float base) {
            std::vector<std::vector<float>> bands;
            geo::GeoTiffOptions o;
            for (int d : {1, 2}) {
                std::vector<float> b(30);
                for (int i = 0; i < 30; ++i)
                    b[std::size_t(i)] = base * float(d) + 0.001f * float(i);
                bands.push_back(b);
                o.bandDescriptions.push_back(formatIsoTime(makeTime(2020, 5, unsigned(d), 10)));
            }
            const fs::path p = m_dir / (name + ".tif");
            geo::writeGeoTiff(p, m_grid, bands, o);
            return p;
        };
        LayerCatalog cat;
        cat.add("b04", LayerSource::open("b04", write("b04", 0.05f), "", "series"));
        cat.add("b08", LayerSource::open("b08", write("b08", 0.2f), "", "series"));
        const auto preds = parsePredictors(nlohmann::json::parse(R"([
            {"name": "NDVI", "kind": "index", "index": "NDVI", "sensor": "sentinel2", "reflectance_scale": 1,
             "band_layers": {"red": "b04", "nir": "b08"}, "temporal": {"method": "exact"}}])"),
                                           "/p");
        QCOMPARE(preds[0].roles(),
                 (std::vector<std::string>{"b08", "b04"})); // nir, red: by spectral role
        const auto again = parsePredictors(predictorsToJson(preds), "/p");
        QCOMPARE(predictorsToJson(again).dump(), predictorsToJson(preds).dump());
        PredictorEngine engine(preds, cat, m_grid, "b04");
        const auto v = engine.evaluate(0, geo::Window{0, 0, 6, 5}, makeTime(2020, 5, 2, 10));
        for (int i = 0; i < 30; ++i) {
            const double red = 0.1 + 0.001 * i, nir = 0.4 + 0.001 * i;
            QVERIFY(std::abs(v[std::size_t(i)] - (nir - red) / (nir + red)) < 1e-5);
        }
        // a missing spectral role is named
        try {
            parsePredictors(
                nlohmann::json::parse(
                    R"([{"name": "EVI", "kind": "index", "index": "EVI", "sensor": "sentinel2",
                                                       "band_layers": {"red": "b04", "nir": "b08"}}])"),
                "/p");
            QFAIL("EVI without a blue layer was accepted");
        } catch (const Error& e) {
            QVERIFY2(e.message().find("/p/0/band_layers") == 0 &&
                         e.message().find("blue") != std::string::npos,
                     e.message().c_str());
        }
    }

    void predictorSpecErrorsNameTheJsonPath() {
        const auto bad = [](const char* js) {
            try {
                parsePredictors(nlohmann::json::parse(js), "/predictors");
            } catch (const Error& e) {
                return e.message();
            }
            return std::string("accepted");
        };
        QVERIFY(bad(R"([{"name": "a", "kind": "antecedent", "role": "r", "days": "3"}])")
                    .find("/predictors/0/days") == 0);
        QVERIFY(
            bad(R"([{"name": "a", "kind": "index", "role": "r", "index": "NDXI", "sensor": "sentinel2"}])")
                .find("/predictors/0/index") == 0);
        QVERIFY(bad(R"([{"name": "a", "role": "r"}, {"name": "a", "role": "r"}])")
                    .find("/predictors/1/name") == 0);
        QVERIFY(bad(R"([{"name": "a", "role": "r", "dayz": 3}])").find("/predictors/0/dayz") == 0);
        QVERIFY(bad(R"([{"name": "a", "kind": "incidence", "role": "s1"}])")
                    .find("/predictors/0/angle_role") == 0);
        QVERIFY(bad(R"([{"name": "a", "role": "r", "normaliser": {"kind": "fixed_minmax"}}])")
                    .find("/predictors/0/normaliser/bounds") == 0);
        // round trip
        const auto specs = parsePredictors(nlohmann::json::parse(R"([
            {"name": "VV", "kind": "incidence", "role": "s1", "angle_role": "theta", "method": "linear", "parameter": 0.15,
             "transforms": [{"op": "clip", "min": -30, "max": 5}], "normaliser": {"kind": "fixed_minmax", "bounds": [-30, 5]}},
            {"name": "NDVI", "kind": "index", "role": "s2", "index": "NDVI", "sensor": "sentinel2", "bands": {"nir": "B8A"},
             "temporal": {"method": "linear", "max_gap": "30d"}, "reflectance_scale": 0.0001},
            {"name": "ssoil", "kind": "wcm_soil", "role": "s1", "angle_deg": 40, "v2_role": "ndvi", "vwc_from_ndvi": [0, 1.9], "A": 0.02}])"),
                                           "/p");
        const auto again = parsePredictors(predictorsToJson(specs), "/p");
        QCOMPARE(predictorsToJson(again).dump(), predictorsToJson(specs).dump());
        QCOMPARE(again[1].temporal.maxGap, std::chrono::seconds(30 * 86400));
        QCOMPARE(again[1].roleBands.at("nir"), std::string("B8A"));
        QCOMPARE(again[2].roles(), (std::vector<std::string>{"s1", "ndvi"}));
    }
};

QTEST_APPLESS_MAIN(TestPredictorEngine)
#include "test_predictor_engine.moc"
