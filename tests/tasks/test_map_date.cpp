// The default date of a training run's map: the latest sample date at which every predictor has
// data (a spline predictor has none after its last observation, so the last sample date can give
// an all-nodata map).
#include "tasks/map_date.h"

#include <QTest>

#include <cmath>

using namespace soilscope;

namespace {
features::Dataset tabular(const std::vector<std::vector<float>>& rows,
                          const std::vector<int>& days) {
    features::Dataset d;
    d.featureShape = {std::int64_t(rows.front().size())};
    d.targetShape = {1};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        d.x.insert(d.x.end(), rows[i].begin(), rows[i].end());
        d.y.push_back(0.2f);
        d.targetMask.push_back(1);
        d.groups.date.push_back(makeTime(2019, 12, days[i]));
    }
    return d;
}
} // namespace

class TestMapDate : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void skipsDatesWithAMissingPredictor() {
        const float nan = std::nanf("");
        const auto d = tabular({{1, 2}, {1, nan}, {3, 4}, {nan, nan}}, {20, 31, 22, 30});
        QCOMPARE(tasks::defaultMapDate(d, makeTime(2019, 12, 31)), makeTime(2019, 12, 22));
    }
    void imagesNeedAValueInEveryChannel() {
        const float nan = std::nanf("");
        features::Dataset d;
        d.featureShape = {2, 1, 2};
        d.x = {1, nan, nan, 2, /* sample 2: channel 1 empty */ 1, 1, nan, nan};
        d.y = {0, 0, 0, 0};
        d.targetShape = {1, 2};
        d.groups.date = {makeTime(2019, 1, 1), makeTime(2019, 2, 1)};
        QCOMPARE(tasks::defaultMapDate(d, makeTime(2020, 1, 1)), makeTime(2019, 1, 1));
    }
    void fallsBackWithoutACompleteSample() {
        const float nan = std::nanf("");
        const auto d = tabular({{nan, 1}}, {5});
        QCOMPARE(tasks::defaultMapDate(d, makeTime(2019, 12, 31)), makeTime(2019, 12, 31));
        features::Dataset empty;
        QCOMPARE(tasks::defaultMapDate(empty, makeTime(2019, 12, 31)), makeTime(2019, 12, 31));
    }
};

QTEST_APPLESS_MAIN(TestMapDate)
#include "test_map_date.moc"
