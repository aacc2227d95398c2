// Units parsed and converted with UDUNITS-2; percentages are never taken for volumetric
// fractions.
#include "base/error.h"
#include "base/units.h"

#include <QtTest>

using namespace soilscope;

class TestUnits : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void convertsBetweenCompatibleUnits() {
        auto c = units::conversion("K", "degC");
        QCOMPARE(c.apply(273.15), 0.0);
        c = units::conversion("m", "mm");
        QCOMPARE(c.apply(0.0123), 12.3);
        c = units::conversion("kg m-2 s-1", "mm h-1"); // water: 1 kg m-2 = 1 mm
        QVERIFY(std::abs(c.apply(1.0) - 3600.0) < 1e-9);
        QVERIFY(std::abs(units::conversion("mm", "kg m-2").apply(2.0) - 2.0) < 1e-12);
        QVERIFY(units::conversion("m3 m-3", "m^3/m^3").identity());
        QVERIFY(units::convertible("K", "degC"));
        QVERIFY(!units::convertible("K", "m"));
    }

    void refusesWhatItCannotConvertNamingBoth() {
        try {
            units::conversion("K", "m");
            QFAIL("no error");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("'K'") && m.contains("'m'"), qPrintable(m));
        }
        QVERIFY(!units::parses("furlongs per fortnight of soil"));
        QVERIFY(!units::parses(""));
    }

    void percentagesAndVolumetricFractions() {
        QVERIFY(units::isPercent("%"));
        QVERIFY(units::isPercent("percent"));
        QVERIFY(!units::isPercent("m3 m-3"));
        QVERIFY(units::isVolumetric("m3 m-3"));
        QVERIFY(units::isVolumetric("m^3/m^3"));
        QVERIFY(units::isVolumetric("cm3/cm3"));
        QVERIFY(!units::isVolumetric("%"));
        QVERIFY(!units::isVolumetric("K"));
        QVERIFY(units::isVolumetric("m**3 m**-3"));  // ERA5's swvl1
        QVERIFY(units::isVolumetric("cm**3/cm**3")); // SMAP
        QVERIFY(!units::isVolumetric("kg/kg"));      // specific humidity: a mass fraction
        QVERIFY(!units::isVolumetric("kg kg-1"));
        QCOMPARE(QString::fromStdString(units::display("kg/kg")), QStringLiteral("kg/kg"));
        QCOMPARE(QString::fromStdString(units::display("m3 m-3")), QStringLiteral("m³ m⁻³"));
        QCOMPARE(QString::fromStdString(units::display("degC")), QStringLiteral("°C"));
    }
};

QTEST_APPLESS_MAIN(TestUnits)
#include "test_units.moc"
