// The training monitor: one curve per loss or error metric (the learning rate and timings are
// not drawn on the loss axis), validation curves dashed, replotted at most every 100 ms.
#include "widgets/qcp.h"
#include "widgets/training_monitor.h"

#include <QTest>

using namespace soilscope;

class TestTrainingMonitor : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void drawsLossesNotBookkeeping() {
        widgets::TrainingMonitor monitor;
        monitor.reset(QStringLiteral("run"));
        for (int epoch = 1; epoch <= 5; ++epoch) {
            monitor.addMetric(epoch, QStringLiteral("train_loss"), 1.0 / epoch);
            monitor.addMetric(epoch, QStringLiteral("val_loss"), 1.2 / epoch);
            monitor.addMetric(epoch, QStringLiteral("lr"), 1e-3);
            monitor.addMetric(epoch, QStringLiteral("seconds"), 0.2);
        }
        QCOMPARE(monitor.pointCount(QStringLiteral("train_loss")), 5);
        QTRY_COMPARE(monitor.plot()->graphCount(), 2);
        QStringList names;
        for (int i = 0; i < monitor.plot()->graphCount(); ++i)
            names << monitor.plot()->graph(i)->name();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("train_loss"), QStringLiteral("val_loss")}));
        QCOMPARE(monitor.plot()->graph(1)->pen().style(), Qt::DashLine);
        QCOMPARE(monitor.plot()->graph(0)->dataCount(), 5);
        monitor.finish(QStringLiteral("mlp: test r = 0.9"));
        QVERIFY(monitor.placeholder().isEmpty());
        monitor.reset(QStringLiteral("next"));
        QCOMPARE(monitor.plot()->graphCount(), 0);
    }

    void saysWhenAModelHasNoCurves() {
        widgets::TrainingMonitor monitor;
        monitor.reset(QStringLiteral("forest"));
        monitor.finish(QStringLiteral("random_forest: test r = 0.94"));
        QVERIFY(!monitor.placeholder().isEmpty());
        QCOMPARE(monitor.plot()->itemCount(), 1);
        monitor.reset(QStringLiteral("again"));
        QVERIFY(monitor.placeholder().isEmpty());
    }
};

QTEST_MAIN(TestTrainingMonitor)
#include "test_training_monitor.moc"
