#pragma once
#include <stdexcept>
#include <string>

namespace soilscope {

/// A user-facing error: a readable message plus where it happened (file, line, layer...).
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, std::string context = {});
    /// The message without the context, as given.
    const std::string& message() const { return m_message; }
    /// The file (and line) or object the error is about; may be empty.
    const std::string& context() const { return m_context; }

  private:
    std::string m_message;
    std::string m_context;
};

/// Bad command-line usage or parameter values (CLI exit code 2).
class UsageError : public Error {
  public:
    using Error::Error;
};

/// Thrown by Feedback::throwIfCanceled(); the task runner turns it into a Canceled outcome.
class CanceledError : public std::runtime_error {
  public:
    CanceledError() : std::runtime_error("canceled") {}
};

} // namespace soilscope
