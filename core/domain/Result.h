#pragma once

#include "Invariant.h"

#include <QString>

#include <utility>
#include <variant>

namespace billing {

// A business or input failure: a stable code for programs, an English detail for logs, and the
// input field at fault. The UI turns codes into translated text.
struct Error
{
    QString code;
    QString message;
    QString field;
    qint64 position = 0; // the event the error is about, when it is about one
};

// Errors that callers must handle are return values, not exceptions.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_state.index() == 0; }
    const T &value() const
    {
        BILLING_ASSERT(ok());
        return std::get<0>(m_state);
    }
    T &value()
    {
        BILLING_ASSERT(ok());
        return std::get<0>(m_state);
    }
    const Error &error() const
    {
        BILLING_ASSERT(!ok());
        return std::get<1>(m_state);
    }

private:
    std::variant<T, Error> m_state;
};

struct Done
{};
using Status = Result<Done>;

} // namespace billing
