#include "training/fold.h"

#include "features/dataset_builder.h"

namespace soilscope::training {

NormalisedData normaliseOnTraining(const features::Dataset& data, const features::Normaliser& blank,
                                   const std::vector<std::size_t>& trainIndices) {
    NormalisedData n{blank, data};
    n.normaliser.fit(data, trainIndices);
    n.normaliser.apply(n.data);
    features::fillMissing(n.data, 0.0f);
    return n;
}

Evaluation FoldModel::evaluate(const features::Dataset& data,
                               const std::vector<std::size_t>& indices,
                               const std::vector<std::string>& scopes) const {
    const features::Dataset part = data.subset(indices);
    return training::evaluate(training.model.predict(part.x.data(), part.sampleCount()), part,
                              scopes);
}

FoldModel trainFold(const models::ModelSpec& spec, const TrainSettings& settings,
                    const features::Dataset& data, const Split& split, Feedback& feedback,
                    FoldReports reports) {
    const features::Dataset trainSet = data.subset(split.train);
    const features::Dataset stopSet = data.subset(split.validation);
    const features::Dataset* stop = split.validation.empty() ? nullptr : &stopSet;
    if (reports == FoldReports::Forward)
        return {train(spec, settings, trainSet, stop, feedback)};
    FeedbackSlice quiet(feedback, 0, 100, FeedbackSlice::Reports::Quiet);
    return {train(spec, settings, trainSet, stop, quiet)};
}

} // namespace soilscope::training
