#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace billing {

// Time and ids are injected so that tests can fix them.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() override { return QDateTime::currentMSecsSinceEpoch(); }
};

class IdSource
{
public:
    virtual ~IdSource() = default;
    virtual QString newId() = 0;
};

class RandomIds final : public IdSource
{
public:
    QString newId() override { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
};

} // namespace billing
