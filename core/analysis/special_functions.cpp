#include "analysis/special_functions.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace soilscope::analysis {

namespace {

namespace bp = boost::math::policies;
// Invalid arguments give NaN/inf instead of exceptions; doubles are not promoted to long double.
using Policy = bp::policy<bp::domain_error<bp::ignore_error>, bp::overflow_error<bp::ignore_error>,
                          bp::evaluation_error<bp::ignore_error>, bp::pole_error<bp::ignore_error>,
                          bp::promote_double<false>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;
using ChiSquared = boost::math::chi_squared_distribution<double, Policy>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool badProbability(double p) {
    return !(p > 0.0 && p < 1.0);
}
bool badDof(double dof) {
    return !(dof > 0.0) || !std::isfinite(dof);
}

} // namespace

double normalCdf(double z) {
    if (std::isnan(z))
        return kNaN;
    if (std::isinf(z))
        return z > 0 ? 1.0 : 0.0;
    return boost::math::cdf(Normal{}, z);
}

double normalQuantile(double p) {
    if (badProbability(p))
        return kNaN;
    return boost::math::quantile(Normal{}, p);
}

double normalTwoSidedP(double z) {
    if (std::isnan(z))
        return kNaN;
    if (std::isinf(z))
        return 0.0;
    return 2.0 * boost::math::cdf(boost::math::complement(Normal{}, std::fabs(z)));
}

double studentTCdf(double t, double dof) {
    if (std::isnan(t) || badDof(dof))
        return kNaN;
    if (std::isinf(t))
        return t > 0 ? 1.0 : 0.0;
    return boost::math::cdf(StudentT{dof}, t);
}

double studentTQuantile(double p, double dof) {
    if (badProbability(p) || badDof(dof))
        return kNaN;
    return boost::math::quantile(StudentT{dof}, p);
}

double studentTTwoSidedP(double t, double dof) {
    if (std::isnan(t) || badDof(dof))
        return kNaN;
    if (std::isinf(t))
        return 0.0;
    return 2.0 * boost::math::cdf(boost::math::complement(StudentT{dof}, std::fabs(t)));
}

double chiSquaredCdf(double x, double dof) {
    if (std::isnan(x) || badDof(dof))
        return kNaN;
    if (x <= 0.0)
        return 0.0;
    if (std::isinf(x))
        return 1.0;
    return boost::math::cdf(ChiSquared{dof}, x);
}

double chiSquaredQuantile(double p, double dof) {
    if (badProbability(p) || badDof(dof))
        return kNaN;
    return boost::math::quantile(ChiSquared{dof}, p);
}

} // namespace soilscope::analysis
