#pragma once

#include "CliProcess.h"
#include "ServeProcess.h"

#include <memory>

#include <QStringList>

namespace billing::test {

// billing-cli processes on one distributed ledger: a Kafka broker and a PostgreSQL database,
// with the topic prefix in BILLING_KAFKA_TOPIC_PREFIX (inherited by every process started).
class DistributedCli
{
public:
    DistributedCli(QString bootstrap, QString projectionsUrl);

    // A fresh ledger on the same servers: new topics, emptied projections.
    bool startLedger(const QString &topicPrefix);
    CliRun run(const QStringList &arguments, int timeoutMs = 120000) const;
    QProcess *start(const QStringList &arguments, QObject *parent) const;
    // Shortcuts that return the new account's id (empty on failure).
    QString createAccount(const QString &type) const;
    bool topup(const QString &account, const QString &from, const QString &amount) const;
    // An import file of `rows` rows keyed "w<writer>-r<row>": top-ups from `bank` and transfers
    // among `users`, so that every writer touches every hot account.
    static bool writeImport(const QString &path, int writer, int rows, const QStringList &users,
                            const QString &bank);
    // Every event as `billing-cli events` prints it.
    QList<QJsonObject> events() const;
    // A `billing-cli serve` on this ledger (the prefix in the environment now).
    std::unique_ptr<ServeProcess> startServe() const;
    QStringList withStore(const QStringList &arguments) const;

private:
    QString m_bootstrap;
    QString m_projectionsUrl;
};

} // namespace billing::test
