#pragma once

#include "application/Clock.h"
#include "application/LedgerService.h"
#include "infrastructure/EmbeddedStorage.h"

#include <QTemporaryDir>

#include <memory>

namespace billing::test {

// Fixed time: every command is issued at the same instant unless a test moves it.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 nowMs = 1765281600000) // 2025-12-09T12:00:00.000Z
        : m_nowMs(nowMs)
    {}
    qint64 nowMs() override { return m_nowMs; }
    void advance(qint64 ms) { m_nowMs += ms; }

private:
    qint64 m_nowMs;
};

// Readable, repeatable ids: "<prefix>-1", "<prefix>-2", ...
class SequentialIds final : public IdSource
{
public:
    explicit SequentialIds(QString prefix = QStringLiteral("id"))
        : m_prefix(std::move(prefix))
    {}
    QString newId() override { return m_prefix + u'-' + QString::number(++m_next); }

private:
    QString m_prefix;
    qint64 m_next = 0;
};

// A real SQLite ledger file in a temporary folder, with a service over it.
class TestLedger
{
public:
    explicit TestLedger(const QString &path = {},
                        SqliteDatabase::Durability durability = SqliteDatabase::Durability::Full);

    LedgerService &service() { return *m_service; }
    EmbeddedStorage &storage() { return *m_storage; }
    const LedgerState &state() const { return m_service->state(); }
    QString path() const { return m_path; }
    FixedClock &clock() { return m_clock; }

    // Shortcuts that assert the command completed and return the new id.
    QString createAccount(AccountType type, const QString &currency, const QString &owner = {});
    QString userAccount(const QString &currency = QStringLiteral("USD"));
    QString fund(const QString &userAccountId, const QString &amount);

    Outcome run(CommandBody body, const QString &key = {});
    Outcome topup(const QString &account, const QString &from, const QString &amount,
                  const QString &key = {});
    Outcome withdraw(const QString &account, const QString &to, const QString &amount);
    Outcome transfer(const QString &from, const QString &to, const QString &amount,
                     const QString &key = {});
    Outcome pay(const QString &account, const QString &to, const QString &amount);
    Outcome refund(const QString &payment, const QString &amount, const QString &key = {});

    // The external account per currency that shortcuts fund from, created on first use.
    QString externalAccount(const QString &currency);
    qint64 eventCount();

    static Money money(const QString &text);

private:
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock;
    SequentialIds m_ids;
    std::unique_ptr<EmbeddedStorage> m_storage;
    std::unique_ptr<LedgerService> m_service;
    QHash<QString, QString> m_externals;
};

} // namespace billing::test
