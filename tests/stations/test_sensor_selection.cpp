// ISMN selection by land cover (ESA CCI 2010 codes), Köppen–Geiger climate, instrument and soil
// properties, on the real COSMOS files whose static variables carry them (ARM-1: 130 Grassland,
// Cfa, clay 23 %; Barrow-ARM: 210 Water, ET, clay 18 %).
#include "base/error.h"
#include "stations/ismn_archive.h"
#include "stations/sensor_selection.h"

#include "ismn_test_support.h"

#include <QtTest>

#include <set>

using namespace soilscope;
using namespace soilscope::stations;

namespace {
std::set<std::string> stationsOf(const IsmnArchive& archive, const SensorSelection& sel) {
    std::set<std::string> out;
    for (const auto& ref : archive.select(sel))
        out.insert(archive.station(ref).name);
    return out;
}
} // namespace

class TestSensorSelection : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void selectsBySiteMetadata() {
        ISMN_REQUIRE_DATA();
        const auto archive = IsmnArchive::open(ismn_test::path(ismn_test::kCosmosFolder));
        SensorSelection sel;
        QCOMPARE(stationsOf(archive, sel).size(), std::size_t(2));
        sel.landCover = {130};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"ARM-1"}));
        sel.landCover = {210};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"Barrow-ARM"}));
        sel.landCover = {10, 60};
        QVERIFY(stationsOf(archive, sel).empty());

        sel = {};
        sel.climate = {"C"};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"ARM-1"}));
        sel.climate = {"Cfb", "ET"};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"Barrow-ARM"}));

        sel = {};
        sel.staticConditions = {StaticCondition::parse("clay fraction >= 20")};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"ARM-1"}));
        sel.staticConditions = {StaticCondition::parse("clay fraction<20")};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"Barrow-ARM"}));
        sel.staticConditions = {StaticCondition::parse("bulk density > 1")}; // not in the files
        QVERIFY(stationsOf(archive, sel).empty());

        sel = {};
        sel.instrument = "cosmic-ray";
        QCOMPARE(stationsOf(archive, sel).size(), std::size_t(2));
        sel.instrument = "TDR";
        QVERIFY(stationsOf(archive, sel).empty());
        sel = {};
        sel.stations = {"Barrow-ARM", "nowhere"};
        QCOMPARE(stationsOf(archive, sel), (std::set<std::string>{"Barrow-ARM"}));

        const auto& arm = archive.station(archive.select(SensorSelection{})[0]);
        const auto* lc = landCover2010(arm);
        QVERIFY(lc && lc->source == "CCI_landcover_2010");
    }

    void landCoverClassesTakeTheirSubclasses() {
        Station st;
        st.staticVariables.push_back({"land cover classification", "", NAN, NAN, "62", 62.0,
                                      "Tree cover, broadleaved, deciduous, open (15-40%)",
                                      "CCI_landcover_2010"});
        Network net;
        Sensor sensor;
        SensorSelection sel;
        sel.landCover = {60};
        QVERIFY(sel.matches(net, st, sensor));
        sel.landCover = {61};
        QVERIFY(!sel.matches(net, st, sensor));
    }

    void badConditionsAreRefused() {
        for (const char* text : {"clay fraction", ">= 20", "clay fraction >= many"})
            QVERIFY_THROWS_EXCEPTION(UsageError, StaticCondition::parse(text));
    }
};

QTEST_APPLESS_MAIN(TestSensorSelection)
#include "test_sensor_selection.moc"
