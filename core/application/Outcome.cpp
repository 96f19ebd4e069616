#include "Outcome.h"

namespace billing {

QString Outcome::kindName() const
{
    switch (kind) {
    case Kind::Completed:
        return QStringLiteral("completed");
    case Kind::Rejected:
        return QStringLiteral("rejected");
    case Kind::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

} // namespace billing
