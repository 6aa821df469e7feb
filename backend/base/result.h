#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace cityops {

/// A recoverable failure: a sentence a person can act on ("city file is not a GeoPackage: ...").
struct Error {
    QString message;
};

/// Value-or-error for recoverable failures (files, payloads, arguments). Exceptions never cross module
/// boundaries; callers must look at the result before using the value.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    T *operator->() { return &std::get<T>(m_data); }

    /// The failure's message; empty on success (so it can be passed along unconditionally, e.g. to QVERIFY2).
    const QString &error() const
    {
        static const QString none;
        return ok() ? none : std::get<Error>(m_data).message;
    }

private:
    std::variant<T, Error> m_data;
};

/// Result for operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(const QString &message) { return Error{message}; }

} // namespace cityops
