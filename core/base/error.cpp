#include "base/error.h"

namespace soilscope {

namespace {
std::string compose(const std::string& message, const std::string& context) {
    return context.empty() ? message : context + ": " + message;
}
} // namespace

Error::Error(const std::string& message, std::string context)
    : std::runtime_error(compose(message, context)), m_message(message),
      m_context(std::move(context)) {}

} // namespace soilscope
