// ParameterForm: a form generated from a Task's ParameterSpec list round-trips values,
// hides sub-trees whose enabledWhen does not hold and reports invalid input.
#include "widgets/parameter_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace soilscope;

class TestParameterForm : public QObject {
    Q_OBJECT
  private:
    static std::vector<soilscope::ParameterSpec> specs() {
        auto input = soilscope::pathParam("input", "input raster");
        input.fileFilter = "Rasters (*.tif)";
        auto hidden = soilscope::intParam("model.lstm.hidden", "hidden units", 64, 1, 4096);
        hidden.enabledWhen = "model=lstm|gru";
        auto trees = soilscope::intParam("model.forest.trees", "trees", 100, 1, 10000);
        trees.enabledWhen = "model=forest";
        auto lr = soilscope::doubleParam("learning-rate", "learning rate", 0.001, 1e-6, 1.0);
        lr.advanced = true;
        return {input,
                soilscope::choiceParam("model", "family", {"lstm", "gru", "forest"}, "lstm"),
                hidden,
                trees,
                lr,
                soilscope::optionalDoubleParam("depth-max", "deepest sensor (m)"),
                soilscope::boolParam("quick", "short run"),
                soilscope::stringParam("window", "matching window", "1h"),
                soilscope::listParam("flags", "accepted flags", "G")};
    }

  private Q_SLOTS:
    void roundTripsValues() {
        widgets::ParameterForm form;
        form.setSpecs(specs(), QStringLiteral("Run"));
        const std::map<std::string, std::string> in{
            {"input", "/data/a.tif"},  {"model", "gru"},     {"model.lstm.hidden", "128"},
            {"learning-rate", "0.05"}, {"depth-max", "0.1"}, {"quick", "true"},
            {"window", "30min"},       {"flags", "G,U"}};
        form.setValues(in);
        const auto out = form.values();
        QCOMPARE(out, in); // trees is hidden (model=gru), so it is not passed
        QVERIFY(form.validationError().isEmpty());
    }

    void defaultsFillTheForm() {
        widgets::ParameterForm form;
        form.setSpecs(specs());
        const auto out = form.values();
        QCOMPARE(out.at("model"), std::string("lstm"));
        QCOMPARE(out.at("model.lstm.hidden"), std::string("64"));
        QCOMPARE(out.at("quick"), std::string("false"));
        QCOMPARE(out.at("window"), std::string("1h"));
        QVERIFY(!out.count("depth-max")); // optional without default: not passed until enabled
        QVERIFY(!out.count("model.forest.trees"));
        QVERIFY(!out.count("input")); // empty path
    }

    void aChoiceWithoutDefaultStaysUnset() {
        // --device of train has no default (the project's /training/device decides): the form
        // must not pass the first choice for it.
        widgets::ParameterForm form;
        form.setSpecs({soilscope::deviceParam("where to train")});
        QVERIFY(!form.values().count("device"));
        form.setValues({{"device", "cpu"}});
        QCOMPARE(form.values().at("device"), std::string("cpu"));
        auto* combo = qobject_cast<QComboBox*>(form.field("device"));
        QVERIFY(combo);
        combo->setCurrentIndex(0);
        QVERIFY(!form.values().count("device"));
    }

    void enabledWhenFollowsTheChoice() {
        widgets::ParameterForm form;
        form.setSpecs(specs());
        auto* model = qobject_cast<QComboBox*>(form.field("model"));
        QVERIFY(model);
        QVERIFY(form.isActive("model.lstm.hidden"));
        QVERIFY(!form.isActive("model.forest.trees"));
        model->setCurrentText(QStringLiteral("forest"));
        QVERIFY(!form.isActive("model.lstm.hidden"));
        QVERIFY(form.isActive("model.forest.trees"));
        QCOMPARE(form.values().at("model.forest.trees"), std::string("100"));
    }

    void rangesComeFromTheSpec() {
        widgets::ParameterForm form;
        form.setSpecs(specs());
        auto* hidden = qobject_cast<QSpinBox*>(form.field("model.lstm.hidden"));
        QVERIFY(hidden);
        QCOMPARE(hidden->minimum(), 1);
        QCOMPARE(hidden->maximum(), 4096);
        auto* lr = qobject_cast<QDoubleSpinBox*>(form.field("learning-rate"));
        QVERIFY(lr);
        QCOMPARE(lr->maximum(), 1.0);
    }

    void runIsRefusedWithoutRequiredValues() {
        widgets::ParameterForm form;
        form.setSpecs(specs(), QStringLiteral("Run"));
        int runs = 0;
        std::map<std::string, std::string> values;
        connect(&form, &widgets::ParameterForm::runRequested, this,
                [&](const std::map<std::string, std::string>& v) {
                    ++runs;
                    values = v;
                });
        QVERIFY(form.validationError().contains(QStringLiteral("input")));
        auto* button = form.findChild<QPushButton*>();
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(runs, 0);
        qobject_cast<QLineEdit*>(form.field("input"))->setText(QStringLiteral("/tmp/x.tif"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(runs, 1);
        QCOMPARE(values.at("input"), std::string("/tmp/x.tif"));
    }

    void inputPathsOfferTheMapLayers() {
        // As QGIS Processing offers the project's layers: the arrow of an input path's browse
        // button lists the map's layers; choosing one fills the field. Outputs offer none.
        widgets::ParameterForm form;
        form.setSpecs({soilscope::pathParam("input", "input raster"),
                       soilscope::outputParam("out", "output raster")});
        QMenu* menu = form.layerMenu("input");
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 1);
        QVERIFY(!menu->actions().front()->isEnabled()); // "No layer on the map"
        form.setLayerPaths({{QStringLiteral("elevation"), QStringLiteral("/data/dem.tif")},
                            {QStringLiteral("ismn"), QStringLiteral("/data/ismn.zip")}});
        menu = form.layerMenu("input");
        QList<QAction*> layers;
        for (QAction* a : menu->actions())
            if (!a->isSeparator())
                layers << a;
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers.at(1)->text(), QStringLiteral("ismn"));
        layers.at(1)->trigger();
        QCOMPARE(form.values().at("input"), std::string("/data/ismn.zip"));
        QVERIFY(form.layerMenu("input")->actions().last()->isChecked());
        QVERIFY(!form.layerMenu("out"));
    }

    void pathListsAddLayersToTheList() {
        // The products of a validation: "+" appends a map layer (once), a file or a folder.
        widgets::ParameterForm form;
        form.setSpecs({soilscope::pathListParam("products", "the candidates")});
        form.setLayerPaths({{QStringLiteral("CCI"), QStringLiteral("/data/cci")},
                            {QStringLiteral("ERA5"), QStringLiteral("/data/era5.nc")}});
        const auto layerAction = [&](const QString& name) -> QAction* {
            for (QAction* a : form.layerMenu("products")->actions())
                if (a->text() == name)
                    return a;
            return nullptr;
        };
        QVERIFY(layerAction(QStringLiteral("ERA5")));
        layerAction(QStringLiteral("ERA5"))->trigger();
        layerAction(QStringLiteral("CCI"))->trigger();
        layerAction(QStringLiteral("ERA5"))->trigger();
        QCOMPARE(form.values().at("products"), std::string("/data/era5.nc,/data/cci"));
        QVERIFY(layerAction(QStringLiteral("CCI"))->isChecked());
        QVERIFY(layerAction(QStringLiteral("File\u2026")));
        QVERIFY(layerAction(QStringLiteral("Folder\u2026")));
    }
};

QTEST_MAIN(TestParameterForm)
#include "test_parameter_form.moc"
